//! The coordinator's queue: requests waiting for brokering, filtered, oldest first, a page at a
//! time, with the count of requests in each status. A fixed number of queries whatever the page
//! size.
//!
//! Pages are keyset pages ([`crate::paging`]): a page starts after (or ends before) the position
//! of a row — its submission instant and id, which order the queue totally — so a page never
//! repeats or skips a request when others arrive or leave meanwhile, and reading page 200 costs
//! what page 1 does.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, Order, QueryFilter, Statement};

use crate::access::{Actor, STAFF};
use crate::entities::{request_topic, site, topic, tta_request};
use crate::intake::EngagementType;
use crate::paging::{Keyset, Page, Position, Slice};
use crate::status::RequestStatus;
use crate::{Database, ServiceError};

/// Rows on one page of the queue (oldest first); the counts cover everything.
pub const QUEUE_PAGE: u64 = crate::paging::PAGE_SIZE;

/// Where a row stands in the queue's order: its submission instant, then its id.
pub type QueuePosition = Position<DateTime<Utc>, i32>;

/// Which page of the queue.
pub type QueuePage = Page<DateTime<Utc>, i32>;

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
    let topics = topic::Entity::find()
        .all(db.conn())
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let sites = site::Entity::find()
        .all(db.conn())
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let counts = status_counts(db).await?;
    queue_named(
        db,
        filter,
        now,
        &QueueNames {
            sites: &sites,
            topics: &topics,
        },
        counts,
    )
    .await
}

/// The names a queue's rows show, read once by a page that shows them elsewhere too.
pub(crate) struct QueueNames<'a> {
    /// Every site's name (without its state), by id.
    pub sites: &'a HashMap<i32, String>,
    /// Every topic's name, by id.
    pub topics: &'a HashMap<i32, String>,
}

/// Every status with its number of requests (all sites, no filter): one `GROUP BY` over every
/// request, which the queue page keeps between views (`views::coordinator::queue_cache`).
pub(crate) async fn status_counts(
    db: &Database,
) -> Result<Vec<(RequestStatus, u64)>, ServiceError> {
    let counted = StatusCount::find_by_statement(Statement::from_string(
        db.backend(),
        "SELECT status, COUNT(*) AS n FROM tta_request GROUP BY status",
    ))
    .all(db.conn())
    .await?;
    Ok(RequestStatus::ALL
        .iter()
        .map(|&status| {
            let n = counted
                .iter()
                .find(|c| c.status == status.as_str())
                .map_or(0, |c| c.n);
            (status, u64::try_from(n).unwrap_or(0))
        })
        .collect())
}

/// The queue for `filter`, oldest first, with the names and the status counts already read:
/// the page's rows and their topics (two queries, none for topics of an empty page), and the
/// count of matching rows only when a filter other than the status narrows them (otherwise
/// the status counts give it). The caller checked the actor.
pub(crate) async fn queue_named(
    db: &Database,
    filter: &QueueFilter,
    now: DateTime<Utc>,
    names: &QueueNames<'_>,
    counts: Vec<(RequestStatus, u64)>,
) -> Result<Queue, ServiceError> {
    let statuses: Vec<RequestStatus> = match filter.status {
        Some(status) => vec![status],
        None => WAITING.to_vec(),
    };
    // The status counts cover every request, so when only the status narrows the queue they
    // already say how many match.
    let only_by_status = filter.site_id.is_none()
        && filter.topic_id.is_none()
        && filter.engagement_type.is_none()
        && filter.min_age_days.is_none()
        && filter.request_ids.is_none();
    let known_total = only_by_status.then(|| {
        counts
            .iter()
            .filter(|(status, _)| statuses.contains(status))
            .map(|(_, n)| n)
            .sum::<u64>()
    });

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
    let keyset = Keyset {
        key: tta_request::Column::CreatedAt,
        id: tta_request::Column::Id,
        order: Order::Asc,
    };
    let Slice {
        rows: requests,
        total,
        next,
        previous,
    } = crate::paging::fetch_counted(
        db.conn(),
        query,
        keyset,
        &filter.page,
        QUEUE_PAGE,
        known_total,
        |r| QueuePosition {
            key: r.created_at,
            id: r.id,
        },
    )
    .await?;

    let ids: Vec<i32> = requests.iter().map(|r| r.id).collect();
    let mut topics_of: HashMap<i32, Vec<String>> = HashMap::new();
    if !ids.is_empty() {
        for link in request_topic::Entity::find()
            .filter(request_topic::Column::RequestId.is_in(ids))
            .all(db.conn())
            .await?
        {
            if let Some(name) = names.topics.get(&link.topic_id) {
                topics_of
                    .entry(link.request_id)
                    .or_default()
                    .push(name.clone());
            }
        }
    }

    let rows = requests
        .into_iter()
        .map(|r| {
            let status = RequestStatus::parse(&r.status)
                .map_err(|e| ServiceError::Internal(format!("request {}: {e}", r.id)))?;
            let mut topics = topics_of.remove(&r.id).unwrap_or_default();
            topics.sort();
            Ok(QueueRow {
                site_name: names.sites.get(&r.site_id).cloned().unwrap_or_default(),
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
    Ok(Queue {
        rows,
        total,
        next,
        previous,
        counts,
    })
}
