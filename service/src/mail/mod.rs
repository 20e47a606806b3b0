//! Transactional e-mail: the outbox, the messages, and the worker that sends them.
//!
//! Every state change that someone must hear about calls [`enqueue`] with the caller's own
//! transaction, so the change and its messages commit together or not at all. Each message has a
//! deduplication key (event × recipient, unique in the table): enqueueing the same event for the
//! same person twice writes one row. The [`worker`] claims due rows atomically, one at a time (a
//! lease renewed while sending, so several workers on one PostgreSQL never send a row twice and
//! a crashed worker's row is claimed again once its lease has run out), sends them over SMTP
//! with lettre (or writes `.eml` files when no SMTP server is configured), records every attempt, and retries with exponential back-off and jitter
//! until a maximum, then marks the message failed for admins to see. A failure of the relay as a
//! whole (refused connection, TLS, the log-in) counts against no message: every worker waits on
//! one shared back-off and the administrators see the outage ([`relay`]).
//!
//! [`messages`] builds the text, HTML and calendar parts from plain facts (no database access);
//! [`reminders`] enqueues the reminders and feedback requests that fall due with time, and
//! [`digest`] the coordinators' daily digest.

mod claim;
pub mod clock;
mod compose;
pub mod digest;
pub(crate) mod header_text;
mod heartbeat;
pub mod messages;
mod outbox;
mod outgoing;
mod park;
pub mod relay;
pub mod reminders;
mod retry;
mod smtp_pool;
mod transport;
pub mod worker;

pub use claim::{Claim, claim_due};
pub use compose::{ComposeError, compose};
pub use lettre::message::Mailbox;
pub use outbox::{
    OutboxPage, OutboxPosition, OutboxStatus, attachments, enqueue, list_recent, outbox_messages,
    resend,
};
pub use outgoing::{CalendarPart, DedupKey, OutgoingMessage, Recipient};
pub use relay::{RelayBackoff, RelayState, RelayStatus, relay_state, relay_status};
pub use reminders::ReminderSettings;
pub use retry::RetryPolicy;
pub use transport::{MailTransport, SendError, SmtpSettings, SmtpUrlError, TlsMode};
pub use worker::{DrainReport, PassReport, Worker, WorkerSettings};
