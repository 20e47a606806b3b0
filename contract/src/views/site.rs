//! What the site contact's request pages receive: the list of their requests and one request's
//! page with its history, sessions and asks to change them. Times are already written out (the
//! list in the reader's zone, a request's page in the site's); what the reader may do with a
//! session is decided by `service` and carried as flags.

use serde::{Deserialize, Serialize};

use crate::status::{RequestStatus, SessionStatus};

/// One line of "My requests".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRow {
    pub id: i32,
    pub title: String,
    pub site: String,
    pub status: RequestStatus,
    pub sessions: String,
    pub window: String,
    pub submitted: String,
    /// For a peer exchange, in words (`Peer exchange: Houston, TX visits Memphis, TN.`).
    #[serde(default)]
    pub peer_exchange: Option<String>,
}

/// One step of a request's history, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryLine {
    /// The status the request moved to.
    pub status: RequestStatus,
    pub at: String,
    /// The reason as the reader may read it: a site contact reads the coordinator's reasons for
    /// returning or rejecting, and on a declined proposal only that the coordinator is finding
    /// another provider (coordinators and administrators read the provider's reason).
    pub reason: String,
}

/// One session of a request, in the site's zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLine {
    pub id: i32,
    pub occurrence: i32,
    pub when: String,
    /// The start as an RFC 3339 UTC instant, for `<time datetime>`.
    pub starts_utc: String,
    /// "with Dana Reyes and Sam Ortiz" for a session with several providers.
    #[serde(default)]
    pub with: Option<String>,
    pub status: SessionStatus,
    /// Confirmed and not started: the site may ask to reschedule or cancel it.
    pub can_change: bool,
    /// Over, not cancelled, and not yet rated by this person.
    pub can_rate: bool,
    /// The reader's own rating of the session, in words, once given.
    pub your_feedback: Option<String>,
    /// The meeting link of a virtual or hybrid session, for the host site's contacts (never a
    /// visiting site's).
    #[serde(default)]
    pub meeting_url: Option<String>,
}

/// One ask to change a session, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskLine {
    pub what: String,
    pub session: i32,
    pub reason: String,
    /// Where the ask stands, in words (`Waiting for the coordinator`, `Done`, `Declined`).
    pub status: String,
    pub at: String,
    /// The coordinator's note when answering (empty until then).
    #[serde(default)]
    pub note: String,
}

/// Everything the page of one request shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestInfo {
    pub id: i32,
    pub title: String,
    pub site: String,
    pub zone_label: String,
    pub status: RequestStatus,
    pub summary: String,
    pub topics: Vec<String>,
    pub engagement_type: String,
    pub description: String,
    pub expected_attendees: i32,
    pub notes: String,
    pub history: Vec<HistoryLine>,
    pub sessions: Vec<SessionLine>,
    pub asks: Vec<AskLine>,
    /// For a peer exchange, in words (`Peer exchange: Houston, TX visits Memphis, TN.`).
    #[serde(default)]
    pub peer_exchange: Option<String>,
    /// The reader is a contact of the visiting site: they follow the exchange here, and the
    /// host and the coordinator change it (sessions are in the reader's zone, the host's clock
    /// beside).
    #[serde(default)]
    pub read_only: bool,
}
