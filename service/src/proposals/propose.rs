//! The coordinator's "send to this provider": the request's series placed by the engine now, with
//! the coordinator's moves applied, offered to a provider the ranking still finds eligible. The
//! times are computed here, never taken from the browser: a move names an occurrence and the
//! start of a slot the engine offers for it, and is refused otherwise.

use chrono::{DateTime, Utc};

use super::send::book_proposal;
use crate::access::{Actor, STAFF};
use crate::engine::{PlanMove, plan_adjusted, rank_candidates};
use crate::notify::NotifySettings;
use crate::{Database, ServiceError};

/// Sends request `request_id` to `provider_id` with the series the engine places at `now` and
/// the coordinator's `moves` (`occurrence@unix-seconds`, comma-separated) applied; returns the
/// proposal. Coordinators and administrators only. Refused: a provider the ranking no longer
/// finds eligible, or a series with an occurrence that cannot be placed (400).
pub async fn propose(
    db: &Database,
    actor: &Actor,
    request_id: i32,
    provider_id: i32,
    moves: &str,
    notify: &NotifySettings,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    actor.require(STAFF)?;
    let moves = PlanMove::parse_list(moves)?;
    let ranked = rank_candidates(db, request_id, now).await?;
    let Some(candidate) = ranked
        .ranking
        .eligible
        .iter()
        .find(|p| p.provider.0 == i64::from(provider_id))
    else {
        return Err(ServiceError::Invalid(
            "This provider is not eligible for the request any more; reload the candidates."
                .to_owned(),
        ));
    };
    let plan = plan_adjusted(db, request_id, provider_id, &moves, now).await?;
    if !plan.is_complete() {
        return Err(ServiceError::Invalid(format!(
            "{} of {} sessions cannot be placed with this provider; move them to one of the \
             offered times, choose another provider or return the request to the site.",
            plan.occurrences.len() - plan.placed(),
            plan.occurrences.len()
        )));
    }
    let breakdown = serde_json::to_string(&candidate.breakdown)
        .map_err(|e| ServiceError::Internal(format!("score breakdown: {e}")))?;
    book_proposal(
        db,
        request_id,
        provider_id,
        &plan.proposed(),
        candidate.breakdown.score,
        breakdown,
        Some(actor.id()),
        notify,
    )
    .await
}
