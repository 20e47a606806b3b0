//! Times as a person reads them: in their own zone with its abbreviation, and the site's local
//! time beside it when that reads differently.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// `Tue 16 Mar 2027, 08:00–09:30 MST` in `zone`.
pub fn span_in(zone: Tz, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> String {
    let start = starts_at.with_timezone(&zone);
    let end = ends_at.with_timezone(&zone);
    let start_abbr = start.format("%Z").to_string();
    let end_abbr = end.format("%Z").to_string();
    let end_part = if start.date_naive() != end.date_naive() {
        end.format("%a %-d %b %Y, %H:%M").to_string()
    } else {
        end.format("%H:%M").to_string()
    };
    if start_abbr == end_abbr {
        format!(
            "{}–{end_part} {start_abbr}",
            start.format("%a %-d %b %Y, %H:%M")
        )
    } else {
        format!(
            "{} {start_abbr}–{end_part} {end_abbr}",
            start.format("%a %-d %b %Y, %H:%M")
        )
    }
}

/// The span in the recipient's zone, followed by the site's local time when it reads
/// differently: `Tue 16 Mar 2027, 08:00–09:30 MST (site time: 10:00–11:30 CDT)`.
pub fn span_for(
    recipient_zone: Tz,
    site_zone: Tz,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> String {
    let mine = span_in(recipient_zone, starts_at, ends_at);
    let site = span_in(site_zone, starts_at, ends_at);
    if mine == site {
        return mine;
    }
    let same_day = starts_at.with_timezone(&recipient_zone).date_naive()
        == starts_at.with_timezone(&site_zone).date_naive();
    let site_short = if same_day {
        // Drop the date the reader already has: "10:00–11:30 CDT".
        site.split_once(", ")
            .map_or(site.clone(), |(_, time)| time.to_owned())
    } else {
        site
    };
    format!("{mine} (site time: {site_short})")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    const CHICAGO: Tz = chrono_tz::America::Chicago;
    const PHOENIX: Tz = chrono_tz::America::Phoenix;

    #[test]
    fn series_anchored_in_chicago_moves_for_phoenix_across_spring_forward() {
        // 10:00 Central on 9 March (CST) and 16 March 2027 (CDT; DST began 14 March).
        let before = Utc.with_ymd_and_hms(2027, 3, 9, 16, 0, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2027, 3, 16, 15, 0, 0).unwrap();
        let minutes = chrono::Duration::minutes(90);
        assert_eq!(
            span_for(PHOENIX, CHICAGO, before, before + minutes),
            "Tue 9 Mar 2027, 09:00–10:30 MST (site time: 10:00–11:30 CST)"
        );
        assert_eq!(
            span_for(PHOENIX, CHICAGO, after, after + minutes),
            "Tue 16 Mar 2027, 08:00–09:30 MST (site time: 10:00–11:30 CDT)"
        );
        assert_eq!(
            span_for(CHICAGO, CHICAGO, after, after + minutes),
            "Tue 16 Mar 2027, 10:00–11:30 CDT"
        );
    }

    #[test]
    fn site_date_is_shown_when_it_differs() {
        let honolulu = chrono_tz::Pacific::Honolulu;
        let newyork = chrono_tz::America::New_York;
        // 08:00 in New York on 2 Feb is 03:00 in Honolulu the same day; 01:00 NY is 20:00 HST
        // the day before.
        let late = Utc.with_ymd_and_hms(2027, 2, 2, 6, 0, 0).unwrap();
        let text = span_for(honolulu, newyork, late, late + chrono::Duration::hours(1));
        assert_eq!(
            text,
            "Mon 1 Feb 2027, 20:00–21:00 HST (site time: Tue 2 Feb 2027, 01:00–02:00 EST)"
        );
    }

    #[test]
    fn a_span_across_the_fall_back_shows_both_abbreviations() {
        // 2027-11-07 01:30 CDT → 01:30 CST (one hour repeated).
        let start = Utc.with_ymd_and_hms(2027, 11, 7, 6, 30, 0).unwrap();
        let end = start + chrono::Duration::hours(1);
        assert_eq!(
            span_in(CHICAGO, start, end),
            "Sun 7 Nov 2027, 01:30 CDT–01:30 CST"
        );
    }
}
