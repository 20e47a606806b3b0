//! Calendar invites (RFC 5545 iCalendar with RFC 5546 iTIP methods) for e-mail.
//!
//! Written by hand, small and dependency-free: every session's instants are written in UTC
//! (`…Z`), so Outlook, Google Calendar and Apple Calendar place the event at the same instant
//! whatever the reader's zone. A multi-day on-site visit is the exception: one event on the
//! site's wall clock repeated daily (`TZID` + `RRULE`, with the zone's `VTIMEZONE`; see
//! `ics::visit_lines` for why). Each session has a stable `UID`
//! (`tta_session.calendar_uid`) and a `SEQUENCE` raised on every change, so an updated invite
//! replaces the earlier one and a `CANCEL` removes it.

mod ics;
mod text;
pub(crate) mod vtimezone;

pub use ics::{CalendarEvent, CalendarPerson, Method, invite};
pub use text::{escape_text, fold_line};
