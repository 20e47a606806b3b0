//! The messages of TTA Scheduler, built from plain facts the caller gathers (no database
//! access here), one builder per kind of message and recipient.
//!
//! Every builder returns an [`OutgoingMessage`](super::OutgoingMessage) for one person: a
//! plain-text and an HTML part from the same [`doc::Doc`], times in that person's zone with the
//! abbreviation and the site's local time beside it when it reads differently, a line saying who
//! to contact, and — for confirmations, reschedules and cancellations — the calendar invites,
//! one `.ics` file per session in one message per person and event.
//! The deduplication key names the event precisely (see each builder), so calling a builder again
//! for the same event and person and enqueueing the result writes nothing new.

mod account;
mod closing;
mod coordinator;
pub(crate) mod doc;
mod email_change;
pub mod links;
mod meeting;
mod reassign;
mod request;
mod session;
mod team_changes;

use chrono::{DateTime, Utc};
pub use chrono_tz::Tz;

use crate::accounts::Role;

pub use account::{InvitationFacts, PasswordResetFacts, invitation, password_reset};
pub use closing::{
    ProposalWithdrawnFacts, RequestClosedFacts, proposal_withdrawn, request_rejected,
    request_returned,
};
pub use coordinator::{
    ChangeAskedFacts, DigestFacts, DigestLine, ProposalAcceptedFacts, change_asked,
    coordinator_digest, proposal_accepted,
};
pub use email_change::{EmailChangeFacts, email_change_confirm, email_change_notice};
pub use meeting::meeting_link_changed;
pub use reassign::{
    ChangeAnswerFacts, ReassignmentFacts, change_request_answered, provider_changed,
    session_assigned, session_released,
};
pub use request::{
    ProposalDeclinedFacts, ProposalFacts, RequestReceivedFacts, proposal, proposal_declined,
    request_received,
};
pub use session::{
    CancellationFacts, FeedbackFacts, MovedSession, ReminderFacts, RescheduleFacts, ScheduleFacts,
    SeriesMovedFacts, feedback_request, reminder, schedule_confirmed, session_rescheduled,
    sessions_cancelled, sessions_moved, team_schedule_confirmed,
};
pub use team_changes::{team_sessions_cancelled, team_sessions_moved};

/// A person who receives a message, with the zone their times are shown in and the role whose
/// pages their links open ([`links`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
    pub zone: Tz,
    pub role: Role,
}

impl Person {
    pub(crate) fn recipient(&self) -> super::Recipient {
        super::Recipient::new(self.name.clone(), self.email.clone())
    }

    pub(crate) fn greeting(&self) -> String {
        let name = self.name.trim();
        if name.is_empty() {
            "Hello,".to_owned()
        } else {
            format!("Hello {name},")
        }
    }
}

/// Who to contact about the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub email: String,
}

impl Contact {
    pub(crate) fn line(&self) -> String {
        format!(
            "Questions? Contact {} at {}.",
            self.name.trim(),
            self.email.trim()
        )
    }
}

/// The site a request belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFacts {
    pub name: String,
    pub zone: Tz,
}

/// One session as messages show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionFacts {
    /// `tta_session.calendar_uid`.
    pub calendar_uid: String,
    /// `tta_session.sequence` after the change being announced.
    pub sequence: i32,
    /// 1-based position in the series.
    pub occurrence: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Street address or room; empty for virtual sessions.
    pub location: String,
    /// Meeting link; empty for on-site sessions.
    pub virtual_link: String,
}

/// What the messages about a request's sessions share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EngagementFacts {
    pub request_id: i32,
    pub title: String,
    pub site: SiteFacts,
    pub provider: Person,
    /// Who to contact (usually the coordinator).
    pub contact: Contact,
    /// The organizer written into invites (usually the application's sender address).
    pub organizer: Contact,
    /// The application's address, e.g. `https://tta.example.gov`; each recipient's link to
    /// their own page is built from it ([`links`]).
    pub app_url: String,
    /// The other providers of the provider's team for these sessions, empty for one provider.
    pub co_providers: Vec<String>,
}

/// `names` as a sentence: "A", "A and B", "A, B and C".
pub(crate) fn join_names(names: &[String]) -> String {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    scheduling::join_names(&names)
}

impl EngagementFacts {
    /// `to`'s own page about session `s` of this engagement.
    pub(crate) fn session_link(&self, to: &Person, s: &SessionFacts) -> String {
        links::link_for(
            &self.app_url,
            to,
            links::Topic::Session {
                request_id: self.request_id,
                starts_at: s.starts_at,
            },
        )
    }
}

#[cfg(test)]
mod tests;
