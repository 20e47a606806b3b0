//! A team's cadence line as the coordinator adjusts it (issue 16): the engine's collective
//! placement (`place_team_series` / `place_team_visits`), each occurrence not at its anchor
//! explained naming the member in the way, and — as for a line of one provider — for each
//! occurrence without a time (or moved by the coordinator) the other times free for **every**
//! member at once, nearest first. A move the coordinator chose is accepted only if it is still
//! one of those times with every other occurrence where the plan puts it (a forged time, or one
//! taken meanwhile, is refused naming the session). Pure: no database and no clock.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Duration;
use scheduling::{
    Interval, Occurrence, Outcome, PreparedRequest, ProviderSchedule, Slot, TeamOccurrence,
    TeamOutcome, TeamPlan, VisitShape, Zone,
};

use super::cadence_plan::PlannedLine;
use crate::ServiceError;
use crate::engine::{AdjustedOccurrence, AdjustedPlan, OFFERED_ALTERNATIVES, PlanMove};
use crate::timefmt::span;

/// A team's line: who delivers it and what the engine placed for them together.
pub(super) struct TeamLine<'a> {
    pub title: &'a str,
    pub prepared: &'a PreparedRequest<'a>,
    /// The members' schedules, in team order.
    pub team: &'a [&'a ProviderSchedule],
    /// Their names, in team order.
    pub names: &'a [&'a str],
    pub shape: Option<VisitShape>,
    pub plan: &'a TeamPlan,
}

impl TeamLine<'_> {
    /// The line as the planner's, with `moves` applied and the other times offered.
    pub(super) fn adjusted(&self, moves: &[PlanMove]) -> Result<PlannedLine, ServiceError> {
        let site_zone = self.prepared.site().zone();
        let mut chosen: BTreeMap<u32, Interval> = BTreeMap::new();
        for step in moves {
            if !self
                .plan
                .occurrences
                .iter()
                .any(|o| o.index == step.occurrence)
            {
                return Err(ServiceError::Invalid(format!(
                    "“{}” has no session {}; preview again.",
                    self.title, step.occurrence
                )));
            }
            chosen.insert(step.occurrence, self.moved_slot(step)?);
        }
        let standing = |except: u32| -> Vec<(u32, Interval)> {
            self.plan
                .occurrences
                .iter()
                .filter(|o| o.index != except)
                .filter_map(|o| {
                    chosen
                        .get(&o.index)
                        .copied()
                        .or_else(|| o.slot())
                        .map(|slot| (o.index, slot))
                })
                .collect()
        };
        for (index, slot) in &chosen {
            let offered = self.alternatives(*index, &standing(*index), None);
            if !offered.iter().any(|s| s.interval == *slot) {
                return Err(ServiceError::Conflict(format!(
                    "“{}”: session {index} cannot move to {}: that time is no longer free for \
                     all of {}. Preview again and choose another.",
                    self.title,
                    span(slot.start(), slot.end(), site_zone),
                    scheduling::join_names(self.names)
                )));
            }
        }
        let team_notes = self
            .plan
            .occurrences
            .iter()
            .filter(|o| !chosen.contains_key(&o.index))
            .map(|o| (o.index, o.explain(self.names)))
            .filter(|(_, note)| !note.is_empty())
            .collect();
        let occurrences = self
            .plan
            .occurrences
            .iter()
            .map(|o| {
                let moved = chosen.get(&o.index).copied();
                // Other times for what the coordinator must or did choose: an occurrence
                // without a time, or one they moved (a team's line is otherwise kept whole).
                let alternatives = if moved.is_some() || o.slot().is_none() {
                    let mut offered = self.alternatives(
                        o.index,
                        &standing(o.index),
                        Some(OFFERED_ALTERNATIVES + 1),
                    );
                    offered.retain(|s| Some(s.interval) != moved);
                    offered.truncate(OFFERED_ALTERNATIVES);
                    offered
                } else {
                    Vec::new()
                };
                AdjustedOccurrence {
                    engine: engine_occurrence(o),
                    chosen: moved,
                    alternatives,
                }
            })
            .collect();
        Ok(PlannedLine {
            plan: AdjustedPlan {
                occurrences,
                provider_zone: self.team.first().map_or(site_zone, |p| p.zone()),
                site_zone,
            },
            team_notes,
        })
    }

    /// The slot a move names: one session of the line's length, or the whole visit from that
    /// day (refused when it would reach a weekend).
    fn moved_slot(&self, step: &PlanMove) -> Result<Interval, ServiceError> {
        match self.shape {
            None => {
                let length =
                    Duration::minutes(i64::from(self.prepared.request().length().minutes()));
                Interval::new(step.starts_at, step.starts_at + length)
                    .map_err(|e| ServiceError::Invalid(e.to_string()))
            }
            Some(shape) => {
                let first = self.prepared.site().zone().local(step.starts_at).date();
                self.prepared
                    .visit_layout(first, shape)
                    .ok()
                    .and_then(|layout| layout.span())
                    .ok_or_else(|| {
                        ServiceError::Invalid(format!(
                            "“{}”: that visit would run over a weekend; choose one of the \
                             offered times.",
                            self.title
                        ))
                    })
            }
        }
    }

    /// The times occurrence `index` may move to, free for every member while the others stand
    /// at `others`, nearest its anchor first, at most `limit`.
    fn alternatives(
        &self,
        index: u32,
        others: &[(u32, Interval)],
        limit: Option<usize>,
    ) -> Vec<Slot> {
        let zone: Zone = self.prepared.site().zone();
        if let Some(shape) = self.shape {
            return self
                .prepared
                .team_visit_alternatives(
                    self.team,
                    shape,
                    index,
                    others,
                    limit.unwrap_or(usize::MAX),
                )
                .into_iter()
                .map(|interval| Slot {
                    interval,
                    free_stretch: interval,
                    site_local_start: zone.local(interval.start()),
                    minutes_from_requested_time: 0,
                })
                .collect();
        }
        let Some((lead, rest)) = self.team.split_first() else {
            return Vec::new();
        };
        let free_for_rest: Vec<HashSet<Interval>> = rest
            .iter()
            .map(|member| {
                self.prepared
                    .alternatives(member, index, others, None)
                    .into_iter()
                    .map(|s| s.interval)
                    .collect()
            })
            .collect();
        self.prepared
            .alternatives(lead, index, others, None)
            .into_iter()
            .filter(|s| free_for_rest.iter().all(|free| free.contains(&s.interval)))
            .take(limit.unwrap_or(usize::MAX))
            .collect()
    }
}

/// A team's occurrence as the planner's: the same time or reasons (the members' names are in
/// [`PlannedLine::team_notes`]).
fn engine_occurrence(o: &TeamOccurrence) -> Occurrence {
    let reasons = |conflicts: &[scheduling::TeamConflict]| {
        conflicts.iter().map(|c| c.reason.clone()).collect()
    };
    Occurrence {
        index: o.index,
        anchor_date: o.anchor_date,
        anchor: o.anchor,
        anchor_resolution: o.anchor_resolution,
        outcome: match &o.outcome {
            TeamOutcome::AtAnchor { slot } => Outcome::AtAnchor { slot: *slot },
            TeamOutcome::Moved {
                slot,
                shift_minutes,
                anchor_conflicts,
            } => Outcome::Moved {
                slot: *slot,
                shift_minutes: *shift_minutes,
                anchor_reasons: reasons(anchor_conflicts),
            },
            TeamOutcome::Unplaced { conflicts, .. } => Outcome::Unplaced {
                reasons: reasons(conflicts),
            },
        },
    }
}

/// The members' names by id, in team order ("Provider #7" for one not named).
pub(super) fn member_names(members: &[i32], names: &HashMap<i32, String>) -> Vec<String> {
    members
        .iter()
        .map(|id| {
            names
                .get(id)
                .cloned()
                .unwrap_or_else(|| format!("Provider #{id}"))
        })
        .collect()
}
