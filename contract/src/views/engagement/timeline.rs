//! What an engagement's page shows of its sessions over time: the next sessions (in the
//! reader's zone) and the three-year timeline — per calendar quarter on the site's clock, the
//! sessions delivered against those planned, with the phases drawn along it and today marked.

use serde::{Deserialize, Serialize};

use crate::status::SessionStatus;

/// An engagement's next sessions and its timeline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementTimeline {
    pub engagement_id: i32,
    /// The next (at most five) tentative or confirmed sessions not yet over, soonest first.
    pub next_sessions: Vec<NextSessionLine>,
    /// The calendar quarters from the engagement's start to its planned end (widened to hold
    /// any session outside them), oldest first.
    pub quarters: Vec<TimelineQuarter>,
    /// The phases by their target dates, in the engagement's order.
    pub phases: Vec<TimelinePhase>,
    /// Days the timeline spans (the first quarter's first day is day 0).
    pub total_days: i32,
    /// Today on the site's calendar, in days from the timeline's start; `None` when today is
    /// outside it.
    pub today_day: Option<i32>,
    /// `15 Dec 2026`: today on the site's calendar.
    pub today: String,
    /// The site's zone the quarters are counted in, e.g. `America/Chicago`.
    pub site_zone: String,
    /// The whole timeline in one sentence (the chart's text alternative).
    pub summary: String,
}

/// One session still ahead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextSessionLine {
    pub session_id: i32,
    /// The request's title.
    pub title: String,
    pub occurrence: i32,
    /// `Tue 9 Mar 2027, 10:00–11:30 CST (site: 11:00–12:30 EST)`: the reader's zone, the site's
    /// clock beside it when it reads otherwise.
    pub when: String,
    pub status: SessionStatus,
    pub provider: String,
    /// The reader's own page about the session.
    pub href: String,
}

/// One calendar quarter of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineQuarter {
    /// `Q1 2027`.
    pub label: String,
    /// `Jan – Mar 2027`.
    pub months: String,
    /// Days from the timeline's start to the quarter's first day, and its length in days.
    pub start_day: i32,
    pub days: i32,
    /// Sessions held: completed, or confirmed and over.
    pub delivered: u32,
    /// Sessions not cancelled that start in the quarter (held, booked or awaiting approval).
    pub planned: u32,
    /// Whether today falls in it.
    pub current: bool,
}

/// One phase drawn along the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelinePhase {
    pub name: String,
    /// `Mar 2027 – Feb 2028`.
    pub target: String,
    /// Days from the timeline's start to the phase's target start, and to the day after its
    /// target end.
    pub start_day: i32,
    pub end_day: i32,
    pub finished: bool,
    pub overdue: bool,
}
