//! Meeting links of virtual and hybrid sessions: the setting form of a provider (their profile
//! page) and of an engagement (its page, for coordinators), and what those pages show.

use serde::{Deserialize, Serialize};

/// The setting as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingLinkForm {
    /// `generated` (a unique room per session occurrence), `fixed` (the link below), or — for an
    /// engagement only — `provider` (each provider's own setting).
    pub mode: String,
    /// The fixed link (https), e.g. a Teams, Zoom or Webex personal room.
    pub link: String,
}

/// A setting as its page shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingLinkView {
    /// The stored setting, as the form's fields.
    pub form: MeetingLinkForm,
    /// Where generated rooms are made, e.g. `https://meet.jit.si/`.
    pub room_base: String,
    /// Whether `provider` (follow each provider's setting) may be chosen: an engagement's page.
    pub for_engagement: bool,
}
