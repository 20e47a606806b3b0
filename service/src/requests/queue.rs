//! The coordinator's queue: requests waiting for brokering, filtered, oldest first, a page at a
//! time, with the count of requests in each status. A fixed number of queries whatever the page
//! size.
//!
//! Pages are keyset pages: a page starts after (or ends before) the position of a row — its
//! submission instant and id, which order the queue totally — so a page never repeats or skips
//! a request when others arrive or leave meanwhile, and reading page 200 costs what page 1 does.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
    Statement,
};

use crate::access::{Actor, STAFF};
use crate::entities::{request_topic, site, topic, tta_request};
use crate::intake::EngagementType;
use crate::status::RequestStatus;
use crate::{Database, ServiceError};

/// Rows on one page of the queue (oldest first); the counts cover everything.
pub const QUEUE_PAGE: u64 = 50;

/// Where a row stands in the queue's order: its submission instant, then its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueuePosition {
    pub created_at: DateTime<Utc>,
    pub id: i32,
}

impl QueuePosition {
    /// The position as written in a page's address: `<nanoseconds since 1970>-<id>` (the
    /// whole precision stored, so the row itself compares equal).
    pub fn encode(&self) -> String {
        let nanos = self
            .created_at
            .timestamp_nanos_opt()
            .unwrap_or_else(|| self.created_at.timestamp_micros().saturating_mul(1000));
        format!("{nanos}-{}", self.id)
    }

    /// A position written by [`Self::encode`], or `None`.
    pub fn decode(text: &str) -> Option<Self> {
        let (nanos, id) = text.trim().split_once('-')?;
        let nanos: i64 = nanos.parse().ok()?;
        let id: i32 = id.parse().ok()?;
        let created_at = DateTime::<Utc>::from_timestamp_nanos(nanos);
        (id > 0).then_some(Self { created_at, id })
    }
}

/// Which page of the queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueuePage {
    /// The oldest requests.
    #[default]
    First,
    /// The requests after this position.
    After(QueuePosition),
    /// The requests before this position (the page before).
    Before(QueuePosition),
}

/// Which requests the queue shows. Empty means: every waiting request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub status: Option<RequestStatus>,
    pub site_id: Option<i32>,
    pub topic_id: Option<i32>,
    pub engagement_type: Option<EngagementType>,
    /// Only requests submitted at least this many days ago.
    pub min_age_days: Option<u32>,
    /// Only these requests (e.g. those waiting on one thing for the coordinators), whatever
    /// their status unless `status` is given too.
    pub request_ids: Option<Vec<i32>>,
    /// Which page.
    pub page: QueuePage,
}

/// Statuses in which a request waits for a coordinator.
pub const WAITING: [RequestStatus; 4] = [
    RequestStatus::Submitted,
    RequestStatus::Matching,
    RequestStatus::Proposed,
    RequestStatus::Approved,
];

/// One line of the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueRow {
    pub id: i32,
    pub title: String,
    pub site_id: i32,
    pub site_name: String,
    pub status: RequestStatus,
    pub topics: Vec<String>,
    pub engagement_type: String,
    pub modality: String,
    pub session_count: i32,
    pub cadence: String,
    pub created_at: DateTime<Utc>,
    pub age_days: i64,
}

/// The queue page's data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Queue {
    pub rows: Vec<QueueRow>,
    /// Requests matching the filter (the rows are one page of them, see [`QUEUE_PAGE`]).
    pub total: u64,
    /// Where the next page starts (after the last row), when there are later requests.
    pub next: Option<QueuePosition>,
    /// Where the page before ends (before the first row), when there are earlier requests.
    pub previous: Option<QueuePosition>,
    /// Every status with its number of requests (all sites, no filter).
    pub counts: Vec<(RequestStatus, u64)>,
}

#[derive(Debug, FromQueryResult)]
struct StatusCount {
    status: String,
    n: i64,
}

/// The queue for `filter`, oldest first.
/// Coordinators and administrators only.
pub async fn queue(
    db: &Database,
    actor: &Actor,
    filter: &QueueFilter,
    now: DateTime<Utc>,
) -> Result<Queue, ServiceError> {
    actor.require(STAFF)?;
    let mut query = tta_request::Entity::find();
    query = match (filter.status, &filter.request_ids) {
        (Some(status), _) => query.filter(tta_request::Column::Status.eq(status.as_str())),
        (None, Some(_)) => query,
        (None, None) => {
            query.filter(tta_request::Column::Status.is_in(WAITING.map(RequestStatus::as_str)))
        }
    };
    if let Some(ids) = &filter.request_ids {
        query = query.filter(tta_request::Column::Id.is_in(ids.iter().copied()));
    }
    if let Some(site_id) = filter.site_id {
        query = query.filter(tta_request::Column::SiteId.eq(site_id));
    }
    if let Some(kind) = filter.engagement_type {
        query = query.filter(tta_request::Column::EngagementType.eq(kind.as_str()));
    }
    if let Some(days) = filter.min_age_days {
        // Any age beyond two centuries means the same (and 4,000,000,000 days would reach
        // past the dates chrono and the databases can hold).
        let days = std::cmp::Ord::min(i64::from(days), 200 * 366);
        query = query.filter(tta_request::Column::CreatedAt.lte(now - Duration::days(days)));
    }
    if let Some(topic_id) = filter.topic_id {
        query = query.filter(
            tta_request::Column::Id.in_subquery(
                Query::select()
                    .column(request_topic::Column::RequestId)
                    .from(request_topic::Entity)
                    .and_where(Expr::col(request_topic::Column::TopicId).eq(topic_id))
                    .to_owned(),
            ),
        );
    }
    let total = {
        use sea_orm::PaginatorTrait;
        query.clone().count(db.conn()).await?
    };
    let (created, id) = (tta_request::Column::CreatedAt, tta_request::Column::Id);
    // One more row than the page holds, to know whether another page follows.
    let fetch = QUEUE_PAGE + 1;
    let mut requests = match filter.page {
        QueuePage::First => {
            query
                .order_by_asc(created)
                .order_by_asc(id)
                .limit(fetch)
                .all(db.conn())
                .await?
        }
        QueuePage::After(at) => {
            query
                .filter(
                    Condition::any()
                        .add(created.gt(at.created_at))
                        .add(created.eq(at.created_at).and(id.gt(at.id))),
                )
                .order_by_asc(created)
                .order_by_asc(id)
                .limit(fetch)
                .all(db.conn())
                .await?
        }
        QueuePage::Before(at) => {
            let mut rows = query
                .filter(
                    Condition::any()
                        .add(created.lt(at.created_at))
                        .add(created.eq(at.created_at).and(id.lt(at.id))),
                )
                .order_by_desc(created)
                .order_by_desc(id)
                .limit(fetch)
                .all(db.conn())
                .await?;
            rows.reverse();
            rows
        }
    };
    let more = requests.len() as u64 > QUEUE_PAGE;
    if more {
        match filter.page {
            // The extra row is the oldest one, before the page.
            QueuePage::Before(_) => {
                requests.remove(0);
            }
            QueuePage::First | QueuePage::After(_) => {
                requests.pop();
            }
        }
    }
    let position = |r: &tta_request::Model| QueuePosition {
        created_at: r.created_at,
        id: r.id,
    };
    let (has_previous, has_next) = match filter.page {
        QueuePage::First => (false, more),
        QueuePage::After(_) => (true, more),
        QueuePage::Before(_) => (more, true),
    };
    let next = has_next.then(|| requests.last().map(position)).flatten();
    let previous = has_previous
        .then(|| requests.first().map(position))
        .flatten();

    let ids: Vec<i32> = requests.iter().map(|r| r.id).collect();
    let topic_names: HashMap<i32, String> = topic::Entity::find()
        .all(db.conn())
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let mut topics_of: HashMap<i32, Vec<String>> = HashMap::new();
    for link in request_topic::Entity::find()
        .filter(request_topic::Column::RequestId.is_in(ids))
        .all(db.conn())
        .await?
    {
        if let Some(name) = topic_names.get(&link.topic_id) {
            topics_of
                .entry(link.request_id)
                .or_default()
                .push(name.clone());
        }
    }
    let site_names: HashMap<i32, String> = site::Entity::find()
        .all(db.conn())
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();

    let rows = requests
        .into_iter()
        .map(|r| {
            let status = RequestStatus::parse(&r.status)
                .map_err(|e| ServiceError::Internal(format!("request {}: {e}", r.id)))?;
            let mut topics = topics_of.remove(&r.id).unwrap_or_default();
            topics.sort();
            Ok(QueueRow {
                site_name: site_names.get(&r.site_id).cloned().unwrap_or_default(),
                age_days: (now - r.created_at).num_days(),
                id: r.id,
                title: r.title,
                site_id: r.site_id,
                status,
                topics,
                engagement_type: r.engagement_type,
                modality: r.modality,
                session_count: r.session_count,
                cadence: r.cadence,
                created_at: r.created_at,
            })
        })
        .collect::<Result<Vec<_>, ServiceError>>()?;

    let counted = StatusCount::find_by_statement(Statement::from_string(
        db.backend(),
        "SELECT status, COUNT(*) AS n FROM tta_request GROUP BY status",
    ))
    .all(db.conn())
    .await?;
    let counts = RequestStatus::ALL
        .iter()
        .map(|&status| {
            let n = counted
                .iter()
                .find(|c| c.status == status.as_str())
                .map_or(0, |c| c.n);
            (status, u64::try_from(n).unwrap_or(0))
        })
        .collect();
    Ok(Queue {
        rows,
        total,
        next,
        previous,
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_reads_back_what_it_wrote_and_nothing_else() {
        let at = DateTime::parse_from_rfc3339("2026-03-08T07:30:00.123456789Z")
            .unwrap()
            .to_utc();
        let position = QueuePosition {
            created_at: at,
            id: 42,
        };
        assert_eq!(position.encode(), "1772955000123456789-42");
        assert_eq!(QueuePosition::decode(&position.encode()), Some(position));
        for bad in ["", "-", "12", "x-1", "1-x", "1-0", "1--3", "1-99999999999"] {
            assert_eq!(QueuePosition::decode(bad), None, "{bad:?}");
        }
    }
}
