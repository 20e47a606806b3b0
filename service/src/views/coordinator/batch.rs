//! Batch matching as the coordinator sees it: every open request assigned at once (the exact
//! optimum under each provider's capacity) with the reasons for the rest, and the outcome of
//! sending the kept rows' proposals. Coordinators and administrators only.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use contract::views::coordinator::{BatchOutcome, BatchRowView, BatchView, UnassignedView};

use super::candidates::percent;
use crate::access::Actor;
use crate::engine::batch_assignment;
use crate::notify::NotifySettings;
use crate::{Database, ServiceError};

/// The optimal assignment of every open request, in words.
pub async fn batch_page(
    db: &Database,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<BatchView, ServiceError> {
    let batch = batch_assignment(db, actor, now).await?;
    let mut sites = HashMap::new();
    for request in &batch.requests {
        if let std::collections::hash_map::Entry::Vacant(slot) = sites.entry(request.site_id) {
            slot.insert(crate::sites::site_name(db, request.site_id).await?);
        }
    }
    let request_of = |id: i64| batch.requests.iter().find(|r| i64::from(r.id) == id);
    let rows: Vec<BatchRowView> = batch
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
                score_percent: percent(pair.score),
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
        average_score_percent: average_percent(&rows),
        rows,
        unassigned,
    })
}

/// Sends the proposals of the kept rows (`request:provider,…`); each row succeeds or fails on
/// its own and says which, in words the coordinator may read.
pub async fn send_batch(
    db: &Database,
    actor: &Actor,
    pairs: &str,
    notify: &NotifySettings,
    now: DateTime<Utc>,
) -> Result<Vec<BatchOutcome>, ServiceError> {
    let rows = crate::proposals::propose_batch(db, actor, pairs, notify, now).await?;
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

/// The average of the kept rows' scores, on the same 0–100 scale as each row (0 with no rows).
fn average_percent(rows: &[BatchRowView]) -> u32 {
    let count = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    if count == 0 {
        return 0;
    }
    let sum: u32 = rows.iter().map(|r| r.score_percent).sum();
    (sum + count / 2) / count
}

#[cfg(test)]
mod tests {
    use contract::views::coordinator::BatchRowView;

    fn row(score_percent: u32) -> BatchRowView {
        BatchRowView {
            request_id: 1,
            title: String::new(),
            site: String::new(),
            provider_id: 1,
            provider: String::new(),
            score_percent,
            why: String::new(),
        }
    }

    #[test]
    fn the_average_reads_on_the_rows_scale() {
        assert_eq!(super::average_percent(&[row(90), row(91)]), 91);
        assert_eq!(super::average_percent(&[row(80)]), 80);
        assert_eq!(super::average_percent(&[]), 0);
    }
}
