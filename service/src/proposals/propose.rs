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
    let moves = PlanMove::parse_list(moves).map_err(|error| error.on_field("moves"))?;
    let ranked = rank_candidates(db, request_id, now).await?;
    let Some(candidate) = ranked
        .ranking
        .eligible
        .iter()
        .find(|p| p.provider.0 == i64::from(provider_id))
    else {
        return Err(ServiceError::field(
            "provider_id",
            "This provider is not eligible for the request any more; reload the candidates.",
        ));
    };
    let plan = plan_adjusted(db, actor, request_id, provider_id, &moves, now).await?;
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

/// One row of a batch send and how it went.
#[derive(Debug)]
pub struct BatchRowOutcome {
    pub request_id: i32,
    pub title: String,
    /// The proposal sent, or why this row was refused (other rows are unaffected).
    pub outcome: Result<i32, ServiceError>,
}

/// Sends the proposals of `pairs` (`request:provider`, comma-separated), each on its own as
/// [`propose`] does (two rows that would double-book one provider: the second is refused with
/// the reason); returns every row's outcome. Coordinators and administrators only; a malformed
/// or empty list is refused as a whole (400).
pub async fn propose_batch(
    db: &Database,
    actor: &Actor,
    pairs: &str,
    notify: &NotifySettings,
    now: DateTime<Utc>,
) -> Result<Vec<BatchRowOutcome>, ServiceError> {
    actor.require(STAFF)?;
    let parsed = parse_pairs(pairs)?;
    let mut rows = Vec::with_capacity(parsed.len());
    for (request_id, provider_id) in parsed {
        let outcome = propose(db, actor, request_id, provider_id, "", notify, now).await;
        let title = match crate::requests::request_view(db, request_id).await {
            Ok(view) => view.request.title,
            Err(_) => format!("Request #{request_id}"),
        };
        rows.push(BatchRowOutcome {
            request_id,
            title,
            outcome,
        });
    }
    Ok(rows)
}

/// `request:provider` pairs, comma-separated; at least one.
fn parse_pairs(text: &str) -> Result<Vec<(i32, i32)>, ServiceError> {
    let parsed: Vec<(i32, i32)> = text
        .split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (request, provider) = p.split_once(':')?;
            Some((request.trim().parse().ok()?, provider.trim().parse().ok()?))
        })
        .collect::<Option<_>>()
        .ok_or_else(|| {
            ServiceError::field(
                "pairs",
                "The list of proposals is malformed: give request:provider pairs of ids, \
                 separated by commas.",
            )
        })?;
    if parsed.is_empty() {
        return Err(ServiceError::Invalid(
            "Tick at least one row to send.".to_owned(),
        ));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_read_or_refused_whole() {
        assert_eq!(parse_pairs("3:7, 4:8,").ok(), Some(vec![(3, 7), (4, 8)]));
        assert!(matches!(parse_pairs(""), Err(ServiceError::Invalid(m)) if m.contains("Tick")));
        assert!(parse_pairs("3:x").is_err_and(|e| e.to_string()
            == "pairs: The list of proposals is \
                malformed: give request:provider pairs of ids, separated by commas."));
    }
}
