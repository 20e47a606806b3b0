//! What the provider's pages receive: their sessions as a list or a week or month calendar, and
//! their proposals inbox. Every time is already written out in the provider's zone, with the
//! site's wall clock beside it when it reads otherwise.

use serde::{Deserialize, Serialize};

use crate::status::{ProposalStatus, SessionStatus};

/// One session as the pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionItem {
    pub id: i32,
    pub title: String,
    pub site: String,
    /// Session number in its series, from 1.
    pub occurrence: i32,
    /// `12:00–13:00 MST` on the provider's clock.
    pub time: String,
    /// The start as a UTC instant (`2027-03-11T19:00:00Z`), for `<time datetime>`.
    pub starts_utc: String,
    /// `(site: 13:00–14:00 CST)`, when the site's clock reads otherwise.
    pub site_time: Option<String>,
    /// Tentative, confirmed or completed.
    pub status: SessionStatus,
    /// The status as the provider reads it (`Tentative: awaiting approval`, `Held`).
    pub status_label: String,
    /// Minutes after midnight on the provider's clock that the session starts and ends on its
    /// day (the end at most 1440: a session past midnight is drawn to the day's end), for
    /// placing it on the week's time grid.
    pub start_minute: u16,
    pub end_minute: u16,
    /// The meeting link of a virtual or hybrid session, once it has one.
    #[serde(default)]
    pub meeting_url: Option<String>,
}

/// The sessions of one provider-local date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDay {
    pub iso: String,
    /// `Thursday 11 March 2027`.
    pub full: String,
    /// `11`.
    pub number: String,
    /// `Thu`: shown beside the number where the month grid has no weekday columns (phones).
    pub weekday: String,
    /// Inside the month shown (month view); always true elsewhere.
    pub in_period: bool,
    pub today: bool,
    pub items: Vec<SessionItem>,
}

/// A link to another period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodLink {
    pub href: String,
    pub label: String,
}

/// What `/provider/sessions` shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsView {
    /// `list`, `week` or `month`.
    pub view: String,
    /// The list shows past sessions (newest first).
    pub past: bool,
    /// The date asked about, `YYYY-MM-DD`.
    pub date: String,
    pub zone_label: String,
    /// `Upcoming sessions`, `Week of Monday 8 March 2027`, `March 2027`.
    pub heading: String,
    pub previous: Option<PeriodLink>,
    pub next: Option<PeriodLink>,
    /// List: days with sessions; week: the seven days; month: weeks of seven days, flattened.
    pub days: Vec<SessionDay>,
    /// Sessions in the period (the list: in the whole list, every page).
    pub count: usize,
    /// The list's pages (50 sessions each) and where the pages beside this one start; `None`
    /// for a week or a month, which are shown whole.
    pub pages: Option<crate::views::paging::PageLinks>,
}

/// One proposal as the provider's inbox shows it; times in the provider's zone with the site's
/// wall clock beside them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalCard {
    pub id: i32,
    pub status: ProposalStatus,
    /// The provider can still accept or decline it.
    pub can_answer: bool,
    pub title: String,
    pub site: String,
    pub site_zone: String,
    pub topics: Vec<String>,
    pub summary: String,
    pub description: String,
    pub sessions: Vec<String>,
    pub reason: String,
}
