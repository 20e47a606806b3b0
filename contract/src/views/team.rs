//! Sessions with several providers (issue 16): what the coordinator's request page shows of a
//! team — the common plan of the providers ticked, and each team proposal with where every
//! provider stands. Times are already words in the coordinator's zone with the site's clock
//! beside them; what may be done next arrives as flags.

use serde::{Deserialize, Serialize};

use crate::status::ProposalStatus;

/// The series planned for every provider ticked at once: a time stands only if it suits all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPlanView {
    /// The providers, in the order ticked.
    pub providers: Vec<String>,
    /// "Dana Reyes and Sam Ortiz".
    pub with_names: String,
    pub requested: u32,
    pub placed: u32,
    pub site_zone: String,
    pub occurrences: Vec<TeamOccurrenceLine>,
    /// Every occurrence placed and the request may be proposed: the team can be sent.
    pub can_send: bool,
}

/// One occurrence of the team's plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamOccurrenceLine {
    pub index: u32,
    /// When, in the reader's zone with the site's clock beside it ("" when unplaced).
    pub when: String,
    pub placed: bool,
    /// Why it moved or could not be placed, naming the provider(s) in the way ("" at anchor).
    pub note: String,
}

/// One team proposal of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamView {
    pub id: i32,
    /// "Dana Reyes and Sam Ortiz".
    pub with_names: String,
    /// Proposed, approved or released, in words.
    pub status_label: String,
    pub members: Vec<TeamMemberLine>,
    /// Every provider accepted and the request waits on it: the coordinator may approve.
    pub can_approve: bool,
    /// The proposal the approval goes through (any member's approves the whole team).
    pub approve_proposal_id: i32,
    /// Whom the team still waits for ("Sam Ortiz"), empty when nobody.
    pub waiting_for: String,
}

/// One provider of a team proposal and their answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMemberLine {
    pub proposal_id: i32,
    pub provider: String,
    pub status: ProposalStatus,
}
