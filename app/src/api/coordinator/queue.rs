//! The coordinator's queue.

use leptos::prelude::*;

use super::views::QueueView;

/// The waiting requests, filtered; each filter is empty for "any".
#[server(endpoint = "coordinator/queue")]
pub async fn coordinator_queue(
    status: String,
    site: String,
    topic: String,
    engagement: String,
    min_age_days: String,
) -> Result<QueueView, ServerFnError> {
    use super::views::{Choice, OpenChangeView, QueueRowView, StatusCountView};
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;
    use service::ServiceError;
    use service::intake::EngagementType;
    use service::requests::{QUEUE_LIMIT, QueueFilter, queue};
    use service::status::RequestStatus;

    let actor = acting_person()?;
    let invalid =
        |what: &str| to_server_error(ServiceError::Invalid(format!("Unknown {what} filter.")));
    let number = |text: &str, what: &str| -> Result<Option<i32>, ServerFnError> {
        let text = text.trim();
        if text.is_empty() {
            Ok(None)
        } else {
            text.parse().map(Some).map_err(|_| invalid(what))
        }
    };
    let filter = QueueFilter {
        status: match status.trim() {
            "" => None,
            s => Some(RequestStatus::parse(s).map_err(|_| invalid("status"))?),
        },
        site_id: number(&site, "site")?,
        topic_id: number(&topic, "topic")?,
        engagement_type: match engagement.trim() {
            "" => None,
            e => Some(EngagementType::parse(e).ok_or_else(|| invalid("engagement type"))?),
        },
        min_age_days: match number(&min_age_days, "age")? {
            None => None,
            Some(days) => Some(u32::try_from(days).map_err(|_| {
                to_server_error(ServiceError::Invalid(
                    "The age filter is a number of days, 0 or more.".to_owned(),
                ))
            })?),
        },
    };
    let db = database()?;
    let now = chrono::Utc::now();
    let queue = queue(&db, &actor, &filter, now)
        .await
        .map_err(to_server_error)?;
    let zone = super::user_zone(actor.user())?;
    let asks = service::change_requests::open_asks(&db)
        .await
        .map_err(to_server_error)?;
    let open_changes = |request_id: i32| {
        u32::try_from(
            asks.iter()
                .filter(|a| a.ask.request_id == request_id)
                .count(),
        )
        .unwrap_or(u32::MAX)
    };
    let sites = service::sites::list_sites(&db, &service::sites::SiteSearch::default())
        .await
        .map_err(to_server_error)?
        .into_iter()
        .map(|s| Choice {
            value: s.id.to_string(),
            label: format!("{}, {}", s.name, s.state),
        })
        .collect();
    let topics = service::topics::list_topics(&db)
        .await
        .map_err(to_server_error)?
        .into_iter()
        .map(|t| Choice {
            value: t.id.to_string(),
            label: t.name,
        })
        .collect();
    Ok(QueueView {
        rows: queue
            .rows
            .into_iter()
            .map(|r| QueueRowView {
                id: r.id,
                title: r.title,
                site: r.site_name,
                status: r.status.as_str().to_owned(),
                status_label: crate::api::coordinator::status_label(r.status.as_str()).to_owned(),
                topics: r.topics.join(", "),
                series: format!(
                    "{} × {} ({})",
                    r.session_count,
                    r.cadence,
                    r.modality.replace('_', "-")
                ),
                submitted: service::timefmt::instant(r.created_at, zone),
                age_days: r.age_days,
                open_changes: open_changes(r.id),
            })
            .collect(),
        total: queue.total,
        limit: QUEUE_LIMIT,
        counts: queue
            .counts
            .into_iter()
            .map(|(status, count)| StatusCountView {
                status: status.as_str().to_owned(),
                label: crate::api::coordinator::status_label(status.as_str()).to_owned(),
                count,
            })
            .collect(),
        sites,
        topics,
        changes: asks
            .iter()
            .map(|a| OpenChangeView {
                id: a.ask.id,
                request_id: a.ask.request_id,
                request_title: a.request_title.clone(),
                site: a.site_name.clone(),
                session: a.occurrence,
                what: service::change_requests::ChangeKind::parse(&a.ask.kind)
                    .map(|k| k.label().to_owned())
                    .unwrap_or_default(),
                reason: a.ask.reason.clone(),
                asked: service::timefmt::instant(a.ask.created_at, zone),
                age_days: (now - a.ask.created_at).num_days().max(0),
            })
            .collect(),
    })
}

/// A request status as coordinators say it.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "submitted" => "Submitted",
        "matching" => "Matching",
        "proposed" => "Proposed to provider",
        "approved" => "Approved",
        "scheduled" => "Scheduled",
        "completed" => "Completed",
        "returned" => "Returned to site",
        "rejected" => "Rejected",
        "cancelled" => "Cancelled",
        _ => "Unknown",
    }
}
