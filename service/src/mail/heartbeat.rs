//! Keeping one claimed message's lease alive while it is being sent and recorded.
//!
//! A claim's lease (`claimed_until`) is what keeps every other worker away from a message; it
//! must outlast the send however slow the SMTP server is, yet run out soon after its worker dies
//! so another can take the message over. The heartbeat renews it every third of the lease for
//! as long as this worker is alive and holds the claim; once the worker stops (or is killed) the
//! lease runs out within one lease and the message is due again.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use tokio::time::Instant;

use super::claim::{Claim, renew};
use crate::Database;

/// A running renewal of one message's lease; stops when dropped.
///
/// The lease itself is kept by the database's clock; this side keeps a conservative estimate
/// of when it ends on its own monotonic clock (the moment before the claim or renewal was
/// asked for, plus the lease), never later than the database's end whatever the clocks say.
pub(super) struct Heartbeat {
    /// When the lease last written ends at the latest, in milliseconds after `origin`.
    lease_ends: Arc<AtomicI64>,
    origin: Instant,
    /// Dropping the sender stops the renewal task (never in the middle of a renewal).
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Heartbeat {
    /// Starts renewing `claim`'s lease on message `id`, claimed by a statement sent at
    /// `claimed_at` (this process's monotonic clock).
    pub(super) fn start(db: Database, claim: Claim, id: i64, claimed_at: Instant) -> Self {
        let origin = claimed_at;
        let lease = claim.lease;
        let lease_ends = Arc::new(AtomicI64::new(millis(lease)));
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let every = (lease / 3).max(Duration::from_millis(100));
        let ends = Arc::clone(&lease_ends);
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = &mut stopped => return,
                    () = tokio::time::sleep(every) => {}
                }
                let asked = Instant::now();
                match renew(&db, &claim, id).await {
                    Ok(true) => {
                        let until = asked.saturating_duration_since(origin) + lease;
                        ends.store(millis(until), Ordering::SeqCst);
                    }
                    // Recorded meanwhile (or, after a lapse, claimed by another): nothing to keep.
                    Ok(false) => return,
                    Err(error) => {
                        tracing::warn!(message = id, "renewing a mail lease: {error}");
                    }
                }
            }
        });
        Self {
            lease_ends,
            origin,
            _stop: stop,
        }
    }

    /// When the lease last written ends at the latest (this process's monotonic clock): until
    /// then no other worker takes the message.
    pub(super) fn lease_ends(&self) -> Instant {
        let ends = u64::try_from(self.lease_ends.load(Ordering::SeqCst)).unwrap_or(0);
        self.origin + Duration::from_millis(ends)
    }
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}
