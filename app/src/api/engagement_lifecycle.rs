//! Server functions of an engagement's life: opening one for a newly selected site
//! (administrators), recording a phase's actual dates and closing an engagement (staff). Each
//! calls one use case, which checks role and record and parses the form.

use contract::forms::{CloseEngagementForm, OpenEngagementForm, PhaseDatesForm};
use leptos::prelude::*;

/// Opens an engagement from the templates of its kind and answers its id.
#[server(endpoint = "engagements/open")]
pub async fn open_engagement(form: OpenEngagementForm) -> Result<i32, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::open_engagement(&db, &actor, &form, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// Records when a phase actually started and finished.
#[server(endpoint = "engagements/phases/record")]
pub async fn record_phase_dates(form: PhaseDatesForm) -> Result<String, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::record_phase_dates(&db, &actor, &form, chrono::Utc::now())
        .await
        .map_err(to_server_error)?;
    Ok("The phase's dates are saved.".to_owned())
}

/// Closes an engagement, cancelling or keeping its sessions still ahead as chosen.
#[server(endpoint = "engagements/close")]
pub async fn close_engagement(form: CloseEngagementForm) -> Result<String, ServerFnError> {
    use super::context::{database, notify_settings, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let cancelled = service::engagements::close_engagement(
        &db,
        &actor,
        &form,
        &notify_settings()?,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)?;
    Ok(match cancelled {
        0 => "The engagement is closed.".to_owned(),
        1 => "The engagement is closed and its one session ahead cancelled; the provider and the site are told.".to_owned(),
        n => format!("The engagement is closed and its {n} sessions ahead cancelled; the provider and the site are told."),
    })
}
