//! The coordinator's "Arrange a peer exchange" form, as typed: a host site receives a visiting
//! site of the programme (e.g. Memphis hosts Houston's gun-crime unit).

use serde::{Deserialize, Serialize};

/// A peer exchange as the coordinator typed it (every field as text). Times are on the host
/// site's wall clock; the sessions are requested by (and belong to the engagement of) the host.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PeerExchangeForm {
    pub host_site_id: String,
    pub visiting_site_id: String,
    pub title: String,
    pub topic_id: String,
    pub description: String,
    /// `on_site`, `virtual` or `hybrid`.
    pub modality: String,
    pub session_count: String,
    /// `once`, `weekly`, `biweekly`, `monthly`.
    pub cadence: String,
    pub session_minutes: String,
    /// `YYYY-MM-DD` on the host site's calendar.
    pub earliest_date: String,
    pub latest_date: String,
    /// `HH:MM` on the host site's wall clock.
    pub preferred_start: String,
    pub preferred_end: String,
}
