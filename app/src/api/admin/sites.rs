//! Server functions of `/admin/sites` and `/admin/sites/{id}`: the sites, creating and editing
//! one, and its blackout dates. Administrators only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The site form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SiteFields {
    pub name: String,
    pub state: String,
    pub time_zone: String,
    pub engagement_type: String,
    pub region: String,
}

/// One site in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteRowView {
    pub id: i32,
    pub name: String,
    pub state: String,
    pub time_zone: String,
    pub engagement_type: String,
    pub region: String,
}

/// One blackout date of a site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlackoutView {
    pub id: i32,
    /// `Fri 24 Dec 2027`.
    pub date: String,
    pub iso_date: String,
    pub reason: String,
}

/// What `/admin/sites/{id}` shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteDetailView {
    pub id: i32,
    pub fields: SiteFields,
    /// Today on the site's calendar (`YYYY-MM-DD`), the earliest date a blackout may take.
    pub today: String,
    pub blackouts: Vec<BlackoutView>,
}

/// `(value, label)` of the Census regions.
pub const REGIONS: [(&str, &str); 4] = [
    ("northeast", "Northeast"),
    ("midwest", "Midwest"),
    ("south", "South"),
    ("west", "West"),
];

#[cfg(feature = "ssr")]
fn form(fields: SiteFields) -> service::admin::sites::SiteForm {
    service::admin::sites::SiteForm {
        name: fields.name,
        state: fields.state,
        time_zone: fields.time_zone,
        engagement_type: fields.engagement_type,
        region: fields.region,
    }
}

/// Every site, by name.
#[server(endpoint = "admin/sites")]
pub async fn admin_sites() -> Result<Vec<SiteRowView>, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    Ok(service::admin::sites::all_sites(&db, &actor)
        .await
        .map_err(to_server_error)?
        .into_iter()
        .map(|s| SiteRowView {
            id: s.id,
            name: s.name,
            state: s.state,
            time_zone: s.time_zone,
            engagement_type: s.engagement_type,
            region: s.region,
        })
        .collect())
}

/// Creates a site and goes to its page.
#[server(endpoint = "admin/sites/create")]
pub async fn create_site(form: SiteFields) -> Result<i32, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    let id = service::admin::sites::create_site(&db, &actor, &client_info(), &self::form(form))
        .await
        .map_err(to_server_error)?;
    leptos_axum::redirect(&format!("/admin/sites/{id}?created=1"));
    Ok(id)
}

/// One site with its blackout dates.
#[server(endpoint = "admin/sites/detail")]
pub async fn admin_site(id: i32) -> Result<SiteDetailView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let detail = service::admin::sites::site_detail(&db, &actor, id)
        .await
        .map_err(to_server_error)?;
    let site = detail.site;
    Ok(SiteDetailView {
        id,
        fields: SiteFields {
            name: site.name,
            state: site.state,
            time_zone: site.time_zone,
            engagement_type: site.engagement_type,
            region: site.region,
        },
        today: detail.today.format("%Y-%m-%d").to_string(),
        blackouts: detail
            .blackouts
            .into_iter()
            .map(|b| BlackoutView {
                id: b.id,
                date: b.date.format("%a %-d %b %Y").to_string(),
                iso_date: b.date.format("%Y-%m-%d").to_string(),
                reason: b.reason,
            })
            .collect(),
    })
}

/// Saves the site's fields.
#[server(endpoint = "admin/sites/update")]
pub async fn update_site(id: i32, form: SiteFields) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    let site =
        service::admin::sites::update_site(&db, &actor, &client_info(), id, &self::form(form))
            .await
            .map_err(to_server_error)?;
    Ok(format!("{} is saved.", site.label()))
}

/// Adds a blackout date (`YYYY-MM-DD`) with its reason to site `id`.
#[server(endpoint = "admin/sites/blackout/add")]
pub async fn add_blackout(id: i32, date: String, reason: String) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    let blackout = service::admin::blackouts::add_blackout(
        &db,
        &actor,
        &client_info(),
        id,
        &date,
        &reason,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)?;
    Ok(format!(
        "{} is a blackout date now: no session will be planned at this site that day.",
        blackout.date.format("%a %-d %b %Y")
    ))
}

/// Removes blackout `blackout_id` of site `id`.
#[server(endpoint = "admin/sites/blackout/remove")]
pub async fn remove_blackout(id: i32, blackout_id: i32) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::admin::blackouts::remove_blackout(&db, &actor, &client_info(), id, blackout_id)
        .await
        .map_err(to_server_error)?;
    Ok("The blackout date is removed.".to_owned())
}
