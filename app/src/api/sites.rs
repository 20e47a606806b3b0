//! Server functions about sites.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One row of the site list, as the browser receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteRow {
    pub id: i32,
    pub name: String,
    pub state: String,
    /// IANA zone name, e.g. `America/Indiana/Indianapolis`.
    pub zone: String,
    /// The site's wall-clock time when the server answered, e.g. `14:05:09 CST`.
    pub local_time: String,
}

/// Sites whose name, state or time zone contains `search` (case-insensitive).
///
/// Public (no role guard): the home page, open to anyone, lists the sites. It returns only
/// public facts of the programme (name, state, time zone, local time); see the README's
/// "Public server functions, and why".
#[server(endpoint = "sites/list")]
pub async fn list_sites(search: String) -> Result<Vec<SiteRow>, ServerFnError> {
    use super::context::{database, to_server_error};
    use service::sites::{SiteSearch, list_sites};
    use service::zone::ClockLabel;

    let search = SiteSearch::parse(&search).map_err(to_server_error)?;
    let db = database()?;
    let sites = list_sites(&db, &search).await.map_err(to_server_error)?;
    Ok(sites
        .into_iter()
        .map(|site| SiteRow {
            id: site.id,
            local_time: site.zone.clock_label_now(),
            zone: site.zone.name().to_owned(),
            name: site.name,
            state: site.state,
        })
        .collect())
}
