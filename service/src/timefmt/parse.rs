//! The other direction: a date and a time as a person typed them into a form.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::ServiceError;

/// `date` (`YYYY-MM-DD`) at `time` (`HH:MM`, 24-hour) as typed: a wall-clock reading, not yet
/// an instant (the caller knows whose clock it is). Each field's own sentence when unreadable.
pub fn parse_wall_clock(date: &str, time: &str) -> Result<NaiveDateTime, ServiceError> {
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
        ServiceError::field("date", "Enter the new date, for example 15 March 2027.")
    })?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M").map_err(|_| {
        ServiceError::field("time", "Enter the new start time, for example 2:30 PM.")
    })?;
    Ok(date.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_typed_date_and_time() {
        let at = parse_wall_clock(" 2027-03-14 ", "02:30").unwrap();
        assert_eq!(at.to_string(), "2027-03-14 02:30:00");
    }

    #[test]
    fn names_the_field_that_could_not_be_read() {
        let date = parse_wall_clock("14/03/2027", "10:00").unwrap_err();
        assert!(
            date.to_string().contains("Enter the new date, for example"),
            "{date}"
        );
        assert!(!date.to_string().contains("YYYY"), "{date}");
        let time = parse_wall_clock("2027-03-14", "10am").unwrap_err();
        assert!(
            time.to_string().contains("Enter the new start time"),
            "{time}"
        );
    }
}
