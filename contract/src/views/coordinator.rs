//! What the coordinator's pages receive: the queue, a request with its history, sessions,
//! proposals and the site's asks, the ranked candidates and the planned series, the providers
//! and a leaving provider's engagements, batch matching. Every time is already written out in the
//! coordinator's zone (and the site's beside it); statuses are typed and the page asks them for
//! their label; what the coordinator may do next is decided by `service` and carried as flags.

use serde::{Deserialize, Serialize};

use crate::status::{ProposalStatus, RequestStatus, SessionStatus};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCountView {
    pub status: RequestStatus,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRowView {
    pub id: i32,
    pub title: String,
    pub site: String,
    pub status: RequestStatus,
    pub topics: String,
    pub series: String,
    pub submitted: String,
    /// How long it has waited: `3 days`, `less than a day`.
    pub waiting: String,
    /// The site's open asks to change sessions of this request (left out of the JSON when
    /// none, as for most rows: the queue's rows travel twice, as HTML and for hydration).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub open_changes: u32,
    /// What waits for the coordinator on this request, if anything (left out when nothing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting_on: Option<crate::views::home::WaitingOn>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    pub rows: Vec<QueueRowView>,
    /// The requests matching the filters and the pages beside this one (flattened: `total`,
    /// `page_size`, `next`, `previous` at the top of the view).
    #[serde(flatten)]
    pub pages: crate::views::paging::PageLinks,
    pub counts: Vec<StatusCountView>,
    pub sites: Vec<Choice>,
    pub topics: Vec<Choice>,
    /// Every site's open asks to change sessions, oldest first.
    pub changes: Vec<OpenChangeView>,
    /// How many requests wait for the coordinator, per kind (every kind, zeros included).
    pub waiting: Vec<WaitingCountView>,
    /// The rows are only the requests waiting on this (`?waiting=accepted`).
    pub waiting_filter: Option<crate::views::home::WaitingOn>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingCountView {
    pub waiting_on: crate::views::home::WaitingOn,
    pub count: u64,
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
    pub status: SessionStatus,
    pub provider: String,
    pub sequence: i32,
    /// `YYYY-MM-DD` and `HH:MM` on the site's wall clock, to prefill the reschedule form.
    pub site_date: String,
    pub site_time: String,
    /// Move or cancel it: a session that holds the provider's time and has not started.
    pub can_change: bool,
    /// Who is e-mailed if it is cancelled (its provider and the site's contacts); empty when no
    /// one is (a session not yet confirmed).
    pub told_on_cancel: Vec<String>,
    /// The meeting link of a virtual or hybrid session, once it has one.
    #[serde(default)]
    pub meeting_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalRowView {
    pub id: i32,
    pub provider_id: i32,
    pub provider: String,
    pub status: ProposalStatus,
    /// The score (0 to 100) the provider had when the proposal was sent; it does not follow
    /// later changes to their load or the weights.
    pub sent_score_percent: u32,
    pub decided: String,
    pub reason: String,
    /// The provider accepted it and the request still waits on it.
    pub can_approve: bool,
    /// Sent or accepted, and the request still waits on it.
    pub can_withdraw: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestDetailView {
    pub id: i32,
    pub title: String,
    pub summary: String,
    pub site: String,
    pub site_zone: String,
    pub status: RequestStatus,
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
    pub change_requests: Vec<ChangeRequestView>,
    /// A provider may be proposed (submitted or matching).
    pub can_propose: bool,
    /// The request may be returned to the site or rejected (submitted or matching).
    pub can_return_or_reject: bool,
    /// For a peer exchange, in words (`Peer exchange: Houston, TX visits Memphis, TN.`).
    #[serde(default)]
    pub peer_exchange: Option<String>,
    /// The free times each session that may still move may move to, for the move forms (read
    /// with the request, so the page builds the request once).
    #[serde(default)]
    pub move_times: Vec<crate::views::move_times::SessionMoveTimesView>,
    /// The request's team proposals, newest first.
    #[serde(default)]
    pub teams: Vec<crate::views::team::TeamView>,
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

/// An excluded provider as the request page lists them: the rules they break, in brief (the
/// first one, a series that cannot be placed named by its first session) unless every reason was
/// asked for, and how many more there are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcludedBriefView {
    pub provider_id: i32,
    pub name: String,
    /// The first rule in brief, or every rule in full.
    pub reasons: Vec<String>,
    /// How many more rules they break than `reasons` names (0 when every reason is shown).
    pub more: u32,
}

/// How many excluded providers break one rule (`Do not cover 'Gun violence' at level ≥ 3`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionGroupView {
    /// The rule, as a heading the number of providers follows.
    pub label: String,
    pub count: u32,
}

/// The ranked candidates as the request page shows them: every eligible provider with the parts
/// of their score, the excluded ones grouped by the rule they break and each in brief, or with
/// every reason when `every_reason` (the full list is asked for, not carried by every view).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestCandidatesView {
    pub eligible: Vec<CandidateView>,
    pub excluded: Vec<ExcludedBriefView>,
    /// Most providers first.
    pub groups: Vec<ExclusionGroupView>,
    pub every_reason: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccurrenceView {
    pub index: u32,
    /// `at_anchor`, `moved` or `unplaced` (the engine's placement), or `chosen` (moved by the
    /// coordinator).
    pub outcome: String,
    pub outcome_label: String,
    /// Its start now (Unix seconds; the requested time when it could not be placed).
    pub start: i64,
    /// In the site's zone.
    pub site_time: String,
    /// In the provider's zone.
    pub provider_time: String,
    /// Why it moved or could not be placed.
    pub notes: Vec<String>,
    /// The coordinator moved it.
    pub moved_by_you: bool,
    /// Other times it may move to, nearest the requested time first.
    pub alternatives: Vec<AlternativeView>,
}

/// A time an occurrence may move to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlternativeView {
    /// Its start, Unix seconds (how a move names it).
    pub start: i64,
    /// In the site's zone.
    pub site_time: String,
    /// In the provider's zone.
    pub provider_time: String,
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
    /// The coordinator's moves (`occurrence@unix-seconds`, comma-separated), as the plan and
    /// the proposal read them.
    pub moves: String,
}

/// A site's open ask, as the queue lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenChangeView {
    pub id: i32,
    pub request_id: i32,
    pub request_title: String,
    pub site: String,
    pub session: i32,
    /// What was asked, in words.
    pub what: String,
    pub reason: String,
    /// When it was asked, in the coordinator's zone.
    pub asked: String,
    /// How long ago: `3 days`, `less than a day`.
    pub waiting: String,
}

/// A site's ask about one session of a request, as the request's page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRequestView {
    pub id: i32,
    pub session_id: i32,
    pub session: i32,
    /// The session's time now (coordinator's zone, the site's beside it).
    pub session_when: String,
    /// `reschedule`, `cancel_one` or `cancel_rest`.
    pub kind: String,
    pub what: String,
    pub reason: String,
    /// For a reschedule: when the site would like it, in its words.
    pub wanted: String,
    /// `open`, `done` or `declined`.
    pub status: String,
    pub status_label: String,
    pub asked: String,
    pub asked_by: String,
    pub handled: String,
    pub handled_by: String,
    pub note: String,
    /// The session's date and start on the site's clock, to prefill the new time.
    pub site_date: String,
    pub site_time: String,
}

/// A provider with their booked work from now on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderRowView {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub zone: String,
    pub active: bool,
    /// Marked as leaving: when, in the coordinator's zone (empty while active).
    pub departed: String,
    pub confirmed_sessions: u32,
    pub tentative_sessions: u32,
    pub engagements: u32,
}

/// One remaining session of an engagement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementSessionView {
    pub id: i32,
    pub occurrence: i32,
    /// Coordinator's zone, the site's beside it.
    pub when: String,
    pub status: SessionStatus,
}

/// A leaving provider's engagement with one request, and who could take it over.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EngagementView {
    pub request_id: i32,
    pub title: String,
    pub site: String,
    pub site_zone: String,
    /// Every remaining session is confirmed (can be handed over here).
    pub confirmed: bool,
    pub sessions: Vec<EngagementSessionView>,
    /// Suggested replacements, best first, with the parts of their score.
    pub candidates: Vec<CandidateView>,
    /// Everyone else, with the rules they break (e.g. busy at one of the times).
    pub excluded: Vec<ExcludedView>,
}

/// The page of a leaving provider.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReassignView {
    pub provider: ProviderRowView,
    pub engagements: Vec<EngagementView>,
}

/// One kept row of batch matching: a request and the provider the optimum gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchRowView {
    pub request_id: i32,
    pub title: String,
    pub site: String,
    pub provider_id: i32,
    pub provider: String,
    pub score_percent: u32,
    /// The strongest parts of the score, in words.
    pub why: String,
}

/// A request batch matching could not place, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnassignedView {
    pub request_id: i32,
    pub title: String,
    pub site: String,
    pub reason: String,
}

/// The optimal assignment of every open request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchView {
    pub rows: Vec<BatchRowView>,
    pub unassigned: Vec<UnassignedView>,
    /// The kept rows' average score, 0 to 100 like each row's.
    pub average_score_percent: u32,
}

/// What became of one row when the batch's proposals were sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchOutcome {
    pub request_id: i32,
    pub title: String,
    pub sent: bool,
    pub message: String,
}
