//! When to try a failed message again: exponential back-off with jitter, up to a maximum.

use std::time::Duration;

/// Retry schedule of the worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Delay after the first failure (doubled after each further one).
    pub base: Duration,
    /// Longest delay between two attempts.
    pub cap: Duration,
    /// Attempts in all; after the last one fails the message is marked failed.
    pub max_attempts: i32,
}

impl Default for RetryPolicy {
    /// 30 s, 1 min, 2 min, … capped at 1 h; 8 attempts (about 2 hours in all).
    fn default() -> Self {
        Self {
            base: Duration::from_secs(30),
            cap: Duration::from_secs(3600),
            max_attempts: 8,
        }
    }
}

impl RetryPolicy {
    /// Whether a message that has failed `attempts` times should be tried again.
    pub fn should_retry(&self, attempts: i32) -> bool {
        attempts < self.max_attempts
    }

    /// Delay before the next attempt after `attempts` failures (≥ 1): `base · 2^(attempts-1)`,
    /// capped, then "equal jitter" (a random value between half and all of it) so that many
    /// messages failing together do not retry together.
    pub fn delay_after(&self, attempts: i32) -> Duration {
        let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
        let full = self
            .base
            .saturating_mul(2u32.saturating_pow(exponent))
            .min(self.cap);
        let half = full / 2;
        let jitter_ms = u64::try_from(half.as_millis()).unwrap_or(u64::MAX);
        half + Duration::from_millis(fastrand::u64(0..=jitter_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_with_jitter_and_stop_at_the_cap() {
        let policy = RetryPolicy::default();
        for (attempts, full) in [(1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (40, 3600)] {
            for _ in 0..50 {
                let delay = policy.delay_after(attempts);
                assert!(
                    delay >= Duration::from_secs(full) / 2,
                    "{attempts}: {delay:?}"
                );
                assert!(delay <= Duration::from_secs(full), "{attempts}: {delay:?}");
            }
        }
    }

    #[test]
    fn gives_up_after_the_maximum() {
        let policy = RetryPolicy::default();
        assert!(policy.should_retry(7));
        assert!(!policy.should_retry(8));
    }
}
