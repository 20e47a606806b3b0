//! Reading requests: a site's list, and one request with its topics and history.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::access::{Actor, STAFF};
use crate::entities::{request_status_change, request_topic, topic, tta_request};
use crate::status::RequestStatus;
use crate::{Database, ServiceError};

/// One line of a request list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestSummary {
    pub id: i32,
    pub site_id: i32,
    pub title: String,
    pub status: RequestStatus,
    pub session_count: i32,
    pub cadence: String,
    pub earliest_date: NaiveDate,
    pub latest_date: NaiveDate,
    pub created_at: DateTime<Utc>,
}

/// One step of a request's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusChange {
    pub from: Option<RequestStatus>,
    pub to: RequestStatus,
    pub changed_by: Option<i32>,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// A request with everything its page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestView {
    pub request: tta_request::Model,
    pub status: RequestStatus,
    pub topics: Vec<topic::Model>,
    pub history: Vec<StatusChange>,
}

fn status_of(text: &str, id: i32) -> Result<RequestStatus, ServiceError> {
    RequestStatus::parse(text).map_err(|e| ServiceError::Internal(format!("request {id}: {e}")))
}

/// The requests of one site, newest first.
pub async fn site_requests(
    db: &Database,
    site_id: i32,
) -> Result<Vec<RequestSummary>, ServiceError> {
    tta_request::Entity::find()
        .filter(tta_request::Column::SiteId.eq(site_id))
        .order_by_desc(tta_request::Column::CreatedAt)
        .order_by_desc(tta_request::Column::Id)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| {
            Ok(RequestSummary {
                status: status_of(&r.status, r.id)?,
                id: r.id,
                site_id: r.site_id,
                title: r.title,
                session_count: r.session_count,
                cadence: r.cadence,
                earliest_date: r.earliest_date,
                latest_date: r.latest_date,
                created_at: r.created_at,
            })
        })
        .collect()
}

/// One request with its topics and status history (oldest change first).
/// [`request_view`] for the coordinator's request page: coordinators and administrators only.
pub async fn staff_request_view(
    db: &Database,
    actor: &Actor,
    request_id: i32,
) -> Result<RequestView, ServiceError> {
    actor.require(STAFF)?;
    request_view(db, request_id).await
}

pub async fn request_view(db: &Database, request_id: i32) -> Result<RequestView, ServiceError> {
    let request = tta_request::Entity::find_by_id(request_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Request #{request_id}")))?;
    // The request's topics in one statement: `topic.id IN (SELECT topic_id FROM request_topic …)`.
    let topics = topic::Entity::find()
        .filter(
            topic::Column::Id.in_subquery(
                Query::select()
                    .column(request_topic::Column::TopicId)
                    .from(request_topic::Entity)
                    .and_where(request_topic::Column::RequestId.eq(request_id))
                    .to_owned(),
            ),
        )
        .order_by_asc(topic::Column::Name)
        .all(db.conn())
        .await?;
    let history = request_status_change::Entity::find()
        .filter(request_status_change::Column::RequestId.eq(request_id))
        .order_by_asc(request_status_change::Column::ChangedAt)
        .order_by_asc(request_status_change::Column::Id)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|c| {
            Ok(StatusChange {
                from: c
                    .from_status
                    .as_deref()
                    .map(|s| status_of(s, request_id))
                    .transpose()?,
                to: status_of(&c.to_status, request_id)?,
                changed_by: c.changed_by,
                reason: c.reason,
                at: c.changed_at,
            })
        })
        .collect::<Result<Vec<_>, ServiceError>>()?;
    Ok(RequestView {
        status: status_of(&request.status, request_id)?,
        request,
        topics,
        history,
    })
}

impl RequestView {
    /// The request in one sentence, as the site asked for it (see [`crate::intake::describe`]).
    pub fn describe(&self) -> Result<String, ServiceError> {
        crate::intake::describe_stored(&self.request).ok_or_else(|| {
            ServiceError::Internal(format!(
                "request {}: stored fields do not describe a request",
                self.request.id
            ))
        })
    }
}
