//! Planning an engagement's cadence in one step (issue 16): what the coordinator's form offers,
//! the engine's preview of every occurrence of every line, and what sending created. Times are
//! already words in the reader's zone with the site's clock beside them.

use serde::{Deserialize, Serialize};

use crate::vocabulary::TeamRole;

/// What the cadence form offers and its defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadenceChoices {
    pub engagement_id: i32,
    /// The site's IANA zone, e.g. `America/Chicago`: weekdays and times are on its clock.
    pub site_zone: String,
    /// `YYYY-MM-DD`: the engagement's start, or today when it began already.
    pub default_from: String,
    /// `YYYY-MM-DD`: the engagement's planned end.
    pub default_through: String,
    /// The planned end in words, e.g. `30 Jun 2029`.
    pub ends_on: String,
    /// Every TTA role, with who holds it on the team (empty: nobody yet).
    pub roles: Vec<CadenceRole>,
    /// The engagement is closed or closing: nothing more may be planned.
    pub closed: bool,
}

/// A TTA role and the team members who hold it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadenceRole {
    pub role: TeamRole,
    pub holders: Vec<CadenceHolder>,
}

/// A team member who holds a role: a line for the role names the ones who deliver it by
/// `user_id` ([`CadenceLineForm::providers`](crate::forms::CadenceLineForm::providers)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadenceHolder {
    pub user_id: i32,
    pub name: String,
}

/// The engine's placement of every line, nothing written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadencePreview {
    pub lines: Vec<CadenceLinePreview>,
    /// Occurrences of every line together, and how many have a time.
    pub requested: u32,
    pub placed: u32,
    /// The placements shown, to send back with the form: sending refuses (409, naming the
    /// occurrence) when the engine would now place one elsewhere.
    pub previewed: String,
    /// Every occurrence of every line has a time: the cadence may be sent.
    pub can_send: bool,
}

/// One line's plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadenceLinePreview {
    pub title: String,
    /// Who delivers it, e.g. `Dana Reyes (Strategic site liaison)`.
    pub provider: String,
    pub requested: u32,
    pub placed: u32,
    /// Occurrences the engine had to move from the cadence's date and time (within tolerance).
    pub moved: u32,
    /// The first few sessions, in words.
    pub first: Vec<String>,
    /// The last session, in words (empty when none was placed).
    pub last: String,
    /// Every occurrence without a time, with why and the other times it may take.
    pub unplaced: Vec<UnplacedOccurrence>,
}

/// An occurrence the engine could not place.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnplacedOccurrence {
    /// 1-based position in the line's series.
    pub occurrence: u32,
    /// The date and time the cadence gives, in words.
    pub wanted: String,
    /// Why it could not stand there nor nearby.
    pub reasons: Vec<String>,
    /// Other times it may move to (choosing one adds `occurrence@starts_at` to the line's moves).
    pub alternatives: Vec<AlternativeTime>,
}

/// Another time an occurrence may take.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlternativeTime {
    /// Unix seconds of its start, as a move names it.
    pub starts_at: i64,
    pub label: String,
}

/// What sending the cadence created.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadenceSent {
    /// The requests made, one per line.
    pub requests: Vec<i32>,
    pub proposals: Vec<i32>,
    pub sessions: u32,
    /// A sentence for the page, e.g. `2 proposals with 48 sessions sent to Dana Reyes and …`.
    pub message: String,
}
