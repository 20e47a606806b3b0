//! Webhook configuration and the worker's wiring into `tta serve`.
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `TTA_WEBHOOK_WORKER` | `on`/`off`: run the webhook worker inside `tta serve` | `on` |
//! | `TTA_WEBHOOK_POLL_MS` | pause of the worker between polls of the queue, in ms | `2000` |
//! | `TTA_WEBHOOK_TIMEOUT_SECS` | longest a delivery's HTTP call may take | `10` |
//! | `TTA_WEBHOOK_DISABLE_AFTER` | failed attempts in a row that disable an endpoint | `10` |
//! | `TTA_TEST_WEBHOOK_RETRY_MS` | tests only: every retry delay this many ms | none |

use std::time::Duration;

use service::Database;
use service::webhooks::claim::DisablePolicy;
use service::webhooks::{RetrySchedule, WebhookWorker, WebhookWorkerSettings};

use crate::config::ConfigError;

/// The webhook part of the configuration.
#[derive(Clone, Debug)]
pub struct WebhookConfig {
    pub worker_enabled: bool,
    pub poll_interval: Duration,
    pub timeout: Duration,
    pub disable_after: i32,
    /// `TTA_TEST_WEBHOOK_RETRY_MS`: the tests' short retry delay.
    pub test_retry: Option<Duration>,
}

impl WebhookConfig {
    /// Reads the variables above from `lookup`.
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let number = |variable: &'static str,
                      default: u64,
                      range: std::ops::RangeInclusive<u64>| match get(variable)
        {
            None => Ok(default),
            Some(text) => text
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| ConfigError {
                    variable,
                    problem: format!(
                        "must be a whole number from {} to {}, got '{text}'",
                        range.start(),
                        range.end()
                    ),
                }),
        };
        let worker_enabled = match get("TTA_WEBHOOK_WORKER").as_deref().map(str::trim) {
            None | Some("on" | "true" | "1") => true,
            Some("off" | "false" | "0") => false,
            Some(other) => {
                return Err(ConfigError {
                    variable: "TTA_WEBHOOK_WORKER",
                    problem: format!("must be 'on' or 'off', got '{other}'"),
                });
            }
        };
        Ok(Self {
            worker_enabled,
            poll_interval: Duration::from_millis(number(
                "TTA_WEBHOOK_POLL_MS",
                2_000,
                50..=600_000,
            )?),
            timeout: Duration::from_secs(number("TTA_WEBHOOK_TIMEOUT_SECS", 10, 1..=120)?),
            disable_after: i32::try_from(number("TTA_WEBHOOK_DISABLE_AFTER", 10, 1..=1_000)?)
                .unwrap_or(10),
            test_retry: match get("TTA_TEST_WEBHOOK_RETRY_MS") {
                None => None,
                Some(_) => Some(Duration::from_millis(number(
                    "TTA_TEST_WEBHOOK_RETRY_MS",
                    0,
                    0..=600_000,
                )?)),
            },
        })
    }

    /// The worker for `database`; `public_url` is the base of the link in the administrators'
    /// e-mail when an endpoint is disabled.
    pub fn worker(&self, database: Database, public_url: &str) -> Result<WebhookWorker, String> {
        let settings = WebhookWorkerSettings {
            poll_interval: self.poll_interval,
            timeout: self.timeout,
            retry: self
                .test_retry
                .map_or_else(RetrySchedule::default, RetrySchedule::uniform),
            disable: DisablePolicy {
                after_failures: self.disable_after,
                public_url: public_url.to_owned(),
                ..DisablePolicy::default()
            },
        };
        WebhookWorker::new(database, settings).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bad_values() {
        let none = |_: &str| None;
        let config = WebhookConfig::from_lookup(&none).unwrap();
        assert!(config.worker_enabled);
        assert_eq!(config.timeout, Duration::from_secs(10));
        assert_eq!(config.disable_after, 10);
        assert_eq!(config.test_retry, None);
        let bad = |name: &str| (name == "TTA_WEBHOOK_DISABLE_AFTER").then(|| "0".to_owned());
        assert_eq!(
            WebhookConfig::from_lookup(&bad).unwrap_err().variable,
            "TTA_WEBHOOK_DISABLE_AFTER"
        );
    }
}
