//! A planned series as the coordinator adjusts it before sending: the engine's placement of
//! every occurrence, the occurrences the coordinator moved, and for each occurrence the other
//! times it may move to (the slot engine's [`alternatives`](scheduling::PreparedRequest::alternatives)).
//!
//! The browser only ever names a move as *occurrence N to the slot starting at instant T*; the
//! times themselves are always the engine's. A move is accepted only if, with every other
//! occurrence where the adjusted plan puts it, the engine offers that slot for the occurrence
//! (free for the provider and the site, on the grid, in order, clear of the other occurrences
//! and within the caps) — so a forged time, or one taken by another booking since the page was
//! loaded, is refused with a message naming the session.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone as _, Utc};
use scheduling::{Interval, Occurrence, PreparedRequest, ProviderSchedule, Slot, Zone};

use super::inputs::{Focus, load_providers, session_request, site_calendar};
use super::settings::SchedulingSettings;
use crate::access::{Actor, STAFF};
use crate::proposals::ProposedOccurrence;
use crate::requests::request_view;
use crate::timefmt::span;
use crate::{Database, ServiceError};

/// How many other times are offered per occurrence.
pub const OFFERED_ALTERNATIVES: usize = 5;

/// The coordinator's move of one occurrence: to the offered slot starting at `starts_at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanMove {
    pub occurrence: u32,
    pub starts_at: DateTime<Utc>,
}

impl PlanMove {
    /// Parses the moves as the page writes them: `occurrence@unix-seconds`, comma-separated
    /// (`2@1767258000,4@1768467600`); empty for none. One move per occurrence.
    pub fn parse_list(text: &str) -> Result<Vec<Self>, ServiceError> {
        let invalid = || {
            ServiceError::Invalid(
                "The moved sessions could not be read; reload the schedule and move them again."
                    .to_owned(),
            )
        };
        let mut moves: Vec<Self> = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (occurrence, seconds) = part.split_once('@').ok_or_else(invalid)?;
            let occurrence: u32 = occurrence.trim().parse().map_err(|_| invalid())?;
            let seconds: i64 = seconds.trim().parse().map_err(|_| invalid())?;
            let starts_at = Utc.timestamp_opt(seconds, 0).single().ok_or_else(invalid)?;
            if moves.iter().any(|m| m.occurrence == occurrence) {
                return Err(ServiceError::Invalid(format!(
                    "Session {occurrence} is moved twice; reload the schedule and move it once."
                )));
            }
            moves.push(Self {
                occurrence,
                starts_at,
            });
        }
        moves.sort_by_key(|m| m.occurrence);
        Ok(moves)
    }

    /// The moves written back as [`parse_list`](Self::parse_list) reads them.
    pub fn write_list(moves: &[Self]) -> String {
        moves
            .iter()
            .map(|m| format!("{}@{}", m.occurrence, m.starts_at.timestamp()))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// One occurrence of the adjusted plan.
#[derive(Clone, Debug)]
pub struct AdjustedOccurrence {
    /// Where the engine placed it (or why it could not).
    pub engine: Occurrence,
    /// Where the coordinator moved it, if they did.
    pub chosen: Option<Interval>,
    /// Other times it may move to, nearest its anchor first (its current slot left out).
    pub alternatives: Vec<Slot>,
}

impl AdjustedOccurrence {
    /// Where it stands now: the coordinator's choice, else the engine's placement.
    pub fn slot(&self) -> Option<Interval> {
        self.chosen.or_else(|| self.engine.slot())
    }
}

/// The series planned with one provider, as the coordinator adjusted it.
#[derive(Clone, Debug)]
pub struct AdjustedPlan {
    pub occurrences: Vec<AdjustedOccurrence>,
    pub provider_zone: Zone,
    pub site_zone: Zone,
}

impl AdjustedPlan {
    /// Occurrences that have a time.
    pub fn placed(&self) -> usize {
        self.occurrences
            .iter()
            .filter(|o| o.slot().is_some())
            .count()
    }

    /// Whether every occurrence has a time.
    pub fn is_complete(&self) -> bool {
        self.placed() == self.occurrences.len()
    }

    /// The sessions to propose, in series order.
    pub fn proposed(&self) -> Vec<ProposedOccurrence> {
        self.occurrences
            .iter()
            .filter_map(|o| {
                o.slot().map(|slot| ProposedOccurrence {
                    occurrence: i32::try_from(o.engine.index).unwrap_or(i32::MAX),
                    starts_at: slot.start(),
                    ends_at: slot.end(),
                })
            })
            .collect()
    }
}

/// The series of `request_id` placed in `provider_id`'s free time, with `moves` applied (each
/// checked against the slots the engine offers; see the module docs) and the alternatives of
/// every occurrence. A refused move is a [`ServiceError::Conflict`] naming the session.
/// Coordinators and administrators only.
pub async fn plan_adjusted(
    db: &Database,
    actor: &Actor,
    request_id: i32,
    provider_id: i32,
    moves: &[PlanMove],
    now: DateTime<Utc>,
) -> Result<AdjustedPlan, ServiceError> {
    actor.require(STAFF)?;
    let view = request_view(db, request_id).await?;
    let settings = SchedulingSettings::load(db).await?;
    let calendar = site_calendar(db, &view.request).await?;
    let series = session_request(&view.request, &settings)?;
    let provider = load_providers(
        db,
        Some(&[provider_id]),
        &settings,
        now,
        Some(&Focus::of_request(&view.request)),
    )
    .await?
    .into_iter()
    .next()
    .ok_or_else(|| ServiceError::NotFound(format!("Provider #{provider_id}")))?;
    let prepared = PreparedRequest::new(&calendar, &series, now);
    let shape = super::visits::visit_shape(&view.request)?;
    adjust_plan(&prepared, &provider.schedule, shape, moves)
}

/// The pure part of [`plan_adjusted`]: the series `prepared` describes placed in `schedule`,
/// with `moves` applied (each checked against the slots the engine offers) and every
/// occurrence's alternatives. A step below the door, for use cases that plan series not yet
/// stored as requests (`engagements::preview_cadence`).
pub(crate) fn adjust_series(
    prepared: &PreparedRequest<'_>,
    schedule: &ProviderSchedule,
    moves: &[PlanMove],
) -> Result<AdjustedPlan, ServiceError> {
    adjust_plan(prepared, schedule, None, moves)
}

/// [`adjust_series`] for sessions (`shape` `None`) or on-site visits of `shape`.
pub(crate) fn adjust_plan(
    prepared: &PreparedRequest<'_>,
    schedule: &ProviderSchedule,
    shape: Option<scheduling::VisitShape>,
    moves: &[PlanMove],
) -> Result<AdjustedPlan, ServiceError> {
    let plan = super::visits::place(prepared, schedule, shape);
    let length = chrono::Duration::minutes(i64::from(prepared.request().length().minutes()));
    let site_zone = prepared.site().zone();

    let mut chosen: BTreeMap<u32, Interval> = BTreeMap::new();
    for step in moves {
        if !plan.occurrences.iter().any(|o| o.index == step.occurrence) {
            return Err(ServiceError::Invalid(format!(
                "The series has no session {}; reload the schedule.",
                step.occurrence
            )));
        }
        let slot = super::visits::moved_slot(prepared, shape, step.starts_at, length)?;
        chosen.insert(step.occurrence, slot);
    }
    let standing = |except: u32| -> Vec<(u32, Interval)> {
        plan.occurrences
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
        if !super::visits::offers(prepared, schedule, shape, *index, &standing(*index), slot) {
            return Err(ServiceError::Conflict(format!(
                "Session {index} cannot move to {}: that time is not one of the free times \
                 offered for it now (the provider's and the site's hours, other bookings, the \
                 other sessions of the series and the caps). Reload the schedule and choose \
                 again.",
                span(slot.start(), slot.end(), site_zone)
            )));
        }
    }
    let occurrences = plan
        .occurrences
        .iter()
        .map(|engine| {
            let current = chosen.get(&engine.index).copied().or_else(|| engine.slot());
            let mut alternatives = super::visits::alternatives(
                prepared,
                schedule,
                shape,
                engine.index,
                &standing(engine.index),
                Some(OFFERED_ALTERNATIVES + 1),
            );
            alternatives.retain(|slot| Some(slot.interval) != current);
            alternatives.truncate(OFFERED_ALTERNATIVES);
            AdjustedOccurrence {
                engine: engine.clone(),
                chosen: chosen.get(&engine.index).copied(),
                alternatives,
            }
        })
        .collect();
    Ok(AdjustedPlan {
        occurrences,
        provider_zone: schedule.zone(),
        site_zone,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_are_read_and_written_back() {
        let moves = PlanMove::parse_list(" 3@1767258000, 1@1767225600 ").unwrap_or_default();
        assert_eq!(moves.len(), 2);
        assert_eq!(moves[0].occurrence, 1);
        assert_eq!(PlanMove::write_list(&moves), "1@1767225600,3@1767258000");
        assert!(PlanMove::parse_list("").is_ok_and(|m| m.is_empty()));
        for bad in ["2", "x@1", "2@soon", "2@1,2@5", "-1@5"] {
            assert!(
                matches!(PlanMove::parse_list(bad), Err(ServiceError::Invalid(_))),
                "{bad}"
            );
        }
    }
}
