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
//!
//! Composing never panics and never gives up silently: the display name, subject and Message-ID
//! are flattened to one line first (rows written before names were checked may hold line
//! breaks), and anything lettre still refuses — a bad stored address, or a panic inside lettre
//! itself — becomes a [`ComposeError`], which the worker records as a failed attempt.

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use super::header_text::header_text;
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
    // lettre formats some headers with `expect` (a `Mailbox` whose `Display` fails panics), so a
    // value no check here foresaw must still end as an error, not as a dead sending task.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(row, from))).unwrap_or_else(
        |panic| {
            Err(ComposeError {
                id: row.id,
                reason: format!("lettre could not format it: {}", panic_text(&*panic)),
            })
        },
    )
}

fn build(row: &email_outbox::Model, from: &Mailbox) -> Result<Message, ComposeError> {
    let fail = |reason: String| ComposeError { id: row.id, reason };
    let address = row
        .recipient
        .trim()
        .parse()
        .map_err(|e| fail(format!("recipient address: {e}")))?;
    let name = header_text(&row.recipient_name);
    let to = Mailbox::new((!name.is_empty()).then_some(name), address);
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(header_text(&row.subject))
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

/// The text of a caught panic.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// The stored Message-ID in angle brackets (rows written by other code may lack them).
fn message_id(stored: &str) -> String {
    let id = header_text(stored);
    let id = id.as_str();
    if id.is_empty() {
        format!("<{}@tta-scheduler>", uuid::Uuid::new_v4())
    } else if id.starts_with('<') {
        id.to_owned()
    } else {
        format!("<{id}>")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::Utc;

    use super::*;

    fn row(recipient: &str, name: &str, subject: &str) -> email_outbox::Model {
        let now = Utc::now();
        email_outbox::Model {
            id: 7,
            dedup_key: "test|x".to_owned(),
            recipient: recipient.to_owned(),
            subject: subject.to_owned(),
            body_text: "Hello".to_owned(),
            body_html: "<p>Hello</p>".to_owned(),
            calendar: None,
            calendar_method: None,
            message_id: "<7@tta-scheduler>".to_owned(),
            status: "sending".to_owned(),
            attempts: 1,
            next_attempt_at: now,
            last_error: None,
            sent_at: None,
            created_at: now,
            event: "password_reset".to_owned(),
            recipient_name: name.to_owned(),
            claimed_by: None,
            claimed_until: None,
        }
    }

    fn from() -> Mailbox {
        "TTA Scheduler <tta@example.org>".parse().unwrap()
    }

    fn header_lines(message: &Message) -> Vec<String> {
        let text = String::from_utf8(message.formatted()).unwrap();
        let head = text.split("\r\n\r\n").next().unwrap();
        // Unfolded: a long header continues on lines that start with white space.
        let mut lines: Vec<String> = Vec::new();
        for line in head.split("\r\n") {
            match lines.last_mut() {
                Some(last) if line.starts_with([' ', '\t']) => last.push_str(line),
                _ => lines.push(line.to_owned()),
            }
        }
        lines
    }

    #[test]
    fn a_name_or_subject_with_line_breaks_stays_in_its_own_header() {
        let message = compose(
            &row(
                "probe@example.org",
                "Probe \"><img src=x>\r\nBcc: x@evil.example",
                "Reset\r\nBcc: y@evil.example",
            ),
            &from(),
        )
        .unwrap();
        let lines = header_lines(&message);
        assert!(
            !lines
                .iter()
                .any(|l| l.to_ascii_lowercase().starts_with("bcc")),
            "{lines:#?}"
        );
        let to: Vec<&String> = lines.iter().filter(|l| l.starts_with("To: ")).collect();
        assert_eq!(to.len(), 1, "{lines:#?}");
        assert!(to[0].contains("<probe@example.org>"), "{}", to[0]);
        let envelope = message.envelope().to();
        assert_eq!(envelope.len(), 1);
        assert_eq!(envelope[0].to_string(), "probe@example.org");
    }

    #[test]
    fn a_bad_stored_address_is_an_error_not_a_panic() {
        let error = compose(&row("not an address", "Pat", "Hi"), &from()).unwrap_err();
        assert_eq!(error.id, 7);
        assert!(error.reason.contains("recipient address"), "{error}");
    }
}
