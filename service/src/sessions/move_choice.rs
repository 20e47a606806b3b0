//! What a move form asks for: one of the free times it offered (a radio button whose value is
//! the start on the site's wall clock, `YYYY-MM-DDTHH:MM`), or "another time" typed into the
//! date and time fields.

use crate::ServiceError;

/// The value of the "another time" choice.
pub const ANOTHER_TIME: &str = "other";

/// The date (`YYYY-MM-DD`) and time (`HH:MM`) asked for: those of `choice` when a free time was
/// chosen, else the typed `date` and `time` (for [`ANOTHER_TIME`] or no choice at all). A choice
/// that cannot be read is refused with a sentence saying what to do.
pub fn chosen_date_time(
    choice: &str,
    date: &str,
    time: &str,
) -> Result<(String, String), ServiceError> {
    match choice.trim() {
        "" | ANOTHER_TIME => Ok((date.to_owned(), time.to_owned())),
        chosen => chosen
            .split_once('T')
            .filter(|(d, t)| d.len() == 10 && t.len() == 5)
            .map(|(d, t)| (d.to_owned(), t.to_owned()))
            .ok_or_else(|| {
                ServiceError::Invalid(
                    "The free time chosen could not be read; reload the page and choose again."
                        .to_owned(),
                )
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_time_wins_over_the_typed_fields() {
        let (date, time) = chosen_date_time("2027-03-09T10:00", "2027-01-01", "09:00").unwrap();
        assert_eq!((date.as_str(), time.as_str()), ("2027-03-09", "10:00"));
    }

    #[test]
    fn another_time_or_none_reads_the_typed_fields() {
        for choice in ["", "other", " other "] {
            let (date, time) = chosen_date_time(choice, "2027-01-01", "09:00").unwrap();
            assert_eq!((date.as_str(), time.as_str()), ("2027-01-01", "09:00"));
        }
    }

    #[test]
    fn an_unreadable_choice_is_refused() {
        for bad in ["tomorrow", "2027-03-09 10:00", "2027-03-09T10"] {
            assert!(
                matches!(chosen_date_time(bad, "", ""), Err(ServiceError::Invalid(_))),
                "{bad}"
            );
        }
    }
}
