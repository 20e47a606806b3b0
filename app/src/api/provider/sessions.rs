//! The provider's sessions as a list (upcoming or past) or a week or month calendar, every time
//! in the provider's zone with the site's wall clock beside it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One session as the pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionItem {
    pub id: i32,
    pub title: String,
    pub site: String,
    /// Session number in its series, from 1.
    pub occurrence: i32,
    /// `12:00–13:00 MST` on the provider's clock.
    pub time: String,
    /// The start as a UTC instant (`2027-03-11T19:00:00Z`), for `<time datetime>`.
    pub starts_utc: String,
    /// `site 13:00–14:00 CST`, when the site's clock reads otherwise.
    pub site_time: Option<String>,
    /// `tentative`, `confirmed` or `completed`.
    pub status: String,
    pub status_label: String,
}

/// The sessions of one provider-local date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDay {
    pub iso: String,
    /// `Thursday 11 March 2027`.
    pub full: String,
    /// `11`.
    pub number: String,
    /// `Thu`: shown beside the number where the month grid has no weekday columns (phones).
    pub weekday: String,
    /// Inside the month shown (month view); always true elsewhere.
    pub in_period: bool,
    pub today: bool,
    pub items: Vec<SessionItem>,
}

/// A link to another period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodLink {
    pub href: String,
    pub label: String,
}

/// What `/provider/sessions` shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsView {
    /// `list`, `week` or `month`.
    pub view: String,
    /// The list shows past sessions (newest first).
    pub past: bool,
    /// The date asked about, `YYYY-MM-DD`.
    pub date: String,
    pub zone_label: String,
    /// `Upcoming sessions`, `Week of Monday 8 March 2027`, `March 2027`.
    pub heading: String,
    pub previous: Option<PeriodLink>,
    pub next: Option<PeriodLink>,
    /// List: days with sessions; week: the seven days; month: weeks of seven days, flattened.
    pub days: Vec<SessionDay>,
    pub count: usize,
}

/// The provider's sessions for `view` (`list`, `week`, `month`; empty means `list`) around
/// `date` (`YYYY-MM-DD`; empty means today). `past` lists past sessions instead of upcoming
/// ones (list view only).
#[server(endpoint = "provider/sessions")]
pub async fn my_sessions(
    view: String,
    date: String,
    past: bool,
) -> Result<SessionsView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::coordinator::user_zone;
    use crate::api::login_session::acting_person;
    use chrono::{Datelike, Duration, Months, NaiveDate, NaiveTime, Utc};
    use service::ServiceError;
    use service::providers::{clock_span, site_clock, zone_label};

    let actor = acting_person()?;
    let zone = user_zone(actor.user())?;
    let now = Utc::now();
    let today = zone.local(now).date();
    let date = if date.trim().is_empty() {
        today
    } else {
        NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
            to_server_error(ServiceError::Invalid(format!(
                "'{date}' is not a date: give it as YYYY-MM-DD."
            )))
        })?
    };
    let view = match view.trim() {
        "" | "list" => "list",
        "week" => "week",
        "month" => "month",
        other => {
            return Err(to_server_error(ServiceError::Invalid(format!(
                "Unknown view '{other}': choose list, week or month."
            ))));
        }
    };
    let start_of = |d: NaiveDate| zone.to_utc(d.and_time(NaiveTime::MIN));
    let monday = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let href = |view: &str, d: NaiveDate| {
        format!(
            "/provider/sessions?view={view}&date={}",
            d.format("%Y-%m-%d")
        )
    };
    let long = |d: NaiveDate| d.format("%A %-d %B %Y").to_string();

    // The span asked about (instants), the calendar's dates, heading and neighbours.
    let (from, until, calendar_dates, heading, previous, next) = match view {
        "week" => {
            let first = monday(date);
            let dates: Vec<NaiveDate> = (0..7).map(|i| first + Duration::days(i)).collect();
            (
                start_of(first),
                start_of(first + Duration::days(7)),
                dates,
                format!("Week of {}", long(first)),
                Some(PeriodLink {
                    href: href("week", first - Duration::days(7)),
                    label: "Previous week".to_owned(),
                }),
                Some(PeriodLink {
                    href: href("week", first + Duration::days(7)),
                    label: "Next week".to_owned(),
                }),
            )
        }
        "month" => {
            let first = date.with_day(1).unwrap_or(date);
            let next_month = first.checked_add_months(Months::new(1)).unwrap_or(first);
            let previous_month = first.checked_sub_months(Months::new(1)).unwrap_or(first);
            let grid_first = monday(first);
            let last = next_month - Duration::days(1);
            let grid_last = monday(last) + Duration::days(6);
            let days = (grid_last - grid_first).num_days() + 1;
            let dates: Vec<NaiveDate> = (0..days).map(|i| grid_first + Duration::days(i)).collect();
            (
                start_of(grid_first),
                start_of(grid_last + Duration::days(1)),
                dates,
                first.format("%B %Y").to_string(),
                Some(PeriodLink {
                    href: href("month", previous_month),
                    label: format!("Previous month ({})", previous_month.format("%B %Y")),
                }),
                Some(PeriodLink {
                    href: href("month", next_month),
                    label: format!("Next month ({})", next_month.format("%B %Y")),
                }),
            )
        }
        _ if past => (
            now - Duration::days(366),
            now,
            Vec::new(),
            "Past sessions".to_owned(),
            None,
            None,
        ),
        _ => (
            now,
            now + Duration::days(731),
            Vec::new(),
            "Upcoming sessions".to_owned(),
            None,
            None,
        ),
    };

    let db = database()?;
    let mut sessions = service::providers::provider_sessions_with_sites(&db, &actor, from, until)
        .await
        .map_err(to_server_error)?;
    if view == "list" && past {
        sessions.retain(|s| s.session.starts_at < now);
        sessions.reverse();
    }
    let count = sessions.len();
    let item = |s: &service::providers::ProviderSession| SessionItem {
        id: s.session.id,
        title: s.request_title.clone(),
        site: s.site.clone(),
        occurrence: s.session.occurrence,
        time: clock_span(s.session.starts_at, s.session.ends_at, zone),
        starts_utc: s
            .session
            .starts_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        site_time: site_clock(s.session.starts_at, s.session.ends_at, zone, s.site_zone),
        status: s.session.status.clone(),
        status_label: match s.session.status.as_str() {
            "tentative" => "Tentative: awaiting approval".to_owned(),
            "confirmed" => "Confirmed".to_owned(),
            "completed" => "Held".to_owned(),
            other => other.to_owned(),
        },
    };
    let day = |d: NaiveDate, in_period: bool, items: Vec<SessionItem>| SessionDay {
        iso: d.format("%Y-%m-%d").to_string(),
        full: long(d),
        number: d.day().to_string(),
        weekday: d.format("%a").to_string(),
        in_period,
        today: d == today,
        items,
    };
    let days = if calendar_dates.is_empty() {
        // The list: only the dates that have sessions, in the list's order.
        let mut days: Vec<SessionDay> = Vec::new();
        for s in &sessions {
            let d = zone.local(s.session.starts_at).date();
            match days.last_mut() {
                Some(last) if last.iso == d.format("%Y-%m-%d").to_string() => {
                    last.items.push(item(s));
                }
                _ => days.push(day(d, true, vec![item(s)])),
            }
        }
        days
    } else {
        calendar_dates
            .iter()
            .map(|&d| {
                let items = sessions
                    .iter()
                    .filter(|s| zone.local(s.session.starts_at).date() == d)
                    .map(item)
                    .collect();
                let in_period = view != "month" || d.month() == date.month();
                day(d, in_period, items)
            })
            .collect()
    };
    Ok(SessionsView {
        view: view.to_owned(),
        past: view == "list" && past,
        date: date.format("%Y-%m-%d").to_string(),
        zone_label: zone_label(zone, now),
        heading,
        previous,
        next,
        days,
        count,
    })
}
