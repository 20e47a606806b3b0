//! The one place that knows which page of the application shows a thing to each role, so that
//! every link in an e-mail opens its recipient's own page: a site contact's request page
//! (`/requests/{id}`), a coordinator's or administrator's (`/coordinator/requests/{id}`), a
//! provider's proposals (`/provider/proposals`) or the week of their calendar that holds the
//! session (`/provider/sessions?view=week&date=…`, the date on the provider's own wall clock).
//! A provider has no page of a site's request, and a site contact none of a proposal: each gets
//! the nearest page of their own.

use chrono::{DateTime, Utc};

use super::Person;
use crate::accounts::Role;

/// What a link is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// A request as a whole (received, returned, rejected).
    Request { request_id: i32 },
    /// A proposal of a request to a provider (sent, withdrawn, declined).
    Proposal { request_id: i32 },
    /// One session of a request, starting at `starts_at` (confirmed, moved, cancelled, handed
    /// over, reminded, rated, asked about).
    Session {
        request_id: i32,
        starts_at: DateTime<Utc>,
    },
}

impl Topic {
    fn request_id(self) -> i32 {
        match self {
            Self::Request { request_id }
            | Self::Proposal { request_id }
            | Self::Session { request_id, .. } => request_id,
        }
    }
}

/// The path (with its query) of `to`'s own page about `topic`.
pub fn path_for(to: &Person, topic: Topic) -> String {
    match to.role {
        Role::SiteContact => format!("/requests/{}", topic.request_id()),
        Role::Coordinator | Role::Admin => {
            format!("/coordinator/requests/{}", topic.request_id())
        }
        Role::Provider => match topic {
            Topic::Proposal { .. } => "/provider/proposals".to_owned(),
            Topic::Session { starts_at, .. } => format!(
                "/provider/sessions?view=week&date={}",
                starts_at.with_timezone(&to.zone).format("%Y-%m-%d")
            ),
            Topic::Request { .. } => "/provider/sessions".to_owned(),
        },
    }
}

/// `app_url` (the application's address, e.g. `https://tta.example.gov`) joined with
/// [`path_for`].
pub fn link_for(app_url: &str, to: &Person, topic: Topic) -> String {
    format!("{}{}", app_url.trim_end_matches('/'), path_for(to, topic))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;
    use chrono_tz::Tz;

    fn person(role: Role, zone: Tz) -> Person {
        Person {
            name: "Someone".to_owned(),
            email: "someone@example.org".to_owned(),
            zone,
            role,
        }
    }

    #[test]
    fn each_role_gets_its_own_page() {
        let request = Topic::Request { request_id: 7 };
        let proposal = Topic::Proposal { request_id: 7 };
        // 02:30 UTC on 2 March is still 1 March in Phoenix.
        let session = Topic::Session {
            request_id: 7,
            starts_at: Utc.with_ymd_and_hms(2027, 3, 2, 2, 30, 0).unwrap(),
        };
        let site = person(Role::SiteContact, Tz::America__Chicago);
        let coordinator = person(Role::Coordinator, Tz::America__New_York);
        let admin = person(Role::Admin, Tz::UTC);
        let provider = person(Role::Provider, Tz::America__Phoenix);
        for topic in [request, proposal, session] {
            assert_eq!(path_for(&site, topic), "/requests/7");
            assert_eq!(path_for(&coordinator, topic), "/coordinator/requests/7");
            assert_eq!(path_for(&admin, topic), "/coordinator/requests/7");
        }
        assert_eq!(path_for(&provider, proposal), "/provider/proposals");
        assert_eq!(
            path_for(&provider, session),
            "/provider/sessions?view=week&date=2027-03-01"
        );
        assert_eq!(path_for(&provider, request), "/provider/sessions");
        assert_eq!(
            link_for("https://tta.example.gov/", &site, request),
            "https://tta.example.gov/requests/7"
        );
    }
}
