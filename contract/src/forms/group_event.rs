//! The group-event forms, as typed: the coordinator's "New group event" and the public
//! registration form a participant fills in from the shared link.

use serde::{Deserialize, Serialize};

/// A training, webinar, workshop or summit as the coordinator typed it. Dates and times are on
/// the host site's wall clock.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupEventForm {
    /// `training`, `webinar`, `workshop` or `summit`.
    pub kind: String,
    pub title: String,
    pub description: String,
    pub host_site_id: String,
    /// `site` (the host only), `sites` (the host and `audience_site_ids`) or `all`.
    pub audience: String,
    pub audience_site_ids: Vec<String>,
    /// The provider who delivers it (empty: none yet).
    pub provider_id: String,
    /// `YYYY-MM-DD` and `HH:MM` on the host site's clock.
    pub date: String,
    pub start_time: String,
    pub minutes: String,
    pub location: String,
    pub virtual_link: String,
    /// `generated`: when no meeting link is typed, the event gets a unique generated room
    /// (issue 18); empty otherwise.
    pub meeting_room: String,
    pub capacity: String,
    /// `YYYY-MM-DD` and `HH:MM` on the host site's clock: registrations close then.
    pub deadline_date: String,
    pub deadline_time: String,
}

/// A participant's registration as typed (no account needed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    pub name: String,
    pub email: String,
    pub agency: String,
    pub job_role: String,
    pub accessibility_needs: String,
    /// An IANA zone, e.g. `America/Chicago` (the page proposes the browser's own).
    pub time_zone: String,
}
