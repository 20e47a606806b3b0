//! What the coordinator's queue page shows on every view whatever its filters and page, kept
//! between views (issue 19): the count of requests per status (a `GROUP BY` over every request),
//! the filters' choices (every site and topic), what waits for the coordinators and the open asks
//! to change a session. Read afresh, they were eight of the page's eleven statements and most of
//! the database's work at 10,000 requests.
//!
//! They are kept with the **queue generation** they were read at: the number in
//! `queue_generation` that the database itself raises in the transaction of every change to a
//! table they read (migration 38's triggers). A view reads that one number first and serves the
//! kept parts only while it is unchanged, so a change committed by any write path or any instance
//! on the same database shows in the very next view. Nothing kept depends on the time: the asks
//! keep their instants, and their ages ("waiting 3 days") are computed at each view.
//!
//! Views that arrive together at a new generation wait for one reading instead of each making
//! its own; a view that read an older generation than one already kept reads for itself and
//! keeps nothing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use contract::views::coordinator::Choice;
use contract::views::home::WaitingOn;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, Statement};
use tokio::sync::OnceCell;

use crate::change_requests::{OpenAsk, describe_open_asks};
use crate::entities::site;
use crate::requests::status_counts;
use crate::status::RequestStatus;
use crate::topics::list_topics;
use crate::waiting::WaitingItems;
use crate::{Database, ServiceError};

/// What every view of the queue shows, as read at one queue generation.
#[derive(Debug)]
pub(crate) struct QueueShared {
    /// Every status with its number of requests (all sites, no filter).
    pub counts: Vec<(RequestStatus, u64)>,
    /// The site filter's choices, by name: `Name, ST`.
    pub site_choices: Vec<Choice>,
    /// The topic filter's choices, by name.
    pub topic_choices: Vec<Choice>,
    /// Every site's name (without its state), by id: a row's site.
    pub site_names: HashMap<i32, String>,
    /// Every topic's name, by id: a row's topics.
    pub topic_names: HashMap<i32, String>,
    /// What each request waits on for the coordinators (its first kind).
    pub waiting_on: HashMap<i32, WaitingOn>,
    /// How many requests wait on each kind, every kind listed.
    pub waiting_counts: Vec<(WaitingOn, u64)>,
    /// Every open ask, oldest first, with its request's title, site and session number.
    pub asks: Vec<OpenAsk>,
    /// How many open asks each request has.
    pub open_changes: HashMap<i32, u32>,
}

impl QueueShared {
    /// Reads every part from the database (eight statements at most).
    async fn read(db: &Database) -> Result<Self, ServiceError> {
        let sites = site::Entity::find()
            .order_by_asc(site::Column::Name)
            .all(db.conn())
            .await?;
        let topics = list_topics(db).await?;
        let site_labels: HashMap<i32, String> = sites
            .iter()
            .map(|s| (s.id, format!("{}, {}", s.name, s.state)))
            .collect();
        let open = crate::waiting::open_asks_of(db.conn()).await?;
        let WaitingItems {
            items: waiting,
            requests: waiting_requests,
        } = crate::waiting::waiting_with(db.conn(), &open, &site_labels).await?;
        let asks = describe_open_asks(db, open, &waiting_requests, &site_labels).await?;
        let mut open_changes: HashMap<i32, u32> = HashMap::new();
        for ask in &asks {
            let n = open_changes.entry(ask.ask.request_id).or_default();
            *n = n.saturating_add(1);
        }
        let counts = status_counts(db).await?;
        Ok(Self {
            counts,
            site_names: sites.iter().map(|s| (s.id, s.name.clone())).collect(),
            site_choices: sites
                .iter()
                .map(|s| Choice {
                    value: s.id.to_string(),
                    label: site_labels.get(&s.id).cloned().unwrap_or_default(),
                })
                .collect(),
            topic_names: topics.iter().map(|t| (t.id, t.name.clone())).collect(),
            topic_choices: topics
                .into_iter()
                .map(|t| Choice {
                    value: t.id.to_string(),
                    label: t.name,
                })
                .collect(),
            waiting_on: crate::waiting::by_request(&waiting),
            waiting_counts: crate::waiting::counts(&waiting),
            asks,
            open_changes,
        })
    }
}

/// The current queue generation, as committed.
async fn current_generation(db: &Database) -> Result<i64, ServiceError> {
    let row = db
        .conn()
        .query_one_raw(Statement::from_string(
            db.backend(),
            "SELECT generation FROM queue_generation WHERE id = 1",
        ))
        .await?
        .ok_or_else(|| ServiceError::Internal("queue_generation has no row".to_owned()))?;
    Ok(row.try_get::<i64>("", "generation")?)
}

/// The queue's kept parts of one database (see the module's documentation).
#[derive(Debug, Default)]
pub struct QueueCache {
    kept: Mutex<Option<Kept>>,
}

#[derive(Debug)]
struct Kept {
    generation: i64,
    shared: Arc<OnceCell<Arc<QueueShared>>>,
}

/// What a view does: read into (or serve from) the kept cell, or read without keeping.
enum Plan {
    Cell(Arc<OnceCell<Arc<QueueShared>>>),
    Uncached,
}

impl QueueCache {
    /// The queue's shared parts as committed now: the kept ones while the queue generation is
    /// unchanged, else read afresh (and kept for the next view).
    pub(crate) async fn shared(&self, db: &Database) -> Result<Arc<QueueShared>, ServiceError> {
        // Read before the parts: a change committed after this read raises the number, so parts
        // read from newer data are at worst kept under an older number no view asks for again.
        let generation = current_generation(db).await?;
        match self.plan(generation) {
            Plan::Uncached => Ok(Arc::new(QueueShared::read(db).await?)),
            Plan::Cell(cell) => Ok(Arc::clone(
                cell.get_or_try_init(|| async { QueueShared::read(db).await.map(Arc::new) })
                    .await?,
            )),
        }
    }

    fn plan(&self, generation: i64) -> Plan {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        match kept.as_ref() {
            Some(k) if k.generation == generation => Plan::Cell(Arc::clone(&k.shared)),
            // Another view already saw a newer generation: this one read before a change
            // committed, and what it reads must not be kept.
            Some(k) if k.generation > generation => Plan::Uncached,
            _ => {
                let cell = Arc::new(OnceCell::new());
                *kept = Some(Kept {
                    generation,
                    shared: Arc::clone(&cell),
                });
                Plan::Cell(cell)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell_of(plan: Plan) -> Arc<OnceCell<Arc<QueueShared>>> {
        match plan {
            Plan::Cell(cell) => cell,
            Plan::Uncached => panic!("expected a kept cell"),
        }
    }

    #[test]
    fn one_generation_shares_one_reading_and_a_new_one_replaces_it() {
        let cache = QueueCache::default();
        let first = cell_of(cache.plan(3));
        assert!(Arc::ptr_eq(&first, &cell_of(cache.plan(3))));
        let next = cell_of(cache.plan(4));
        assert!(!Arc::ptr_eq(&first, &next));
        assert!(Arc::ptr_eq(&next, &cell_of(cache.plan(4))));
    }

    #[test]
    fn an_older_generation_is_read_but_not_kept() {
        let cache = QueueCache::default();
        let kept = cell_of(cache.plan(5));
        assert!(matches!(cache.plan(4), Plan::Uncached));
        assert!(Arc::ptr_eq(&kept, &cell_of(cache.plan(5))));
    }
}
