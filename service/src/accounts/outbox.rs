//! Queuing an e-mail in the `email_outbox` table, inside the caller's transaction. Sending is the
//! mail worker's job.

use chrono::Utc;
use sea_orm::sea_query::{Alias, Query};
use sea_orm::{ConnectionTrait, Value};

use crate::ServiceError;

/// A plain message without a calendar part.
pub(crate) struct OutgoingEmail<'a> {
    /// `event × recipient`; the outbox refuses a second message with the same key.
    pub dedup_key: String,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body_text: String,
    pub body_html: String,
}

pub(crate) async fn enqueue(
    conn: &impl ConnectionTrait,
    email: OutgoingEmail<'_>,
) -> Result<(), ServiceError> {
    let now = Utc::now();
    let message_id = format!("<{}@tta-scheduler>", super::tokens::random_token()?);
    let columns = [
        "dedup_key",
        "recipient",
        "subject",
        "body_text",
        "body_html",
        "calendar",
        "calendar_method",
        "message_id",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
        "created_at",
    ];
    let values: Vec<Value> = vec![
        email.dedup_key.into(),
        email.recipient.to_owned().into(),
        email.subject.to_owned().into(),
        email.body_text.into(),
        email.body_html.into(),
        Value::String(None),
        Value::String(None),
        message_id.into(),
        "queued".into(),
        0i32.into(),
        now.into(),
        Value::String(None),
        Value::ChronoDateTimeUtc(None),
        now.into(),
    ];
    let insert = Query::insert()
        .into_table(Alias::new("email_outbox"))
        .columns(columns.map(Alias::new))
        .values(values.into_iter().map(Into::into))
        .map_err(|e| ServiceError::Internal(format!("outbox insert: {e}")))?
        .to_owned();
    conn.execute(&insert).await?;
    Ok(())
}

/// Escapes text for HTML bodies.
pub(crate) fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
