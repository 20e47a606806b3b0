//! Turning an outbox row and its attachments into a MIME message.
//!
//! With one invite, the structure Google Calendar itself sends, which Outlook and Apple Mail
//! accept (the inline `text/calendar` part is what mail programs show as an invitation):
//! ```text
//! multipart/mixed
//! ├── multipart/alternative
//! │   ├── text/plain
//! │   ├── text/html
//! │   └── text/calendar; method=REQUEST|CANCEL
//! └── application/ics; name="session-3.ics" (attachment)
//! ```
//! With several invites (a series confirmed, moved or cancelled at once: one message per person
//! and event), each session's invite is its own attachment, its own `VCALENDAR` with one UID —
//! Outlook refuses an iTIP `REQUEST` that holds several UIDs, and an alternative part can hold
//! only one calendar:
//! ```text
//! multipart/mixed
//! ├── multipart/alternative
//! │   ├── text/plain
//! │   └── text/html
//! ├── text/calendar; method=REQUEST; name="session-1.ics" (attachment)
//! ├── …
//! └── text/calendar; method=REQUEST; name="session-12.ics" (attachment)
//! ```
//! Without an invite the message is the `multipart/alternative` alone. Rows written before
//! migration 18 keep their one invite in `email_outbox.calendar` and are sent as before.
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
use crate::entities::{email_attachment, email_outbox};

/// Why a row cannot become a message (bad stored address or header); permanent.
#[derive(Debug, thiserror::Error)]
#[error("cannot compose message #{id}: {reason}")]
pub struct ComposeError {
    pub id: i64,
    pub reason: String,
}

/// Builds the message for `row` with its `attachments` (in order; see
/// [`attachments`](super::attachments)), sent from `from`, carrying the stored Message-ID.
pub fn compose(
    row: &email_outbox::Model,
    attachments: &[email_attachment::Model],
    from: &Mailbox,
) -> Result<Message, ComposeError> {
    // lettre formats some headers with `expect` (a `Mailbox` whose `Display` fails panics), so a
    // value no check here foresaw must still end as an error, not as a dead sending task.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        build(row, attachments, from)
    }))
    .unwrap_or_else(|panic| {
        Err(ComposeError {
            id: row.id,
            reason: format!("lettre could not format it: {}", panic_text(&*panic)),
        })
    })
}

/// One file to attach, as stored.
struct Part {
    filename: String,
    content_type: String,
    content: String,
}

/// The row's attachments; a row written before migration 18 has its one invite in `calendar`.
fn parts(row: &email_outbox::Model, attachments: &[email_attachment::Model]) -> Vec<Part> {
    if !attachments.is_empty() {
        return attachments
            .iter()
            .map(|a| Part {
                filename: safe_filename(&a.filename),
                content_type: a.content_type.clone(),
                content: a.content.clone(),
            })
            .collect();
    }
    let method = row.calendar_method.as_deref().and_then(Method::parse);
    match (&row.calendar, method) {
        (Some(ics), Some(method)) => vec![Part {
            filename: "invite.ics".to_owned(),
            content_type: format!("text/calendar; charset=utf-8; method={}", method.as_str()),
            content: ics.clone(),
        }],
        _ => Vec::new(),
    }
}

/// Letters, digits, `-`, `_` and `.` only (it goes into a quoted header parameter).
fn safe_filename(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(100)
        .collect();
    if clean.is_empty() {
        "attachment.ics".to_owned()
    } else {
        clean
    }
}

/// `text/calendar; charset=utf-8; method=X` without its `name`, for the inline part.
fn without_name(content_type: &str) -> String {
    content_type
        .split(';')
        .map(str::trim)
        .filter(|p| !p.to_ascii_lowercase().starts_with("name="))
        .collect::<Vec<_>>()
        .join("; ")
}

fn build(
    row: &email_outbox::Model,
    attachments: &[email_attachment::Model],
    from: &Mailbox,
) -> Result<Message, ComposeError> {
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
    let content_type = |text: &str| {
        ContentType::parse(text).map_err(|e| fail(format!("content type {text:?}: {e}")))
    };
    let parts = parts(row, attachments);
    let body = match parts.as_slice() {
        [] => alternative,
        [one] if one.content_type.starts_with("text/calendar") => {
            let inline = content_type(&without_name(&one.content_type))?;
            let file_type = content_type(&format!("application/ics; name=\"{}\"", one.filename))?;
            MultiPart::mixed()
                .multipart(
                    alternative.singlepart(
                        SinglePart::builder()
                            .header(inline)
                            .body(one.content.clone()),
                    ),
                )
                .singlepart(
                    Attachment::new(one.filename.clone()).body(one.content.clone(), file_type),
                )
        }
        several => {
            let mut mixed = MultiPart::mixed().multipart(alternative);
            for part in several {
                let with_name = if part.content_type.contains("name=") {
                    part.content_type.clone()
                } else {
                    format!("{}; name=\"{}\"", part.content_type, part.filename)
                };
                mixed = mixed.singlepart(
                    Attachment::new(part.filename.clone())
                        .body(part.content.clone(), content_type(&with_name)?),
                );
            }
            mixed
        }
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
            &[],
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
        let error = compose(&row("not an address", "Pat", "Hi"), &[], &from()).unwrap_err();
        assert_eq!(error.id, 7);
        assert!(error.reason.contains("recipient address"), "{error}");
    }

    fn attachment(position: i32, method: &str) -> email_attachment::Model {
        email_attachment::Model {
            outbox_id: 7,
            position,
            filename: format!("session-{}.ics", position + 1),
            content_type: format!(
                "text/calendar; charset=utf-8; method={method}; name=\"session-{}.ics\"",
                position + 1
            ),
            content: format!(
                "BEGIN:VCALENDAR\r\nMETHOD:{method}\r\nBEGIN:VEVENT\r\nUID:s{position}@x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            ),
        }
    }

    /// The message as text, with every part's headers (lettre may fold or quote them).
    fn unfolded(message: &Message) -> String {
        String::from_utf8(message.formatted())
            .unwrap()
            .replace("\r\n ", " ")
            .replace("\r\n\t", " ")
    }

    #[test]
    fn several_invites_are_each_their_own_calendar_attachment() {
        let attachments: Vec<_> = (0..3).map(|i| attachment(i, "CANCEL")).collect();
        let message = compose(
            &row("pat@example.org", "Pat", "Cancelled"),
            &attachments,
            &from(),
        )
        .unwrap();
        let text = unfolded(&message);
        for n in 1..=3 {
            assert!(
                text.contains(&format!("filename=\"session-{n}.ics\"")),
                "session-{n}.ics missing:\n{text}"
            );
        }
        assert_eq!(
            text.matches("Content-Type: text/calendar").count(),
            3,
            "{text}"
        );
        assert_eq!(text.matches("method=CANCEL").count(), 3, "{text}");
        assert_eq!(text.matches("Content-Disposition: attachment").count(), 3);
        assert!(!text.contains("application/ics"));
    }

    #[test]
    fn one_invite_is_inline_and_attached_and_an_old_row_keeps_its_calendar_column() {
        let message = compose(
            &row("pat@example.org", "Pat", "Moved"),
            &[attachment(0, "REQUEST")],
            &from(),
        )
        .unwrap();
        let text = unfolded(&message);
        assert_eq!(
            text.matches("Content-Type: text/calendar").count(),
            1,
            "{text}"
        );
        assert!(
            text.contains("application/ics; name=\"session-1.ics\""),
            "{text}"
        );

        let mut old = row("pat@example.org", "Pat", "Confirmed");
        old.calendar = Some(attachment(0, "REQUEST").content);
        old.calendar_method = Some("REQUEST".to_owned());
        let text = unfolded(&compose(&old, &[], &from()).unwrap());
        assert!(text.contains("method=REQUEST"), "{text}");
        assert!(text.contains("filename=\"invite.ics\""), "{text}");
    }
}
