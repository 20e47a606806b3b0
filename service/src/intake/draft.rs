//! The request form as typed, and its parsed, valid form.

use std::collections::BTreeSet;

use chrono::{Months, NaiveDate, NaiveTime, Weekday};

use super::vocabulary::{Cadence, EngagementType, Modality};

pub use contract::FieldError;
pub use contract::forms::IntakeForm;

/// A request that passed every check, ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestDraft {
    pub title: String,
    pub topic_ids: Vec<i32>,
    pub description: String,
    pub engagement_type: EngagementType,
    pub modality: Modality,
    pub session_count: u32,
    pub cadence: Cadence,
    pub session_minutes: u32,
    pub earliest_date: NaiveDate,
    pub latest_date: NaiveDate,
    pub preferred_weekdays: Vec<Weekday>,
    pub preferred_start: NaiveTime,
    pub preferred_end: NaiveTime,
    pub expected_attendees: u32,
    pub minimum_level: u8,
    pub notes: String,
    /// Days of each on-site visit (1 to 5), 0 for ordinary sessions.
    pub visit_days: u32,
    /// Whether the provider's travel days before and after each visit are kept free.
    pub travel_days: bool,
}

const MAX_SESSIONS: u32 = 150;
/// Monday to Friday.
const BUSINESS_DAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];
/// Longest on-site visit, in consecutive business days.
const MAX_VISIT_DAYS: u32 = 5;
/// Longest day of an on-site visit, in minutes (10 hours).
const MAX_VISIT_DAY_MINUTES: u32 = 600;
const MAX_YEARS: u32 = 3;

impl RequestDraft {
    /// Checks every field; `today` is the date on the site's wall clock. Returns all errors at
    /// once, in form order, so the person can fix them in one go.
    pub fn parse(form: &IntakeForm, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &'static str, message: String| {
            errors.push(FieldError::new(field, message));
        };

        let title = form.title.trim().to_owned();
        if title.chars().count() < 3 {
            fail(
                "title",
                "Enter a title of at least 3 characters.".to_owned(),
            );
        } else if title.chars().count() > 200 {
            fail(
                "title",
                "The title can be at most 200 characters.".to_owned(),
            );
        }

        let mut topic_ids = BTreeSet::new();
        for raw in &form.topic_ids {
            match raw.trim().parse::<i32>() {
                Ok(id) if id > 0 => {
                    topic_ids.insert(id);
                }
                _ => fail("topic_ids", format!("'{raw}' is not a topic.")),
            }
        }
        if form.topic_ids.is_empty() {
            fail("topic_ids", "Choose at least one topic.".to_owned());
        }

        let description = form.description.trim().to_owned();
        if description.chars().count() > 5000 {
            fail(
                "description",
                "The description can be at most 5,000 characters.".to_owned(),
            );
        }

        let engagement_type = EngagementType::parse(&form.engagement_type);
        if engagement_type.is_none() {
            fail(
                "engagement_type",
                "Choose Diagnostic or Operations.".to_owned(),
            );
        }
        let modality = Modality::parse(&form.modality);
        if modality.is_none() {
            fail("modality", "Choose on-site, virtual or hybrid.".to_owned());
        }
        let cadence = Cadence::parse(&form.cadence);
        if cadence.is_none() {
            fail("cadence", "Choose how often the sessions recur.".to_owned());
        }

        let session_count = whole_number(&form.session_count);
        match session_count {
            Some(n) if (1..=MAX_SESSIONS).contains(&n) => {
                if cadence == Some(Cadence::Once) && n != 1 {
                    fail(
                        "session_count",
                        "A one-time request has exactly 1 session.".to_owned(),
                    );
                }
            }
            _ => fail(
                "session_count",
                format!("Enter a number of sessions from 1 to {MAX_SESSIONS}."),
            ),
        }

        let visit_days = if form.visit_days.trim().is_empty() {
            Some(0)
        } else {
            whole_number(&form.visit_days).filter(|n| *n <= MAX_VISIT_DAYS)
        };
        match visit_days {
            None => fail(
                "visit_days",
                format!(
                    "An on-site visit lasts 1 to {MAX_VISIT_DAYS} consecutive business days \
                     (leave it empty for sessions)."
                ),
            ),
            Some(days) if days > 0 && modality.is_some_and(|m| m != Modality::OnSite) => fail(
                "visit_days",
                "A multi-day visit is held on site: choose the on-site modality.".to_owned(),
            ),
            Some(_) => {}
        }
        let is_visit = visit_days.is_some_and(|d| d > 0);
        let travel_days = is_visit
            && !matches!(
                form.travel_days.trim().to_ascii_lowercase().as_str(),
                "" | "off" | "false" | "no" | "0"
            );

        // A visit's day is its hours (`preferred_start` to `preferred_end`, checked below); the
        // length field is for sessions only.
        let session_minutes = if is_visit {
            Some(0)
        } else {
            whole_number(&form.session_minutes)
        };
        match session_minutes {
            _ if is_visit => {}
            Some(m) if (15..=480).contains(&m) && m % 15 == 0 => {}
            _ => fail(
                "session_minutes",
                "Enter a session length from 15 to 480 minutes, in steps of 15.".to_owned(),
            ),
        }

        let earliest = date(&form.earliest_date);
        let latest = date(&form.latest_date);
        match earliest {
            None => fail(
                "earliest_date",
                "Enter the earliest date, for example 15 March 2027.".to_owned(),
            ),
            Some(d) if d < today => fail(
                "earliest_date",
                format!("The earliest date cannot be in the past (today is {today})."),
            ),
            Some(_) => {}
        }
        match (earliest, latest) {
            (_, None) => fail(
                "latest_date",
                "Enter the latest date, for example 15 March 2027.".to_owned(),
            ),
            (Some(e), Some(l)) if l < e => fail(
                "latest_date",
                "The latest date must be on or after the earliest date.".to_owned(),
            ),
            (Some(e), Some(l))
                if e.checked_add_months(Months::new(12 * MAX_YEARS))
                    .is_some_and(|max| l > max) =>
            {
                fail(
                    "latest_date",
                    format!("A request can span at most {MAX_YEARS} years."),
                )
            }
            _ => {}
        }

        let mut weekdays = BTreeSet::new();
        for raw in &form.preferred_weekdays {
            match weekday(raw) {
                Some(day) => {
                    weekdays.insert(day.num_days_from_monday());
                }
                None => fail("preferred_weekdays", format!("'{raw}' is not a weekday.")),
            }
        }
        if form.preferred_weekdays.is_empty() && !is_visit {
            fail(
                "preferred_weekdays",
                "Choose at least one weekday.".to_owned(),
            );
        }
        // A visit may start on any business day its days fit in (the engine lays it out).
        let preferred_weekdays: Vec<Weekday> = if is_visit {
            BUSINESS_DAYS.to_vec()
        } else {
            weekdays
                .into_iter()
                .filter_map(|n| Weekday::try_from(n as u8).ok())
                .collect()
        };

        let start = time(&form.preferred_start);
        let end = time(&form.preferred_end);
        if start.is_none() {
            fail(
                "preferred_start",
                "Enter a start time, for example 9:00 AM.".to_owned(),
            );
        }
        match (start, end) {
            (_, None) => fail(
                "preferred_end",
                "Enter an end time, for example 4:00 PM.".to_owned(),
            ),
            (Some(s), Some(e)) if e <= s => fail(
                "preferred_end",
                "The end time must be after the start time.".to_owned(),
            ),
            (Some(s), Some(e)) if is_visit => {
                let day = (e - s).num_minutes();
                if day > i64::from(MAX_VISIT_DAY_MINUTES) {
                    fail(
                        "preferred_end",
                        format!(
                            "A visit day can be at most 10 hours; {}–{} is {} h {:02} min.",
                            s.format("%H:%M"),
                            e.format("%H:%M"),
                            day / 60,
                            day % 60
                        ),
                    );
                } else if day < 60 || day % 15 != 0 {
                    fail(
                        "preferred_end",
                        "A visit day lasts from 1 to 10 hours, in steps of 15 minutes.".to_owned(),
                    );
                }
            }
            (Some(s), Some(e)) => {
                if let Some(minutes) = session_minutes
                    && (e - s).num_minutes() < i64::from(minutes)
                {
                    fail(
                        "preferred_end",
                        format!(
                            "The preferred hours are shorter than one {minutes}-minute session."
                        ),
                    );
                }
            }
            _ => {}
        }

        let expected_attendees = if form.expected_attendees.trim().is_empty() {
            Some(0)
        } else {
            whole_number(&form.expected_attendees).filter(|n| *n <= 1000)
        };
        if expected_attendees.is_none() {
            fail(
                "expected_attendees",
                "Enter a number of attendees from 0 to 1,000.".to_owned(),
            );
        }

        let minimum_level = if form.minimum_level.trim().is_empty() {
            Some(1)
        } else {
            whole_number(&form.minimum_level).filter(|n| (1..=3).contains(n))
        };
        if minimum_level.is_none() {
            fail(
                "minimum_level",
                "Choose an expertise level from 1 to 3.".to_owned(),
            );
        }

        let notes = form.notes.trim().to_owned();
        if notes.chars().count() > 2000 {
            fail("notes", "Notes can be at most 2,000 characters.".to_owned());
        }

        match (
            errors.is_empty(),
            engagement_type,
            modality,
            cadence,
            session_count,
            session_minutes,
            earliest,
            latest,
            start,
            end,
            expected_attendees,
            minimum_level,
        ) {
            (
                true,
                Some(engagement_type),
                Some(modality),
                Some(cadence),
                Some(session_count),
                Some(session_minutes),
                Some(earliest_date),
                Some(latest_date),
                Some(preferred_start),
                Some(preferred_end),
                Some(expected_attendees),
                Some(minimum_level),
            ) => Ok(Self {
                title,
                topic_ids: topic_ids.into_iter().collect(),
                description,
                engagement_type,
                modality,
                session_count,
                cadence,
                // A visit's day length, from its hours.
                session_minutes: if is_visit {
                    u32::try_from((preferred_end - preferred_start).num_minutes()).unwrap_or(0)
                } else {
                    session_minutes
                },
                earliest_date,
                latest_date,
                preferred_weekdays,
                preferred_start,
                preferred_end,
                expected_attendees,
                minimum_level: u8::try_from(minimum_level).unwrap_or(1),
                notes,
                visit_days: visit_days.unwrap_or(0),
                travel_days,
            }),
            _ => Err(errors),
        }
    }

    /// The weekdays as stored: `0` = Monday, comma-separated.
    pub fn weekdays_stored(&self) -> String {
        self.preferred_weekdays
            .iter()
            .map(|d| d.num_days_from_monday().to_string())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Minutes after midnight of the preferred start and end.
    pub fn preferred_minutes(&self) -> (u32, u32) {
        (
            minutes_of_day(self.preferred_start),
            minutes_of_day(self.preferred_end),
        )
    }
}

fn minutes_of_day(time: NaiveTime) -> u32 {
    use chrono::Timelike;
    time.hour() * 60 + time.minute()
}

fn whole_number(text: &str) -> Option<u32> {
    text.trim().replace(',', "").parse().ok()
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// `mon`, `Monday`, any case.
fn weekday(text: &str) -> Option<Weekday> {
    text.trim().parse::<Weekday>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn memphis_form() -> IntakeForm {
        IntakeForm {
            title: "Gun violence coaching".into(),
            topic_ids: vec!["4".into()],
            description: "Coaching for the gun crime intelligence centre.".into(),
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
            expected_attendees: "12".into(),
            minimum_level: "2".into(),
            notes: String::new(),
            visit_days: String::new(),
            travel_days: String::new(),
        }
    }

    fn visit_form() -> IntakeForm {
        IntakeForm {
            modality: "on_site".into(),
            session_count: "1".into(),
            cadence: "once".into(),
            session_minutes: String::new(),
            preferred_weekdays: vec![],
            preferred_start: "08:30".into(),
            preferred_end: "17:00".into(),
            visit_days: "2".into(),
            travel_days: "on".into(),
            ..memphis_form()
        }
    }

    #[test]
    fn a_visit_parses_with_every_business_day_and_its_travel_days() {
        let draft = RequestDraft::parse(&visit_form(), today()).unwrap();
        assert_eq!((draft.visit_days, draft.travel_days), (2, true));
        assert_eq!(draft.weekdays_stored(), "0,1,2,3,4");
        assert_eq!(draft.session_minutes, 510);
        let sessions = RequestDraft::parse(&memphis_form(), today()).unwrap();
        assert_eq!((sessions.visit_days, sessions.travel_days), (0, false));
    }

    #[test]
    fn visit_mistakes_are_named_beside_their_fields() {
        let refused = |form: IntakeForm| RequestDraft::parse(&form, today()).unwrap_err();
        let six = refused(IntakeForm {
            visit_days: "6".into(),
            ..visit_form()
        });
        assert_eq!(six[0].field, "visit_days");
        assert!(six[0].message.contains("1 to 5 consecutive business days"));
        let virtual_visit = refused(IntakeForm {
            modality: "virtual".into(),
            ..visit_form()
        });
        assert_eq!(
            virtual_visit[0].message,
            "A multi-day visit is held on site: choose the on-site modality."
        );
        let long_day = refused(IntakeForm {
            preferred_end: "19:00".into(),
            ..visit_form()
        });
        assert_eq!(long_day[0].field, "preferred_end");
        assert_eq!(
            long_day[0].message,
            "A visit day can be at most 10 hours; 08:30–19:00 is 10 h 30 min."
        );
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    #[test]
    fn a_complete_form_parses() {
        let draft = RequestDraft::parse(&memphis_form(), today()).unwrap();
        assert_eq!(draft.session_count, 6);
        assert_eq!(draft.cadence, Cadence::Biweekly);
        assert_eq!(
            draft.preferred_weekdays,
            [Weekday::Tue, Weekday::Wed, Weekday::Thu]
        );
        assert_eq!(draft.weekdays_stored(), "1,2,3");
        assert_eq!(draft.preferred_minutes(), (540, 720));
        assert_eq!(draft.minimum_level, 2);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let form = IntakeForm {
            title: "x".into(),
            topic_ids: vec![],
            session_count: "0".into(),
            session_minutes: "95".into(),
            earliest_date: "2026-11-01".into(),
            latest_date: "soon".into(),
            preferred_start: "13:00".into(),
            preferred_end: "12:00".into(),
            ..memphis_form()
        };
        let errors = RequestDraft::parse(&form, today()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "title",
                "topic_ids",
                "session_count",
                "session_minutes",
                "earliest_date",
                "latest_date",
                "preferred_end"
            ]
        );
        assert!(errors[4].message.contains("cannot be in the past"));
    }

    #[test]
    fn window_and_series_rules() {
        let once = IntakeForm {
            cadence: "once".into(),
            ..memphis_form()
        };
        let errors = RequestDraft::parse(&once, today()).unwrap_err();
        assert_eq!(
            errors[0].message,
            "A one-time request has exactly 1 session."
        );

        let reversed = IntakeForm {
            latest_date: "2027-01-01".into(),
            ..memphis_form()
        };
        assert_eq!(
            RequestDraft::parse(&reversed, today()).unwrap_err()[0].field,
            "latest_date"
        );

        let too_long = IntakeForm {
            latest_date: "2030-02-01".into(),
            ..memphis_form()
        };
        assert!(
            RequestDraft::parse(&too_long, today()).unwrap_err()[0]
                .message
                .contains("at most 3 years")
        );

        let narrow = IntakeForm {
            preferred_end: "10:00".into(),
            ..memphis_form()
        };
        assert!(
            RequestDraft::parse(&narrow, today()).unwrap_err()[0]
                .message
                .contains("shorter than one 90-minute session")
        );
    }
}
