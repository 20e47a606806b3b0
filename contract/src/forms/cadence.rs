//! An engagement's cadence as the coordinator lays it out on the engagement's page: one or more
//! lines ("Monthly 90-minute virtual coaching with the liaison"), each a series for the team
//! members who hold a role, planned over the engagement's years in one step.

use serde::{Deserialize, Serialize};

/// The whole cadence: its lines, and (for sending) what the preview showed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CadenceForm {
    pub lines: Vec<CadenceLineForm>,
    /// The placements the coordinator previewed, as the preview wrote them
    /// ([`CadencePreview::previewed`](crate::views::cadence::CadencePreview::previewed)); sending
    /// refuses (409) when the engine now places any occurrence elsewhere. Empty when previewing.
    pub previewed: String,
}

/// One line of the cadence, every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CadenceLineForm {
    pub title: String,
    /// A TTA role's stored text (`strategic_site_liaison`, `subject_matter_expert`,
    /// `crime_analyst`, `coach`): the team members who hold it deliver the line.
    pub role: String,
    /// `weekly`, `biweekly`, `monthly` or `quarterly`.
    pub cadence: String,
    /// Minutes, as typed.
    pub session_minutes: String,
    /// `virtual`, `on_site` or `hybrid`.
    pub modality: String,
    /// `mon` … `fri`.
    pub weekdays: Vec<String>,
    /// `HH:MM` on the site's wall clock: the sessions start at `window_start` (or as near as the
    /// calendars allow) and end by `window_end`.
    pub window_start: String,
    pub window_end: String,
    /// `YYYY-MM-DD` on the site's calendar.
    pub from: String,
    pub through: String,
    /// Occurrences the coordinator moved to one of the other times offered:
    /// `occurrence@unix-seconds`, comma-separated (empty for none).
    pub moves: String,
    /// When several people on the TTA team hold the role: the user ids of those who deliver
    /// the line together, comma-separated; empty for every holder of the role. The line's
    /// times are then free for all of them at once.
    pub providers: String,
    /// Empty for sessions; `1` to `5` for on-site visits of that many consecutive business
    /// days, each day from `window_start` to `window_end` on the site's clock.
    pub visit_days: String,
    /// `on` to keep the provider's travel day before and after each visit free.
    pub travel_days: String,
}
