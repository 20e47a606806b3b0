//! Mail configuration and the worker's wiring into `tta serve` and `tta send-mail`.
//!
//! | variable            | meaning                                                   | default |
//! |---------------------|-----------------------------------------------------------|---------|
//! | `TTA_SMTP_URL`      | `smtp://host:port`, `smtps://host:port`, `smtp://host:port?tls=starttls` | none: `.eml` files |
//! | `TTA_SMTP_USERNAME` | SMTP user (with the password)                            | none |
//! | `TTA_SMTP_PASSWORD` | SMTP password; never logged                               | none |
//! | `TTA_SMTP_CA_FILE`  | PEM file of extra trusted root certificates (a private CA) for the SMTP server's certificate | none: public roots only |
//! | `TTA_MAIL_FROM`     | sender, `Name <address>`                                  | `TTA Scheduler <tta-scheduler@localhost>` |
//! | `TTA_MAIL_WORKER`   | `on`/`off`: run the sending worker inside `tta serve`     | `on` |
//! | `TTA_REMINDER_HOURS`| hours before a session's start that its reminder goes out | `24` |
//! | `TTA_OUTBOX_DIR`    | folder of `.eml` files when no SMTP server is configured  | `data/outbox` |
//! | `TTA_MAIL_CONTACT`  | "who to contact" in messages, `Name <address>`            | first active coordinator, else the sender |
//! | `TTA_MAIL_POLL_MS`  | pause of the worker between polls of the outbox, in ms   | `5000` |
//! | `TTA_MAIL_LEASE_SECS` | how long a worker's claim on a message holds (renewed every third of it while sending); a stopped worker's message is sent by another after it | `300` |
//! | `TTA_MAIL_SENDERS`  | messages the worker sends at the same time, each claimed on its own; a worker killed mid-send may leave this many delivered but unrecorded (sent again after the lease) | `1` |
//! | `TTA_TEST_MAIL_PARK_FILE` | tests only: while this file exists the worker holds its claimed message before sending it (`service::mail` `park`) | none |
//!
//! `TTA_PUBLIC_URL` (links in messages) is read once, in [`crate::config`].

use std::path::PathBuf;
use std::time::Duration;

use service::Database;
use service::mail::{
    MailTransport, Mailbox, ReminderSettings, SmtpSettings, Worker, WorkerSettings,
    messages::Contact,
};

use service::notify::NotifySettings;

use crate::config::ConfigError;

/// The mail part of the configuration.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `None`: write `.eml` files to `outbox_dir`.
    pub smtp: Option<SmtpSettings>,
    pub from: Mailbox,
    pub worker_enabled: bool,
    pub reminder_hours: u32,
    pub outbox_dir: PathBuf,
    /// `TTA_MAIL_CONTACT`; `None`: the first active coordinator, else the sender.
    pub contact: Option<Contact>,
    /// `TTA_MAIL_POLL_MS`: the worker's pause between polls when nothing is due.
    pub poll_interval: Duration,
    /// `TTA_MAIL_LEASE_SECS`: how long a claim holds its message.
    pub lease: Duration,
    /// `TTA_MAIL_SENDERS`: messages sent at the same time.
    pub senders: usize,
    /// `TTA_TEST_MAIL_PARK_FILE`: the fault tests' hook; `None` in real use.
    pub park_file: Option<PathBuf>,
}

const DEFAULT_FROM: &str = "TTA Scheduler <tta-scheduler@localhost>";

impl MailConfig {
    /// Reads the variables above from `lookup`.
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let smtp = match get("TTA_SMTP_URL") {
            None => None,
            Some(url) => Some(
                SmtpSettings::parse(&url, get("TTA_SMTP_USERNAME"), get("TTA_SMTP_PASSWORD"))
                    .map_err(|e| ConfigError {
                        variable: "TTA_SMTP_URL",
                        problem: e.to_string(),
                    })?,
            ),
        };
        let smtp = match (smtp, get("TTA_SMTP_CA_FILE")) {
            (Some(settings), Some(path)) => Some(
                settings
                    .with_ca_file(std::path::Path::new(path.trim()))
                    .map_err(|e| ConfigError {
                        variable: "TTA_SMTP_CA_FILE",
                        problem: e.to_string(),
                    })?,
            ),
            (None, Some(_)) => {
                return Err(ConfigError {
                    variable: "TTA_SMTP_CA_FILE",
                    problem: "is set but TTA_SMTP_URL is not: no SMTP server to trust it for"
                        .to_owned(),
                });
            }
            (smtp, None) => smtp,
        };
        let from_text = get("TTA_MAIL_FROM").unwrap_or_else(|| DEFAULT_FROM.to_owned());
        let from = from_text.trim().parse().map_err(|_| ConfigError {
            variable: "TTA_MAIL_FROM",
            problem: format!(
                "must be an address such as 'TTA Scheduler <tta@example.org>', got '{from_text}'"
            ),
        })?;
        let worker_enabled = match get("TTA_MAIL_WORKER").as_deref().map(str::trim) {
            None | Some("on") | Some("true") | Some("1") => true,
            Some("off") | Some("false") | Some("0") => false,
            Some(other) => {
                return Err(ConfigError {
                    variable: "TTA_MAIL_WORKER",
                    problem: format!("must be 'on' or 'off', got '{other}'"),
                });
            }
        };
        let reminder_hours = match get("TTA_REMINDER_HOURS") {
            None => 24,
            Some(text) => text
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|h| *h <= 24 * 14)
                .ok_or_else(|| ConfigError {
                    variable: "TTA_REMINDER_HOURS",
                    problem: format!("must be a whole number of hours from 0 to 336, got '{text}'"),
                })?,
        };
        let outbox_dir =
            PathBuf::from(get("TTA_OUTBOX_DIR").unwrap_or_else(|| "data/outbox".to_owned()));
        let contact = match get("TTA_MAIL_CONTACT") {
            None => None,
            Some(text) => {
                let mailbox: Mailbox = text.trim().parse().map_err(|_| ConfigError {
                    variable: "TTA_MAIL_CONTACT",
                    problem: format!(
                        "must be an address such as 'PSP TTA Team <tta@example.org>', got '{text}'"
                    ),
                })?;
                Some(contact_of(&mailbox, "TTA coordinators"))
            }
        };
        let poll_interval = match get("TTA_MAIL_POLL_MS") {
            None => WorkerSettings::default().poll_interval,
            Some(text) => text
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|ms| (50..=600_000).contains(ms))
                .map(Duration::from_millis)
                .ok_or_else(|| ConfigError {
                    variable: "TTA_MAIL_POLL_MS",
                    problem: format!(
                        "must be a whole number of milliseconds from 50 to 600000, got '{text}'"
                    ),
                })?,
        };
        let lease = match get("TTA_MAIL_LEASE_SECS") {
            None => WorkerSettings::default().lease,
            Some(text) => text
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|secs| (1..=86_400).contains(secs))
                .map(Duration::from_secs)
                .ok_or_else(|| ConfigError {
                    variable: "TTA_MAIL_LEASE_SECS",
                    problem: format!(
                        "must be a whole number of seconds from 1 to 86400, got '{text}'"
                    ),
                })?,
        };
        let senders = match get("TTA_MAIL_SENDERS") {
            None => WorkerSettings::default().concurrency,
            Some(text) => text
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=64).contains(n))
                .ok_or_else(|| ConfigError {
                    variable: "TTA_MAIL_SENDERS",
                    problem: format!("must be a whole number from 1 to 64, got '{text}'"),
                })?,
        };
        Ok(Self {
            smtp,
            from,
            worker_enabled,
            reminder_hours,
            outbox_dir,
            contact,
            poll_interval,
            lease,
            senders,
            park_file: get("TTA_TEST_MAIL_PARK_FILE").map(PathBuf::from),
        })
    }

    /// What every notification needs, with the (already parsed) public URL.
    pub fn notify_settings(&self, public_url: String) -> NotifySettings {
        NotifySettings {
            public_url,
            sender: contact_of(&self.from, "TTA Scheduler"),
            contact: self.contact.clone(),
            ..NotifySettings::default()
        }
    }

    /// The configured transport: SMTP, or the `.eml` folder.
    pub fn transport(&self) -> Result<MailTransport, String> {
        match &self.smtp {
            Some(settings) => {
                MailTransport::smtp(settings).map_err(|e| format!("TTA_SMTP_URL {e}"))
            }
            None => Ok(MailTransport::folder(self.outbox_dir.clone())),
        }
    }

    /// The worker for `database`, with reminders `reminder_hours` ahead (links and contact from
    /// `notify`).
    pub fn worker(&self, database: Database, notify: &NotifySettings) -> Result<Worker, String> {
        let transport = self.transport()?;
        if let MailTransport::Folder(folder) = &transport {
            tracing::info!(
                "no SMTP server configured (TTA_SMTP_URL): e-mail is written as .eml files under {}",
                folder.display()
            );
        }
        let contact = notify
            .contact
            .clone()
            .unwrap_or_else(|| notify.sender.clone());
        let settings = WorkerSettings {
            reminders: Some(ReminderSettings {
                lead: Duration::from_secs(u64::from(self.reminder_hours) * 3600),
                feedback_window: Duration::from_secs(7 * 24 * 3600),
                contact,
                organizer: notify.sender.clone(),
                app_url: notify.public_url.clone(),
            }),
            poll_interval: self.poll_interval,
            lease: self.lease,
            concurrency: self.senders,
            park_file: self.park_file.clone(),
            ..WorkerSettings::default()
        };
        Ok(Worker::new(
            database,
            transport,
            self.from.clone(),
            settings,
        ))
    }
}

fn contact_of(mailbox: &Mailbox, default_name: &str) -> Contact {
    Contact {
        name: mailbox
            .name
            .clone()
            .unwrap_or_else(|| default_name.to_owned()),
        email: mailbox.email.to_string(),
    }
}

/// `tta send-mail [--once]`: drains the outbox (once) or keeps sending until Ctrl-C.
pub async fn send_mail(config: &crate::config::Config, once: bool) -> Result<(), String> {
    let database = crate::startup::open_database(config)
        .await
        .map_err(|e| e.to_string())?;
    let worker = config.mail.worker(database, config.notify())?;
    if once {
        let report = worker
            .drain()
            .await
            .map_err(|e| format!("sending the outbox failed: {e}"))?;
        println!(
            "Outbox drained to {}: {} sent, {} failed attempts (retried later), {} reminders or feedback requests queued.",
            worker.transport().describe(),
            report.sent,
            report.failed,
            report.scheduled
        );
        if report.relay_waiting {
            let relay = service::mail::relay_state(worker.database())
                .await
                .map_err(|e| format!("reading the mail relay's state failed: {e}"))?;
            if let Some(reason) = relay.reason.filter(|_| relay.failing_since.is_some()) {
                println!(
                    "The mail relay is failing: {reason}. The messages wait with their attempts kept; they go out once it accepts mail again."
                );
            }
        }
        Ok(())
    } else {
        worker.run(crate::startup::shutdown_signal()).await;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn mail_config(pairs: &[(&str, &str)]) -> Result<MailConfig, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        MailConfig::from_lookup(&|name: &str| map.get(name).cloned())
    }

    #[test]
    fn defaults_write_eml_files_and_run_the_worker() {
        let config = mail_config(&[]).unwrap();
        assert!(config.smtp.is_none());
        assert!(config.worker_enabled);
        assert_eq!(config.reminder_hours, 24);
        assert_eq!(config.outbox_dir, PathBuf::from("data/outbox"));
        assert_eq!(config.poll_interval, Duration::from_secs(5));
        let quick = mail_config(&[("TTA_MAIL_POLL_MS", "250")]).unwrap();
        assert_eq!(quick.poll_interval, Duration::from_millis(250));
        assert_eq!(config.lease, Duration::from_secs(300));
        let short = mail_config(&[("TTA_MAIL_LEASE_SECS", "2")]).unwrap();
        assert_eq!(short.lease, Duration::from_secs(2));
        assert_eq!(config.senders, 1);
        let four = mail_config(&[("TTA_MAIL_SENDERS", "4")]).unwrap();
        assert_eq!(four.senders, 4);
        let notify = config.notify_settings("https://tta.example.gov".to_owned());
        assert_eq!(notify.sender.email, "tta-scheduler@localhost");
        assert_eq!(notify.contact, None);
        let config =
            mail_config(&[("TTA_MAIL_CONTACT", "PSP TTA Team <tta@psp.example.gov>")]).unwrap();
        assert_eq!(
            config.contact.unwrap().email,
            "tta@psp.example.gov".to_owned()
        );
    }

    #[test]
    fn bad_values_name_their_variable_and_hide_the_password() {
        for (variable, value) in [
            ("TTA_SMTP_URL", "http://x"),
            ("TTA_MAIL_FROM", "not an address"),
            ("TTA_MAIL_WORKER", "sometimes"),
            ("TTA_REMINDER_HOURS", "-3"),
            ("TTA_MAIL_CONTACT", "nobody"),
            ("TTA_MAIL_POLL_MS", "0"),
            ("TTA_MAIL_POLL_MS", "soon"),
            ("TTA_MAIL_LEASE_SECS", "0"),
            ("TTA_MAIL_SENDERS", "0"),
            ("TTA_SMTP_CA_FILE", "/nonexistent/ca.pem"),
        ] {
            let err = mail_config(&[(variable, value)]).unwrap_err();
            assert_eq!(err.variable, variable);
        }
        let config = mail_config(&[
            ("TTA_SMTP_URL", "smtp://mail.example.org:587?tls=starttls"),
            ("TTA_SMTP_USERNAME", "tta"),
            ("TTA_SMTP_PASSWORD", "hunter2"),
        ])
        .unwrap();
        assert!(!format!("{config:?}").contains("hunter2"));
    }
}
