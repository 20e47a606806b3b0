//! What the coordinator pages receive: plain, serialisable values with every time already
//! written out in the coordinator's zone (and the site's beside it).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCountView {
    pub status: String,
    pub label: String,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRowView {
    pub id: i32,
    pub title: String,
    pub site: String,
    pub status: String,
    pub status_label: String,
    pub topics: String,
    pub series: String,
    pub submitted: String,
    pub age_days: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    pub rows: Vec<QueueRowView>,
    pub total: u64,
    pub limit: u64,
    pub counts: Vec<StatusCountView>,
    pub sites: Vec<Choice>,
    pub topics: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryView {
    pub when: String,
    pub change: String,
    pub by: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: i32,
    pub occurrence: i32,
    pub when: String,
    /// The start as an RFC 3339 UTC instant, for `<time datetime>`.
    pub starts_utc: String,
    pub status: String,
    pub provider: String,
    pub sequence: i32,
    /// `YYYY-MM-DD` and `HH:MM` on the site's wall clock, to prefill the reschedule form.
    pub site_date: String,
    pub site_time: String,
    pub can_change: bool,
}

/// A site's ask to move or cancel a session, as the coordinator reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeAskView {
    /// The session's number in the series.
    pub session: i32,
    pub what: String,
    /// For a reschedule: when would suit the site, in its words.
    pub wanted: String,
    pub reason: String,
    pub status: String,
    pub by: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalRowView {
    pub id: i32,
    pub provider: String,
    pub status: String,
    pub score_percent: u32,
    pub decided: String,
    pub reason: String,
    pub can_approve: bool,
    pub can_withdraw: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestDetailView {
    pub id: i32,
    pub title: String,
    pub summary: String,
    pub site: String,
    pub site_zone: String,
    pub status: String,
    pub status_label: String,
    pub topics: Vec<String>,
    pub description: String,
    pub notes: String,
    pub attendees: i32,
    pub minimum_level: i16,
    pub submitted: String,
    pub history: Vec<HistoryView>,
    pub sessions: Vec<SessionView>,
    pub proposals: Vec<ProposalRowView>,
    /// The site's asks to change sessions, newest first.
    pub asks: Vec<ChangeAskView>,
    pub can_propose: bool,
    pub can_return_or_reject: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScorePartView {
    pub label: String,
    pub value_percent: u32,
    pub weight_percent: u32,
    pub contribution_percent: f64,
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateView {
    pub provider_id: i32,
    pub name: String,
    pub score_percent: u32,
    pub parts: Vec<ScorePartView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcludedView {
    pub provider_id: i32,
    pub name: String,
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidatesView {
    pub eligible: Vec<CandidateView>,
    pub excluded: Vec<ExcludedView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccurrenceView {
    pub index: u32,
    /// `at_anchor`, `moved` or `unplaced`.
    pub outcome: String,
    pub outcome_label: String,
    /// In the site's zone.
    pub site_time: String,
    /// In the provider's zone.
    pub provider_time: String,
    /// Why it moved or could not be placed.
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    pub provider_id: i32,
    pub provider: String,
    pub provider_zone: String,
    pub site_zone: String,
    pub placed: usize,
    pub requested: usize,
    pub occurrences: Vec<OccurrenceView>,
}
