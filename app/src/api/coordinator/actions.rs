//! The coordinator's brokering actions. Each returns nothing on success; the page reloads what
//! changed. Failures carry a message for the person (e.g. "conflicts with session #12 …").

use leptos::prelude::*;

/// Sends the request to `provider_id` with the series the engine places now (the times are
/// computed here, never taken from the browser). Unplaceable occurrences are refused.
#[server(endpoint = "coordinator/send_proposal")]
pub async fn send_proposal(id: i32, provider_id: i32) -> Result<(), ServerFnError> {
    use crate::api::guard::require;
    use crate::api::server::{database, notify_settings, to_server_error};
    use service::ServiceError;
    use service::accounts::Role;
    use service::engine::{plan_series, rank_candidates};
    use service::proposals::ProposedOccurrence;

    let user = require(&[Role::Coordinator, Role::Admin])?;
    let db = database()?;
    let now = chrono::Utc::now();
    let ranked = rank_candidates(&db, id, now)
        .await
        .map_err(to_server_error)?;
    let Some(candidate) = ranked
        .ranking
        .eligible
        .iter()
        .find(|p| p.provider.0 == i64::from(provider_id))
    else {
        return Err(to_server_error(ServiceError::Invalid(
            "This provider is not eligible for the request any more; reload the candidates."
                .to_owned(),
        )));
    };
    let (plan, _, _) = plan_series(&db, id, provider_id, now)
        .await
        .map_err(to_server_error)?;
    if !plan.is_complete() {
        return Err(to_server_error(ServiceError::Invalid(format!(
            "{} of {} sessions cannot be placed with this provider; choose another provider or \
             return the request to the site.",
            plan.occurrences.len() - plan.placed().count(),
            plan.occurrences.len()
        ))));
    }
    let occurrences: Vec<ProposedOccurrence> = plan
        .occurrences
        .iter()
        .filter_map(|o| {
            o.slot().map(|slot| ProposedOccurrence {
                occurrence: i32::try_from(o.index).unwrap_or(i32::MAX),
                starts_at: slot.start(),
                ends_at: slot.end(),
            })
        })
        .collect();
    let breakdown = serde_json::to_string(&candidate.breakdown)
        .map_err(|e| to_server_error(ServiceError::Internal(e.to_string())))?;
    service::proposals::send_proposal(
        &db,
        id,
        provider_id,
        &occurrences,
        candidate.breakdown.score,
        breakdown,
        Some(user.id),
        &notify_settings()?,
    )
    .await
    .map_err(to_server_error)?;
    Ok(())
}

/// Approves a proposal the provider accepted: every session confirmed at once.
#[server(endpoint = "coordinator/approve")]
pub async fn approve_proposal(proposal_id: i32) -> Result<(), ServerFnError> {
    use crate::api::guard::require;
    use crate::api::server::{database, notify_settings, to_server_error};
    use service::accounts::Role;

    let user = require(&[Role::Coordinator, Role::Admin])?;
    let db = database()?;
    service::proposals::approve_proposal(&db, proposal_id, user.id, &notify_settings()?)
        .await
        .map_err(to_server_error)?;
    Ok(())
}

/// Withdraws a proposal: the provider's time is released, the request goes back to matching,
/// and the provider is told.
#[server(endpoint = "coordinator/withdraw")]
pub async fn withdraw_proposal(proposal_id: i32, reason: String) -> Result<(), ServerFnError> {
    use crate::api::guard::require;
    use crate::api::server::{database, notify_settings, to_server_error};
    use service::accounts::Role;

    let user = require(&[Role::Coordinator, Role::Admin])?;
    let db = database()?;
    service::proposals::withdraw_proposal(&db, proposal_id, user.id, &reason, &notify_settings()?)
        .await
        .map_err(to_server_error)?;
    Ok(())
}

/// Returns the request to the site (`return`) or rejects it (`reject`), with a reason; the
/// site's contacts are told why.
#[server(endpoint = "coordinator/close")]
pub async fn return_or_reject(
    id: i32,
    decision: String,
    reason: String,
) -> Result<(), ServerFnError> {
    use crate::api::guard::require;
    use crate::api::server::{database, notify_settings, to_server_error};
    use service::ServiceError;
    use service::accounts::Role;
    use service::notify::Closing;

    let user = require(&[Role::Coordinator, Role::Admin])?;
    let closing = match decision.as_str() {
        "return" => Closing::Returned,
        "reject" => Closing::Rejected,
        _ => {
            return Err(to_server_error(ServiceError::Invalid(
                "Choose return or reject.".to_owned(),
            )));
        }
    };
    let db = database()?;
    service::requests::close_request(&db, id, closing, user.id, &reason, &notify_settings()?)
        .await
        .map_err(to_server_error)?;
    Ok(())
}

/// Moves one session to `date` (`YYYY-MM-DD`) at `time` (`HH:MM`) on the site's wall clock,
/// keeping its length.
#[server(endpoint = "coordinator/reschedule")]
pub async fn reschedule_session(
    session_id: i32,
    date: String,
    time: String,
) -> Result<(), ServerFnError> {
    use crate::api::guard::require;
    use crate::api::server::{database, notify_settings, to_server_error};
    use chrono::{NaiveDate, NaiveTime};
    use service::ServiceError;
    use service::accounts::Role;
    use service::zone::TimeZone;

    let user = require(&[Role::Coordinator, Role::Admin])?;
    let db = database()?;
    let session = service::access::visible_session(&db, &user, session_id)
        .await
        .map_err(to_server_error)?;
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
        to_server_error(ServiceError::Invalid(
            "Enter the new date as YYYY-MM-DD.".to_owned(),
        ))
    })?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M").map_err(|_| {
        to_server_error(ServiceError::Invalid(
            "Enter the new start time as HH:MM (24-hour).".to_owned(),
        ))
    })?;
    let site_zone = TimeZone::parse(&session.anchor_zone)
        .map_err(|e| to_server_error(ServiceError::Internal(e.to_string())))?;
    let (starts_at, resolution) = site_zone.resolve(date.and_time(time));
    if !matches!(resolution, scheduling::Resolution::Exact) {
        return Err(to_server_error(ServiceError::Invalid(format!(
            "{} {} does not exist once on the site's clock (daylight-saving change); choose \
             another time.",
            date,
            time.format("%H:%M")
        ))));
    }
    let length = session.ends_at - session.starts_at;
    service::sessions::reschedule_session(
        &db,
        session_id,
        starts_at,
        starts_at + length,
        &notify_settings()?,
    )
    .await
    .map_err(to_server_error)?;
    Ok(())
}

/// Cancels one session (`one`) or it and every later one of its series (`rest`).
#[server(endpoint = "coordinator/cancel")]
pub async fn cancel_sessions(session_id: i32, scope: String) -> Result<(), ServerFnError> {
    use crate::api::guard::require;
    use crate::api::server::{database, notify_settings, to_server_error};
    use service::ServiceError;
    use service::accounts::Role;

    let user = require(&[Role::Coordinator, Role::Admin])?;
    let db = database()?;
    let session = service::access::visible_session(&db, &user, session_id)
        .await
        .map_err(to_server_error)?;
    match scope.as_str() {
        "one" => {
            service::sessions::cancel_session(&db, session_id, &notify_settings()?)
                .await
                .map_err(to_server_error)?;
        }
        "rest" => {
            service::sessions::cancel_rest_of_series(
                &db,
                session.request_id,
                session.occurrence,
                &notify_settings()?,
            )
            .await
            .map_err(to_server_error)?;
        }
        _ => {
            return Err(to_server_error(ServiceError::Invalid(
                "Choose one session or the rest of the series.".to_owned(),
            )));
        }
    }
    Ok(())
}
