//! "My account": what every logged-in person may change about their own account, each a use
//! case taking the [`Actor`](crate::access::Actor) it changes (nobody names another person's
//! account here).
//!
//! - [`overview`]: the page's read model.
//! - [`profile`]: name and time zone.
//! - [`password_change`]: current password required; every session ends, this browser gets a
//!   new one.
//! - [`email_change`]: confirmation link to the new address, notice to the old; applied only
//!   when the link is used.
//! - [`sessions`]: the live log-in sessions (device, address, start, last request); end any.
//! - [`second_factor`]: set up or switch off two-factor authentication.
//! - [`current_password`]: re-authentication for the sensitive changes, throttled.

pub mod current_password;
pub mod device;
pub mod email_change;
pub mod overview;
pub mod password_change;
pub mod profile;
pub mod second_factor;
pub mod sessions;
