//! What notifications need from the configuration: where the application lives, who sends, and
//! whom people should contact. The server builds it once at start-up; `service` reads no
//! environment.

use crate::mail::messages::Contact;

/// Settings shared by every notification (and the account e-mails).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotifySettings {
    /// Base of the links in e-mails, e.g. `https://tta.example.gov` (no trailing slash).
    pub public_url: String,
    /// The sender (`From:`), written as ORGANIZER into calendar invites; the contact of last
    /// resort.
    pub sender: Contact,
    /// Who people should contact with questions. `None`: the first active coordinator (lowest
    /// id), else [`sender`](Self::sender).
    pub contact: Option<Contact>,
    /// Where generated meeting rooms are made (`TTA_MEETING_ROOM_BASE`, default
    /// `https://meet.jit.si/`): a virtual or hybrid session gets a unique room on it when it is
    /// confirmed, unless its provider or engagement set a fixed link ([`crate::meeting`]).
    pub meeting_room_base: crate::meeting::RoomBase,
}

impl Default for NotifySettings {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:3000".to_owned(),
            sender: Contact {
                name: "TTA Scheduler".to_owned(),
                email: "tta-scheduler@localhost".to_owned(),
            },
            contact: None,
            meeting_room_base: crate::meeting::RoomBase::default(),
        }
    }
}

impl NotifySettings {
    /// `public_url` + `path_and_query`.
    pub fn link(&self, path_and_query: &str) -> String {
        format!(
            "{}{}",
            self.public_url.trim_end_matches('/'),
            path_and_query
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_join_without_a_double_slash() {
        let settings = NotifySettings {
            public_url: "https://tta.example.gov/".to_owned(),
            ..NotifySettings::default()
        };
        assert_eq!(
            settings.link("/requests/7"),
            "https://tta.example.gov/requests/7"
        );
    }
}
