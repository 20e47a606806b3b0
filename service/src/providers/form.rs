//! Pieces shared by the provider's forms: a field's error, and readers for the text typed into
//! time and date fields.

use chrono::NaiveDate;

pub use contract::FieldError;

/// Field errors as one [`ServiceError::InvalidFields`](crate::ServiceError::InvalidFields).
pub(crate) fn field_errors(errors: Vec<FieldError>) -> crate::ServiceError {
    crate::ServiceError::InvalidFields(errors.into())
}

/// Minutes after midnight of `HH:MM` (24-hour; `24:00` only when `end_of_day` is allowed).
pub(crate) fn minute_of_day(text: &str, end_of_day: bool) -> Option<u16> {
    let (hours, minutes) = text.trim().split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    let hours: u16 = hours.parse().ok()?;
    let minutes: u16 = minutes.parse().ok()?;
    match (hours, minutes) {
        (24, 0) if end_of_day => Some(24 * 60),
        (0..=23, 0..=59) => Some(hours * 60 + minutes),
        _ => None,
    }
}

/// `HH:MM` of minutes after midnight (`24:00` for the end of the day).
pub(crate) fn hhmm(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// A date typed as `YYYY-MM-DD`.
pub(crate) fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// `Sunday 14 March 2027`.
pub(crate) fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_24_hour_with_midnight_only_at_the_end() {
        assert_eq!(minute_of_day("09:30", false), Some(570));
        assert_eq!(minute_of_day(" 7:05 ", false), Some(425));
        assert_eq!(minute_of_day("24:00", true), Some(1440));
        assert_eq!(minute_of_day("24:00", false), None);
        assert_eq!(minute_of_day("12:60", false), None);
        assert_eq!(minute_of_day("9", false), None);
        assert_eq!(minute_of_day("", false), None);
        assert_eq!(hhmm(1440), "24:00");
        assert_eq!(hhmm(425), "07:05");
    }
}
