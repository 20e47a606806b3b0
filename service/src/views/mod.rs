//! Read models: what each page shows, built in one use case per page and returned as the
//! contract's plain types (`contract::views`). Each use case takes the acting person, checks the
//! role and then the record as every use case does, and returns times already written out in
//! the reader's zone (`crate::timefmt`), statuses typed, and what the reader may do next as
//! flags decided here from the status rules — the pages only show them.

pub mod coordinator;
pub mod home;
pub mod provider;
pub mod site;

use crate::ServiceError;
use crate::access::Actor;
use crate::zone::TimeZone;

/// The zone the acting person reads times in (stored zones are validated when accounts are
/// made, so a bad one is our fault).
pub(crate) fn reader_zone(actor: &Actor) -> Result<TimeZone, ServiceError> {
    let user = actor.user();
    TimeZone::parse(&user.time_zone)
        .map_err(|e| ServiceError::Internal(format!("user {}: {e}", user.id)))
}

/// The zone stored with a request or site (validated when stored).
pub(crate) fn stored_zone(name: &str) -> Result<TimeZone, ServiceError> {
    TimeZone::parse(name).map_err(|e| ServiceError::Internal(e.to_string()))
}

/// An instant as `<time datetime>` wants it: `2027-03-11T19:00:00Z`.
pub(crate) fn utc_text(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
