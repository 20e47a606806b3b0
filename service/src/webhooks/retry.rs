//! When to try a failed delivery again: a fixed back-off schedule (5 s, 30 s, 2 min, 10 min,
//! 1 h, 6 h, 12 h), then the delivery is marked failed.

use std::time::Duration;

/// The delays between attempts; one more attempt than delays in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetrySchedule {
    pub delays: Vec<Duration>,
}

impl Default for RetrySchedule {
    fn default() -> Self {
        Self {
            delays: [5, 30, 120, 600, 3_600, 6 * 3_600, 12 * 3_600]
                .into_iter()
                .map(Duration::from_secs)
                .collect(),
        }
    }
}

impl RetrySchedule {
    /// The same schedule's length with every delay `delay` (tests: `TTA_TEST_WEBHOOK_RETRY_MS`).
    pub fn uniform(delay: Duration) -> Self {
        let attempts = Self::default().delays.len();
        Self {
            delays: vec![delay; attempts],
        }
    }

    /// Attempts in all.
    pub fn max_attempts(&self) -> i32 {
        i32::try_from(self.delays.len() + 1).unwrap_or(i32::MAX)
    }

    /// The delay after failed attempt number `attempt` (from 1), or `None` when it was the last.
    pub fn delay_after(&self, attempt: i32) -> Option<Duration> {
        let index = usize::try_from(attempt.max(1) - 1).ok()?;
        self.delays.get(index).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_grows_then_stops() {
        let schedule = RetrySchedule::default();
        assert_eq!(schedule.delay_after(1), Some(Duration::from_secs(5)));
        assert_eq!(schedule.delay_after(2), Some(Duration::from_secs(30)));
        assert_eq!(
            schedule.delay_after(7),
            Some(Duration::from_secs(12 * 3_600))
        );
        assert_eq!(schedule.delay_after(8), None);
        assert_eq!(schedule.max_attempts(), 8);
    }
}
