//! The semiannual TTA report's printable summary (coordinators and administrators).

use contract::views::tta_report::TtaReportView;
use leptos::prelude::*;

/// The summary over `from..=to` (`YYYY-MM-DD`; both empty: the current half year).
#[server(endpoint = "coordinator/tta_report")]
pub async fn coordinator_tta_report(
    from: String,
    to: String,
) -> Result<TtaReportView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::reports::tta::tta_report_page(&db, &actor, &from, &to)
        .await
        .map_err(to_server_error)
}
