//! Reading a list's query string: ids, instants, statuses, each refused with its field named,
//! and every mistake of one query reported at once.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::ServiceError;
use crate::access::Actor;
use crate::zone::TimeZone;

/// The mistakes of one query, gathered field by field.
#[derive(Debug, Default)]
pub struct Mistakes(contract::FieldErrors);

impl Mistakes {
    /// The value, or `None` with its mistakes noted.
    pub fn take<T>(&mut self, result: Result<Option<T>, ServiceError>) -> Option<T> {
        match result {
            Ok(value) => value,
            Err(ServiceError::InvalidFields(fields)) => {
                for field in fields.iter() {
                    self.0.add(field.field.clone(), field.message.clone());
                }
                None
            }
            Err(other) => {
                self.0.add("query", other.to_string());
                None
            }
        }
    }

    /// `Err` with every mistake noted, if any.
    pub fn finish(self) -> Result<(), ServiceError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::InvalidFields(self.0))
        }
    }
}

/// A status filter as typed, read by the status machine's own parser.
pub fn parse_status<S, E>(
    text: Option<&str>,
    parse: impl Fn(&str) -> Result<S, E>,
) -> Result<Option<S>, ServiceError> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    parse(text).map(Some).map_err(|_| {
        ServiceError::field(
            "status",
            format!(
                "There is no status '{}'.",
                text.chars().take(40).collect::<String>()
            ),
        )
    })
}

/// An id filter as typed: a positive whole number.
pub fn parse_id(text: Option<&str>, field: &str) -> Result<Option<i32>, ServiceError> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    match text.parse::<i32>() {
        Ok(id) if id > 0 => Ok(Some(id)),
        _ => Err(ServiceError::field(
            field,
            format!("{field} is a positive whole number."),
        )),
    }
}

/// An instant as typed: RFC 3339 (`2027-03-01T14:00:00Z`), or a date (`2027-03-01`) meaning its
/// midnight in `zone`.
pub fn parse_instant(
    text: Option<&str>,
    field: &str,
    zone: TimeZone,
) -> Result<Option<DateTime<Utc>>, ServiceError> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(Some(at.with_timezone(&Utc)));
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(day) if (2000..=2100).contains(&chrono::Datelike::year(&day)) => {
            Ok(Some(zone.to_utc(day.and_time(NaiveTime::MIN))))
        }
        _ => Err(ServiceError::field(
            field,
            format!(
                "{field} is an instant such as 2027-03-01T14:00:00Z or a date such as 2027-03-01."
            ),
        )),
    }
}

pub fn actor_zone(actor: &Actor) -> Result<TimeZone, ServiceError> {
    TimeZone::parse(&actor.user().time_zone)
        .map_err(|e| ServiceError::Internal(format!("user {}: {e}", actor.id())))
}
