//! Writing messages to the outbox (inside the caller's transaction) and listing them.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TryInsertResult,
};

use super::OutgoingMessage;
use crate::access::Actor;
use crate::accounts::Role;
use crate::entities::{email_attachment, email_outbox};
use crate::paging::{Keyset, PAGE_SIZE, Page, Position, Slice};
use crate::{Database, ServiceError};

/// Where a message is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutboxStatus {
    /// Waiting for its next attempt (`next_attempt_at`).
    Pending,
    /// Claimed by a worker until `claimed_until`; claimed again after that.
    Sending,
    /// Accepted by the SMTP server (or written to the folder).
    Sent,
    /// Gave up after the maximum number of attempts; shown to admins.
    Failed,
}

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }
}

/// Writes `message` to the outbox through `conn` — pass the transaction of the state change,
/// so both commit together. Returns `false` (and writes nothing) when a message for the same
/// event and recipient is already there. Its invites go to `email_attachment`, one row each in
/// their order, in the same transaction.
pub async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    message: &OutgoingMessage,
) -> Result<bool, ServiceError> {
    let now = Utc::now();
    let dedup_key = message.dedup_key.as_str().to_owned();
    let row = email_outbox::ActiveModel {
        dedup_key: Set(dedup_key.clone()),
        recipient: Set(message.to.email.trim().to_owned()),
        recipient_name: Set(message.to.name.clone()),
        event: Set(message.event.to_owned()),
        subject: Set(message.subject.clone()),
        body_text: Set(message.text.clone()),
        body_html: Set(message.html.clone()),
        // Rows written before migration 18 hold their one invite here; new rows use
        // `email_attachment` and keep only the invites' method here, for the admin page.
        calendar: Set(None),
        calendar_method: Set(message
            .invites
            .first()
            .map(|part| part.method.as_str().to_owned())),
        message_id: Set(new_message_id()),
        status: Set(OutboxStatus::Pending.as_str().to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        sent_at: Set(None),
        created_at: Set(now),
        claimed_by: Set(None),
        claimed_until: Set(None),
        ..Default::default()
    };
    let result = email_outbox::Entity::insert(row)
        .on_conflict_do_nothing_on([email_outbox::Column::DedupKey])
        .exec_without_returning(conn)
        .await?;
    let inserted = matches!(result, TryInsertResult::Inserted(n) if n > 0);
    if inserted && !message.invites.is_empty() {
        let outbox_id = email_outbox::Entity::find()
            .filter(email_outbox::Column::DedupKey.eq(dedup_key))
            .one(conn)
            .await?
            .ok_or_else(|| ServiceError::Internal("outbox row vanished after insert".to_owned()))?
            .id;
        let rows = message.invites.iter().enumerate().map(|(position, part)| {
            email_attachment::ActiveModel {
                outbox_id: Set(outbox_id),
                position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                filename: Set(part.filename.clone()),
                content_type: Set(part.content_type()),
                content: Set(part.ics.clone()),
            }
        });
        email_attachment::Entity::insert_many(rows)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(inserted)
}

/// The attachments of outbox message `outbox_id`, in their order (none for rows written before
/// migration 18, whose one invite is in `email_outbox.calendar`). Below the door: the worker
/// and tests read them.
pub async fn attachments<C: ConnectionTrait>(
    conn: &C,
    outbox_id: i64,
) -> Result<Vec<email_attachment::Model>, ServiceError> {
    Ok(email_attachment::Entity::find()
        .filter(email_attachment::Column::OutboxId.eq(outbox_id))
        .order_by_asc(email_attachment::Column::Position)
        .all(conn)
        .await?)
}

/// A globally unique Message-ID, fixed when the message is written so every attempt (and a
/// resend after a crash) carries the same one.
pub(crate) fn new_message_id() -> String {
    format!("<{}@tta-scheduler>", uuid::Uuid::new_v4())
}

/// Where a message stands in the outbox's order (newest first): when it was queued, then its id.
pub type OutboxPosition = Position<DateTime<Utc>, i64>;

/// Which page of the outbox.
pub type OutboxPage = Page<DateTime<Utc>, i64>;

/// One page of the outbox, newest first (queued instant, then id), with the count of every
/// message and the positions of the pages beside it: the admin outbox page. Administrators only.
pub async fn outbox_messages(
    db: &Database,
    actor: &Actor,
    page: &OutboxPage,
) -> Result<Slice<email_outbox::Model, DateTime<Utc>, i64>, ServiceError> {
    actor.require(&[Role::Admin])?;
    let keyset = Keyset {
        key: email_outbox::Column::CreatedAt,
        id: email_outbox::Column::Id,
        order: sea_orm::Order::Desc,
    };
    Ok(crate::paging::fetch(
        db.conn(),
        email_outbox::Entity::find(),
        keyset,
        page,
        PAGE_SIZE,
        |m| OutboxPosition {
            key: m.created_at,
            id: m.id,
        },
    )
    .await?)
}

/// The newest `limit` outbox rows, unchecked: for tests and tools that read the outbox as a
/// whole; people read it through [`outbox_messages`].
pub async fn list_recent(
    db: &Database,
    limit: u64,
) -> Result<Vec<email_outbox::Model>, ServiceError> {
    Ok(email_outbox::Entity::find()
        .order_by_desc(email_outbox::Column::Id)
        .limit(limit)
        .all(db.conn())
        .await?)
}

/// Puts a failed message back in the queue to be sent at once, keeping its Message-ID (its
/// last error stays on record until the next attempt replaces it), and records who did it in the
/// audit log, in one transaction. Refused: no such message (404), a message that is not failed
/// (409). Administrators only. Returns whether a row changed.
pub async fn resend(db: &Database, actor: &Actor, id: i64) -> Result<bool, ServiceError> {
    use sea_orm::sea_query::Expr;
    actor.require(&[Role::Admin])?;
    let actor = actor.id();
    db.transaction(async |txn| {
        let message = email_outbox::Entity::find_by_id(id)
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Message #{id}")))?;
        let changed = email_outbox::Entity::update_many()
            .col_expr(
                email_outbox::Column::Status,
                Expr::value(OutboxStatus::Pending.as_str()),
            )
            .col_expr(
                email_outbox::Column::NextAttemptAt,
                Expr::value(chrono::Utc::now()),
            )
            .col_expr(email_outbox::Column::Attempts, Expr::value(0))
            .filter(email_outbox::Column::Id.eq(id))
            .filter(email_outbox::Column::Status.eq(OutboxStatus::Failed.as_str()))
            .exec(txn)
            .await?;
        if changed.rows_affected == 0 {
            return Err(ServiceError::Conflict(format!(
                "Message #{id} is {}, not failed; only failed messages can be resent.",
                message.status
            )));
        }
        crate::accounts::audit::record(
            txn,
            crate::accounts::audit::AuditEntry {
                actor_user_id: Some(actor),
                action: "email.resent",
                subject_type: "email_outbox",
                subject_id: Some(id.to_string()),
                detail: serde_json::json!({
                    "event": message.event,
                    "recipient": message.recipient,
                    "last_error": message.last_error,
                }),
                ip: None,
            },
        )
        .await?;
        Ok(true)
    })
    .await
}
