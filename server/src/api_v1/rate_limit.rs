//! Calls per token: a token bucket per token, in this instance's memory. A token may make
//! `per_minute` calls at once and regains one every `60 / per_minute` seconds; a call over the
//! limit is answered 429 with `Retry-After` (whole seconds until one call is regained). Several
//! instances each keep their own buckets.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// `TTA_API_RATE_PER_MINUTE`: calls per minute per token (default 120).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub per_minute: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self { per_minute: 120 }
    }
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Every token's bucket.
#[derive(Clone, Debug)]
pub struct Buckets {
    limit: RateLimit,
    buckets: Arc<Mutex<HashMap<i32, Bucket>>>,
}

impl Buckets {
    pub fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            buckets: Arc::default(),
        }
    }

    /// Takes one call from `token_id`'s bucket: `Ok`, or `Err(seconds)` to wait.
    pub fn take(&self, token_id: i32) -> Result<(), u64> {
        self.take_at(token_id, Instant::now())
    }

    fn take_at(&self, token_id: i32, now: Instant) -> Result<(), u64> {
        let capacity = f64::from(self.limit.per_minute.max(1));
        let per_second = capacity / 60.0;
        // A poisoned lock only means another call panicked mid-update; the counts stay usable.
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() > 100_000 {
            buckets.retain(|_, b| now.duration_since(b.at).as_secs() < 120);
        }
        let bucket = buckets.entry(token_id).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        let regained = now.duration_since(bucket.at).as_secs_f64() * per_second;
        bucket.tokens = (bucket.tokens + regained).min(capacity);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) / per_second;
            Err(wait.ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_full_bucket_then_one_call_per_interval() {
        let buckets = Buckets::new(RateLimit { per_minute: 2 });
        let start = Instant::now();
        assert!(buckets.take_at(1, start).is_ok());
        assert!(buckets.take_at(1, start).is_ok());
        assert_eq!(buckets.take_at(1, start), Err(30));
        // Another token has its own bucket.
        assert!(buckets.take_at(2, start).is_ok());
        assert!(buckets.take_at(1, start + Duration::from_secs(30)).is_ok());
        assert!(buckets.take_at(1, start + Duration::from_secs(31)).is_err());
    }
}
