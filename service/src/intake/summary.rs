//! A request described in one sentence, as the site contact confirms it before submitting:
//! "6 biweekly 90-minute virtual sessions between 12 Jan and 30 Apr 2027, Tue–Thu 09:00–12:00
//! Central".

use chrono::{Datelike, Weekday};

use super::draft::RequestDraft;
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
    let sessions = match (draft.visit_days, draft.cadence, draft.session_count) {
        (0, ..) => sessions_phrase(draft),
        (days, Cadence::Once, _) | (days, _, 1) => {
            format!("1 {days}-day on-site visit{}", travel_phrase(draft))
        }
        (days, cadence, n) => format!(
            "{n} {} {days}-day on-site visits{}",
            cadence.label(),
            travel_phrase(draft)
        ),
    };
    let same_year = draft.earliest_date.year() == draft.latest_date.year();
    let from = if same_year {
        draft.earliest_date.format("%-d %b").to_string()
    } else {
        draft.earliest_date.format("%-d %b %Y").to_string()
    };
    let until = draft.latest_date.format("%-d %b %Y");
    if draft.visit_days > 0 {
        let end =
            draft.preferred_start + chrono::TimeDelta::minutes(i64::from(draft.session_minutes));
        return format!(
            "{sessions} between {from} and {until}, {}–{} {} each day",
            draft.preferred_start.format("%H:%M"),
            end.format("%H:%M"),
            zone_common_name(site_zone),
        );
    }
    format!(
        "{sessions} between {from} and {until}, {} {}–{} {}",
        weekday_span(&draft.preferred_weekdays),
        draft.preferred_start.format("%H:%M"),
        draft.preferred_end.format("%H:%M"),
        zone_common_name(site_zone),
    )
}

/// ", with travel days" when the provider's travel days are kept.
fn travel_phrase(draft: &RequestDraft) -> &'static str {
    if draft.travel_days {
        " with travel days before and after"
    } else {
        ""
    }
}

/// "6 biweekly 90-minute virtual sessions".
fn sessions_phrase(draft: &RequestDraft) -> String {
    match (draft.cadence, draft.session_count) {
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
    }
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
    let time = |minute: i32| {
        u32::try_from(minute)
            .ok()
            .and_then(|m| chrono::NaiveTime::from_hms_opt(m / 60, m % 60, 0))
    };
    let draft = RequestDraft {
        title: r.title.clone(),
        topic_ids: Vec::new(),
        description: r.description.clone(),
        engagement_type: super::EngagementType::parse(&r.engagement_type)?,
        modality: super::Modality::parse(&r.modality)?,
        session_count: u32::try_from(r.session_count).ok()?,
        cadence: super::Cadence::parse(&r.cadence)?,
        session_minutes: u32::try_from(r.session_minutes).ok()?,
        earliest_date: r.earliest_date,
        latest_date: r.latest_date,
        preferred_weekdays: r
            .preferred_weekdays
            .split(',')
            .filter_map(|d| d.trim().parse::<u8>().ok())
            .filter_map(|n| Weekday::try_from(n).ok())
            .collect(),
        preferred_start: time(r.preferred_start_minute)?,
        preferred_end: time(r.preferred_end_minute)?,
        expected_attendees: u32::try_from(r.expected_attendees).unwrap_or(0),
        minimum_level: u8::try_from(r.minimum_level).unwrap_or(1),
        notes: r.notes.clone(),
        visit_days: u32::try_from(r.visit_days).unwrap_or(0),
        travel_days: r.travel_days,
    };
    Some(describe(&draft, &r.anchor_zone))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::IntakeForm;
    use chrono::NaiveDate;

    fn draft(form: IntakeForm) -> RequestDraft {
        RequestDraft::parse(&form, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap()
    }

    fn memphis() -> IntakeForm {
        IntakeForm {
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
            ..IntakeForm::default()
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
        let once = IntakeForm {
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
