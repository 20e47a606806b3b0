//! The coordinator's queue page: the waiting requests filtered as typed in the address bar, the
//! count per status, the filters' choices and every site's open asks to change a session.

use chrono::{DateTime, Utc};
use contract::views::coordinator::{
    OpenChangeView, QueueRowView, QueueView, StatusCountView, WaitingCountView,
};
use contract::views::home::WaitingOn;
use contract::views::paging::PageLinks;

use crate::access::{Actor, STAFF};
use crate::change_requests::ChangeKind;
use crate::intake::EngagementType;
use crate::requests::{QUEUE_PAGE, QueueFilter, QueueNames, QueuePage, queue_named};
use crate::status::RequestStatus;
use crate::timefmt::instant;
use crate::{Database, ServiceError};

/// The queue's filters as typed (the page's query string); each is empty for "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueQuery {
    pub status: String,
    pub site: String,
    pub topic: String,
    pub engagement: String,
    pub min_age_days: String,
    /// What the requests wait on for the coordinators (`accepted`, `declined`,
    /// `change-asked`): the queue's "Waiting for you" counts as links.
    pub waiting: String,
    /// The page after this position (a row's [`QueuePosition::encode`]), or empty.
    pub after: String,
    /// The page before this position, or empty (`after` wins when both are given).
    pub before: String,
}

impl QueueQuery {
    /// The kind of waiting asked for, or 400 when the name is unknown.
    fn waiting_on(&self) -> Result<Option<WaitingOn>, ServiceError> {
        match self.waiting.trim() {
            "" => Ok(None),
            text => WaitingOn::parse(text)
                .map(Some)
                .ok_or_else(|| ServiceError::field("waiting", "Unknown waiting filter.")),
        }
    }

    /// The filter, or which filter names nothing (400).
    fn parse(&self) -> Result<QueueFilter, ServiceError> {
        // Each refusal names the query's field, e.g. `status: Unknown status filter.`
        let invalid =
            |field: &str, what: &str| ServiceError::field(field, format!("Unknown {what} filter."));
        let number = |text: &str, field: &str, what: &str| -> Result<Option<i32>, ServiceError> {
            match text.trim() {
                "" => Ok(None),
                text => text.parse().map(Some).map_err(|_| invalid(field, what)),
            }
        };
        Ok(QueueFilter {
            status: match self.status.trim() {
                "" => None,
                s => Some(RequestStatus::parse(s).map_err(|_| invalid("status", "status"))?),
            },
            site_id: number(&self.site, "site", "site")?,
            topic_id: number(&self.topic, "topic", "topic")?,
            engagement_type: match self.engagement.trim() {
                "" => None,
                e => Some(
                    EngagementType::parse(e)
                        .ok_or_else(|| invalid("engagement", "engagement type"))?,
                ),
            },
            min_age_days: match number(&self.min_age_days, "min_age_days", "age")? {
                None => None,
                Some(days) => Some(u32::try_from(days).map_err(|_| {
                    ServiceError::field(
                        "min_age_days",
                        "The age filter is a number of days, 0 or more.",
                    )
                })?),
            },
            request_ids: None,
            page: self.page()?,
        })
    }

    /// Which page, or which position is unreadable (400 naming `after` or `before`).
    fn page(&self) -> Result<QueuePage, ServiceError> {
        QueuePage::from_address(&self.after, &self.before, "queue")
    }
}

/// The queue page for `query` at `now`, times in the coordinator's zone. Coordinators and
/// administrators only; a filter that names nothing is refused (400).
///
/// What every view shows whatever its filters — the status counts, the filters' choices, what
/// waits for the coordinators and the open asks — comes from the database's
/// [`queue_cache`](super::queue_cache) (one statement while nothing it read has changed); the
/// page's rows and their topics are read for each view, and every age is computed at `now`.
pub async fn queue_page(
    db: &Database,
    actor: &Actor,
    query: &QueueQuery,
    now: DateTime<Utc>,
) -> Result<QueueView, ServiceError> {
    actor.require(STAFF)?;
    let mut filter = query.parse()?;
    let waiting_filter = query.waiting_on()?;
    let zone = super::super::reader_zone(actor)?;
    let shared = db.queue_cache().shared(db).await?;
    if let Some(kind) = waiting_filter {
        // The requests the count counted: each under its first kind (`waiting::by_request`).
        let mut ids: Vec<i32> = shared
            .waiting_on
            .iter()
            .filter(|(_, k)| **k == kind)
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
        filter.request_ids = Some(ids);
    }
    let queue = queue_named(
        db,
        &filter,
        now,
        &QueueNames {
            sites: &shared.site_names,
            topics: &shared.topic_names,
        },
        shared.counts.clone(),
    )
    .await?;
    Ok(QueueView {
        rows: queue
            .rows
            .into_iter()
            .map(|r| QueueRowView {
                open_changes: shared.open_changes.get(&r.id).copied().unwrap_or(0),
                waiting_on: shared.waiting_on.get(&r.id).copied(),
                id: r.id,
                title: r.title,
                site: r.site_name,
                status: r.status,
                topics: r.topics.join(", "),
                series: format!(
                    "{} × {} ({})",
                    r.session_count,
                    r.cadence,
                    r.modality.replace('_', "-")
                ),
                submitted: instant(r.created_at, zone),
                waiting: crate::timefmt::whole_days(r.age_days),
            })
            .collect(),
        pages: PageLinks {
            total: queue.total,
            page_size: QUEUE_PAGE,
            next: queue.next.map(|at| at.encode()),
            previous: queue.previous.map(|at| at.encode()),
        },
        counts: queue
            .counts
            .into_iter()
            .map(|(status, count)| StatusCountView { status, count })
            .collect(),
        sites: shared.site_choices.clone(),
        topics: shared.topic_choices.clone(),
        changes: shared
            .asks
            .iter()
            .map(|a| OpenChangeView {
                id: a.ask.id,
                request_id: a.ask.request_id,
                request_title: a.request_title.clone(),
                site: a.site_name.clone(),
                session: a.occurrence,
                what: ChangeKind::parse(&a.ask.kind)
                    .map(|k| k.label().to_owned())
                    .unwrap_or_default(),
                reason: a.ask.reason.clone(),
                asked: instant(a.ask.created_at, zone),
                waiting: crate::timefmt::whole_days((now - a.ask.created_at).num_days()),
            })
            .collect(),
        waiting: shared
            .waiting_counts
            .iter()
            .map(|&(waiting_on, count)| WaitingCountView { waiting_on, count })
            .collect(),
        waiting_filter,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::QueuePosition;

    #[test]
    fn empty_filters_mean_any_and_unknown_ones_are_named() {
        assert_eq!(
            QueueQuery::default().parse().unwrap(),
            QueueFilter::default()
        );
        let typed = QueueQuery {
            status: "matching".into(),
            site: " 3 ".into(),
            min_age_days: "7".into(),
            ..QueueQuery::default()
        };
        let filter = typed.parse().unwrap();
        assert_eq!(filter.status, Some(RequestStatus::Matching));
        assert_eq!((filter.site_id, filter.min_age_days), (Some(3), Some(7)));
        let bad = QueueQuery {
            status: "done".into(),
            ..QueueQuery::default()
        };
        assert!(matches!(bad.parse(), Err(ServiceError::InvalidFields(e))
                if e.message_for("status") == Some("Unknown status filter.")));
        let negative = QueueQuery {
            min_age_days: "-1".into(),
            ..QueueQuery::default()
        };
        assert!(
            matches!(negative.parse(), Err(ServiceError::InvalidFields(e))
            if e.message_for("min_age_days").is_some())
        );
        let paged = |after: &str, before: &str| {
            QueueQuery {
                after: after.into(),
                before: before.into(),
                ..QueueQuery::default()
            }
            .parse()
            .map(|f| f.page)
        };
        let at = QueuePosition::decode("1772955000123456789-42").unwrap();
        assert_eq!(paged("", "").unwrap(), QueuePage::First);
        assert_eq!(
            paged(" 1772955000123456789-42 ", "").unwrap(),
            QueuePage::After(at)
        );
        assert_eq!(
            paged("", "1772955000123456789-42").unwrap(),
            QueuePage::Before(at)
        );
        for (after, before, field) in [("x", "", "after"), ("", "42", "before")] {
            match paged(after, before) {
                Err(ServiceError::InvalidFields(errors)) => {
                    assert_eq!(errors.iter().next().map(|e| e.field.as_str()), Some(field));
                }
                other => panic!("{other:?}"),
            }
        }
        let waiting = |text: &str| {
            QueueQuery {
                waiting: text.into(),
                ..QueueQuery::default()
            }
            .waiting_on()
        };
        assert_eq!(waiting("").unwrap(), None);
        assert_eq!(waiting("accepted").unwrap(), Some(WaitingOn::Accepted));
        assert_eq!(
            waiting(" change-asked ").unwrap(),
            Some(WaitingOn::ChangeAsked)
        );
        assert!(
            matches!(waiting("approved"), Err(ServiceError::InvalidFields(e))
                if e.message_for("waiting") == Some("Unknown waiting filter."))
        );
    }
}
