//! One line of an engagement's cadence, parsed: every field checked at once and refused beside
//! its input (`line_0_through`, `line_1_role` …), against the engagement it is planned for.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use contract::FieldErrors;
use contract::forms::CadenceLineForm;
use contract::vocabulary::TeamRole;

use scheduling::{MAX_VISIT_DAYS, VisitShape};

use crate::engine::PlanMove;
use crate::intake::{Cadence, Modality};

/// The most sessions one line may hold (weekly for three years is 157).
pub const MAX_LINE_SESSIONS: usize = 160;
/// The most lines one cadence may hold.
pub const MAX_LINES: usize = 8;

/// A line that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CadenceLine {
    pub title: String,
    pub role: TeamRole,
    pub cadence: Cadence,
    pub session_minutes: u32,
    pub modality: Modality,
    pub weekdays: Vec<Weekday>,
    pub window_start: NaiveTime,
    pub window_end: NaiveTime,
    pub from: NaiveDate,
    pub through: NaiveDate,
    pub moves: Vec<PlanMove>,
    /// On-site visits of this shape instead of sessions; each visit day lasts the window
    /// (`session_minutes` is then the window's length).
    pub visit: Option<VisitShape>,
}

/// What a line is checked against: the engagement's dates and the site's today.
#[derive(Clone, Copy, Debug)]
pub struct LineBounds {
    pub starts_on: NaiveDate,
    pub planned_end: NaiveDate,
    pub today: NaiveDate,
    /// The scheduling grid in minutes: window starts must fall on it.
    pub granularity: u32,
}

/// The field name of line `index`'s `field`, as the page puts its message beside the input.
pub fn line_field(index: usize, field: &str) -> String {
    format!("line_{index}_{field}")
}

impl CadenceLine {
    /// Checks line `index`, recording every mistake in `errors`; `None` when any was found.
    pub fn parse(
        index: usize,
        form: &CadenceLineForm,
        bounds: LineBounds,
        errors: &mut FieldErrors,
    ) -> Option<Self> {
        let before = errors.len();
        let mut fail = |field: &str, message: String| errors.add(line_field(index, field), message);

        let title = form.title.trim().to_owned();
        if title.chars().count() < 3 {
            fail("title", "Enter a title of at least 3 characters, for example \"Monthly coaching with the liaison\".".to_owned());
        } else if title.chars().count() > 200 {
            fail(
                "title",
                "The title can be at most 200 characters.".to_owned(),
            );
        }
        let role = TeamRole::parse(form.role.trim())
            .ok()
            .filter(|r| TeamRole::TTA.contains(r));
        if role.is_none() {
            fail(
                "role",
                "Choose the TTA team role who delivers these sessions.".to_owned(),
            );
        }
        let cadence = Cadence::parse(&form.cadence).filter(|c| *c != Cadence::Once);
        if cadence.is_none() {
            fail(
                "cadence",
                "Choose weekly, every two weeks, monthly or quarterly.".to_owned(),
            );
        }
        let modality = Modality::parse(&form.modality);
        if modality.is_none() {
            fail("modality", "Choose virtual, on-site or hybrid.".to_owned());
        }
        let visit_days = match form.visit_days.trim() {
            "" | "0" => Some(0),
            text => text
                .parse::<u32>()
                .ok()
                .filter(|d| (1..=MAX_VISIT_DAYS).contains(d)),
        };
        let visit = match visit_days {
            None => {
                fail(
                    "visit_days",
                    format!(
                        "An on-site visit lasts 1 to {MAX_VISIT_DAYS} consecutive business \
                         days (leave it empty for sessions)."
                    ),
                );
                None
            }
            Some(0) => None,
            Some(days) => {
                if modality.is_some_and(|m| m != Modality::OnSite) {
                    fail(
                        "visit_days",
                        "A multi-day visit is held on site: choose the on-site modality."
                            .to_owned(),
                    );
                }
                let travel = !matches!(
                    form.travel_days.trim().to_ascii_lowercase().as_str(),
                    "" | "off" | "false" | "no" | "0"
                );
                VisitShape::new(days, travel).ok()
            }
        };
        // A visit's day is its window; the length field is for sessions only.
        let session_minutes = if visit.is_some() {
            Some(0)
        } else {
            form.session_minutes.trim().parse::<u32>().ok()
        };
        match session_minutes {
            _ if visit.is_some() => {}
            Some(m) if (15..=480).contains(&m) && m % 15 == 0 => {}
            _ => fail(
                "session_minutes",
                "Enter a session length from 15 to 480 minutes, in steps of 15.".to_owned(),
            ),
        }
        let mut weekdays: Vec<Weekday> = Vec::new();
        for raw in &form.weekdays {
            match raw.trim().parse::<Weekday>() {
                Ok(day) if !weekdays.contains(&day) => weekdays.push(day),
                Ok(_) => {}
                Err(_) => fail("weekdays", format!("'{raw}' is not a weekday.")),
            }
        }
        if form.weekdays.is_empty() {
            fail("weekdays", "Choose at least one weekday.".to_owned());
        }
        weekdays.sort_by_key(Weekday::num_days_from_monday);
        let time = |text: &str| NaiveTime::parse_from_str(text.trim(), "%H:%M").ok();
        let window_start = time(&form.window_start);
        let window_end = time(&form.window_end);
        match window_start {
            None => fail(
                "window_start",
                "Enter the start time on the site's clock, for example 10:00.".to_owned(),
            ),
            Some(s) if !(s.hour_minutes() % bounds.granularity.max(1)).eq(&0) => fail(
                "window_start",
                format!(
                    "Start on a {}-minute step, for example 10:00 or 10:15.",
                    bounds.granularity
                ),
            ),
            Some(_) => {}
        }
        match (window_start, window_end) {
            (_, None) => fail(
                "window_end",
                "Enter the end of the time window, for example 12:00.".to_owned(),
            ),
            (Some(s), Some(e)) if e <= s => fail(
                "window_end",
                "The window must end after it starts.".to_owned(),
            ),
            (Some(s), Some(e)) if visit.is_some() && (e - s).num_minutes() > 600 => fail(
                "window_end",
                "A visit day lasts at most 10 hours.".to_owned(),
            ),
            (Some(s), Some(e)) => {
                if let Some(m) = session_minutes
                    && (e - s).num_minutes() < i64::from(m)
                {
                    fail(
                        "window_end",
                        format!("The window is shorter than one {m}-minute session."),
                    );
                }
            }
            _ => {}
        }
        let date = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        let from = date(&form.from);
        let through = date(&form.through);
        let ends = bounds.planned_end.format("%-d %b %Y");
        match from {
            None => fail(
                "from",
                "Enter the first date, for example 12 January 2027.".to_owned(),
            ),
            Some(d) if d < bounds.today => fail(
                "from",
                format!(
                    "The first date cannot be in the past (today is {}).",
                    bounds.today.format("%-d %b %Y")
                ),
            ),
            Some(d) if d < bounds.starts_on => fail(
                "from",
                format!(
                    "The engagement starts {}.",
                    bounds.starts_on.format("%-d %b %Y")
                ),
            ),
            Some(d) if d > bounds.planned_end => {
                fail("from", format!("The engagement ends {ends}."))
            }
            Some(_) => {}
        }
        match (from, through) {
            (_, None) => fail(
                "through",
                "Enter the last date, for example 30 June 2029.".to_owned(),
            ),
            (_, Some(t)) if t > bounds.planned_end => {
                fail("through", format!("The engagement ends {ends}."))
            }
            (Some(f), Some(t)) if t < f => fail(
                "through",
                "The last date must be on or after the first.".to_owned(),
            ),
            _ => {}
        }
        let moves = match PlanMove::parse_list(&form.moves) {
            Ok(moves) => moves,
            Err(_) => {
                fail(
                    "moves",
                    "The chosen times could not be read; preview again.".to_owned(),
                );
                Vec::new()
            }
        };
        let session_minutes = match (visit, window_start, window_end) {
            (Some(_), Some(s), Some(e)) => u32::try_from((e - s).num_minutes()).ok(),
            _ => session_minutes,
        };
        let line = Self {
            title,
            role: role?,
            cadence: cadence?,
            session_minutes: session_minutes?,
            modality: modality?,
            weekdays,
            window_start: window_start?,
            window_end: window_end?,
            from: from?,
            through: through?,
            moves,
            visit,
        };
        if errors.len() > before {
            return None;
        }
        let count = line.anchor_dates().len();
        if count == 0 {
            errors.add(
                line_field(index, "through"),
                "No session falls between these dates on the chosen weekdays.",
            );
            return None;
        }
        if count > MAX_LINE_SESSIONS {
            errors.add(
                line_field(index, "cadence"),
                format!(
                    "This makes {count} sessions; a line can hold at most {MAX_LINE_SESSIONS}. \
                     Choose a slower cadence or a shorter span."
                ),
            );
            return None;
        }
        Some(line)
    }

    /// The first chosen weekday on or after `from`.
    pub fn first_date(&self) -> Option<NaiveDate> {
        (0..7)
            .map(|offset| self.from + Duration::days(offset))
            .find(|date| self.weekdays.contains(&date.weekday()))
            .filter(|date| *date <= self.through)
    }

    /// The dates the cadence gives from the first date through the last (site-local).
    pub fn anchor_dates(&self) -> Vec<NaiveDate> {
        let Some(first) = self.first_date() else {
            return Vec::new();
        };
        let limit = u32::try_from(MAX_LINE_SESSIONS + 1).unwrap_or(u32::MAX);
        self.cadence
            .engine()
            .anchor_dates(first, limit)
            .into_iter()
            .take_while(|d| *d <= self.through)
            .collect()
    }
}

trait HourMinutes {
    fn hour_minutes(&self) -> u32;
}

impl HourMinutes for NaiveTime {
    fn hour_minutes(&self) -> u32 {
        use chrono::Timelike;
        self.hour() * 60 + self.minute()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds() -> LineBounds {
        LineBounds {
            starts_on: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or_default(),
            planned_end: NaiveDate::from_ymd_opt(2029, 6, 30).unwrap_or_default(),
            today: NaiveDate::from_ymd_opt(2026, 12, 6).unwrap_or_default(),
            granularity: 15,
        }
    }

    fn monthly() -> CadenceLineForm {
        CadenceLineForm {
            title: "Monthly coaching with the liaison".into(),
            role: "strategic_site_liaison".into(),
            cadence: "monthly".into(),
            session_minutes: "90".into(),
            modality: "virtual".into(),
            weekdays: vec!["tue".into()],
            window_start: "10:00".into(),
            window_end: "12:00".into(),
            from: "2027-01-01".into(),
            through: "2029-06-30".into(),
            moves: String::new(),
            providers: String::new(),
            visit_days: String::new(),
            travel_days: String::new(),
        }
    }

    #[test]
    fn a_monthly_line_gives_one_date_a_month() {
        let mut errors = FieldErrors::new();
        let line = CadenceLine::parse(0, &monthly(), bounds(), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let dates = line.map(|l| l.anchor_dates()).unwrap_or_default();
        assert_eq!(dates.len(), 30);
        assert_eq!(dates[0].to_string(), "2027-01-05");
        assert!(dates.iter().all(|d| d.weekday() == Weekday::Tue));
    }

    #[test]
    fn bad_lines_are_refused_beside_their_fields() {
        let mut form = monthly();
        form.through = "2029-12-31".into();
        form.session_minutes = "1000".into();
        form.cadence = "hourly".into();
        form.window_start = "10:05".into();
        let mut errors = FieldErrors::new();
        assert!(CadenceLine::parse(2, &form, bounds(), &mut errors).is_none());
        assert_eq!(
            errors.message_for("line_2_through"),
            Some("The engagement ends 30 Jun 2029.")
        );
        assert!(errors.message_for("line_2_session_minutes").is_some());
        assert!(errors.message_for("line_2_cadence").is_some());
        assert!(errors.message_for("line_2_window_start").is_some());
    }

    #[test]
    fn too_many_sessions_are_refused() {
        let mut form = monthly();
        form.cadence = "weekly".into();
        form.weekdays = vec!["mon".into(), "tue".into()];
        form.from = "2026-12-07".into();
        let mut errors = FieldErrors::new();
        // Weekly on two weekdays still gives one date a week (the first of them).
        assert!(CadenceLine::parse(0, &form, bounds(), &mut errors).is_some());
        form.cadence = "biweekly".into();
        form.through = "2026-12-01".into();
        let mut errors = FieldErrors::new();
        assert!(CadenceLine::parse(0, &form, bounds(), &mut errors).is_none());
        assert!(errors.message_for("line_0_through").is_some());
    }
}
