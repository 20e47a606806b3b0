//! A site's asks to reschedule or cancel a session, or to cancel the rest of a series: stored
//! as `open` for a coordinator to handle (the coordinator's queue reads [`open_change_requests`]).
//! The caller checks that the person may see the session (`access::visible_session`).
//! A coordinator answers an ask with [`answer_change_request`].

mod answer;

pub use answer::{
    ChangeAnswer, ChangeAnswerForm, action, answer_change_form, answer_change_request,
};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::access::{Actor, visible_session};
use crate::accounts::Role;
use crate::entities::{change_request, tta_session};
use crate::status::SessionStatus;
use crate::{Database, ServiceError};

/// What the site asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Reschedule,
    CancelOne,
    CancelRest,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 3] = [Self::Reschedule, Self::CancelOne, Self::CancelRest];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reschedule => "reschedule",
            Self::CancelOne => "cancel_one",
            Self::CancelRest => "cancel_rest",
        }
    }

    /// What a person reads, e.g. `Cancel this and every later session`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Reschedule => "Reschedule this session",
            Self::CancelOne => "Cancel this session",
            Self::CancelRest => "Cancel this and every later session",
        }
    }

    pub fn parse(text: &str) -> Result<Self, ServiceError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == text.trim())
            .ok_or_else(|| {
                ServiceError::Invalid("Choose reschedule, cancel or cancel the rest.".to_owned())
            })
    }
}

/// An ask as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewChangeRequest<'a> {
    pub session_id: i32,
    pub kind: ChangeKind,
    pub reason: &'a str,
    /// For a reschedule: when the site would like the session instead, in words.
    pub wanted: &'a str,
}

/// Stores the ask as `open`. Refused: no reason (400), a reschedule without a wanted time (400),
/// a session that is not confirmed or has already started (409), the same open ask twice (409).
/// Site contacts only, for their own sites' sessions (others: not found).
/// Entry points call [`ask_for_change`], which also tells the coordinators; this step tells
/// no one (tests).
pub async fn create_change_request(
    db: &Database,
    actor: &Actor,
    ask: &NewChangeRequest<'_>,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    store_ask(db, actor, ask, now, None).await
}

/// [`create_change_request`], and the coordinators who want immediate e-mails are told of the
/// ask in the same transaction.
pub async fn ask_for_change(
    db: &Database,
    actor: &Actor,
    ask: &NewChangeRequest<'_>,
    now: DateTime<Utc>,
    notify: &crate::notify::NotifySettings,
) -> Result<i32, ServiceError> {
    store_ask(db, actor, ask, now, Some(notify)).await
}

async fn store_ask(
    db: &Database,
    actor: &Actor,
    ask: &NewChangeRequest<'_>,
    now: DateTime<Utc>,
    notify: Option<&crate::notify::NotifySettings>,
) -> Result<i32, ServiceError> {
    actor.require(&[Role::SiteContact])?;
    visible_session(db, actor.user(), ask.session_id).await?;
    let (reason, wanted) = (ask.reason.trim(), ask.wanted.trim());
    if reason.is_empty() {
        return Err(ServiceError::Invalid(
            "Say why, so the coordinator and the provider understand.".to_owned(),
        ));
    }
    if reason.chars().count() > 2000 || wanted.chars().count() > 500 {
        return Err(ServiceError::Invalid(
            "The reason can be at most 2,000 characters and the wanted time 500.".to_owned(),
        ));
    }
    if ask.kind == ChangeKind::Reschedule && wanted.is_empty() {
        return Err(ServiceError::Invalid(
            "Say when would suit you instead (dates and times in your site's time).".to_owned(),
        ));
    }
    // Checked and stored in one transaction; the partial unique index on open asks refuses a
    // duplicate that a concurrent caller stored first (PostgreSQL has no write gate).
    let stored = db
        .transaction(async |txn| {
            let session = tta_session::Entity::find_by_id(ask.session_id)
                .one(txn)
                .await?
                .ok_or_else(|| ServiceError::NotFound(format!("Session #{}", ask.session_id)))?;
            if session.status != SessionStatus::Confirmed.as_str() || session.starts_at <= now {
                return Err(ServiceError::Conflict(
                    "Only a confirmed session that has not started yet can be changed.".to_owned(),
                ));
            }
            let duplicate = change_request::Entity::find()
                .filter(change_request::Column::SessionId.eq(session.id))
                .filter(change_request::Column::Kind.eq(ask.kind.as_str()))
                .filter(change_request::Column::Status.eq("open"))
                .count(txn)
                .await?;
            if duplicate > 0 {
                return Err(ServiceError::Conflict(
                    "You have already asked for this; the coordinator will answer.".to_owned(),
                ));
            }
            let row = change_request::ActiveModel {
                session_id: Set(session.id),
                request_id: Set(session.request_id),
                kind: Set(ask.kind.as_str().to_owned()),
                reason: Set(reason.to_owned()),
                wanted: Set(wanted.to_owned()),
                status: Set("open".to_owned()),
                created_by: Set(Some(actor.id())),
                created_at: Set(now),
                handled_by: Set(None),
                handled_at: Set(None),
                outcome_note: Set(String::new()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            if let Some(settings) = notify {
                crate::notify::change_asked(txn, settings, row.id).await?;
            }
            Ok(row.id)
        })
        .await;
    match stored {
        Err(ServiceError::Database(error))
            if matches!(
                error.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            Err(ServiceError::Conflict(
                "You have already asked for this; the coordinator will answer.".to_owned(),
            ))
        }
        other => other,
    }
}

/// Every open ask, oldest first (the coordinator's queue).
pub async fn open_change_requests(
    db: &Database,
) -> Result<Vec<change_request::Model>, ServiceError> {
    crate::waiting::open_asks_of(db.conn()).await
}

/// The asks about one request, newest first (shown on the request's page).
pub async fn request_change_requests(
    db: &Database,
    request_id: i32,
) -> Result<Vec<change_request::Model>, ServiceError> {
    Ok(change_request::Entity::find()
        .filter(change_request::Column::RequestId.eq(request_id))
        .order_by_desc(change_request::Column::CreatedAt)
        .order_by_desc(change_request::Column::Id)
        .all(db.conn())
        .await?)
}

/// An open ask with what the queue shows beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenAsk {
    pub ask: change_request::Model,
    pub request_title: String,
    pub site_name: String,
    /// The session's position in its series.
    pub occurrence: i32,
}

/// The open asks `asks` (oldest first), each with its request's title, its site and its
/// session's number, given their requests and every site's label already read (the queue reads
/// them once for its waiting counts too): one query, none without asks.
pub(crate) async fn describe_open_asks(
    db: &Database,
    asks: Vec<change_request::Model>,
    requests: &std::collections::HashMap<i32, crate::entities::tta_request::Model>,
    sites: &std::collections::HashMap<i32, String>,
) -> Result<Vec<OpenAsk>, ServiceError> {
    use std::collections::HashMap;

    if asks.is_empty() {
        return Ok(Vec::new());
    }
    let session_ids: Vec<i32> = asks.iter().map(|a| a.session_id).collect();
    let sessions: HashMap<i32, i32> = tta_session::Entity::find()
        .filter(tta_session::Column::Id.is_in(session_ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|s| (s.id, s.occurrence))
        .collect();
    Ok(asks
        .into_iter()
        .map(|ask| {
            let request = requests.get(&ask.request_id);
            OpenAsk {
                request_title: request.map(|r| r.title.clone()).unwrap_or_default(),
                site_name: request
                    .and_then(|r| sites.get(&r.site_id).cloned())
                    .unwrap_or_default(),
                occurrence: sessions.get(&ask.session_id).copied().unwrap_or_default(),
                ask,
            }
        })
        .collect())
}

/// One ask, by id.
pub async fn change_request(db: &Database, id: i32) -> Result<change_request::Model, ServiceError> {
    change_request::Entity::find_by_id(id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Change request #{id}")))
}
