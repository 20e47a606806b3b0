//! Computed rankings kept for their next view (issue 19): a request page recomputing every
//! provider's free time per view served ~37 pages a second.
//!
//! A ranking is kept with the **ranking generation** it was computed at: the number in
//! `ranking_generation` that the database itself raises in the transaction of every change to
//! what a ranking reads (migration 33's triggers on each such table). A view reads that one
//! number first and serves the kept ranking only while it is unchanged, so a change committed by
//! any instance on the same database is never answered with the ranking from before it. Time
//! moves a ranking too (minimum notice, a week's booked hours), so a kept ranking also serves
//! only within [`FRESH_FOR`] of the instant it was computed for, and never an earlier instant.
//!
//! Bounded: at most [`CAPACITY`] requests, the least recently viewed dropped first; a new
//! generation drops them all. Views of one request that arrive together wait for one
//! computation instead of each making its own.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, Statement};
use tokio::sync::OnceCell;

use super::ranking::CandidateRanking;
use crate::{Database, ServiceError};

/// How long a kept ranking serves views after the instant it was computed for.
pub const FRESH_FOR: Duration = Duration::seconds(30);

/// How many requests' rankings are kept at most.
pub const CAPACITY: usize = 256;

/// The current ranking generation, as committed.
pub(crate) async fn current_generation(db: &Database) -> Result<i64, ServiceError> {
    let row = db
        .conn()
        .query_one_raw(Statement::from_string(
            db.backend(),
            "SELECT generation FROM ranking_generation WHERE id = 1",
        ))
        .await?
        .ok_or_else(|| ServiceError::Internal("ranking_generation has no row".to_owned()))?;
    Ok(row.try_get::<i64>("", "generation")?)
}

/// The kept rankings of one database (see the module's documentation).
#[derive(Debug, Default)]
pub struct RankingCache {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    generation: i64,
    entries: HashMap<i32, Entry>,
    /// Counts views, to find the least recently viewed entry.
    clock: u64,
}

#[derive(Debug)]
struct Entry {
    computed_for: DateTime<Utc>,
    last_viewed: u64,
    ranking: Arc<OnceCell<Arc<CandidateRanking>>>,
}

/// What a view does: serve or compute into a kept cell, or compute without keeping.
enum Plan {
    Cell(Arc<OnceCell<Arc<CandidateRanking>>>),
    Uncached,
}

impl RankingCache {
    /// The ranking of `request_id` at `now`: the kept one when it is still valid, else the one
    /// `compute` makes (kept for the next view).
    pub(crate) async fn get_or_compute<F>(
        &self,
        db: &Database,
        request_id: i32,
        now: DateTime<Utc>,
        compute: F,
    ) -> Result<Arc<CandidateRanking>, ServiceError>
    where
        F: AsyncFnOnce() -> Result<CandidateRanking, ServiceError>,
    {
        // Read before computing: a change committed after this read raises the number, so a
        // ranking computed from newer data is at worst kept under an older number no view asks
        // for again.
        let generation = current_generation(db).await?;
        match self.plan(generation, request_id, now) {
            Plan::Uncached => compute().await.map(Arc::new),
            // Handed out shared: a view reads what it shows from the kept ranking instead of
            // copying every provider's names, reasons and explanations first.
            Plan::Cell(cell) => Ok(Arc::clone(
                cell.get_or_try_init(|| async move { compute().await.map(Arc::new) })
                    .await?,
            )),
        }
    }

    fn plan(&self, generation: i64, request_id: i32, now: DateTime<Utc>) -> Plan {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if generation < state.generation {
            // Another view already saw a newer generation: this one read before a change
            // committed, and what it computes must not be kept.
            return Plan::Uncached;
        }
        if generation > state.generation {
            state.generation = generation;
            state.entries.clear();
        }
        state.clock += 1;
        let clock = state.clock;
        if let Some(entry) = state.entries.get_mut(&request_id)
            && now >= entry.computed_for
            && now - entry.computed_for < FRESH_FOR
        {
            entry.last_viewed = clock;
            return Plan::Cell(Arc::clone(&entry.ranking));
        }
        if state.entries.len() >= CAPACITY
            && !state.entries.contains_key(&request_id)
            && let Some(oldest) = state
                .entries
                .iter()
                .min_by_key(|(_, e)| e.last_viewed)
                .map(|(id, _)| *id)
        {
            state.entries.remove(&oldest);
        }
        let cell = Arc::new(OnceCell::new());
        state.entries.insert(
            request_id,
            Entry {
                computed_for: now,
                last_viewed: clock,
                ranking: Arc::clone(&cell),
            },
        );
        Plan::Cell(cell)
    }

    /// How many rankings are kept (for tests).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entries
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, second).unwrap()
    }

    fn cell_of(plan: Plan) -> Arc<OnceCell<Arc<CandidateRanking>>> {
        match plan {
            Plan::Cell(cell) => cell,
            Plan::Uncached => panic!("expected a kept cell"),
        }
    }

    #[test]
    fn the_same_generation_and_a_fresh_instant_share_one_ranking() {
        let cache = RankingCache::default();
        let first = cell_of(cache.plan(1, 7, at(0)));
        let again = cell_of(cache.plan(1, 7, at(29)));
        assert!(Arc::ptr_eq(&first, &again));
    }

    #[test]
    fn a_new_generation_drops_every_kept_ranking() {
        let cache = RankingCache::default();
        let first = cell_of(cache.plan(1, 7, at(0)));
        cache.plan(1, 8, at(0));
        let after = cell_of(cache.plan(2, 7, at(1)));
        assert!(!Arc::ptr_eq(&first, &after));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn an_older_generation_is_computed_but_not_kept() {
        let cache = RankingCache::default();
        cache.plan(5, 7, at(0));
        assert!(matches!(cache.plan(4, 7, at(0)), Plan::Uncached));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_ranking_serves_neither_after_its_time_nor_before_its_instant() {
        let cache = RankingCache::default();
        let first = cell_of(cache.plan(1, 7, at(10)));
        let later = cell_of(cache.plan(1, 7, at(40)));
        assert!(!Arc::ptr_eq(&first, &later));
        let earlier = cell_of(cache.plan(1, 7, at(5)));
        assert!(!Arc::ptr_eq(&later, &earlier));
    }

    #[test]
    fn the_least_recently_viewed_goes_when_full() {
        let cache = RankingCache::default();
        let kept = cell_of(cache.plan(1, 0, at(0)));
        for request in 1..i32::try_from(CAPACITY).unwrap() {
            cache.plan(1, request, at(0));
        }
        // Request 0 viewed again: request 1 is now the least recently viewed.
        cache.plan(1, 0, at(1));
        cache.plan(1, 10_000, at(1));
        assert_eq!(cache.len(), CAPACITY);
        assert!(Arc::ptr_eq(&kept, &cell_of(cache.plan(1, 0, at(2)))));
        let state = cache.state.lock().unwrap();
        assert!(!state.entries.contains_key(&1));
    }
}
