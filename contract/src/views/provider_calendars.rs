//! Providers' own calendars (`/provider/calendars`, and the coordinators' providers page): each
//! connection with the state of its last refresh in words on the reader's clock, so a failing
//! connection is never silent. A CalDAV password is never part of a view.

use serde::{Deserialize, Serialize};

/// One connected calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarConnectionRow {
    pub id: i32,
    /// `ICS address` or `CalDAV`.
    pub kind: String,
    pub label: String,
    /// The address (a CalDAV connection adds its user name).
    pub address: String,
    /// `Not refreshed yet`, `Working` or `Failing`.
    pub state: String,
    pub failing: bool,
    /// The last failure's sentence, empty when the last refresh worked.
    pub error: String,
    /// When it last worked (`never` when it has not), in words on the reader's clock.
    pub last_success: String,
    /// When it was last tried.
    pub last_attempt: String,
    /// Busy times imported by the last refresh that worked.
    pub busy_count: i32,
}

/// The provider's own calendars page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnCalendars {
    pub connections: Vec<CalendarConnectionRow>,
    /// The provider's zone, which all-day and floating events are read on.
    pub zone: String,
}

/// One provider's connections, for coordinators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderCalendars {
    pub provider_id: i32,
    pub provider: String,
    pub connections: Vec<CalendarConnectionRow>,
}
