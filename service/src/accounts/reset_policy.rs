//! How often password-reset links may be asked for, and how long the answer takes.
//!
//! Per client address, requests are counted in `login_throttle` (key `reset-ip:<address>`, so
//! every server instance sees them) and refused with a message once the limit is reached —
//! whatever address was typed, so the refusal says nothing about accounts. Per account the limit
//! is silent (the answer is the same as always): no new link while the last one is younger than
//! [`ResetPolicy::account_interval`], and at most [`ResetPolicy::account_limit`] in a window.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};

use super::throttle;
use crate::{Database, ServiceError};

/// Limits and timing of `password_reset::request_reset`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResetPolicy {
    /// The answer is given this long after the request arrived, whatever the work found or how
    /// long it took (see `password_reset::request_reset`).
    pub answer_after: StdDuration,
    /// No new link for an account while its newest one is younger than this.
    pub account_interval: Duration,
    /// Most links per account in one `window`.
    pub account_limit: u64,
    /// Most requests from one client address in one `window` (all addresses typed together);
    /// reaching it pauses requests from that address for a `window`.
    pub ip_limit: i32,
    pub window: Duration,
}

impl Default for ResetPolicy {
    fn default() -> Self {
        Self {
            answer_after: StdDuration::from_millis(300),
            account_interval: Duration::minutes(5),
            account_limit: 3,
            ip_limit: 20,
            window: Duration::hours(1),
        }
    }
}

/// Why a reset request was refused, or the failure that stopped it.
#[derive(Debug, thiserror::Error)]
pub enum ResetError {
    /// Too many requests from this client address; the message says when to try again.
    #[error("{0}")]
    Throttled(String),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

fn ip_key(ip: &str) -> String {
    format!("reset-ip:{ip}")
}

/// Counts one request from `ip`, refusing it while the address is paused.
pub(crate) async fn count_request(
    db: &Database,
    ip: &str,
    policy: &ResetPolicy,
    now: DateTime<Utc>,
) -> Result<(), ResetError> {
    let key = ip_key(ip);
    let locked = db
        .transaction(async |txn| {
            if let Some(until) =
                throttle::locked_until(txn, std::slice::from_ref(&key), now).await?
            {
                return Ok(Some(until));
            }
            throttle::record_failure(txn, &key, policy.ip_limit, policy.window, now).await?;
            Ok(None)
        })
        .await?;
    match locked {
        Some(until) => Err(ResetError::Throttled(paused_message(until, now))),
        None => Ok(()),
    }
}

/// "Too many requests…" with the time to try again.
fn paused_message(until: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = Ord::max((until - now).num_seconds() + 59, 60).div_euclid(60);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!(
        "Too many password-reset requests came from your network. For everyone's security, \
         try again in {minutes} {unit} (after {} UTC). A link already sent still works.",
        until.format("%H:%M")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_message_says_when_to_try_again() {
        let now = Utc::now();
        let text = paused_message(now + Duration::seconds(61), now);
        assert!(text.contains("try again in 2 minutes"), "{text}");
        assert!(paused_message(now, now).contains("1 minute "));
    }
}
