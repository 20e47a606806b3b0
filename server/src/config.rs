//! Configuration, read once at start-up from environment variables (and an optional `.env`).
//!
//! Every variable, its meaning and its default are listed in one place: the README's
//! "Configuration" table (a test below checks that each variable read here is in it).
//!
//! A value that cannot be used stops start-up with a message naming the variable and the problem.

use std::net::SocketAddr;

use service::DatabaseUrl;
use service::accounts::{AccountSettings, SessionPolicy};
use service::notify::NotifySettings;
use thiserror::Error;
use tracing_subscriber::EnvFilter;

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Everything the server needs to know about its environment.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub listen_addr: SocketAddr,
    pub log_format: LogFormat,
    pub log_filter: String,
    pub site_root: String,
    /// cargo-leptos's hash file naming the built assets (`LEPTOS_HASH_FILES`,
    /// `LEPTOS_HASH_FILE_NAME`, see [`crate::assets`]); `None` for plain names.
    pub hash_file: Option<std::path::PathBuf>,
    /// Session lifetimes, token lifetimes, and (in `accounts.notify`) the public URL, sender and
    /// contact of every e-mail: `TTA_PUBLIC_URL` is read here, once.
    pub accounts: AccountSettings,
    /// Whether the session cookie carries `Secure`.
    pub cookie_secure: bool,
    pub mail: crate::mail::MailConfig,
    /// The webhook worker (`TTA_WEBHOOK_*`, see [`crate::webhooks`]).
    pub webhooks: crate::webhooks::WebhookConfig,
    /// How a graceful stop (SIGTERM, Ctrl-C) proceeds.
    pub shutdown: ShutdownSettings,
    /// Calls per minute each API token may make (`TTA_API_RATE_PER_MINUTE`).
    pub api_rate: crate::api_v1::RateLimit,
    /// Pause between the calendar refresh worker's passes (`TTA_CALENDAR_POLL_SECS`); `None`
    /// (0) runs no worker in this instance.
    pub calendar_poll: Option<std::time::Duration>,
    /// Whether webhooks and providers' calendars may call private and loopback addresses
    /// (`TTA_ALLOW_PRIVATE_ADDRESSES`; see `service::outbound`). Off unless set.
    pub outbound: service::outbound::OutboundPolicy,
    /// The key that seals saved secrets (`TTA_SECRET_KEY` or its file, see
    /// [`crate::secret_key`]); loaded at start-up.
    pub secret_key: crate::secret_key::SecretKeySource,
}

/// A graceful stop: `/readyz` says 503 at once; requests keep being served for `drain_delay`
/// (so a load balancer notices and sends new work elsewhere), then no new connection is taken,
/// requests in flight get up to `grace` to finish, and the mail worker hands back its unsent
/// claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShutdownSettings {
    /// `TTA_SHUTDOWN_DELAY_MS`, default 0.
    pub drain_delay: std::time::Duration,
    /// `TTA_SHUTDOWN_TIMEOUT_SECS`, default 30.
    pub grace: std::time::Duration,
}

/// A configuration variable with an unusable value.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("configuration variable {variable} {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

const DEFAULT_LISTEN_ADDR: &str = "127.0.0.1:3000";
const DEFAULT_LOG_FILTER: &str = "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn";

impl Config {
    /// Public URL, sender and contact for the e-mails every use case queues.
    pub fn notify(&self) -> &NotifySettings {
        &self.accounts.notify
    }

    /// Reads `.env` (when present) and then the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        match dotenvy::dotenv() {
            Ok(_) => {}
            Err(e) if e.not_found() => {}
            Err(e) => {
                return Err(ConfigError {
                    variable: ".env",
                    problem: format!("could not be read: {e}"),
                });
            }
        }
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds the configuration from any source of variables (the environment, or a test map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let database_url = lookup("DATABASE_URL")
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| DatabaseUrl::DEFAULT.to_owned());
        let database_url = DatabaseUrl::parse(&database_url).map_err(|e| ConfigError {
            variable: "DATABASE_URL",
            problem: e.to_string(),
        })?;

        let (listen_variable, listen_value) = match lookup("TTA_LISTEN_ADDR") {
            Some(v) => ("TTA_LISTEN_ADDR", v),
            None => match lookup("LEPTOS_SITE_ADDR") {
                Some(v) => ("LEPTOS_SITE_ADDR", v),
                None => ("TTA_LISTEN_ADDR", DEFAULT_LISTEN_ADDR.to_owned()),
            },
        };
        let listen_addr = listen_value.trim().parse().map_err(|_| ConfigError {
            variable: listen_variable,
            problem: format!(
                "must be an IP address and port such as 127.0.0.1:3000, got '{listen_value}'"
            ),
        })?;

        let log_format = match lookup("TTA_LOG_FORMAT").as_deref().map(str::trim) {
            None | Some("") | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError {
                    variable: "TTA_LOG_FORMAT",
                    problem: format!("must be 'text' or 'json', got '{other}'"),
                });
            }
        };

        let log_filter = lookup("RUST_LOG")
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_LOG_FILTER.to_owned());
        EnvFilter::try_new(&log_filter).map_err(|e| ConfigError {
            variable: "RUST_LOG",
            problem: format!("is not a valid log filter ('{log_filter}'): {e}"),
        })?;

        let site_root = lookup("LEPTOS_SITE_ROOT")
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| "target/site".to_owned());
        let hash_file = crate::assets::hash_file(&lookup)?;

        let public_url = lookup("TTA_PUBLIC_URL")
            .map(|v| v.trim().trim_end_matches('/').to_owned())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "http://127.0.0.1:3000".to_owned());
        let https = public_url.starts_with("https://");
        if !https && !public_url.starts_with("http://") || public_url.contains(char::is_whitespace)
        {
            return Err(ConfigError {
                variable: "TTA_PUBLIC_URL",
                problem: format!(
                    "must be an http:// or https:// address such as https://tta.example.gov, \
                     got '{public_url}'"
                ),
            });
        }
        let cookie_secure = match lookup("TTA_COOKIE_SECURE").as_deref().map(str::trim) {
            None | Some("") => https,
            Some("true" | "1" | "yes") => true,
            Some("false" | "0" | "no") => false,
            Some(other) => {
                return Err(ConfigError {
                    variable: "TTA_COOKIE_SECURE",
                    problem: format!("must be 'true' or 'false', got '{other}'"),
                });
            }
        };
        let idle_minutes = positive(&lookup, "TTA_SESSION_IDLE_MINUTES", 120)?;
        let max_hours = positive(&lookup, "TTA_SESSION_MAX_HOURS", 12)?;
        let mail = crate::mail::MailConfig::from_lookup(&lookup)?;
        let webhooks = crate::webhooks::WebhookConfig::from_lookup(&lookup)?;
        let shutdown = ShutdownSettings {
            drain_delay: std::time::Duration::from_millis(
                u64::try_from(whole(&lookup, "TTA_SHUTDOWN_DELAY_MS", 0, 0..=600_000)?)
                    .unwrap_or(0),
            ),
            grace: std::time::Duration::from_secs(
                u64::try_from(whole(&lookup, "TTA_SHUTDOWN_TIMEOUT_SECS", 30, 1..=3_600)?)
                    .unwrap_or(30),
            ),
        };
        let api_rate = crate::api_v1::RateLimit {
            per_minute: u32::try_from(whole(&lookup, "TTA_API_RATE_PER_MINUTE", 120, 1..=100_000)?)
                .unwrap_or(120),
        };
        let calendar_poll = match whole(&lookup, "TTA_CALENDAR_POLL_SECS", 60, 0..=86_400)? {
            0 => None,
            secs => Some(std::time::Duration::from_secs(
                u64::try_from(secs).unwrap_or(60),
            )),
        };
        let oidc = crate::oidc_config::from_lookup(&lookup, &public_url)?;
        let secret_key = crate::secret_key::SecretKeySource::from_lookup(&lookup, &database_url)?;
        let outbound = service::outbound::OutboundPolicy {
            allow_private: match lookup("TTA_ALLOW_PRIVATE_ADDRESSES")
                .as_deref()
                .map(str::trim)
            {
                None | Some("" | "false" | "0" | "no") => false,
                Some("true" | "1" | "yes") => true,
                Some(other) => {
                    return Err(ConfigError {
                        variable: "TTA_ALLOW_PRIVATE_ADDRESSES",
                        problem: format!("must be 'true' or 'false', got '{other}'"),
                    });
                }
            },
        };
        let meeting_room_base = match lookup("TTA_MEETING_ROOM_BASE").as_deref().map(str::trim) {
            None | Some("") => service::meeting::RoomBase::default(),
            Some(text) => {
                service::meeting::RoomBase::parse(text).map_err(|problem| ConfigError {
                    variable: "TTA_MEETING_ROOM_BASE",
                    problem,
                })?
            }
        };
        let accounts = AccountSettings {
            session: SessionPolicy {
                idle: chrono::Duration::minutes(idle_minutes),
                absolute: chrono::Duration::hours(max_hours),
            },
            notify: service::notify::NotifySettings {
                meeting_room_base,
                ..mail.notify_settings(public_url)
            },
            oidc: std::sync::Arc::new(oidc),
            ..AccountSettings::default()
        };

        Ok(Self {
            database_url,
            listen_addr,
            log_format,
            log_filter,
            site_root,
            hash_file,
            accounts,
            cookie_secure,
            mail,
            webhooks,
            shutdown,
            api_rate,
            calendar_poll,
            outbound,
            secret_key,
        })
    }
}

/// A whole number within `range`, or `default` when the variable is unset.
fn whole(
    lookup: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    default: i64,
    range: std::ops::RangeInclusive<i64>,
) -> Result<i64, ConfigError> {
    match lookup(variable).as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some(text) => text
            .parse::<i64>()
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
    }
}

/// A whole number from 1 to 100 000, or `default` when the variable is unset.
fn positive(
    lookup: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    default: i64,
) -> Result<i64, ConfigError> {
    match lookup(variable).as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=100_000).contains(n))
            .ok_or_else(|| ConfigError {
                variable,
                problem: format!("must be a whole number from 1 to 100000, got '{text}'"),
            }),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Every variable the server reads (here and in the mail settings) has a row in the README.
    #[test]
    fn every_variable_read_is_in_the_readme_table() {
        let readme = include_str!("../../README.md");
        let table: Vec<&str> = readme
            .lines()
            .skip_while(|line| !line.starts_with("## Configuration"))
            .take_while(|line| !line.starts_with("## Commands"))
            .filter(|line| line.starts_with('|'))
            .collect();
        let sources = [
            include_str!("config.rs"),
            include_str!("assets.rs"),
            include_str!("mail.rs"),
            include_str!("webhooks.rs"),
            include_str!("secret_key.rs"),
        ];
        let mut read = Vec::new();
        for source in sources {
            for piece in source.split('"').skip(1).step_by(2) {
                let is_variable = (piece.starts_with("TTA_")
                    || piece == "DATABASE_URL"
                    || piece == "RUST_LOG"
                    || piece.starts_with("LEPTOS_"))
                    && piece.chars().all(|c| c.is_ascii_uppercase() || c == '_');
                if is_variable && !read.contains(&piece) {
                    read.push(piece);
                }
            }
        }
        assert!(read.len() >= 15, "variables found: {read:?}");
        let missing: Vec<&&str> = read
            .iter()
            .filter(|name| !table.iter().any(|row| row.contains(&format!("`{name}`"))))
            .collect();
        assert!(
            missing.is_empty(),
            "variables missing from the README table: {missing:?}"
        );
    }

    fn config_from(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_give_an_embedded_sqlite_database_on_port_3000() {
        let config = config_from(&[]).unwrap();
        assert_eq!(config.database_url.as_str(), DatabaseUrl::DEFAULT);
        assert_eq!(config.listen_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.log_format, LogFormat::Text);
    }

    #[test]
    fn shutdown_waits_are_read_and_checked() {
        let config = config_from(&[]).unwrap();
        assert_eq!(config.shutdown.drain_delay, std::time::Duration::ZERO);
        assert_eq!(config.shutdown.grace, std::time::Duration::from_secs(30));
        let config = config_from(&[
            ("TTA_SHUTDOWN_DELAY_MS", "1500"),
            ("TTA_SHUTDOWN_TIMEOUT_SECS", "5"),
        ])
        .unwrap();
        assert_eq!(
            config.shutdown.drain_delay,
            std::time::Duration::from_millis(1500)
        );
        assert_eq!(config.shutdown.grace, std::time::Duration::from_secs(5));
        let err = config_from(&[("TTA_SHUTDOWN_TIMEOUT_SECS", "0")]).unwrap_err();
        assert_eq!(err.variable, "TTA_SHUTDOWN_TIMEOUT_SECS");
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let err = config_from(&[("DATABASE_URL", "mysql://x")]).unwrap_err();
        assert_eq!(err.variable, "DATABASE_URL");
        let err = config_from(&[("TTA_LISTEN_ADDR", "localhost")]).unwrap_err();
        assert_eq!(err.variable, "TTA_LISTEN_ADDR");
        assert!(err.to_string().contains("'localhost'"));
        let err = config_from(&[("TTA_LOG_FORMAT", "xml")]).unwrap_err();
        assert_eq!(err.variable, "TTA_LOG_FORMAT");
        let err = config_from(&[("RUST_LOG", "info,=[")]).unwrap_err();
        assert_eq!(err.variable, "RUST_LOG");
    }

    #[test]
    fn session_and_cookie_settings_have_safe_defaults() {
        let config = config_from(&[]).unwrap();
        assert!(!config.cookie_secure);
        assert_eq!(config.accounts.session.idle, chrono::Duration::minutes(120));
        assert_eq!(
            config.accounts.session.absolute,
            chrono::Duration::hours(12)
        );
        let config = config_from(&[("TTA_PUBLIC_URL", "https://tta.example.gov/")]).unwrap();
        assert!(config.cookie_secure);
        assert_eq!(config.accounts.public_url(), "https://tta.example.gov");
        assert_eq!(config.notify().link("/x"), "https://tta.example.gov/x");
        let config = config_from(&[
            ("TTA_PUBLIC_URL", "https://tta.example.gov"),
            ("TTA_COOKIE_SECURE", "false"),
            ("TTA_SESSION_IDLE_MINUTES", "30"),
        ])
        .unwrap();
        assert!(!config.cookie_secure);
        assert_eq!(config.accounts.session.idle, chrono::Duration::minutes(30));
        for (variable, value) in [
            ("TTA_PUBLIC_URL", "tta.example.gov"),
            ("TTA_COOKIE_SECURE", "maybe"),
            ("TTA_SESSION_IDLE_MINUTES", "0"),
            ("TTA_SESSION_MAX_HOURS", "twelve"),
        ] {
            assert_eq!(
                config_from(&[(variable, value)]).unwrap_err().variable,
                variable
            );
        }
    }

    #[test]
    fn leptos_site_addr_is_used_when_ours_is_absent() {
        let config = config_from(&[("LEPTOS_SITE_ADDR", "0.0.0.0:8080")]).unwrap();
        assert_eq!(config.listen_addr.to_string(), "0.0.0.0:8080");
        let config = config_from(&[
            ("LEPTOS_SITE_ADDR", "0.0.0.0:8080"),
            ("TTA_LISTEN_ADDR", "127.0.0.1:9"),
        ])
        .unwrap();
        assert_eq!(config.listen_addr.to_string(), "127.0.0.1:9");
    }
}
