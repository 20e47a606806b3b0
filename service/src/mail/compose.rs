//! Turning an outbox row into a MIME message.
//!
//! Structure (the one Google Calendar itself sends, which Outlook and Apple Mail accept):
//! ```text
//! multipart/mixed
//! ├── multipart/alternative
//! │   ├── text/plain
//! │   ├── text/html
//! │   └── text/calendar; method=REQUEST|CANCEL     (only with an invite)
//! └── application/ics; name=invite.ics (attachment) (only with an invite)
//! ```
//! Without an invite the message is the `multipart/alternative` alone.

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use crate::calendar::Method;
use crate::entities::email_outbox;

/// Why a row cannot become a message (bad stored address or header); permanent.
#[derive(Debug, thiserror::Error)]
#[error("cannot compose message #{id}: {reason}")]
pub struct ComposeError {
    pub id: i64,
    pub reason: String,
}

/// Builds the message for `row`, sent from `from`, carrying the stored Message-ID.
pub fn compose(row: &email_outbox::Model, from: &Mailbox) -> Result<Message, ComposeError> {
    let fail = |reason: String| ComposeError { id: row.id, reason };
    let address = row
        .recipient
        .trim()
        .parse()
        .map_err(|e| fail(format!("recipient address: {e}")))?;
    let name = row.recipient_name.trim();
    let to = Mailbox::new((!name.is_empty()).then(|| name.to_owned()), address);
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(message_id(&row.message_id)))
        .date_now();
    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(row.body_text.clone()))
        .singlepart(SinglePart::html(row.body_html.clone()));
    let method = row.calendar_method.as_deref().and_then(Method::parse);
    let body = match (&row.calendar, method) {
        (Some(ics), Some(method)) => {
            let calendar_type = ContentType::parse(&format!(
                "text/calendar; charset=utf-8; method={}",
                method.as_str()
            ))
            .map_err(|e| fail(format!("calendar content type: {e}")))?;
            let ics_type = ContentType::parse("application/ics")
                .map_err(|e| fail(format!("attachment content type: {e}")))?;
            MultiPart::mixed()
                .multipart(
                    alternative.singlepart(
                        SinglePart::builder()
                            .header(calendar_type)
                            .body(ics.clone()),
                    ),
                )
                .singlepart(Attachment::new("invite.ics".to_owned()).body(ics.clone(), ics_type))
        }
        _ => alternative,
    };
    builder
        .multipart(body)
        .map_err(|e| fail(format!("building: {e}")))
}

/// The stored Message-ID in angle brackets (rows written by other code may lack them).
fn message_id(stored: &str) -> String {
    let id = stored.trim();
    if id.is_empty() {
        format!("<{}@tta-scheduler>", uuid::Uuid::new_v4())
    } else if id.starts_with('<') {
        id.to_owned()
    } else {
        format!("<{id}>")
    }
}
