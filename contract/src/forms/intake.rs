//! The site contact's request for training or coaching, as typed.

use serde::{Deserialize, Serialize};

/// The intake form exactly as the person filled it in (every field as text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntakeForm {
    pub title: String,
    /// The ids of the chosen topics, as the checkboxes send them.
    pub topic_ids: Vec<String>,
    pub description: String,
    /// `diagnostic`, `operations` or `other`.
    pub engagement_type: String,
    pub modality: String,
    pub session_count: String,
    pub cadence: String,
    pub session_minutes: String,
    /// `YYYY-MM-DD` on the site's calendar.
    pub earliest_date: String,
    pub latest_date: String,
    /// `mon` … `sun`.
    pub preferred_weekdays: Vec<String>,
    /// `HH:MM` on the site's wall clock.
    pub preferred_start: String,
    pub preferred_end: String,
    /// Days of each multi-day on-site visit: empty or `0` for ordinary sessions, `1` to `5` for
    /// visits of that many consecutive business days (each day from `preferred_start` for
    /// `session_minutes`).
    pub visit_days: String,
    /// `on` (a ticked checkbox) when the provider's travel day before and after each visit is
    /// kept free.
    pub travel_days: String,
    pub expected_attendees: String,
    pub minimum_level: String,
    pub notes: String,
}
