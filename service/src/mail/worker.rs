//! The sending worker: claim a batch, send it (a few messages at a time over pooled SMTP
//! connections), record the outcomes, repeat until nothing is due; then wait and poll again.
//!
//! Runs inside `tta serve` (unless switched off) and as `tta send-mail --once`; any number of
//! workers may run against one database (see [`super::claim`]).
//!
//! Every claimed row ends its turn with a recorded outcome: each row is sent by a task of its
//! own, and a task that panics is recorded as a failed attempt of its row (retried with back-off
//! like any failure), so no row is left `sending` to be claimed again and again.
//!
//! Just before a message is sent its lease is renewed, and only while the claim is still this
//! worker's: a row whose lease ran out while it waited its turn in a long batch and that another
//! worker has claimed since is left to that worker, never sent twice. Each outcome is recorded
//! as soon as its message is sent (by the task that sent it), not when the whole batch is done,
//! so a worker killed mid-batch (`kill -9`) leaves only the messages it had not finished to be
//! sent by another once their lease runs out. A worker asked to stop ([`Worker::run`]'s shutdown) finishes
//! the messages already on the wire and hands the rest of its claim back (`pending`, attempt not
//! counted) for another worker, at once rather than after the lease.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;
use lettre::message::Mailbox;

use super::claim::{Claim, Finished, Outcome, claim_due, give_up_abandoned, record, renew};
use super::reminders::{self, ReminderSettings};
use super::{MailTransport, RetryPolicy, compose};
use crate::entities::email_outbox;
use crate::{Database, ServiceError};

/// Tuning of the worker.
#[derive(Clone, Debug)]
pub struct WorkerSettings {
    /// Messages claimed at once.
    pub batch: u64,
    /// Messages sent at the same time (at most the SMTP pool size is useful).
    pub concurrency: usize,
    /// How long a claim holds its rows; a crashed worker's rows are claimed again after it.
    pub lease: Duration,
    /// Pause between polls when nothing is due.
    pub poll_interval: Duration,
    pub retry: RetryPolicy,
    /// Reminders and feedback requests enqueued on each poll; `None` leaves them out.
    pub reminders: Option<ReminderSettings>,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            batch: 100,
            concurrency: 16,
            lease: Duration::from_secs(300),
            poll_interval: Duration::from_secs(5),
            retry: RetryPolicy::default(),
            reminders: None,
        }
    }
}

/// What one drain did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DrainReport {
    pub sent: usize,
    /// Failed attempts (retried later or given up).
    pub failed: usize,
    /// Reminders and feedback requests enqueued.
    pub scheduled: usize,
}

/// Sends the outbox of one database through one transport.
#[derive(Clone, Debug)]
pub struct Worker {
    db: Database,
    transport: MailTransport,
    from: Mailbox,
    settings: WorkerSettings,
    /// Set when [`Worker::run`]'s shutdown arrives: claim nothing more, start no new message.
    stopping: Arc<AtomicBool>,
}

impl Worker {
    pub fn new(
        db: Database,
        transport: MailTransport,
        from: Mailbox,
        settings: WorkerSettings,
    ) -> Self {
        Self {
            db,
            transport,
            from,
            settings,
            stopping: Arc::new(AtomicBool::new(false)),
        }
    }

    fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    pub fn transport(&self) -> &MailTransport {
        &self.transport
    }

    /// Enqueues due reminders, then sends batches until nothing is due.
    pub async fn drain(&self) -> Result<DrainReport, ServiceError> {
        let mut report = DrainReport::default();
        if let Some(reminder_settings) = &self.settings.reminders {
            report.scheduled =
                reminders::enqueue_due(&self.db, Utc::now(), reminder_settings).await?;
        }
        while !self.is_stopping() {
            let (sent, failed) = self.send_batch().await?;
            report.sent += sent;
            report.failed += failed;
            if sent + failed == 0 {
                break;
            }
        }
        Ok(report)
    }

    /// Claims one batch, sends it and records the outcomes: (sent, failed).
    pub async fn send_batch(&self) -> Result<(usize, usize), ServiceError> {
        let now = Utc::now();
        let given_up = give_up_abandoned(&self.db, now, self.settings.retry.max_attempts).await?;
        if given_up > 0 {
            tracing::warn!(
                given_up,
                "outbox: messages whose worker stopped on their last attempt marked failed"
            );
        }
        let claim = Claim::new(now, self.settings.lease);
        let rows = claim_due(&self.db, &claim, now, self.settings.batch).await?;
        if rows.is_empty() {
            return Ok((0, 0));
        }
        let (finished, recorded) = self.send_all(rows, &claim).await;
        let sent = finished
            .iter()
            .filter(|f| f.outcome == Outcome::Sent)
            .count();
        let released = finished
            .iter()
            .filter(|f| f.outcome == Outcome::Released)
            .count();
        let failed = finished.len() - sent - released;
        for item in &finished {
            if let Outcome::Failed { error, .. } = &item.outcome {
                tracing::warn!(
                    message = item.id,
                    attempt = item.attempt,
                    "sending failed: {error}"
                );
            }
        }
        recorded?;
        tracing::debug!(sent, failed, released, "outbox batch done");
        Ok((sent, failed))
    }

    /// Sends `rows`, at most `concurrency` at a time, one task per row, and records each outcome
    /// under `claim` as soon as it is known; a task that panics becomes a failed attempt of its
    /// row. Returns the outcomes and the first recording error, if any (the rows not recorded
    /// stay `sending` until their lease runs out).
    async fn send_all(
        &self,
        rows: Vec<email_outbox::Model>,
        claim: &Claim,
    ) -> (Vec<Finished>, Result<(), ServiceError>) {
        let slots = Arc::new(tokio::sync::Semaphore::new(
            self.settings.concurrency.max(1),
        ));
        let mut tasks = tokio::task::JoinSet::new();
        let mut running = HashMap::new();
        for row in rows {
            let (id, attempt) = (row.id, row.attempts);
            let worker = self.clone();
            let slots = Arc::clone(&slots);
            let claim = claim.clone();
            let handle = tasks.spawn(async move {
                // The semaphore is never closed; without a permit the row is sent all the same.
                let _slot = slots.acquire_owned().await.ok();
                if worker.is_stopping() {
                    let done = released(&row);
                    let recorded = worker.record_one(&claim, &done).await;
                    return (done, recorded);
                }
                match renew(
                    &worker.db,
                    &claim,
                    row.id,
                    Utc::now(),
                    worker.settings.lease,
                )
                .await
                {
                    Ok(true) => {}
                    // Another worker claimed it after this claim's lease ran out: its turn.
                    Ok(false) => return (released(&row), Ok(())),
                    // Unsent, still claimed: sent again once the lease runs out.
                    Err(error) => return (released(&row), Err(error)),
                }
                let done = worker.send_one(&row).await;
                let recorded = worker.record_one(&claim, &done).await;
                (done, recorded)
            });
            running.insert(handle.id(), (id, attempt, Utc::now()));
        }
        let mut finished = Vec::with_capacity(running.len());
        let mut recorded = Ok(());
        while let Some(result) = tasks.join_next_with_id().await {
            let (done, outcome) = match result {
                Ok((_, (done, outcome))) => (done, outcome),
                Err(error) => {
                    tracing::error!("mail sending task failed: {error}");
                    let Some(&(id, attempt, started_at)) = running.get(&error.id()) else {
                        continue;
                    };
                    let done = Finished {
                        id,
                        attempt,
                        started_at,
                        finished_at: Utc::now(),
                        outcome: Outcome::Failed {
                            error: format!("the sending task stopped: {}", task_error(error)),
                            permanent: false,
                        },
                    };
                    let outcome = self.record_one(claim, &done).await;
                    (done, outcome)
                }
            };
            if let Err(error) = outcome
                && recorded.is_ok()
            {
                recorded = Err(error);
            }
            finished.push(done);
        }
        (finished, recorded)
    }

    /// Records one outcome under `claim` (logged when it cannot be). While the database is
    /// unreachable the recording is retried every half second for as long as the row's lease
    /// lasts: a message already sent is then recorded sent once the database is back, instead
    /// of being sent again by another worker after the lease.
    async fn record_one(&self, claim: &Claim, done: &Finished) -> Result<(), ServiceError> {
        // The row's lease was renewed just before it was sent.
        let lease_ends = done.started_at
            + chrono::Duration::from_std(self.settings.lease).unwrap_or(chrono::Duration::zero());
        loop {
            let outcome = record(
                &self.db,
                claim,
                &self.settings.retry,
                std::slice::from_ref(done),
            )
            .await;
            match outcome {
                Err(ServiceError::Unavailable(_))
                    if Utc::now() + chrono::Duration::milliseconds(500) < lease_ends =>
                {
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(error) => {
                    tracing::error!(message = done.id, "recording a sending outcome: {error}");
                    return Err(error);
                }
                Ok(()) => return Ok(()),
            }
        }
    }

    async fn send_one(&self, row: &email_outbox::Model) -> Finished {
        let started_at = Utc::now();
        let timer = Instant::now();
        let attachments = match super::attachments(self.db.conn(), row.id).await {
            Ok(attachments) => attachments,
            Err(error) => {
                return Finished {
                    id: row.id,
                    attempt: row.attempts,
                    started_at,
                    finished_at: Utc::now(),
                    outcome: Outcome::Failed {
                        error: format!("reading the attachments: {error}"),
                        permanent: false,
                    },
                };
            }
        };
        let outcome = match compose(row, &attachments, &self.from) {
            Err(error) => Outcome::Failed {
                error: error.to_string(),
                permanent: true,
            },
            Ok(message) => match self.transport.send(&message, &file_stem(row)).await {
                Ok(()) => Outcome::Sent,
                Err(error) => Outcome::Failed {
                    error: error.to_string(),
                    permanent: false,
                },
            },
        };
        tracing::trace!(message = row.id, elapsed = ?timer.elapsed(), "attempt finished");
        Finished {
            id: row.id,
            attempt: row.attempts,
            started_at,
            finished_at: Utc::now(),
            outcome,
        }
    }

    /// Drains, then waits `poll_interval`, until `shutdown` completes. Errors (database down)
    /// are logged and retried on the next poll. When `shutdown` completes mid-drain, the
    /// messages already being sent are finished and recorded, and the rest of the claim is
    /// handed back (`pending`) before this returns.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        tracing::info!(
            "mail worker started: sending to {}",
            self.transport.describe()
        );
        tokio::pin!(shutdown);
        let mut stopped = false;
        loop {
            let drained = {
                let drain = self.drain();
                tokio::pin!(drain);
                tokio::select! {
                    result = &mut drain => result,
                    () = &mut shutdown => {
                        stopped = true;
                        self.stopping.store(true, Ordering::SeqCst);
                        drain.await
                    }
                }
            };
            match drained {
                Ok(report) if report.sent + report.failed + report.scheduled > 0 => {
                    tracing::info!(
                        sent = report.sent,
                        failed = report.failed,
                        scheduled = report.scheduled,
                        "mail worker: outbox drained"
                    );
                }
                Ok(_) => {}
                Err(error) => tracing::error!("mail worker: {error}"),
            }
            if stopped {
                break;
            }
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(self.settings.poll_interval) => {}
            }
        }
        tracing::info!("mail worker stopped");
    }
}

/// A claimed row handed back unsent because the worker is stopping.
fn released(row: &email_outbox::Model) -> Finished {
    let now = Utc::now();
    Finished {
        id: row.id,
        attempt: row.attempts,
        started_at: now,
        finished_at: now,
        outcome: Outcome::Released,
    }
}

/// What a failed task says: its panic message when it panicked.
fn task_error(error: tokio::task::JoinError) -> String {
    if !error.is_panic() {
        return error.to_string();
    }
    let panic = error.into_panic();
    panic
        .downcast_ref::<&str>()
        .map(|s| format!("panicked: {s}"))
        .or_else(|| {
            panic
                .downcast_ref::<String>()
                .map(|s| format!("panicked: {s}"))
        })
        .unwrap_or_else(|| "panicked".to_owned())
}

/// `.eml` file name in folder mode: creation time, id and event, safe for any file system.
fn file_stem(row: &email_outbox::Model) -> String {
    let event: String = row
        .event
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(40)
        .collect();
    let event = if event.is_empty() {
        "message".to_owned()
    } else {
        event
    };
    format!(
        "{}-{:08}-{event}",
        row.created_at.format("%Y%m%dT%H%M%SZ"),
        row.id
    )
}
