//! A message ready for the outbox: recipient, subject, text and HTML parts, and its invites
//! (one `.ics` file per session).

use std::fmt;

use crate::calendar::Method;

/// Who receives a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    /// Display name for the `To:` header, on one line (see [`Recipient::new`]); may be empty.
    pub name: String,
    pub email: String,
}

impl Recipient {
    /// The name is flattened to one line: it goes into a header.
    pub fn new(name: impl Into<String>, email: impl Into<String>) -> Self {
        Self {
            name: super::header_text::header_text(&name.into()),
            email: email.into(),
        }
    }
}

/// `event × recipient`: the same event never produces two messages to one person.
///
/// The event key names the event precisely enough that a *new* event gets a new key (e.g. a
/// reschedule includes the session's new sequence number; a reminder the start instant).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DedupKey(String);

impl DedupKey {
    /// Longest key the column holds.
    const MAX: usize = 255;

    /// `event_key|recipient` with the address lower-cased. Over-long event keys are shortened
    /// with a hash of the whole, so distinct keys stay distinct.
    pub fn new(event_key: &str, recipient_email: &str) -> Self {
        let email = recipient_email.trim().to_lowercase();
        let full = format!("{event_key}|{email}");
        if full.len() <= Self::MAX {
            return Self(full);
        }
        let digest = fnv1a64(full.as_bytes());
        let keep = Self::MAX - 17;
        let mut cut = keep;
        while !full.is_char_boundary(cut) {
            cut -= 1;
        }
        Self(format!("{}#{digest:016x}", &full[..cut]))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DedupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// One calendar invite carried by a message, attached as its own `.ics` file.
///
/// A message about several sessions (a series confirmed, the rest of it cancelled…) carries one
/// `CalendarPart` per session, each a whole `VCALENDAR` holding that session's one `VEVENT` with
/// its own UID and SEQUENCE — never one file with several UIDs: Outlook takes only the first
/// event of an iTIP `REQUEST` that holds several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarPart {
    pub method: Method,
    /// The RFC 5545 text (see `crate::calendar::invite`).
    pub ics: String,
    /// The attachment's file name, e.g. `session-3.ics` (letters, digits, `-`, `_`, `.`).
    pub filename: String,
}

impl CalendarPart {
    /// The MIME type stored with the attachment and sent in its `Content-Type` header.
    pub fn content_type(&self) -> String {
        format!(
            "text/calendar; charset=utf-8; method={}; name=\"{}\"",
            self.method.as_str(),
            self.filename
        )
    }
}

/// One e-mail to one person, as the outbox stores it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingMessage {
    /// Kind of event, e.g. `schedule_confirmed` (shown to admins).
    pub event: &'static str,
    pub dedup_key: DedupKey,
    pub to: Recipient,
    /// One line (the builders flatten it: titles and site names are free text).
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The invites, in the order they are attached (one per session; none for most messages).
    pub invites: Vec<CalendarPart>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedup_key_is_event_and_normalised_address() {
        let key = DedupKey::new("schedule_confirmed:request:7", " Pat@Example.org ");
        assert_eq!(key.as_str(), "schedule_confirmed:request:7|pat@example.org");
    }

    #[test]
    fn long_keys_are_shortened_but_stay_distinct() {
        let a = DedupKey::new(&"x".repeat(300), "a@example.org");
        let b = DedupKey::new(&"x".repeat(301), "a@example.org");
        assert!(a.as_str().len() <= 255);
        assert_ne!(a, b);
    }
}
