//! Notifications: the e-mails a state change owes to the people it concerns, written to the
//! outbox inside the change's own transaction.
//!
//! Each function here takes the caller's transaction (`&impl ConnectionTrait`), the ids of what
//! changed and the [`NotifySettings`]; it loads the facts (people with their own zones, the site
//! and its zone, topics, sessions with their calendar UID and sequence), builds the messages with
//! [`crate::mail::messages`] and [`enqueue`](crate::mail::enqueue)s them. An error aborts the
//! caller's transaction, so a change is never committed without its e-mails. The builders'
//! deduplication keys name the event (request, proposal, session UID and sequence…), so calling
//! a function twice for the same event writes nothing new. A change that touches several
//! sessions of a series (approved, moved, cancelled, handed over) is one message per person,
//! listing every session, with each session's invite attached as its own `.ics` file.
//!
//! | change                               | recipients                                      |
//! |--------------------------------------|-------------------------------------------------|
//! | request submitted                    | the site's contacts, the submitter, coordinators |
//! | proposal sent                        | the provider                                    |
//! | proposal accepted                    | coordinators who chose immediate e-mails         |
//! | proposal declined                    | coordinators who chose immediate e-mails (with the reason); never the site |
//! | site asks to change a session        | coordinators who chose immediate e-mails         |
//! | (daily, when something waits)        | coordinators who chose the digest ([`crate::mail::digest`]) |
//! | proposal approved                    | provider and site contacts (`REQUEST` invite)    |
//! | confirmed session rescheduled        | provider and site contacts (`REQUEST`, raised `SEQUENCE`) |
//! | confirmed session(s) cancelled       | provider and site contacts (`CANCEL`)            |
//! | proposal withdrawn by a coordinator  | the provider (with the reason, if any)          |
//! | request returned to the site         | the site's contacts and the submitter (with the reason) |
//! | request rejected                     | the site's contacts and the submitter (with the reason) |
//! | sessions handed to another provider  | leaving provider (`CANCEL`), new provider and site contacts (`REQUEST`, same UID, raised `SEQUENCE`) |
//! | change request done or declined      | the site contact who asked (else the site's contacts) |
//!
//! A provider's reason for declining is for coordinators (and administrators, on the request's
//! page) only: no message to a site carries it, and the site's request page says only that the
//! provider could not take it and the coordinator is finding another
//! ([`crate::requests::PROVIDER_UNAVAILABLE`]).
//!
//! "Who to contact" in every message: the configured contact ([`NotifySettings::contact`]),
//! else the first active coordinator (lowest id), else the sender.

mod closing;
mod coordinators;
mod facts;
mod meeting;
mod preference;
mod proposal;
mod reassign;
mod request;
mod schedule;
mod settings;
mod team;

pub use closing::{Closing, proposal_withdrawn, request_closed};
pub use coordinators::{change_asked, proposal_accepted};
pub(crate) use facts::{contact, person};
pub use meeting::meeting_link_changed;
pub(crate) use preference::daily_readers as preference_daily_readers;
pub use preference::{delivery_of, set_notice_delivery};
pub use proposal::{proposal_declined, proposal_sent};
pub use reassign::{change_request_answered, sessions_reassigned};
pub use request::request_received;
pub use schedule::{
    PreviousTimes, schedule_confirmed, session_rescheduled, sessions_cancelled,
    sessions_rescheduled, team_schedule_confirmed,
};
pub use settings::NotifySettings;
pub(crate) use team::co_providers;
