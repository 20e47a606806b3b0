//! The provider's sessions page: a list (upcoming or past) or a week or month calendar, every
//! time in the provider's zone with the site's wall clock beside it. The calendar arithmetic
//! (which dates a period covers, its heading and its neighbours) is [`Period::of`].

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, NaiveTime, Utc};
use contract::views::provider::{PeriodLink, SessionDay, SessionItem, SessionsView};

use sea_orm::Order;

use crate::access::Actor;
use crate::providers::{
    ProviderSession, SessionsPage, provider_sessions_page, provider_sessions_with_sites, zone_label,
};
use crate::status::SessionStatus;
use crate::timefmt::{clock_span, site_clock};
use crate::views::{reader_zone, utc_text};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// How the sessions are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    List,
    Week,
    Month,
}

impl Layout {
    fn parse(text: &str) -> Result<Self, ServiceError> {
        match text.trim() {
            "" | "list" => Ok(Self::List),
            "week" => Ok(Self::Week),
            "month" => Ok(Self::Month),
            other => Err(ServiceError::field(
                "view",
                format!("Unknown view '{other}': choose list, week or month."),
            )),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Week => "week",
            Self::Month => "month",
        }
    }
}

/// The span of time a page covers, the calendar's dates (none for a list), its heading and the
/// links to the periods before and after it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Period {
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    dates: Vec<NaiveDate>,
    heading: String,
    previous: Option<PeriodLink>,
    next: Option<PeriodLink>,
}

impl Period {
    /// The period of `layout` around `date` on `zone`'s calendar (weeks start on Monday; a
    /// month's grid is whole weeks); a list covers the coming two years, or the past year.
    fn of(layout: Layout, date: NaiveDate, past: bool, now: DateTime<Utc>, zone: TimeZone) -> Self {
        let start_of = |d: NaiveDate| zone.to_utc(d.and_time(NaiveTime::MIN));
        let monday =
            |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
        let link = |layout: Layout, d: NaiveDate, label: String| {
            Some(PeriodLink {
                href: format!(
                    "/provider/sessions?view={}&date={}",
                    layout.as_str(),
                    d.format("%Y-%m-%d")
                ),
                label,
            })
        };
        match layout {
            Layout::Week => {
                let first = monday(date);
                Self {
                    from: start_of(first),
                    until: start_of(first + Duration::days(7)),
                    dates: (0..7).map(|i| first + Duration::days(i)).collect(),
                    heading: format!("Week of {}", long_date(first)),
                    previous: link(
                        Layout::Week,
                        first - Duration::days(7),
                        "Previous week".to_owned(),
                    ),
                    next: link(
                        Layout::Week,
                        first + Duration::days(7),
                        "Next week".to_owned(),
                    ),
                }
            }
            Layout::Month => {
                let first = date.with_day(1).unwrap_or(date);
                let next_month = first.checked_add_months(Months::new(1)).unwrap_or(first);
                let previous_month = first.checked_sub_months(Months::new(1)).unwrap_or(first);
                let grid_first = monday(first);
                let grid_last = monday(next_month - Duration::days(1)) + Duration::days(6);
                let days = (grid_last - grid_first).num_days() + 1;
                Self {
                    from: start_of(grid_first),
                    until: start_of(grid_last + Duration::days(1)),
                    dates: (0..days).map(|i| grid_first + Duration::days(i)).collect(),
                    heading: first.format("%B %Y").to_string(),
                    previous: link(
                        Layout::Month,
                        previous_month,
                        format!("Previous month ({})", previous_month.format("%B %Y")),
                    ),
                    next: link(
                        Layout::Month,
                        next_month,
                        format!("Next month ({})", next_month.format("%B %Y")),
                    ),
                }
            }
            Layout::List => {
                let (from, until, heading) = if past {
                    (now - Duration::days(366), now, "Past sessions")
                } else {
                    (now, now + Duration::days(731), "Upcoming sessions")
                };
                Self {
                    from,
                    until,
                    dates: Vec::new(),
                    heading: heading.to_owned(),
                    previous: None,
                    next: None,
                }
            }
        }
    }
}

/// `Thursday 11 March 2027`.
fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// A session's status as the provider reads it on this page.
fn provider_status_label(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Tentative => "Tentative: awaiting approval",
        SessionStatus::Completed => "Held",
        other => other.label(),
    }
}

/// The acting provider's sessions for `view` (`list`, `week`, `month`; empty means `list`)
/// around `date` (`YYYY-MM-DD`; empty means today on the provider's calendar) at `now`. `past`
/// lists past sessions, newest first, instead of upcoming ones (list only). The list comes
/// [`PAGE_SIZE`](crate::paging::PAGE_SIZE) sessions a page: `after` and `before` are the
/// positions its page links gave (both empty: the first page). Providers only, and only their
/// own sessions; an unknown view, an unreadable date or a position the list did not give is
/// refused (400, naming the field).
#[allow(clippy::too_many_arguments)]
pub async fn sessions_page(
    db: &Database,
    actor: &Actor,
    view: &str,
    date: &str,
    past: bool,
    after: &str,
    before: &str,
    now: DateTime<Utc>,
) -> Result<SessionsView, ServiceError> {
    actor.require(&[crate::accounts::Role::Provider])?;
    let zone = reader_zone(actor)?;
    let today = zone.local(now).date();
    let date = match date.trim() {
        "" => today,
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            ServiceError::field("date", "This is not a date: give it as YYYY-MM-DD.")
        })?,
    };
    let layout = Layout::parse(view)?;
    let past = layout == Layout::List && past;
    let period = Period::of(layout, date, past, now, zone);
    let (sessions, pages) = if layout == Layout::List {
        let page = SessionsPage::from_address(after, before, "session list")?;
        // Upcoming in time order; past ones newest first.
        let order = if past { Order::Desc } else { Order::Asc };
        let slice =
            provider_sessions_page(db, actor, period.from, period.until, order, &page).await?;
        let pages = slice.links();
        (slice.rows, Some(pages))
    } else {
        let sessions = provider_sessions_with_sites(db, actor, period.from, period.until).await?;
        (sessions, None)
    };
    let count = match &pages {
        Some(pages) => usize::try_from(pages.total).unwrap_or(usize::MAX),
        None => sessions.len(),
    };
    // A joint session names the other providers beside the title.
    let joint = crate::teams::joint_names(
        db.conn(),
        &sessions.iter().map(|s| s.session.id).collect::<Vec<_>>(),
    )
    .await?;
    let own_name = actor.user().display_name.clone();
    // A multi-day visit is shown on each of its days, with that day's hours.
    let pieces: Vec<Piece<'_>> = sessions.iter().flat_map(Piece::of).collect();
    let item = |piece: &Piece<'_>| -> Result<SessionItem, ServiceError> {
        let s = piece.session;
        let (starts_at, ends_at) = (piece.starts_at, piece.ends_at);
        let status = SessionStatus::parse(&s.session.status)
            .map_err(|e| ServiceError::Internal(format!("session {}: {e}", s.session.id)))?;
        let title = match crate::teams::others_of(&joint, s.session.id, &own_name) {
            Some(with) => format!("{} ({with})", s.request_title),
            None => s.request_title.clone(),
        };
        Ok(SessionItem {
            id: s.session.id,
            title: match piece.day {
                Some((day, of)) => format!("{title} — visit day {day} of {of}"),
                None => title,
            },
            site: s.site.clone(),
            occurrence: s.session.occurrence,
            time: clock_span(starts_at, ends_at, zone),
            starts_utc: utc_text(starts_at),
            site_time: site_clock(starts_at, ends_at, zone, s.site_zone),
            status,
            status_label: provider_status_label(status).to_owned(),
            start_minute: minute_of_day(zone, starts_at, starts_at),
            end_minute: minute_of_day(zone, starts_at, ends_at),
            meeting_url: crate::meeting::meeting_url(&s.session),
        })
    };
    let day = |d: NaiveDate, in_period: bool, items: Vec<SessionItem>| SessionDay {
        iso: d.format("%Y-%m-%d").to_string(),
        full: long_date(d),
        number: d.day().to_string(),
        weekday: d.format("%a").to_string(),
        in_period,
        today: d == today,
        items,
    };
    let local_date = |s: &Piece<'_>| zone.local(s.starts_at).date();
    let days = if period.dates.is_empty() {
        // The list: only the dates that have sessions, in the list's order.
        let mut days: Vec<SessionDay> = Vec::new();
        for s in &pieces {
            let d = local_date(s);
            match days.last_mut() {
                Some(last) if last.iso == d.format("%Y-%m-%d").to_string() => {
                    last.items.push(item(s)?);
                }
                _ => days.push(day(d, true, vec![item(s)?])),
            }
        }
        days
    } else {
        let mut days = Vec::with_capacity(period.dates.len());
        for &d in &period.dates {
            let items = pieces
                .iter()
                .filter(|s| local_date(s) == d)
                .map(item)
                .collect::<Result<Vec<_>, _>>()?;
            let in_period = layout != Layout::Month || d.month() == date.month();
            days.push(day(d, in_period, items));
        }
        days
    };
    Ok(SessionsView {
        view: layout.as_str().to_owned(),
        past,
        date: date.format("%Y-%m-%d").to_string(),
        zone_label: zone_label(zone, now),
        heading: period.heading,
        previous: period.previous,
        next: period.next,
        days,
        count,
        pages,
    })
}

/// What one entry of the page shows: a session, or one day of a multi-day visit (its number
/// and the visit's days).
struct Piece<'a> {
    session: &'a ProviderSession,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    day: Option<(usize, usize)>,
}

impl<'a> Piece<'a> {
    /// The entries of `s`: one per day of a visit over several days (laid out on the site's
    /// clock), else the session itself.
    fn of(s: &'a ProviderSession) -> Vec<Self> {
        let days = crate::engine::worked_days(s.session.starts_at, s.session.ends_at, s.site_zone);
        if days.is_empty() {
            return vec![Piece {
                session: s,
                starts_at: s.session.starts_at,
                ends_at: s.session.ends_at,
                day: None,
            }];
        }
        let of = days.len();
        days.iter()
            .enumerate()
            .map(|(i, d)| Piece {
                session: s,
                starts_at: d.start(),
                ends_at: d.end(),
                day: Some((i + 1, of)),
            })
            .collect()
    }
}

/// Minutes after midnight on `zone`'s clock of `at`, counted from the midnight that begins the
/// day of `day_of` (so an end past midnight reads beyond 1440, clamped to 1440).
fn minute_of_day(
    zone: crate::zone::TimeZone,
    day_of: chrono::DateTime<chrono::Utc>,
    at: chrono::DateTime<chrono::Utc>,
) -> u16 {
    use chrono::Timelike;
    let day = zone.local(day_of).date();
    let local = zone.local(at);
    let days_later = (local.date() - day).num_days().max(0);
    let minutes = i64::from(local.hour() * 60 + local.minute()) + days_later * 1440;
    u16::try_from(minutes.clamp(0, 1440)).unwrap_or(1440)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn grid_minutes_follow_the_providers_clock_across_dst_and_midnight() {
        let ny = crate::zone::TimeZone::parse("America/New_York").unwrap();
        // 14:00 UTC is 09:00 EST before the change and 10:00 EDT after it.
        let before = chrono::Utc.with_ymd_and_hms(2027, 3, 12, 14, 0, 0).unwrap();
        let after = chrono::Utc.with_ymd_and_hms(2027, 3, 15, 14, 0, 0).unwrap();
        assert_eq!(minute_of_day(ny, before, before), 9 * 60);
        assert_eq!(minute_of_day(ny, after, after), 10 * 60);
        // A session from 23:00 to 01:00 is drawn to the end of its first day.
        let late = chrono::Utc.with_ymd_and_hms(2027, 1, 13, 4, 0, 0).unwrap();
        let past_midnight = late + chrono::Duration::hours(2);
        assert_eq!(minute_of_day(ny, late, late), 23 * 60);
        assert_eq!(minute_of_day(ny, late, past_midnight), 1440);
        let phoenix = crate::zone::TimeZone::parse("America/Phoenix").unwrap();
        assert_eq!(minute_of_day(phoenix, after, after), 7 * 60);
    }

    fn chicago() -> TimeZone {
        TimeZone::parse("America/Chicago").unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_week_is_monday_to_sunday_on_the_providers_calendar() {
        let now = Utc.with_ymd_and_hms(2027, 3, 1, 12, 0, 0).unwrap();
        let week = Period::of(Layout::Week, day(2027, 3, 11), false, now, chicago());
        assert_eq!(week.dates.first(), Some(&day(2027, 3, 8)));
        assert_eq!(week.dates.last(), Some(&day(2027, 3, 14)));
        assert_eq!(week.heading, "Week of Monday 8 March 2027");
        // Midnight in Chicago (CST) on the Monday.
        assert_eq!(
            week.from,
            Utc.with_ymd_and_hms(2027, 3, 8, 6, 0, 0).unwrap()
        );
        let previous = week.previous.unwrap();
        assert_eq!(
            previous.href,
            "/provider/sessions?view=week&date=2027-03-01"
        );
        assert_eq!(previous.label, "Previous week");
    }

    #[test]
    fn a_month_grid_is_whole_weeks_with_its_neighbours_named() {
        let now = Utc.with_ymd_and_hms(2027, 3, 1, 12, 0, 0).unwrap();
        let month = Period::of(Layout::Month, day(2027, 3, 20), false, now, chicago());
        assert_eq!(month.heading, "March 2027");
        assert_eq!(month.dates.len() % 7, 0);
        assert_eq!(month.dates.first(), Some(&day(2027, 3, 1)));
        assert_eq!(month.dates.last(), Some(&day(2027, 4, 4)));
        assert_eq!(month.next.unwrap().label, "Next month (April 2027)");
        assert_eq!(
            month.previous.unwrap().href,
            "/provider/sessions?view=month&date=2027-02-01"
        );
    }

    #[test]
    fn a_list_looks_two_years_ahead_or_one_back() {
        let now = Utc.with_ymd_and_hms(2027, 3, 1, 12, 0, 0).unwrap();
        let upcoming = Period::of(Layout::List, day(2027, 3, 1), false, now, chicago());
        assert_eq!(
            (upcoming.from, upcoming.heading.as_str()),
            (now, "Upcoming sessions")
        );
        assert!(upcoming.dates.is_empty() && upcoming.next.is_none());
        let past = Period::of(Layout::List, day(2027, 3, 1), true, now, chicago());
        assert_eq!((past.until, past.heading.as_str()), (now, "Past sessions"));
    }

    #[test]
    fn views_and_statuses_read_as_the_provider_reads_them() {
        assert_eq!(Layout::parse("").unwrap(), Layout::List);
        assert!(matches!(
            Layout::parse("year"),
            Err(ServiceError::InvalidFields(errors)) if errors.iter().any(|e| e.field == "view")
        ));
        assert_eq!(
            provider_status_label(SessionStatus::Tentative),
            "Tentative: awaiting approval"
        );
        assert_eq!(provider_status_label(SessionStatus::Completed), "Held");
        assert_eq!(provider_status_label(SessionStatus::Confirmed), "Confirmed");
    }
}
