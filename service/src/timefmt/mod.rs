//! How times are written for people, in one place for every page, e-mail and `.ics`
//! description: always in the reader's zone with its abbreviation, and with the site's wall clock
//! beside it when the reader's clock reads otherwise —
//! `Tue 9 Mar 2027, 10:00–11:30 CST (site: 11:00–12:30 EST)`.
//!
//! - [`span`], [`clock_span`], [`site_clock`], [`span_with_site`]: a session's time.
//! - [`date`], [`instant`]: one day, one moment.
//! - [`duration`]: a length in words (`1 day`, `90 minutes`, `2 hours 30 minutes`).
//! - [`parse_wall_clock`]: the other way, a typed date and time on a wall clock.
//!
//! Every function is pure (chrono and chrono-tz only). Zones are given as the application's
//! [`crate::zone::TimeZone`] or a bare `chrono_tz::Tz`.

mod date;
mod duration;
mod parse;
mod span;
mod visit;

pub use date::{date, instant};
pub use duration::{duration, whole_days};
pub use parse::parse_wall_clock;
pub use span::{clock_span, site_clock, span, span_with_site};
pub use visit::{first_day_end, session_when, visit_dates, visit_span, when_in_words};
