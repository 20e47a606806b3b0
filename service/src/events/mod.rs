//! Group events (issue 17): trainings, webinars, workshops and summits that a site's staff
//! register for without an account.
//!
//! - A coordinator creates an event ([`create_event`]): kind, title, host site, audience (the
//!   host only, several sites, or all sites), provider, time on the host's clock, capacity and a
//!   registration deadline. It gets an unguessable shareable link and a short check-in code.
//!   Its coordinator raises capacity ([`change_capacity`], promoting as many waitlisted people)
//!   or cancels it ([`cancel_event`], every live registrant told).
//! - Anyone with the link registers ([`register`]): seated while seats last, else waitlisted in
//!   arrival order; a confirmation e-mail with an invite in the participant's own zone and a
//!   personal link (stored as its hash). The same e-mail again returns the existing
//!   registration; after the deadline or for a cancelled event the reason is given.
//! - The personal link cancels once ([`cancel_registration`]); a freed seat goes to the next
//!   waitlisted person at once, e-mailed ([`seats::fill_seats`]). At the event the participant
//!   checks in with the code ([`check_in`]); the coordinator or provider corrects attendance
//!   ([`record_attendance`]).
//! - Reminders to participants are written by the mail worker's reminder job
//!   ([`reminders::enqueue_due`]).
//!
//! Concurrency: every change to an event's registrations first raises `group_event.arrivals`
//! (`UPDATE … WHERE id = ?`, [`seats::lock_event`]) inside [`Database::transaction`]. On SQLite
//! the write gate already queues writers; on PostgreSQL that `UPDATE` holds the event's row lock
//! until commit, so the seats counted after it cannot change before the write, and the arrival
//! order is the order in which writers got the lock. Nobody is skipped or seated twice.
//!
//! Who sees what ([`access`]): any staff member, the event's provider and the contacts of the
//! audience's sites read the event and its shareable link; only the event's coordinator, its
//! provider and the host site's contacts see participants' personal data.

pub mod access;
mod attendance;
mod create;
pub mod evaluation;
mod invite;
mod kinds;
mod manage;
mod messages;
mod pages;
mod participant;
mod register;
pub mod reminders;
pub mod seats;
mod sheet_pdf;

pub use attendance::{check_in, record_attendance, sign_in_sheet};
pub use create::{create_event, create_event_with_rooms, event_choices};
pub use kinds::{Audience, EventKind, RegistrationStatus};
pub use manage::{cancel_event, change_capacity};
pub use pages::{event_page, events_for, public_event};
pub(crate) use participant::by_personal_token;
pub use participant::{cancel_registration, my_registration};
pub use register::register;
pub use sheet_pdf::sign_in_sheet_pdf;
