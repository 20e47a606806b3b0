//! Multi-day on-site visits delivered by a **team** (the SME team on a visit): every visit day
//! and travel day is checked for every member (their time off, bookings widened by their own
//! buffers, caps, the dates they work) as [`PreparedRequest::place_visits`] checks one
//! provider's, and a visit stands only where it suits all of them (collective availability).
//!
//! An anchor that does not suit moves to the nearest start date where every member is free
//! (the same order of dates as for one provider); a visit no date suits is unplaced with every
//! reason **by member and by day** on the site's calendar ("Tue 9 Mar 2027: Dana Reyes is away
//! then"), and with the members who are free on no date at all (the ones to replace). The site's
//! own reasons (a federal holiday or blackout on a visit day, the site's hours, the window, the
//! notice, a weekend) belong to no member and are named once.

use super::{Placed, VisitLayout, VisitShape};
use crate::caps::CapLedger;
use crate::failure::PlacementFailure;
use crate::interval::Interval;
use crate::prepared::{Frame, PreparedRequest};
use crate::provider::ProviderSchedule;
use crate::team::{TeamConflict, TeamOccurrence, TeamOutcome, TeamPlan};
use chrono::NaiveDate;

/// Whether `reason` is the site's or the request's (no member's).
fn of_the_site(reason: &PlacementFailure) -> bool {
    matches!(
        reason,
        PlacementFailure::OutsideWindow { .. }
            | PlacementFailure::BeforeMinimumNotice { .. }
            | PlacementFailure::VisitDayBlackout { .. }
            | PlacementFailure::Blackout { .. }
            | PlacementFailure::OutsideSitePreferredHours { .. }
            | PlacementFailure::VisitOverWeekend { .. }
    )
}

/// The members' own placed visits (each with the blocked time their buffers give) and cap
/// ledgers, as the series is placed.
struct Members<'a> {
    team: &'a [&'a ProviderSchedule],
    placed: Vec<Vec<Placed>>,
    ledgers: Vec<CapLedger>,
}

impl PreparedRequest<'_> {
    /// Places every occurrence of the request as a visit of `shape` for every provider of
    /// `team` together; see the module docs. A placed occurrence's slot runs from the first
    /// day's start to the last day's end, the same for every member.
    pub fn place_team_visits(&self, team: &[&ProviderSchedule], shape: VisitShape) -> TeamPlan {
        let mut members = Members {
            team,
            placed: vec![Vec::new(); team.len()],
            ledgers: team.iter().map(|p| self.visit_ledger(p)).collect(),
        };
        let occurrences = self
            .frames()
            .iter()
            .map(|frame| self.place_team_visit(&mut members, frame, shape))
            .collect();
        TeamPlan { occurrences }
    }

    fn place_team_visit(
        &self,
        members: &mut Members<'_>,
        frame: &Frame,
        shape: VisitShape,
    ) -> TeamOccurrence {
        let anchor_layout = self.visit_layout(frame.anchor_date, shape);
        let anchor = anchor_layout
            .as_ref()
            .ok()
            .and_then(VisitLayout::span)
            .unwrap_or(frame.anchor);
        let everyone: Vec<usize> = (0..members.team.len()).collect();
        let conflicts = match &anchor_layout {
            Ok(layout) => self.team_visit_conflicts(members, &everyone, layout),
            Err(refusal) => vec![TeamConflict {
                member: None,
                date: Some(frame.anchor_date),
                reason: refusal.clone(),
            }],
        };
        let chosen = if conflicts.is_empty() {
            anchor_layout.clone().ok().map(|layout| (layout, true))
        } else {
            self.free_date_for(members, &everyone, frame, shape)
                .map(|layout| (layout, false))
        };
        let outcome = match chosen
            .and_then(|(layout, at_anchor)| Some((layout.span()?, layout, at_anchor)))
        {
            Some((slot, layout, at_anchor)) => {
                for (member, provider) in members.team.iter().enumerate() {
                    for day in &layout.days {
                        members.ledgers[member].record(&day.interval);
                    }
                    let blocked = layout.blocked(provider.busy().buffers()).unwrap_or(slot);
                    members.placed[member].push((frame.index, slot, blocked));
                }
                if at_anchor {
                    TeamOutcome::AtAnchor { slot }
                } else {
                    TeamOutcome::Moved {
                        slot,
                        shift_minutes: (slot.start_seconds() - frame.anchor.start_seconds()) / 60,
                        anchor_conflicts: conflicts,
                    }
                }
            }
            None => {
                // Members whose own reasons (not the site's) leave them no date at all.
                let blocking = (0..members.team.len())
                    .filter(|m| {
                        !self
                            .candidate_dates(frame.anchor_date, frame.search_dates, shape)
                            .into_iter()
                            .chain(std::iter::once(frame.anchor_date))
                            .any(|date| {
                                self.visit_layout(date, shape).is_ok_and(|layout| {
                                    self.team_visit_conflicts(members, &[*m], &layout)
                                        .iter()
                                        .all(|c| c.member.is_none())
                                })
                            })
                    })
                    .collect();
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
        };
        TeamOccurrence {
            index: frame.index,
            anchor_date: frame.anchor_date,
            anchor,
            anchor_resolution: frame.resolution,
            outcome,
        }
    }

    /// The visit nearest the frame's anchor (other than the anchor) free for every member of
    /// `who`, within the tolerance window.
    fn free_date_for(
        &self,
        members: &Members<'_>,
        who: &[usize],
        frame: &Frame,
        shape: VisitShape,
    ) -> Option<VisitLayout> {
        self.candidate_dates(frame.anchor_date, frame.search_dates, shape)
            .into_iter()
            .filter(|date| *date != frame.anchor_date)
            .find_map(|date| {
                let layout = self.visit_layout(date, shape).ok()?;
                self.team_visit_conflicts(members, who, &layout)
                    .is_empty()
                    .then_some(layout)
            })
    }

    /// Why the visit laid out as `layout` does not suit the members `who`: each reason with its
    /// member (none for the site's) and day, once each.
    fn team_visit_conflicts(
        &self,
        members: &Members<'_>,
        who: &[usize],
        layout: &VisitLayout,
    ) -> Vec<TeamConflict> {
        let mut conflicts: Vec<TeamConflict> = Vec::new();
        for &member in who {
            let Some(provider) = members.team.get(member) else {
                continue;
            };
            for fault in self.visit_day_faults(
                provider,
                layout,
                &members.placed[member],
                &members.ledgers[member],
            ) {
                let conflict = TeamConflict {
                    member: (!of_the_site(&fault.reason)).then_some(member),
                    date: fault.date,
                    reason: fault.reason,
                };
                if !conflicts.contains(&conflict) {
                    conflicts.push(conflict);
                }
            }
        }
        conflicts
    }

    /// Other start dates occurrence `index` of a team's visits may move to while the other
    /// occurrences stand at `others` (`(index, span)`), free for every member of `team`, as
    /// spans nearest the anchor first, at most `limit` (the dates searched as
    /// [`visit_alternatives`](Self::visit_alternatives) searches them).
    pub fn team_visit_alternatives(
        &self,
        team: &[&ProviderSchedule],
        shape: VisitShape,
        index: u32,
        others: &[(u32, Interval)],
        limit: usize,
    ) -> Vec<Interval> {
        let Some(frame) = self.frames().iter().find(|f| f.index == index) else {
            return Vec::new();
        };
        let mut members = Members {
            team,
            placed: Vec::with_capacity(team.len()),
            ledgers: Vec::with_capacity(team.len()),
        };
        for provider in team {
            let (placed, ledger) = self.others_placed(provider, shape, index, others);
            members.placed.push(placed);
            members.ledgers.push(ledger);
        }
        let everyone: Vec<usize> = (0..team.len()).collect();
        let (first, last) = frame
            .search_dates
            .unwrap_or((frame.anchor_date, frame.anchor_date));
        let widened: Option<(NaiveDate, NaiveDate)> = Some((
            crate::calendar::add_days(first, -14),
            crate::calendar::add_days(last, 14),
        ));
        self.candidate_dates(frame.anchor_date, widened, shape)
            .into_iter()
            .filter_map(|date| {
                let layout = self.visit_layout(date, shape).ok()?;
                self.team_visit_conflicts(&members, &everyone, &layout)
                    .is_empty()
                    .then(|| layout.span())
                    .flatten()
            })
            .take(limit)
            .collect()
    }
}
