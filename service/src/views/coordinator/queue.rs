//! The coordinator's queue page: the waiting requests filtered as typed in the address bar, the
//! count per status, the filters' choices and every site's open asks to change a session.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use contract::views::coordinator::{
    Choice, OpenChangeView, QueueRowView, QueueView, StatusCountView, WaitingCountView,
};
use contract::views::home::WaitingOn;
use contract::views::paging::PageLinks;

use sea_orm::{EntityTrait, QueryOrder};

use crate::access::{Actor, STAFF};
use crate::change_requests::{ChangeKind, describe_open_asks};
use crate::entities::site;
use crate::intake::EngagementType;
use crate::requests::{QUEUE_PAGE, QueueFilter, QueueNames, QueuePage, queue_named};
use crate::status::RequestStatus;
use crate::timefmt::instant;
use crate::topics::list_topics;
use crate::waiting::WaitingItems;
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
/// Every site, topic and open ask is read once and shared by the rows, the waiting counts, the
/// asks and the filters' choices; lookups by id are skipped when there is nothing to look up.
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
    let sites = site::Entity::find()
        .order_by_asc(site::Column::Name)
        .all(db.conn())
        .await?;
    let topics = list_topics(db).await?;
    let site_labels: HashMap<i32, String> = sites
        .iter()
        .map(|s| (s.id, format!("{}, {}", s.name, s.state)))
        .collect();
    let open = crate::waiting::open_asks_of(db.conn()).await?;
    let WaitingItems {
        items: waiting,
        requests: waiting_requests,
    } = crate::waiting::waiting_with(db.conn(), &open, &site_labels).await?;
    let waiting_on = crate::waiting::by_request(&waiting);
    if let Some(kind) = waiting_filter {
        // The requests the count counted: each under its first kind (`waiting::by_request`).
        let mut ids: Vec<i32> = waiting_on
            .iter()
            .filter(|(_, k)| **k == kind)
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
        filter.request_ids = Some(ids);
    }
    let site_names: HashMap<i32, String> = sites.iter().map(|s| (s.id, s.name.clone())).collect();
    let topic_names: HashMap<i32, String> = topics.iter().map(|t| (t.id, t.name.clone())).collect();
    let queue = queue_named(
        db,
        &filter,
        now,
        &QueueNames {
            sites: &site_names,
            topics: &topic_names,
        },
    )
    .await?;
    let asks = describe_open_asks(db, open, &waiting_requests, &site_labels).await?;
    let open_changes = |request_id: i32| {
        u32::try_from(
            asks.iter()
                .filter(|a| a.ask.request_id == request_id)
                .count(),
        )
        .unwrap_or(u32::MAX)
    };
    let sites = sites
        .into_iter()
        .map(|s| Choice {
            value: s.id.to_string(),
            label: format!("{}, {}", s.name, s.state),
        })
        .collect();
    let topics = topics
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
                open_changes: open_changes(r.id),
                waiting_on: waiting_on.get(&r.id).copied(),
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
                what: ChangeKind::parse(&a.ask.kind)
                    .map(|k| k.label().to_owned())
                    .unwrap_or_default(),
                reason: a.ask.reason.clone(),
                asked: instant(a.ask.created_at, zone),
                waiting: crate::timefmt::whole_days((now - a.ask.created_at).num_days()),
            })
            .collect(),
        waiting: crate::waiting::counts(&waiting)
            .into_iter()
            .map(|(waiting_on, count)| WaitingCountView { waiting_on, count })
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
