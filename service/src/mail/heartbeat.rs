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

use chrono::{DateTime, Utc};

use super::claim::{Claim, renew};
use crate::Database;

/// A running renewal of one message's lease; stops when dropped or [`Heartbeat::stop`]ped.
pub(super) struct Heartbeat {
    /// When the lease last written ends, in milliseconds since the epoch.
    lease_ends: Arc<AtomicI64>,
    /// Dropping the sender stops the renewal task (never in the middle of a renewal).
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Heartbeat {
    /// Starts renewing `claim`'s lease on message `id` to `lease` from each renewal.
    pub(super) fn start(db: Database, claim: Claim, id: i64, lease: Duration) -> Self {
        let lease_ends = Arc::new(AtomicI64::new(claim.until.timestamp_millis()));
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let every = (lease / 3).max(Duration::from_millis(100));
        let ends = Arc::clone(&lease_ends);
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = &mut stopped => return,
                    () = tokio::time::sleep(every) => {}
                }
                let now = Utc::now();
                match renew(&db, &claim, id, now, lease).await {
                    Ok(true) => {
                        let until = now
                            + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::zero());
                        ends.store(until.timestamp_millis(), Ordering::SeqCst);
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
            _stop: stop,
        }
    }

    /// When the lease last written ends: until then no other worker takes the message.
    pub(super) fn lease_ends(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.lease_ends.load(Ordering::SeqCst))
            .unwrap_or_else(Utc::now)
    }
}
