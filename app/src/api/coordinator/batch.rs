//! Batch matching: every open request assigned at once (exact optimum under each provider's
//! capacity), then the proposals of the rows the coordinator keeps sent in one action.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchRowView {
    pub request_id: i32,
    pub title: String,
    pub site: String,
    pub provider_id: i32,
    pub provider: String,
    pub score_percent: u32,
    /// The strongest parts of the score, in words.
    pub why: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnassignedView {
    pub request_id: i32,
    pub title: String,
    pub site: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchView {
    pub rows: Vec<BatchRowView>,
    pub unassigned: Vec<UnassignedView>,
    pub total_score: f64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchOutcome {
    pub request_id: i32,
    pub title: String,
    pub sent: bool,
    pub message: String,
}

/// The optimal assignment of every open request.
#[server(endpoint = "coordinator/batch")]
pub async fn coordinator_batch() -> Result<BatchView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;
    use service::engine::batch_assignment;
    use std::collections::HashMap;

    let actor = acting_person()?;
    let db = database()?;
    let batch = batch_assignment(&db, &actor, chrono::Utc::now())
        .await
        .map_err(to_server_error)?;
    let mut sites = HashMap::new();
    for request in &batch.requests {
        if let std::collections::hash_map::Entry::Vacant(slot) = sites.entry(request.site_id) {
            slot.insert(
                service::sites::site_name(&db, request.site_id)
                    .await
                    .map_err(to_server_error)?,
            );
        }
    }
    let request_of = |id: i64| batch.requests.iter().find(|r| i64::from(r.id) == id);
    let rows = batch
        .assignment
        .assigned
        .iter()
        .filter_map(|pair| {
            let request = request_of(pair.request.0)?;
            let ranked = batch
                .rankings
                .iter()
                .find(|r| r.request == pair.request)?
                .eligible
                .iter()
                .find(|p| p.provider == pair.provider)?;
            let mut parts = ranked.breakdown.parts.clone();
            parts.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
            Some(BatchRowView {
                request_id: request.id,
                title: request.title.clone(),
                site: sites.get(&request.site_id).cloned().unwrap_or_default(),
                provider_id: i32::try_from(pair.provider.0).ok()?,
                provider: ranked.name.clone(),
                score_percent: (pair.score * 100.0).round() as u32,
                why: parts
                    .iter()
                    .take(2)
                    .map(|p| p.explanation.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            })
        })
        .collect();
    let unassigned = batch
        .assignment
        .unassigned
        .iter()
        .filter_map(|u| {
            let request = request_of(u.request.0)?;
            Some(UnassignedView {
                request_id: request.id,
                title: request.title.clone(),
                site: sites.get(&request.site_id).cloned().unwrap_or_default(),
                reason: u.reason.to_string(),
            })
        })
        .collect();
    Ok(BatchView {
        rows,
        unassigned,
        total_score: batch.assignment.total_score,
    })
}

/// Sends the proposals of the kept rows, `pairs` = `request:provider,request:provider,…`. Each
/// row succeeds or fails on its own (e.g. two rows that would double-book one provider: the
/// second is refused with the reason); the outcome of every row is returned.
#[server(endpoint = "coordinator/batch_send")]
pub async fn send_batch(pairs: String) -> Result<Vec<BatchOutcome>, ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let rows = service::proposals::propose_batch(
        &db,
        &actor,
        &pairs,
        &notify_settings()?,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)?;
    Ok(rows
        .into_iter()
        .map(|row| BatchOutcome {
            request_id: row.request_id,
            title: row.title,
            sent: row.outcome.is_ok(),
            message: match row.outcome {
                Ok(_) => "Proposal sent.".to_owned(),
                Err(error) => error.public_message().unwrap_or_else(|| {
                    tracing::error!(%error, "batch row failed");
                    "Something went wrong on our side. Please try again in a moment.".to_owned()
                }),
            },
        })
        .collect())
}
