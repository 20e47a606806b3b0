//! The sending worker: claim one message, send it, record the outcome, repeat until nothing is
//! due; then wait and poll again.
//!
//! Runs inside `tta serve` (unless switched off) and as `tta send-mail --once`; any number of
//! workers may run against one database (see [`super::claim`]).
//!
//! Exactly once, as far as SMTP allows. SMTP has no two-phase commit: from the moment the
//! message's final `.` is handed to the network (the kernel delivers it even if the process dies
//! next) until the commit that records it `sent` — the server's handling of the message, its
//! "250 accepted", one database round trip — a worker killed (`kill -9`, power cut) leaves a
//! message delivered but not recorded, and it is sent again (with the same Message-ID, so a
//! receiving server may drop the copy) once its lease runs out. Everything else is closed, and
//! that window is kept to one message and as short as the client side can make it:
//! - each sender claims and sends **one message at a time** (a batch claim would hold many
//!   messages in flight; with the default of one sender a killed worker can have at most one
//!   message in the window);
//! - `sent` is recorded **right after the 250**, in its own short statement (one round trip on
//!   PostgreSQL), before anything else;
//! - a message is never taken by another worker while its lease is live: the lease is set when
//!   the message is claimed and **renewed while it is being sent** ([`super::heartbeat`]), so a
//!   slow SMTP server never lets a live worker's lease lapse, while a dead worker's runs out
//!   within one lease;
//! - a message whose attempt began but never finished (`sending`, its worker gone) is sent again
//!   only **after its lease has run out**;
//! - leases are set and compared by **the database's clock** ([`super::clock`]), so an instance
//!   whose clock is wrong can neither cut another's lease short nor keep a dead one alive; the
//!   worker's own clock only stamps the attempt rows.
//!
//! A failure of the relay as a whole (connection refused, TLS or certificate, STARTTLS, the
//! log-in, a 421; see [`super::relay`]) is not the message's: the message is handed back with
//! its attempt not counted, the pass ends, and no worker of any instance claims a message again
//! before the shared back-off in `mail_relay` has passed (doubling up to
//! [`WorkerSettings::relay_backoff`]'s cap). An outage therefore never fails a message, however
//! long it lasts; the first message the relay accepts again ends it.
//!
//! Every claimed row ends its turn with a recorded outcome: the send runs in a task of its own,
//! and a task that panics is recorded as a failed attempt of its row (retried with back-off like
//! any failure). A worker asked to stop ([`Worker::run`]'s shutdown) finishes the message on the
//! wire, hands a message it claimed but has not started back (`pending`, attempt not counted),
//! and claims nothing more.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use lettre::message::Mailbox;

use super::claim::{Claim, Finished, Outcome, claim_due, give_up_abandoned, record, record_sent};
use super::heartbeat::Heartbeat;
use super::relay::{self, RelayBackoff};
use super::reminders::{self, ReminderSettings};
use super::{MailTransport, RetryPolicy, compose};
use crate::entities::email_outbox;
use crate::{Database, ServiceError};

/// Tuning of the worker.
#[derive(Clone, Debug)]
pub struct WorkerSettings {
    /// Most messages one pass ([`Worker::send_batch`]) sends before it returns.
    pub batch: u64,
    /// Senders at work at the same time, each claiming and sending one message at a time. A
    /// worker killed mid-send can leave at most this many messages delivered but not recorded
    /// (sent again after their lease): keep it at 1 unless the SMTP server is far away.
    pub concurrency: usize,
    /// How long a claim holds its message; renewed every third of it while the message is being
    /// sent, so it only runs out when its worker has stopped. Then another worker sends it.
    pub lease: Duration,
    /// Pause between polls when nothing is due.
    pub poll_interval: Duration,
    pub retry: RetryPolicy,
    /// The wait of every worker after the relay failed as a whole: doubled with each failure of
    /// an outage, up to its cap. No message's attempt is counted meanwhile.
    pub relay_backoff: RelayBackoff,
    /// Reminders and feedback requests enqueued on each poll; `None` leaves them out.
    pub reminders: Option<ReminderSettings>,
    /// Test-only (`TTA_TEST_MAIL_PARK_FILE`, see [`super::park`]): while this file exists, each
    /// sender holds its claimed message before sending it.
    pub park_file: Option<PathBuf>,
    /// Test-only: how far this instance's clock is off (added to its `Utc::now()`), to prove
    /// that leases do not depend on it. Zero in real use.
    pub clock_skew: chrono::Duration,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            batch: 100,
            concurrency: 1,
            lease: Duration::from_secs(300),
            poll_interval: Duration::from_secs(5),
            retry: RetryPolicy::default(),
            relay_backoff: RelayBackoff::default(),
            reminders: None,
            park_file: None,
            clock_skew: chrono::Duration::zero(),
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
    /// Messages handed back because the relay failed as a whole (their attempts not counted).
    pub deferred: usize,
    /// Whether the relay's back-off held the drain (nothing claimed until it has passed).
    pub relay_waiting: bool,
}

/// What one pass ([`Worker::send_batch`]) did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PassReport {
    pub sent: usize,
    pub failed: usize,
    /// Messages handed back because the relay failed (see [`DrainReport::deferred`]).
    pub deferred: usize,
    /// The relay's back-off was running: nothing was claimed.
    pub relay_waiting: bool,
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
    /// What this worker knows of the relay's shared state (`mail_relay`).
    relay_memo: Arc<RelayMemo>,
}

/// This worker's memory of the relay's state, so that a success is written only when it ends
/// an outage or the last one written is a minute old (never once per message).
#[derive(Debug, Default)]
struct RelayMemo {
    /// An outage was open when last seen (read at a pass's start, or written by this worker).
    outage: AtomicBool,
    /// Set by a sender that met a relay failure in this pass: the others claim nothing more.
    down: AtomicBool,
    /// When this worker last wrote a success.
    success_written: std::sync::Mutex<Option<Instant>>,
}

/// How often a worker writes the relay's last success while it keeps succeeding.
const SUCCESS_NOTE_EVERY: Duration = Duration::from_secs(60);

/// What one sender did in a pass.
#[derive(Debug, Default)]
struct SenderTally {
    sent: usize,
    failed: usize,
    deferred: usize,
    error: Option<ServiceError>,
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
            relay_memo: Arc::new(RelayMemo::default()),
        }
    }

    /// This instance's clock (skewed by [`WorkerSettings::clock_skew`] in tests): it stamps the
    /// attempt rows only.
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.settings.clock_skew
    }

    fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    pub fn transport(&self) -> &MailTransport {
        &self.transport
    }

    /// The database this worker sends the outbox of.
    pub fn database(&self) -> &Database {
        &self.db
    }

    /// Enqueues due reminders, then sends until nothing is due.
    pub async fn drain(&self) -> Result<DrainReport, ServiceError> {
        let mut report = DrainReport::default();
        if let Some(reminder_settings) = &self.settings.reminders {
            // The database's clock, so every instance agrees on what is due.
            let now = super::clock::database_now(&self.db).await?;
            report.scheduled = reminders::enqueue_due(&self.db, now, reminder_settings).await?;
        }
        while !self.is_stopping() {
            let pass = self.send_batch().await?;
            report.sent += pass.sent;
            report.failed += pass.failed;
            report.deferred += pass.deferred;
            if pass.relay_waiting || pass.deferred > 0 {
                report.relay_waiting = true;
                break;
            }
            if pass.sent + pass.failed == 0 {
                break;
            }
        }
        Ok(report)
    }

    /// Sends up to `batch` due messages, each claimed, sent and recorded on its own by one of
    /// `concurrency` senders. The first error (database unreachable) ends the pass after the
    /// messages already on their way are recorded; a relay failure ends it after the message
    /// that met it is handed back; while the relay's back-off runs nothing is claimed.
    pub async fn send_batch(&self) -> Result<PassReport, ServiceError> {
        let given_up =
            give_up_abandoned(&self.db, self.now(), self.settings.retry.max_attempts).await?;
        if given_up > 0 {
            tracing::warn!(
                given_up,
                "outbox: messages whose worker stopped on their last attempt marked failed"
            );
        }
        let relay_state = relay::relay_state(&self.db).await?;
        self.relay_memo
            .outage
            .store(relay_state.is_failing(), Ordering::SeqCst);
        if relay_state.retry_at.is_some()
            && !relay::may_try(&relay_state, super::clock::database_now(&self.db).await?)
        {
            tracing::debug!(
                retry_at = ?relay_state.retry_at,
                "outbox pass held: the mail relay is failing"
            );
            return Ok(PassReport {
                relay_waiting: true,
                ..PassReport::default()
            });
        }
        self.relay_memo.down.store(false, Ordering::SeqCst);
        let budget = Arc::new(AtomicU64::new(self.settings.batch.max(1)));
        let mut senders = tokio::task::JoinSet::new();
        for _ in 0..self.settings.concurrency.max(1) {
            let worker = self.clone();
            let budget = Arc::clone(&budget);
            senders.spawn(async move { worker.sender(&budget).await });
        }
        let (mut sent, mut failed, mut deferred, mut first_error) = (0, 0, 0, None);
        while let Some(joined) = senders.join_next().await {
            match joined {
                Ok(tally) => {
                    sent += tally.sent;
                    failed += tally.failed;
                    deferred += tally.deferred;
                    if first_error.is_none() {
                        first_error = tally.error;
                    }
                }
                Err(error) => tracing::error!("mail sender stopped: {}", task_error(error)),
            }
        }
        if let Some(error) = first_error {
            return Err(error);
        }
        tracing::debug!(sent, failed, deferred, "outbox pass done");
        Ok(PassReport {
            sent,
            failed,
            deferred,
            relay_waiting: false,
        })
    }

    /// One sender: claims, sends and records one message after another while `budget` lasts
    /// and something is due.
    async fn sender(&self, budget: &AtomicU64) -> SenderTally {
        let mut tally = SenderTally::default();
        while !self.is_stopping()
            && !self.relay_memo.down.load(Ordering::SeqCst)
            && budget
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok()
        {
            match self.send_next().await {
                Ok(None) => break,
                Ok(Some(Outcome::Sent)) => tally.sent += 1,
                Ok(Some(Outcome::Failed { .. })) => tally.failed += 1,
                Ok(Some(Outcome::Released)) => break,
                Ok(Some(Outcome::Deferred { .. })) => {
                    tally.deferred += 1;
                    break;
                }
                Err(error) => {
                    tally.error = Some(error);
                    break;
                }
            }
        }
        tally
    }

    /// Claims the next due message, sends it (its lease renewed meanwhile) and records the
    /// outcome at once; `None` when nothing is due.
    async fn send_next(&self) -> Result<Option<Outcome>, ServiceError> {
        let claim = Claim::new(self.settings.lease);
        let asked = tokio::time::Instant::now();
        let Some(row) = claim_due(&self.db, &claim, 1).await?.into_iter().next() else {
            return Ok(None);
        };
        let heartbeat = Heartbeat::start(self.db.clone(), claim.clone(), row.id, asked);
        if let Some(park_file) = &self.settings.park_file {
            super::park::hold_while_asked(park_file, row.id, &claim.claimer, &self.stopping).await;
        }
        let done = if self.is_stopping() {
            released(&row, self.now())
        } else {
            self.send_guarded(&row).await
        };
        let recorded = self.record_one(&claim, &done, &heartbeat).await;
        drop(heartbeat);
        recorded?;
        match &done.outcome {
            Outcome::Failed { error, .. } => tracing::warn!(
                message = done.id,
                attempt = done.attempt,
                "sending failed: {error}"
            ),
            Outcome::Deferred { error, reason } => {
                self.relay_failed(done.id, error, reason).await?
            }
            Outcome::Sent => self.relay_worked().await,
            Outcome::Released => {}
        }
        Ok(Some(done.outcome))
    }

    /// The relay failed as a whole while sending message `id` (already handed back): the other
    /// senders stop, and the shared state starts or lengthens the back-off (opening the outage
    /// the first time).
    async fn relay_failed(&self, id: i64, error: &str, reason: &str) -> Result<(), ServiceError> {
        self.relay_memo.down.store(true, Ordering::SeqCst);
        let now = super::clock::database_now(&self.db).await?;
        let state = relay::record_failure(
            &self.db,
            &self.transport.describe(),
            reason,
            now,
            self.settings.relay_backoff,
        )
        .await?;
        self.relay_memo.outage.store(true, Ordering::SeqCst);
        tracing::warn!(
            message = id,
            failures = state.failures,
            retry_at = ?state.retry_at,
            "the mail relay failed ({reason}); the message keeps its attempts and waits: {error}"
        );
        Ok(())
    }

    /// The relay accepted a message: ends an outage at once, and otherwise notes the last
    /// success once a minute. A failure to write it is logged (the message is recorded sent).
    async fn relay_worked(&self) {
        let outage = self.relay_memo.outage.load(Ordering::SeqCst);
        let due = {
            let written = self
                .relay_memo
                .success_written
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            written.is_none_or(|at| at.elapsed() >= SUCCESS_NOTE_EVERY)
        };
        if !outage && !due {
            return;
        }
        let noted = async {
            let now = super::clock::database_now(&self.db).await?;
            relay::record_success(&self.db, &self.transport.describe(), now).await
        };
        match noted.await {
            Ok(ended) => {
                self.relay_memo.outage.store(false, Ordering::SeqCst);
                *self
                    .relay_memo
                    .success_written
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Instant::now());
                if ended {
                    tracing::info!("the mail relay accepts messages again");
                }
            }
            Err(error) => tracing::warn!("noting the mail relay's success: {error}"),
        }
    }

    /// Sends `row` in a task of its own: a panic while composing or sending becomes a failed
    /// attempt of the row instead of ending the sender.
    async fn send_guarded(&self, row: &email_outbox::Model) -> Finished {
        let started_at = self.now();
        let worker = self.clone();
        let sending = row.clone();
        match tokio::spawn(async move { worker.send_one(&sending).await }).await {
            Ok(done) => done,
            Err(error) => {
                tracing::error!(message = row.id, "mail sending task failed: {error}");
                Finished {
                    id: row.id,
                    attempt: row.attempts,
                    started_at,
                    finished_at: self.now(),
                    outcome: Outcome::Failed {
                        error: format!("the sending task stopped: {}", task_error(error)),
                        permanent: false,
                    },
                }
            }
        }
    }

    /// Records one outcome under `claim` (logged when it cannot be): `sent` in one short
    /// statement of its own. While the database is unreachable the recording is retried every
    /// half second for as long as the message's lease lasts: a message already sent is then
    /// recorded sent once the database is back, instead of being sent again by another worker
    /// after the lease.
    async fn record_one(
        &self,
        claim: &Claim,
        done: &Finished,
        heartbeat: &Heartbeat,
    ) -> Result<(), ServiceError> {
        loop {
            let outcome = if done.outcome == Outcome::Sent {
                record_sent(&self.db, claim, done).await
            } else {
                record(
                    &self.db,
                    claim,
                    &self.settings.retry,
                    std::slice::from_ref(done),
                )
                .await
            };
            match outcome {
                Err(ServiceError::Unavailable(_))
                    if tokio::time::Instant::now() + Duration::from_millis(500)
                        < heartbeat.lease_ends() =>
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
        let started_at = self.now();
        let timer = Instant::now();
        let attachments = match super::attachments(self.db.conn(), row.id).await {
            Ok(attachments) => attachments,
            Err(error) => {
                return Finished {
                    id: row.id,
                    attempt: row.attempts,
                    started_at,
                    finished_at: self.now(),
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
                Err(super::SendError {
                    message,
                    relay: Some(reason),
                }) => Outcome::Deferred {
                    error: message,
                    reason,
                },
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
            finished_at: self.now(),
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
                        deferred = report.deferred,
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
fn released(row: &email_outbox::Model, now: DateTime<Utc>) -> Finished {
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
