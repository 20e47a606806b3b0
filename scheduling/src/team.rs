//! Collective availability: one series planned for a **team** of providers at once (the subject
//! matter experts of an on-site visit). A time suits the team only if it suits every member:
//! each member's hours (in their own zone), overrides, time off, booked sessions widened by their
//! buffers and caps, and the site's preferred hours, blackouts and minimum notice, on the site's
//! wall clock across DST — exactly the rules [`PreparedRequest::place_series`] applies to one
//! provider, applied to all of them together.
//!
//! Occurrence by occurrence: the anchor stands if no member (and nothing of the site's) objects;
//! otherwise the occurrence moves to the grid slot nearest its anchor (the same measure as
//! [`crate::place_series`]) inside the *intersection* of the members' free time, with the caps of
//! every member respected. An occurrence that finds no common slot is reported unplaced with the
//! reasons **named by member**, and with the members who have no free time at all in its
//! tolerance window (the ones to replace), so a coordinator reads "Dana Reyes is away (Annual
//! leave)" instead of "no free slot".

use crate::calendar::SECONDS_PER_DAY;
use crate::caps::CapLedger;
use crate::failure::PlacementFailure;
use crate::grid::for_each_start;
use crate::interval::Interval;
use crate::interval_set::IntervalSet;
use crate::prepared::{Frame, PreparedRequest};
use crate::provider::ProviderSchedule;
use crate::series::provider_reasons;
use crate::zone::Resolution;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Days from 0001-01-01 (day 1 in chrono's `num_days_from_ce`) to 1970-01-01.
const UNIX_EPOCH_DAY_FROM_CE: i64 = 719_163;

/// One reason a time does not suit the team: whose it is (`member`, an index into the team
/// given to [`PreparedRequest::place_team_series`]; `None` for the site or the request) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamConflict {
    /// The member the reason belongs to; `None`: the site's or the request's own.
    pub member: Option<usize>,
    /// The site-local day it concerns, for a multi-day visit (a visit day or a travel day);
    /// `None` for a session, or the visit as a whole.
    pub date: Option<NaiveDate>,
    /// Why.
    pub reason: PlacementFailure,
}

/// Where one occurrence of a team's series ended up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TeamOutcome {
    /// Placed at its anchor: every member is free then.
    AtAnchor {
        /// The session.
        slot: Interval,
    },
    /// Moved within tolerance to a time every member is free.
    Moved {
        /// The session.
        slot: Interval,
        /// Minutes from the anchor's start to the slot's start (negative: earlier).
        shift_minutes: i64,
        /// Why the anchor did not suit, by member.
        anchor_conflicts: Vec<TeamConflict>,
    },
    /// No time in the tolerance window suits every member.
    Unplaced {
        /// Why the anchor did not suit, by member.
        conflicts: Vec<TeamConflict>,
        /// Members with no free time at all in the window searched (empty when each member is
        /// free at some time there, only never at the same time).
        blocking: Vec<usize>,
        /// First site-local date searched.
        first_date: NaiveDate,
        /// Last site-local date searched.
        last_date: NaiveDate,
    },
}

/// One occurrence of a team's series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamOccurrence {
    /// 1-based position in the series.
    pub index: u32,
    /// The site-local date the cadence gives.
    pub anchor_date: NaiveDate,
    /// The session at the site's wall-clock start time on that date.
    pub anchor: Interval,
    /// How that wall-clock time was resolved (DST gap or fold).
    pub anchor_resolution: Resolution,
    /// What happened.
    pub outcome: TeamOutcome,
}

/// A series planned for a whole team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamPlan {
    /// One entry per requested occurrence, in series order.
    pub occurrences: Vec<TeamOccurrence>,
}

impl TeamOccurrence {
    /// The placed session, if any.
    pub fn slot(&self) -> Option<Interval> {
        match &self.outcome {
            TeamOutcome::AtAnchor { slot } | TeamOutcome::Moved { slot, .. } => Some(*slot),
            TeamOutcome::Unplaced { .. } => None,
        }
    }

    /// Why this occurrence is where it is, in words, naming members by `names` (one per member,
    /// in team order); empty for an occurrence at its anchor.
    pub fn explain(&self, names: &[&str]) -> String {
        match &self.outcome {
            TeamOutcome::AtAnchor { .. } => String::new(),
            TeamOutcome::Moved {
                anchor_conflicts, ..
            } => format!(
                "Moved from the requested time: {}.",
                describe_all(anchor_conflicts, names)
            ),
            TeamOutcome::Unplaced {
                conflicts,
                blocking,
                first_date,
                last_date,
            } => {
                let reasons = describe_all(conflicts, names);
                if blocking.is_empty() {
                    format!(
                        "No time from {first_date} to {last_date} suits everyone together: \
                         {reasons}."
                    )
                } else {
                    let who: Vec<&str> = blocking.iter().map(|&m| name_of(names, m)).collect();
                    let verb = if who.len() == 1 { "has" } else { "have" };
                    format!(
                        "{} {verb} no free time from {first_date} to {last_date}: {reasons}.",
                        join_names(&who)
                    )
                }
            }
        }
    }
}

impl TeamPlan {
    /// The placed sessions, in series order.
    pub fn placed(&self) -> impl Iterator<Item = Interval> + '_ {
        self.occurrences.iter().filter_map(TeamOccurrence::slot)
    }

    /// Whether every occurrence was placed.
    pub fn is_complete(&self) -> bool {
        self.occurrences.iter().all(|o| o.slot().is_some())
    }

    /// Every member who conflicts with an unplaced occurrence, in team order, once each.
    pub fn conflicted_members(&self) -> Vec<usize> {
        let mut members: Vec<usize> = self
            .occurrences
            .iter()
            .flat_map(|o| match &o.outcome {
                TeamOutcome::Unplaced { conflicts, .. } => {
                    conflicts.iter().filter_map(|c| c.member).collect()
                }
                _ => Vec::new(),
            })
            .collect();
        members.sort_unstable();
        members.dedup();
        members
    }
}

fn name_of<'n>(names: &[&'n str], member: usize) -> &'n str {
    names.get(member).copied().unwrap_or("a team member")
}

/// "A", "A and B", "A, B and C".
pub fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn describe_all(conflicts: &[TeamConflict], names: &[&str]) -> String {
    let mut lines: Vec<String> = Vec::with_capacity(conflicts.len());
    for conflict in conflicts {
        let line = conflict.describe(names);
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines.join("; ")
}

impl TeamConflict {
    /// The reason in words, naming its member by `names` (team order).
    pub fn describe(&self, names: &[&str]) -> String {
        let Some(member) = self.member else {
            return self.reason.to_string();
        };
        let said = self.describe_member(name_of(names, member));
        let travel = matches!(
            self.reason,
            PlacementFailure::TravelDayConflict { .. } | PlacementFailure::TravelDayTimeOff { .. }
        );
        match self.date {
            // A visit's day, on the site's calendar, in front: "Tue 9 Mar 2027: Dana is away".
            Some(date) if !travel => format!("{}: {said}", date.format("%a %-d %b %Y")),
            _ => said,
        }
    }

    fn describe_member(&self, name: &str) -> String {
        match &self.reason {
            PlacementFailure::ProviderTimeOff { label: Some(label) } => {
                format!("{name} is away then ({label})")
            }
            PlacementFailure::ProviderTimeOff { label: None } => format!("{name} is away then"),
            PlacementFailure::OutsideProviderHours {
                provider_local_start,
                ..
            } => format!(
                "{} (their clock) is outside {name}'s hours",
                provider_local_start.format("%a %Y-%m-%d %H:%M")
            ),
            PlacementFailure::ConflictWithSession { session, .. } => {
                format!("{name} has another session then ({session})")
            }
            PlacementFailure::DailyCapReached { date, booked, max } => {
                format!("{name} already has {booked} of at most {max} sessions on {date}")
            }
            PlacementFailure::WeeklyCapReached {
                week_start,
                booked_minutes,
                max_minutes,
            } => format!(
                "{name}'s week of {week_start} already holds {booked_minutes} of at most \
                 {max_minutes} minutes"
            ),
            PlacementFailure::TravelDayConflict { date, session, .. } => format!(
                "{name} has another session on the travel day {} ({session})",
                date.format("%a %-d %b %Y")
            ),
            PlacementFailure::TravelDayTimeOff { date, label } => format!(
                "{name} is away on the travel day {}{}",
                date.format("%a %-d %b %Y"),
                label
                    .as_ref()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default()
            ),
            other => format!("{name}: {other}"),
        }
    }
}

impl PreparedRequest<'_> {
    /// Places the series for every provider of `team` together; see the module docs.
    pub fn place_team_series(&self, team: &[&ProviderSchedule]) -> TeamPlan {
        let frames = self.frames();
        let span = team_horizon(frames);
        let mut ledgers: Vec<CapLedger> = team
            .iter()
            .map(|member| match span {
                Some(span) => self.ledger_for(member, &span),
                None => CapLedger::new(member.caps(), member.zone()),
            })
            .collect();
        let mut placed: Vec<(u32, Interval)> = Vec::with_capacity(frames.len());
        let occurrences = frames
            .iter()
            .map(|frame| {
                let outcome = self.place_team_one(team, frame, &placed, &ledgers);
                if let TeamOutcome::AtAnchor { slot } | TeamOutcome::Moved { slot, .. } = &outcome {
                    placed.push((frame.index, *slot));
                    for ledger in &mut ledgers {
                        ledger.record(slot);
                    }
                }
                TeamOccurrence {
                    index: frame.index,
                    anchor_date: frame.anchor_date,
                    anchor: frame.anchor,
                    anchor_resolution: frame.resolution,
                    outcome,
                }
            })
            .collect();
        TeamPlan { occurrences }
    }

    fn place_team_one(
        &self,
        team: &[&ProviderSchedule],
        frame: &Frame,
        placed: &[(u32, Interval)],
        ledgers: &[CapLedger],
    ) -> TeamOutcome {
        let mut conflicts: Vec<TeamConflict> = frame
            .site_reasons
            .iter()
            .cloned()
            .map(|reason| TeamConflict {
                member: None,
                date: None,
                reason,
            })
            .collect();
        for (member, (provider, ledger)) in team.iter().zip(ledgers).enumerate() {
            conflicts.extend(
                provider_reasons(provider, &frame.anchor, placed, ledger)
                    .into_iter()
                    .map(|reason| TeamConflict {
                        member: Some(member),
                        date: None,
                        reason,
                    }),
            );
        }
        if conflicts.is_empty() {
            return TeamOutcome::AtAnchor { slot: frame.anchor };
        }
        let free: Vec<(IntervalSet, IntervalSet)> = match frame.search {
            Some(search) => team
                .iter()
                .zip(ledgers)
                .map(|(provider, ledger)| {
                    self.member_free(provider, ledger, frame, &search, placed)
                })
                .collect(),
            None => Vec::new(),
        };
        let common = free.iter().skip(1).fold(
            free.first()
                .map(|(f, b)| (f.clone(), b.clone()))
                .unwrap_or_default(),
            |(free, blocked), (f, b)| (free.intersect(f), blocked.union(b)),
        );
        if let Some(slot) = self.nearest(frame, &common.0, &common.1) {
            return TeamOutcome::Moved {
                slot,
                shift_minutes: (slot.start_seconds() - frame.anchor.start_seconds()) / 60,
                anchor_conflicts: conflicts,
            };
        }
        let blocking = if free.is_empty() {
            Vec::new()
        } else {
            free.iter()
                .enumerate()
                .filter(|(_, (f, b))| self.nearest(frame, f, b).is_none())
                .map(|(member, _)| member)
                .collect()
        };
        let (first_date, last_date) = frame
            .search_dates
            .unwrap_or((frame.anchor_date, frame.anchor_date));
        TeamOutcome::Unplaced {
            conflicts,
            blocking,
            first_date,
            last_date,
        }
    }

    /// One member's free time in `search` (site hours and blackouts included, the series'
    /// placed occurrences widened by the member's buffers taken out) and the starts their caps
    /// forbid.
    fn member_free(
        &self,
        provider: &ProviderSchedule,
        ledger: &CapLedger,
        frame: &Frame,
        search: &Interval,
        placed: &[(u32, Interval)],
    ) -> (IntervalSet, IntervalSet) {
        let buffers = provider.busy().buffers();
        let placed_blocked = IntervalSet::from_intervals(
            placed
                .iter()
                .map(|(_, slot)| buffers.widen(slot))
                .filter(|widened| widened.overlaps(search))
                .collect(),
        );
        let free = self.provider_free_in(provider, search, &frame.site_allowed, &placed_blocked);
        let blocked = ledger.blocked_starts(search, self.request.length().minutes());
        (free, blocked)
    }

    /// The grid slot of `free` nearest the frame's anchor on the site's wall clock (whole days
    /// count 1,440 minutes, then the minutes of the day; ties to the earlier), avoiding
    /// `blocked_starts`.
    fn nearest(
        &self,
        frame: &Frame,
        free: &IntervalSet,
        blocked_starts: &IntervalSet,
    ) -> Option<Interval> {
        let length = self.request.length();
        let anchor_day = i64::from(frame.anchor_date.num_days_from_ce());
        let anchor_minute = i64::from(self.request.local_start_time().minute_of_day());
        let mut best: Option<(i64, i64)> = None;
        for_each_start(
            self.site.zone(),
            free,
            length.seconds(),
            self.request.granularity().seconds(),
            blocked_starts,
            |candidate| {
                let local = candidate.start + candidate.site_offset;
                let days_moved =
                    (local.div_euclid(SECONDS_PER_DAY) + UNIX_EPOCH_DAY_FROM_CE - anchor_day).abs();
                let minutes_moved = (local.rem_euclid(SECONDS_PER_DAY) / 60 - anchor_minute).abs();
                let key = (days_moved * 1_440 + minutes_moved, candidate.start);
                if best.is_none_or(|b| key < b) {
                    best = Some(key);
                }
            },
        );
        best.and_then(|(_, start)| Interval::from_seconds(start, start + length.seconds()))
    }
}

/// The span every frame's anchor and search window fall in.
fn team_horizon(frames: &[Frame]) -> Option<Interval> {
    let (start, end) = frames
        .iter()
        .flat_map(|f| [Some(f.anchor), f.search].into_iter().flatten())
        .fold((i64::MAX, i64::MIN), |(lo, hi), span| {
            (lo.min(span.start_seconds()), hi.max(span.end_seconds()))
        });
    Interval::from_seconds(start, end)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::{SessionRequest, SiteCalendar, check_fixed_sessions};
    use chrono::{DateTime, Utc};
    use proptest::prelude::*;
    use serde_json::json;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn provider(
        zone: &str,
        hours: &str,
        busy: serde_json::Value,
        time_off: serde_json::Value,
    ) -> ProviderSchedule {
        serde_json::from_value(json!({
            "zone": zone,
            "weekly_hours": [{"hours": {
                "mon": [hours], "tue": [hours], "wed": [hours], "thu": [hours], "fri": [hours]
            }}],
            "time_off": time_off,
            "busy": busy,
            "buffers": {"before_minutes": 15, "after_minutes": 15}
        }))
        .unwrap()
    }

    fn site(zone: &str) -> SiteCalendar {
        serde_json::from_value(json!({
            "zone": zone,
            "preferred_hours": {"mon": ["08:00-18:00"], "tue": ["08:00-18:00"],
                "wed": ["08:00-18:00"], "thu": ["08:00-18:00"], "fri": ["08:00-18:00"]},
            "blackouts": {"federal_holidays": false}
        }))
        .unwrap()
    }

    fn weekly(first: &str, count: u32, start: &str, tolerance: u32) -> SessionRequest {
        serde_json::from_value(json!({
            "length_minutes": 90, "count": count, "cadence": "weekly",
            "earliest_date": first, "latest_date": "2027-12-31",
            "local_start_time": start, "granularity_minutes": 15,
            "tolerance_business_days": tolerance
        }))
        .unwrap()
    }

    #[test]
    fn one_busy_member_moves_the_whole_team() {
        // Tuesday 2026-03-03, 10:00 Chicago = 16:00Z. Sam is busy then; Dana is free.
        let dana = provider("America/New_York", "09:00-17:00", json!([]), json!([]));
        let sam = provider(
            "America/Denver",
            "08:00-17:00",
            json!([{"id": "S-9", "start": "2026-03-03T16:00:00Z", "end": "2026-03-03T17:00:00Z"}]),
            json!([]),
        );
        let site = site("America/Chicago");
        let request = weekly("2026-03-03", 1, "10:00", 2);
        let now = utc("2026-01-01T00:00:00Z");
        let prepared = PreparedRequest::new(&site, &request, now);
        let plan = prepared.place_team_series(&[&dana, &sam]);
        let occurrence = &plan.occurrences[0];
        let slot = occurrence.slot().expect("placed");
        assert_ne!(slot, occurrence.anchor, "the anchor does not suit Sam");
        // Sam's session ends 17:00Z, +15 min buffer; the 90-minute slot starts after it.
        assert!(slot.start() >= utc("2026-03-03T17:15:00Z"), "{slot}");
        match &occurrence.outcome {
            TeamOutcome::Moved {
                anchor_conflicts, ..
            } => {
                assert!(anchor_conflicts.iter().all(|c| c.member == Some(1)));
                let text = occurrence.explain(&["Dana Reyes", "Sam Ortiz"]);
                assert!(
                    text.contains("Sam Ortiz has another session then"),
                    "{text}"
                );
                assert!(!text.contains("Dana"), "{text}");
            }
            other => panic!("expected a move, got {other:?}"),
        }
        // Alone, Dana keeps the anchor.
        let alone = prepared.place_series(&dana);
        assert_eq!(alone.occurrences[0].slot(), Some(occurrence.anchor));
    }

    #[test]
    fn a_member_on_leave_is_named_when_nothing_fits() {
        let dana = provider(
            "America/Chicago",
            "09:00-17:00",
            json!([]),
            json!([{"first_date": "2026-03-01", "last_date": "2026-03-13", "label": "Annual leave"}]),
        );
        let sam = provider("America/Chicago", "09:00-17:00", json!([]), json!([]));
        let site = site("America/Chicago");
        let request = weekly("2026-03-03", 2, "10:00", 2);
        let prepared = PreparedRequest::new(&site, &request, utc("2026-01-01T00:00:00Z"));
        let plan = prepared.place_team_series(&[&dana, &sam]);
        assert!(!plan.is_complete());
        let first = &plan.occurrences[0];
        match &first.outcome {
            TeamOutcome::Unplaced { blocking, .. } => assert_eq!(blocking, &vec![0]),
            other => panic!("expected unplaced, got {other:?}"),
        }
        let text = first.explain(&["Dana Reyes", "Sam Ortiz"]);
        assert!(text.starts_with("Dana Reyes has no free time"), "{text}");
        assert!(
            text.contains("Dana Reyes is away then (Annual leave)"),
            "{text}"
        );
        assert!(!text.contains("Sam Ortiz"), "{text}");
        assert_eq!(plan.conflicted_members(), vec![0]);
    }

    #[test]
    fn free_apart_but_never_together_blames_no_one_alone() {
        // Dana works mornings, Sam afternoons (both Chicago): each is free, never together.
        let dana = provider("America/Chicago", "08:00-11:00", json!([]), json!([]));
        let sam = provider("America/Chicago", "13:00-17:00", json!([]), json!([]));
        let site = site("America/Chicago");
        let request = weekly("2026-03-03", 1, "10:00", 1);
        let prepared = PreparedRequest::new(&site, &request, utc("2026-01-01T00:00:00Z"));
        let plan = prepared.place_team_series(&[&dana, &sam]);
        let text = plan.occurrences[0].explain(&["Dana Reyes", "Sam Ortiz"]);
        assert!(text.starts_with("No time from"), "{text}");
        assert!(text.contains("Sam Ortiz's hours"), "{text}");
    }

    #[test]
    fn the_site_clock_holds_across_dst_for_a_team_in_phoenix_and_chicago() {
        // Weekly at 10:00 Chicago from before to after the 2026-03-08 change. Phoenix has no
        // DST: 10:00 Chicago is 09:00 Phoenix before and 08:00 Phoenix after. Phoenix works
        // from 08:00, so both weeks suit at the anchor.
        let phoenix = provider("America/Phoenix", "08:00-17:00", json!([]), json!([]));
        let chicago = provider("America/Chicago", "09:00-17:00", json!([]), json!([]));
        let site = site("America/Chicago");
        let request = weekly("2026-03-03", 2, "10:00", 2);
        let prepared = PreparedRequest::new(&site, &request, utc("2026-01-01T00:00:00Z"));
        let plan = prepared.place_team_series(&[&phoenix, &chicago]);
        let slots: Vec<Interval> = plan.placed().collect();
        assert_eq!(slots.len(), 2);
        assert_eq!(slots[0].start(), utc("2026-03-03T16:00:00Z"));
        assert_eq!(slots[1].start(), utc("2026-03-10T15:00:00Z"));
        // Phoenix starting at 09:00 instead: after the change the anchor (08:00 Phoenix) fails
        // for Phoenix alone and the session moves, later on the same Chicago day.
        let late = provider("America/Phoenix", "09:00-17:00", json!([]), json!([]));
        let plan = prepared.place_team_series(&[&late, &chicago]);
        assert_eq!(
            plan.occurrences[0].slot().map(|s| s.start()),
            Some(utc("2026-03-03T16:00:00Z"))
        );
        let second = &plan.occurrences[1];
        assert_eq!(
            second.slot().map(|s| s.start()),
            Some(utc("2026-03-10T16:00:00Z"))
        );
        assert!(
            second
                .explain(&["Lee Park", "Sam Ortiz"])
                .contains("Lee Park's hours")
        );
    }

    #[test]
    fn names_are_joined_plainly() {
        assert_eq!(join_names(&[]), "");
        assert_eq!(join_names(&["A"]), "A");
        assert_eq!(join_names(&["A", "B"]), "A and B");
        assert_eq!(join_names(&["A", "B", "C"]), "A, B and C");
    }

    const ZONES: [&str; 5] = [
        "America/Chicago",
        "America/Phoenix",
        "America/New_York",
        "Pacific/Honolulu",
        "America/Los_Angeles",
    ];

    fn member_strategy() -> impl Strategy<Value = ProviderSchedule> {
        (
            0usize..ZONES.len(),
            6u32..12,
            4u32..10,
            proptest::collection::vec((0i64..30 * 24 * 4, 2i64..12), 0..12),
        )
            .prop_map(|(zone, start, length, busy)| {
                let end = (start + length).min(23);
                let hours = format!("{start:02}:00-{end:02}:00");
                let base = utc("2026-02-25T00:00:00Z").timestamp();
                let busy: Vec<serde_json::Value> = busy
                    .into_iter()
                    .enumerate()
                    .map(|(i, (quarter, quarters))| {
                        let from = base + quarter * 900;
                        let to = from + quarters * 900;
                        json!({
                            "id": format!("B-{i}"),
                            "start": DateTime::from_timestamp(from, 0).unwrap().to_rfc3339(),
                            "end": DateTime::from_timestamp(to, 0).unwrap().to_rfc3339(),
                        })
                    })
                    .collect();
                provider(ZONES[zone], &hours, json!(busy), json!([]))
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The intersection property: every time the team plan places is free for each member
        /// on their own (checked independently by `check_fixed_sessions`, which applies the
        /// one-provider rules: hours, time off, bookings with buffers, caps), and the series never
        /// overlaps itself.
        #[test]
        fn a_placed_time_suits_every_member(
            team in proptest::collection::vec(member_strategy(), 2..4),
            site_zone in 0usize..ZONES.len(),
            start_hour in 8u32..16,
        ) {
            let site = site(ZONES[site_zone]);
            let request = weekly("2026-03-02", 4, &format!("{start_hour:02}:00"), 3);
            let prepared = PreparedRequest::new(&site, &request, utc("2026-01-01T00:00:00Z"));
            let refs: Vec<&ProviderSchedule> = team.iter().collect();
            let plan = prepared.place_team_series(&refs);
            let placed: Vec<(u32, Interval)> = plan
                .occurrences
                .iter()
                .filter_map(|o| o.slot().map(|s| (o.index, s)))
                .collect();
            for member in &team {
                let check = check_fixed_sessions(member, site.zone(), &placed);
                for occurrence in &check.occurrences {
                    prop_assert!(
                        occurrence.slot().is_some(),
                        "occurrence {} does not suit a member: {:?}",
                        occurrence.index,
                        occurrence.outcome
                    );
                }
            }
            // An unplaced occurrence always names a reason.
            for occurrence in &plan.occurrences {
                if let TeamOutcome::Unplaced { conflicts, .. } = &occurrence.outcome {
                    prop_assert!(!conflicts.is_empty());
                }
            }
        }
    }
}
