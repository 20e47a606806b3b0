//! A meeting link as a value: a fixed link a provider pastes is parsed ("parse, don't
//! validate"), and a generated room is an unguessable name on the configured base.

use crate::ServiceError;

/// Where generated rooms are made when `TTA_MEETING_ROOM_BASE` is not set.
pub const DEFAULT_ROOM_BASE: &str = "https://meet.jit.si/";

/// The prefix of every generated room's name (after the base).
const ROOM_PREFIX: &str = "tta-";

/// The longest link accepted.
const MAX_LINK: usize = 2_000;

/// An https address safe to write into an e-mail, a page and an invite's `URL` property: no
/// spaces, control characters, quotes or angle brackets, a host, at most 2,000 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingUrl(String);

impl MeetingUrl {
    /// Parses `text` (trimmed); the error names `field`.
    pub fn parse(text: &str, field: &str) -> Result<Self, ServiceError> {
        check(text.trim())
            .map(|link| Self(link.to_owned()))
            .map_err(|problem| ServiceError::field(field, problem))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The problem with `link` as a meeting link, in words; `Ok` with the link when it is usable.
fn check(link: &str) -> Result<&str, String> {
    if link.is_empty() {
        return Err("Paste the meeting link (https://…).".to_owned());
    }
    if link.len() > MAX_LINK {
        return Err(format!("A meeting link has at most {MAX_LINK} characters."));
    }
    let Some(rest) = link.strip_prefix("https://") else {
        return Err(
            "A meeting link starts with https:// (a Teams, Zoom or Webex room).".to_owned(),
        );
    };
    if link
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'))
    {
        return Err("A meeting link has no spaces, quotes or angle brackets.".to_owned());
    }
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .rsplit('@')
        .next()
        .unwrap_or_default();
    let name = host.split(':').next().unwrap_or_default();
    if name.is_empty()
        || !name.contains('.')
        || name.starts_with('.')
        || name.ends_with('.')
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        return Err("A meeting link names its host, e.g. https://zoom.us/j/123.".to_owned());
    }
    Ok(link)
}

/// The base generated rooms are made on: an https address ending in `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomBase(String);

impl Default for RoomBase {
    fn default() -> Self {
        Self(DEFAULT_ROOM_BASE.to_owned())
    }
}

impl RoomBase {
    /// Parses a configured base (a `/` is added when missing); the error is the problem in words.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let text = if text.ends_with('/') {
            text.to_owned()
        } else {
            format!("{text}/")
        };
        check(&text)
            .map(|_| Self(text.clone()))
            .map_err(|problem| format!("must be an https:// address: {problem}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A new room: the base and `tta-` with 32 random hexadecimal digits (a v4 UUID's 122
    /// random bits), so no two occurrences share one and nobody can guess another's.
    pub fn new_room(&self) -> String {
        format!("{}{ROOM_PREFIX}{}", self.0, uuid::Uuid::new_v4().simple())
    }

    /// Whether `link` is a room made by [`new_room`](Self::new_room) on this base.
    pub fn is_room(&self, link: &str) -> bool {
        link.strip_prefix(self.0.as_str())
            .and_then(|rest| rest.strip_prefix(ROOM_PREFIX))
            .is_some_and(|name| name.len() == 32 && name.chars().all(|c| c.is_ascii_hexdigit()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn fixed_links_are_https_with_a_host() {
        for good in [
            "https://zoom.us/j/123456789?pwd=abc",
            "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0",
            "https://acme.webex.com/meet/pat.provider",
        ] {
            assert_eq!(MeetingUrl::parse(good, "link").unwrap().as_str(), good);
        }
        for bad in [
            "",
            "http://zoom.us/j/1",
            "zoom.us/j/1",
            "https://",
            "https://zoom us/j/1",
            "https://localhost/x",
            "https://zoom.us/j/1\"onclick",
            "javascript:alert(1)",
        ] {
            let error = MeetingUrl::parse(bad, "link").unwrap_err();
            assert!(
                error.to_string().contains("link")
                    || matches!(error, ServiceError::InvalidFields(_)),
                "{bad}"
            );
        }
    }

    #[test]
    fn rooms_differ_and_are_recognised() {
        let base = RoomBase::parse("https://meet.example.org/rooms").unwrap();
        assert_eq!(base.as_str(), "https://meet.example.org/rooms/");
        let (a, b) = (base.new_room(), base.new_room());
        assert_ne!(a, b);
        assert!(base.is_room(&a) && base.is_room(&b));
        assert!(!base.is_room("https://meet.example.org/rooms/tta-mine"));
        assert!(!RoomBase::default().is_room(&a));
        assert!(RoomBase::parse("http://meet.example.org/").is_err());
    }
}
