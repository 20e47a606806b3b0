//! Calendar dates for migrations that lay out data by date (the migrations crate carries no
//! date library, and must not change when the application's does).

/// A calendar date for laying out phases: month arithmetic clamps to the month's last day
/// (31 January + 1 month is 28 or 29 February).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CalendarDate {
    year: i32,
    month: u32,
    day: u32,
}

impl CalendarDate {
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let mut parts = text.get(..10)?.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && day >= 1 && day <= days_in(year, month)).then_some(Self {
            year,
            month,
            day,
        })
    }

    pub(crate) fn plus_months(self, months: i32) -> Self {
        let index = self.year * 12 + i32::try_from(self.month).unwrap_or(1) - 1 + months;
        let year = index.div_euclid(12);
        let month = u32::try_from(index.rem_euclid(12)).unwrap_or(0) + 1;
        Self {
            year,
            month,
            day: self.day.min(days_in(year, month)),
        }
    }

    pub(crate) fn previous_day(self) -> Self {
        if self.day > 1 {
            return Self {
                day: self.day - 1,
                ..self
            };
        }
        let earlier = Self { day: 1, ..self }.plus_months(-1);
        Self {
            day: days_in(earlier.year, earlier.month),
            ..earlier
        }
    }
}

impl std::fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::CalendarDate;

    fn date(text: &str) -> CalendarDate {
        CalendarDate::parse(text).unwrap()
    }

    #[test]
    fn months_clamp_to_the_end_of_shorter_months() {
        assert_eq!(date("2027-01-31").plus_months(1).to_string(), "2027-02-28");
        assert_eq!(date("2028-01-31").plus_months(1).to_string(), "2028-02-29");
        assert_eq!(date("2027-03-15").plus_months(36).to_string(), "2030-03-15");
        assert_eq!(date("2027-11-30").plus_months(3).to_string(), "2028-02-29");
        assert_eq!(date("2027-03-01").previous_day().to_string(), "2027-02-28");
        assert_eq!(date("2027-01-01").previous_day().to_string(), "2026-12-31");
        assert_eq!(CalendarDate::parse("2027-02-30"), None);
    }
}
