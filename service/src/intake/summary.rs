//! A request described in one sentence, as the site contact confirms it before submitting:
//! "6 biweekly 90-minute virtual sessions between 12 Jan and 30 Apr 2027, Tue–Thu 09:00–12:00
//! Central".

use chrono::{Datelike, Weekday};

use super::draft::{RequestDraft, RequestForm};
use super::vocabulary::Cadence;

/// The everyday name of a US zone ("Central"), or the IANA name for any other zone.
pub fn zone_common_name(iana: &str) -> &str {
    match iana {
        "America/New_York"
        | "America/Detroit"
        | "America/Indiana/Indianapolis"
        | "America/Kentucky/Louisville" => "Eastern",
        "America/Chicago" => "Central",
        "America/Denver" | "America/Boise" => "Mountain",
        "America/Phoenix" => "Mountain (Arizona, no DST)",
        "America/Los_Angeles" => "Pacific",
        "America/Anchorage" => "Alaska",
        "Pacific/Honolulu" => "Hawaii",
        other => other,
    }
}

/// One sentence saying what will be asked, in the site's zone.
pub fn describe(draft: &RequestDraft, site_zone: &str) -> String {
    let sessions = match (draft.cadence, draft.session_count) {
        (Cadence::Once, _) | (_, 1) => format!(
            "1 {}-minute {} session",
            draft.session_minutes,
            draft.modality.label()
        ),
        (cadence, n) => format!(
            "{n} {} {}-minute {} sessions",
            cadence.label(),
            draft.session_minutes,
            draft.modality.label()
        ),
    };
    let same_year = draft.earliest_date.year() == draft.latest_date.year();
    let from = if same_year {
        draft.earliest_date.format("%-d %b").to_string()
    } else {
        draft.earliest_date.format("%-d %b %Y").to_string()
    };
    let until = draft.latest_date.format("%-d %b %Y");
    format!(
        "{sessions} between {from} and {until}, {} {}–{} {}",
        weekday_span(&draft.preferred_weekdays),
        draft.preferred_start.format("%H:%M"),
        draft.preferred_end.format("%H:%M"),
        zone_common_name(site_zone),
    )
}

/// `Tue–Thu` for consecutive days, `Mon, Wed, Fri` otherwise; `Mon–Fri` for a working week.
fn weekday_span(days: &[Weekday]) -> String {
    let short = |d: &Weekday| d.to_string();
    let consecutive = days
        .windows(2)
        .all(|pair| pair[1].num_days_from_monday() == pair[0].num_days_from_monday() + 1);
    match days {
        [] => String::new(),
        [only] => short(only),
        [first, .., last] if consecutive && days.len() > 2 => {
            format!("{}–{}", short(first), short(last))
        }
        _ => days.iter().map(short).collect::<Vec<_>>().join(", "),
    }
}

/// The stored request described as at intake (from its stored fields).
pub fn describe_stored(r: &crate::entities::tta_request::Model) -> Option<String> {
    let weekdays = r
        .preferred_weekdays
        .split(',')
        .filter_map(|d| d.trim().parse::<u8>().ok())
        .filter_map(|n| Weekday::try_from(n).ok())
        .map(|d| d.to_string().to_lowercase())
        .collect();
    let hhmm = |m: i32| format!("{:02}:{:02}", m / 60, m % 60);
    let form = RequestForm {
        title: r.title.clone(),
        topic_ids: vec!["1".to_owned()],
        engagement_type: r.engagement_type.clone(),
        modality: r.modality.clone(),
        session_count: r.session_count.to_string(),
        cadence: r.cadence.clone(),
        session_minutes: r.session_minutes.to_string(),
        earliest_date: r.earliest_date.to_string(),
        latest_date: r.latest_date.to_string(),
        preferred_weekdays: weekdays,
        preferred_start: hhmm(r.preferred_start_minute),
        preferred_end: hhmm(r.preferred_end_minute),
        minimum_level: r.minimum_level.to_string(),
        ..Default::default()
    };
    // Parsed against its own first day, so a request whose dates have passed still reads.
    RequestDraft::parse(&form, r.earliest_date)
        .ok()
        .map(|draft| describe(&draft, &r.anchor_zone))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::RequestForm;
    use chrono::NaiveDate;

    fn draft(form: RequestForm) -> RequestDraft {
        RequestDraft::parse(&form, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap()
    }

    fn memphis() -> RequestForm {
        RequestForm {
            title: "Gun violence coaching".into(),
            topic_ids: vec!["4".into()],
            engagement_type: "operations".into(),
            modality: "virtual".into(),
            session_count: "6".into(),
            cadence: "biweekly".into(),
            session_minutes: "90".into(),
            earliest_date: "2027-01-12".into(),
            latest_date: "2027-04-30".into(),
            preferred_weekdays: vec!["tue".into(), "wed".into(), "thu".into()],
            preferred_start: "09:00".into(),
            preferred_end: "12:00".into(),
            ..RequestForm::default()
        }
    }

    #[test]
    fn the_memphis_request_reads_as_the_issue_says() {
        assert_eq!(
            describe(&draft(memphis()), "America/Chicago"),
            "6 biweekly 90-minute virtual sessions between 12 Jan and 30 Apr 2027, Tue–Thu 09:00–12:00 Central"
        );
    }

    #[test]
    fn single_sessions_and_scattered_days() {
        let once = RequestForm {
            cadence: "once".into(),
            session_count: "1".into(),
            modality: "on_site".into(),
            preferred_weekdays: vec!["mon".into(), "wed".into(), "fri".into()],
            latest_date: "2028-01-10".into(),
            ..memphis()
        };
        assert_eq!(
            describe(&draft(once), "America/Indiana/Indianapolis"),
            "1 90-minute on-site session between 12 Jan 2027 and 10 Jan 2028, Mon, Wed, Fri 09:00–12:00 Eastern"
        );
        assert_eq!(zone_common_name("Europe/London"), "Europe/London");
    }
}
