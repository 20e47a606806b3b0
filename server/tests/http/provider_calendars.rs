//! Providers' own calendars (issue 18), on SQLite and PostgreSQL, against real servers: a
//! loopback HTTP server inside the test serves `.ics` files, and a real Radicale (Debian's
//! `radicale`, installed by scripts/setup.sh) is the CalDAV server. After a refresh the
//! provider's free time (the engine's preview, the inputs of matching and planning) excludes
//! exactly the busy events: a weekly series with an EXDATE and a moved occurrence
//! (RECURRENCE-ID), an all-day event on the provider's clock, an event in Asia/Tokyo, a series in
//! America/New_York across the March DST change; a TRANSP:TRANSPARENT event blocks nothing. A
//! failing calendar (404, unreachable, not a calendar, a wrong CalDAV password: 401) is shown to
//! the provider and to coordinators with when it last worked, and its last good busy times stay.
//!
//! Outside CI a machine without `radicale` skips the CalDAV test with a message; under CI=true
//! its absence fails it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use service::mail::messages::Tz;
use service::provider_calendars::{
    CalendarForm, connect_calendar, provider_calendar_states, refresh_calendar,
};
use service::providers::free_time_preview;

use crate::harness::fixtures::{COORDINATOR, actor_of, secret_key, three_providers};
use crate::harness::{Backend, seeded_service_database};

on_both_backends!(
    busy_events_of_an_ics_address_leave_exactly_their_times_taken,
    a_failing_ics_address_is_shown_and_keeps_its_last_busy_times,
    a_caldav_account_on_radicale_blocks_its_events_and_a_wrong_password_is_401,
);

/// The Phoenix provider of the fixtures: works 07:00–15:00 MST (UTC−7 all year), Mon–Fri.
const PROVIDER: i32 = 101;

// ---------------------------------------------------------------------------------------------
// A loopback HTTP server serving calendars: path → (status, body), changeable while it runs.

type Files = Arc<Mutex<HashMap<String, (u16, String)>>>;

/// Each previewed date's free stretches, and whether it is a holiday.
type FreeByDate = HashMap<NaiveDate, (Vec<(DateTime<Utc>, DateTime<Utc>)>, bool)>;

async fn serve_files(files: Files) -> String {
    use axum::extract::{Path, State};
    use axum::http::StatusCode;
    use axum::response::IntoResponse;

    async fn file(State(files): State<Files>, Path(name): Path<String>) -> impl IntoResponse {
        let found = files.lock().unwrap().get(&name).cloned();
        match found {
            Some((status, body)) => (
                StatusCode::from_u16(status).unwrap(),
                [("content-type", "text/calendar; charset=utf-8")],
                body,
            ),
            None => (
                StatusCode::NOT_FOUND,
                [("content-type", "text/plain")],
                "no such calendar".to_owned(),
            ),
        }
    }
    let app = axum::Router::new()
        .route("/{name}", axum::routing::get(file))
        .with_state(files);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

// ---------------------------------------------------------------------------------------------
// Dates: a clear stretch of weeks ahead, and the coming DST change of the United States.

fn phoenix(date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    Tz::America__Phoenix
        .with_ymd_and_hms(date.year(), date.month(), date.day(), hour, minute, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn ymd(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// The free stretches the preview shows for each date, for `weeks` weeks.
async fn free_by_date(
    db: &service::Database,
    actor: &service::access::Actor,
    now: DateTime<Utc>,
    weeks: u32,
) -> FreeByDate {
    free_time_preview(db, actor, now, weeks)
        .await
        .unwrap()
        .expect("a profile")
        .days
        .into_iter()
        .map(|d| (d.date, (d.free, d.holiday.is_some())))
        .collect()
}

/// A Monday at least three weeks ahead whose next three weeks hold no holiday.
fn clear_monday(today: NaiveDate, preview: &FreeByDate) -> NaiveDate {
    let mut monday = today + Duration::days(21);
    while monday.weekday() != Weekday::Mon {
        monday += Duration::days(1);
    }
    while (0..21).any(|d| {
        preview
            .get(&(monday + Duration::days(d)))
            .is_some_and(|(_, holiday)| *holiday)
    }) {
        monday += Duration::days(7);
    }
    monday
}

/// The Sunday on which New York moves to daylight time (second Sunday of March) whose Monday
/// before comes after `after`.
fn dst_start_after(after: NaiveDate) -> NaiveDate {
    let mut year = after.year();
    loop {
        let mut day = NaiveDate::from_ymd_opt(year, 3, 8).unwrap();
        while day.weekday() != Weekday::Sun {
            day += Duration::days(1);
        }
        if day - Duration::days(6) > after {
            return day;
        }
        year += 1;
    }
}

fn calendar(events: &[String]) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//TTA tests//EN\r\n{}END:VCALENDAR\r\n",
        events.concat()
    )
}

fn event(uid: &str, lines: &[String]) -> String {
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261201T000000Z\r\n{}\r\nEND:VEVENT\r\n",
        lines.join("\r\n")
    )
}

fn ics_form(url: &str) -> CalendarForm<'_> {
    CalendarForm {
        kind: "ics",
        label: "Work calendar",
        url,
        ..CalendarForm::default()
    }
}

// ---------------------------------------------------------------------------------------------

async fn busy_events_of_an_ics_address_leave_exactly_their_times_taken(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let alex = actor_of(&db, PROVIDER).await;
    let now = Utc::now();
    let today = now.with_timezone(&Tz::America__Phoenix).date_naive();
    let w = clear_monday(today, &free_by_date(&db, &alex, now, 10).await);
    let dst = dst_start_after(w + Duration::days(21));
    let weeks = u32::try_from((dst - today).num_days() / 7 + 3).unwrap();
    let before = free_by_date(&db, &alex, now, weeks).await;
    let (mon, tue, wed, thu) = (
        w,
        w + Duration::days(1),
        w + Duration::days(2),
        w + Duration::days(3),
    );
    let (dst_monday_before, dst_monday_after) = (dst - Duration::days(6), dst + Duration::days(1));
    let whole_day = |d: NaiveDate| vec![(phoenix(d, 7, 0), phoenix(d, 15, 0))];
    for d in [
        mon,
        tue,
        wed,
        thu,
        mon + Duration::days(7),
        mon + Duration::days(14),
    ] {
        assert_eq!(before[&d].0, whole_day(d), "{d} is free all day before");
    }

    let ics = calendar(&[
        // Weekly on Mondays 09:00–10:00 Phoenix, three times; the second one deleted (EXDATE),
        // the third moved to the Wednesday 13:00–14:00 (RECURRENCE-ID).
        event(
            "series@test",
            &[
                format!("DTSTART;TZID=America/Phoenix:{}T090000", ymd(mon)),
                format!("DTEND;TZID=America/Phoenix:{}T100000", ymd(mon)),
                "RRULE:FREQ=WEEKLY;COUNT=3".to_owned(),
                format!(
                    "EXDATE;TZID=America/Phoenix:{}T090000",
                    ymd(mon + Duration::days(7))
                ),
                "SUMMARY:Staff meeting".to_owned(),
            ],
        ),
        event(
            "series@test",
            &[
                format!(
                    "RECURRENCE-ID;TZID=America/Phoenix:{}T090000",
                    ymd(mon + Duration::days(14))
                ),
                format!(
                    "DTSTART;TZID=America/Phoenix:{}T130000",
                    ymd(wed + Duration::days(14))
                ),
                format!(
                    "DTEND;TZID=America/Phoenix:{}T140000",
                    ymd(wed + Duration::days(14))
                ),
            ],
        ),
        // All day on Tuesday: the provider's whole day.
        event(
            "allday@test",
            &[
                format!("DTSTART;VALUE=DATE:{}", ymd(tue)),
                format!("DTEND;VALUE=DATE:{}", ymd(tue + Duration::days(1))),
            ],
        ),
        // 01:00 Friday in Tokyo is 09:00 Thursday in Phoenix.
        event(
            "tokyo@test",
            &[
                format!(
                    "DTSTART;TZID=Asia/Tokyo:{}T010000",
                    ymd(thu + Duration::days(1))
                ),
                "DURATION:PT1H".to_owned(),
            ],
        ),
        // Shown as free: blocks nothing.
        event(
            "free@test",
            &[
                format!("DTSTART;TZID=America/Phoenix:{}T120000", ymd(thu)),
                format!("DTEND;TZID=America/Phoenix:{}T130000", ymd(thu)),
                "TRANSP:TRANSPARENT".to_owned(),
            ],
        ),
        // Cancelled: blocks nothing.
        event(
            "cancelled@test",
            &[
                format!("DTSTART;TZID=America/Phoenix:{}T080000", ymd(wed)),
                format!("DTEND;TZID=America/Phoenix:{}T090000", ymd(wed)),
                "STATUS:CANCELLED".to_owned(),
            ],
        ),
        // Noon in New York on the Mondays either side of the DST change: 10:00 and then 09:00
        // in Phoenix.
        event(
            "newyork@test",
            &[
                format!(
                    "DTSTART;TZID=America/New_York:{}T120000",
                    ymd(dst_monday_before)
                ),
                format!(
                    "DTEND;TZID=America/New_York:{}T130000",
                    ymd(dst_monday_before)
                ),
                "RRULE:FREQ=WEEKLY;COUNT=2".to_owned(),
            ],
        ),
    ]);
    let files: Files = Arc::default();
    files
        .lock()
        .unwrap()
        .insert("work.ics".to_owned(), (200, ics));
    let base = serve_files(files.clone()).await;
    let url = format!("{base}/work.ics");
    let row = connect_calendar(&db, &alex, &secret_key(), &ics_form(&url), now)
        .await
        .unwrap();
    assert_eq!(row.state, "Working", "{row:?}");
    assert!(!row.failing);
    assert_ne!(row.last_success, "never");
    // Mon, Wed+14, Tue, Thu (Tokyo), and the two New York Mondays.
    assert_eq!(row.busy_count, 6, "{row:?}");

    let after = free_by_date(&db, &alex, now, weeks).await;
    let expect = |d: NaiveDate, free: Vec<(DateTime<Utc>, DateTime<Utc>)>| {
        assert_eq!(after[&d].0, free, "free time on {d}");
    };
    expect(
        mon,
        vec![
            (phoenix(mon, 7, 0), phoenix(mon, 9, 0)),
            (phoenix(mon, 10, 0), phoenix(mon, 15, 0)),
        ],
    );
    expect(tue, vec![]);
    expect(wed, whole_day(wed));
    expect(
        thu,
        vec![
            (phoenix(thu, 7, 0), phoenix(thu, 9, 0)),
            (phoenix(thu, 10, 0), phoenix(thu, 15, 0)),
        ],
    );
    expect(mon + Duration::days(7), whole_day(mon + Duration::days(7)));
    expect(
        mon + Duration::days(14),
        whole_day(mon + Duration::days(14)),
    );
    let moved = wed + Duration::days(14);
    expect(
        moved,
        vec![
            (phoenix(moved, 7, 0), phoenix(moved, 13, 0)),
            (phoenix(moved, 14, 0), phoenix(moved, 15, 0)),
        ],
    );
    expect(
        dst_monday_before,
        vec![
            (
                phoenix(dst_monday_before, 7, 0),
                phoenix(dst_monday_before, 10, 0),
            ),
            (
                phoenix(dst_monday_before, 11, 0),
                phoenix(dst_monday_before, 15, 0),
            ),
        ],
    );
    expect(
        dst_monday_after,
        vec![
            (
                phoenix(dst_monday_after, 7, 0),
                phoenix(dst_monday_after, 9, 0),
            ),
            (
                phoenix(dst_monday_after, 10, 0),
                phoenix(dst_monday_after, 15, 0),
            ),
        ],
    );
    // Every other day is as it was.
    for (date, (free, _)) in &before {
        let touched = [mon, tue, thu, moved, dst_monday_before, dst_monday_after];
        if !touched.contains(date) {
            assert_eq!(&after[date].0, free, "free time on {date} is unchanged");
        }
    }

    // The series deleted from the calendar frees its times at the next refresh (the import
    // is replaced, not added to).
    files
        .lock()
        .unwrap()
        .insert("work.ics".to_owned(), (200, calendar(&[])));
    let row = refresh_calendar(&db, &alex, &secret_key(), row.id, now)
        .await
        .unwrap();
    assert_eq!((row.state.as_str(), row.busy_count), ("Working", 0));
    let cleared = free_by_date(&db, &alex, now, weeks).await;
    assert_eq!(cleared[&tue].0, whole_day(tue));
    assert_eq!(cleared[&mon].0, whole_day(mon));
}

async fn a_failing_ics_address_is_shown_and_keeps_its_last_busy_times(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let alex = actor_of(&db, PROVIDER).await;
    let coordinator = actor_of(&db, COORDINATOR).await;
    let now = Utc::now();
    let today = now.with_timezone(&Tz::America__Phoenix).date_naive();
    let before = free_by_date(&db, &alex, now, 6).await;
    let wed = clear_monday(today, &before) + Duration::days(2);

    let files: Files = Arc::default();
    files.lock().unwrap().insert(
        "busy.ics".to_owned(),
        (
            200,
            calendar(&[event(
                "one@test",
                &[
                    format!("DTSTART;TZID=America/Phoenix:{}T080000", ymd(wed)),
                    format!("DTEND;TZID=America/Phoenix:{}T090000", ymd(wed)),
                ],
            )]),
        ),
    );
    let base = serve_files(files.clone()).await;
    let url = format!("{base}/busy.ics");
    let row = connect_calendar(&db, &alex, &secret_key(), &ics_form(&url), now)
        .await
        .unwrap();
    assert_eq!((row.state.as_str(), row.busy_count), ("Working", 1));
    let worked = row.last_success.clone();
    let taken = vec![
        (phoenix(wed, 7, 0), phoenix(wed, 8, 0)),
        (phoenix(wed, 9, 0), phoenix(wed, 15, 0)),
    ];

    // Unpublished (404): failing, said so, the last good busy times kept.
    files
        .lock()
        .unwrap()
        .insert("busy.ics".to_owned(), (404, "gone".to_owned()));
    let later = now + Duration::minutes(5);
    let row = refresh_calendar(&db, &alex, &secret_key(), row.id, later)
        .await
        .unwrap();
    assert!(row.failing, "{row:?}");
    assert_eq!(row.state, "Failing");
    assert!(row.error.contains("HTTP 404"), "{}", row.error);
    assert_eq!(row.last_success, worked, "when it last worked is kept");
    assert_ne!(row.last_attempt, row.last_success);
    assert_eq!(free_by_date(&db, &alex, now, 6).await[&wed].0, taken);

    // Not a calendar.
    files.lock().unwrap().insert(
        "busy.ics".to_owned(),
        (200, "<html><body>Sign in</body></html>".to_owned()),
    );
    let row = refresh_calendar(&db, &alex, &secret_key(), row.id, later)
        .await
        .unwrap();
    assert!(row.failing);
    assert!(row.error.contains("could not be read"), "{}", row.error);

    // Unreachable: a port nothing listens on.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let url = format!("http://{closed}/cal.ics");
    let unreachable = connect_calendar(&db, &alex, &secret_key(), &ics_form(&url), now)
        .await
        .unwrap();
    assert!(unreachable.failing);
    assert!(
        unreachable.error.contains("could not be reached"),
        "{}",
        unreachable.error
    );
    assert_eq!(unreachable.last_success, "never");

    // Coordinators see both failures, with the sentence and when it last worked.
    let states = provider_calendar_states(&db, &coordinator, None)
        .await
        .unwrap();
    assert_eq!(states.len(), 1);
    assert_eq!(states[0].provider_id, PROVIDER);
    assert_eq!(states[0].connections.len(), 2);
    assert!(states[0].connections.iter().all(|c| c.failing));
    // …and providers may not read them.
    assert!(provider_calendar_states(&db, &alex, None).await.is_err());

    // Address checks name the field.
    let refused = connect_calendar(
        &db,
        &alex,
        &secret_key(),
        &ics_form("http://calendar.example.org/busy.ics"),
        now,
    )
    .await
    .unwrap_err();
    assert!(refused.to_string().contains("url"), "{refused}");
    let refused = connect_calendar(
        &db,
        &alex,
        &secret_key(),
        &CalendarForm {
            kind: "caldav",
            url: "https://dav.example.org/alex/work/",
            ..CalendarForm::default()
        },
        now,
    )
    .await
    .unwrap_err();
    let text = refused.to_string();
    assert!(
        text.contains("username") && text.contains("password"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// Radicale

/// A Radicale on a free loopback port with its own storage and a plain htpasswd file holding
/// `alex:secret`; killed when dropped.
pub(crate) struct Radicale {
    child: std::process::Child,
    pub(crate) base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) async fn start_radicale() -> Option<Radicale> {
    let program = ["radicale", "../target/python-tools/bin/radicale"]
        .into_iter()
        .find(|p| {
            std::process::Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let Some(program) = program else {
        assert!(
            std::env::var_os("CI").is_none(),
            "radicale (Debian's radicale, installed by scripts/setup.sh) is required under CI"
        );
        eprintln!(
            "skipping the CalDAV test: radicale is not installed (scripts/setup.sh installs it)"
        );
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let users = dir.path().join("users");
    std::fs::write(&users, "alex:secret\n").unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = std::process::Command::new(program)
        .arg("--config")
        .arg("")
        .arg("--server-hosts")
        .arg(format!("127.0.0.1:{port}"))
        .args([
            "--auth-type",
            "htpasswd",
            "--auth-htpasswd-encryption",
            "plain",
        ])
        .arg("--auth-htpasswd-filename")
        .arg(&users)
        .arg("--storage-filesystem-folder")
        .arg(dir.path().join("collections"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let radicale = Radicale {
        child,
        base: format!("http://127.0.0.1:{port}"),
        _dir: dir,
    };
    // Ready when it answers; polled (a loaded machine may take seconds to start Python).
    let client = reqwest::Client::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if client.get(&radicale.base).send().await.is_ok() {
            return Some(radicale);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "radicale did not start within a minute"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn a_caldav_account_on_radicale_blocks_its_events_and_a_wrong_password_is_401(
    backend: Backend,
) {
    let Some(radicale) = start_radicale().await else {
        return;
    };
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let alex = actor_of(&db, PROVIDER).await;
    let now = Utc::now();
    let today = now.with_timezone(&Tz::America__Phoenix).date_naive();
    let before = free_by_date(&db, &alex, now, 8).await;
    let mon = clear_monday(today, &before);
    let (wed, fri) = (mon + Duration::days(2), mon + Duration::days(4));

    // The calendar, and its events PUT as a calendar app would.
    let client = reqwest::Client::new();
    let calendar_url = format!("{}/alex/work/", radicale.base);
    let made = client
        .request(
            reqwest::Method::from_bytes(b"MKCALENDAR").unwrap(),
            &calendar_url,
        )
        .basic_auth("alex", Some("secret"))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status().as_u16(), 201);
    let events = [
        (
            "tokyo",
            event(
                "tokyo@caldav",
                &[
                    format!(
                        "DTSTART;TZID=Asia/Tokyo:{}T010000",
                        ymd(wed + Duration::days(1))
                    ),
                    format!(
                        "DTEND;TZID=Asia/Tokyo:{}T020000",
                        ymd(wed + Duration::days(1))
                    ),
                ],
            ),
        ),
        (
            "daily",
            event(
                "daily@caldav",
                &[
                    format!("DTSTART:{}T150000Z", ymd(mon)),
                    format!("DTEND:{}T153000Z", ymd(mon)),
                    "RRULE:FREQ=DAILY;COUNT=5".to_owned(),
                    format!("EXDATE:{}T150000Z", ymd(mon + Duration::days(1))),
                ],
            ),
        ),
        (
            "free",
            event(
                "free@caldav",
                &[
                    format!("DTSTART;TZID=America/Phoenix:{}T120000", ymd(fri)),
                    format!("DTEND;TZID=America/Phoenix:{}T130000", ymd(fri)),
                    "TRANSP:TRANSPARENT".to_owned(),
                ],
            ),
        ),
    ];
    for (name, ics) in events {
        let put = client
            .put(format!("{calendar_url}{name}.ics"))
            .basic_auth("alex", Some("secret"))
            .header("Content-Type", "text/calendar; charset=utf-8")
            .body(calendar(&[ics]))
            .send()
            .await
            .unwrap();
        assert_eq!(put.status().as_u16(), 201, "PUT {name}");
    }

    let row = connect_calendar(
        &db,
        &alex,
        &secret_key(),
        &CalendarForm {
            kind: "caldav",
            label: "Radicale",
            url: &calendar_url,
            username: "alex",
            password: "secret",
        },
        now,
    )
    .await
    .unwrap();
    assert_eq!(row.state, "Working", "{row:?}");
    // Tokyo (Wed 09:00 Phoenix) and four of the five daily 08:00 Phoenix half hours.
    assert_eq!(row.busy_count, 5, "{row:?}");
    assert!(
        !row.address.contains("secret"),
        "the password is never shown"
    );
    let after = free_by_date(&db, &alex, now, 8).await;
    assert_eq!(
        after[&mon].0,
        vec![
            (phoenix(mon, 7, 0), phoenix(mon, 8, 0)),
            (phoenix(mon, 8, 30), phoenix(mon, 15, 0)),
        ]
    );
    let tue = mon + Duration::days(1);
    assert_eq!(
        after[&tue].0,
        vec![(phoenix(tue, 7, 0), phoenix(tue, 15, 0))]
    );
    assert_eq!(
        after[&wed].0,
        vec![
            (phoenix(wed, 7, 0), phoenix(wed, 8, 0)),
            (phoenix(wed, 8, 30), phoenix(wed, 9, 0)),
            (phoenix(wed, 10, 0), phoenix(wed, 15, 0)),
        ]
    );
    assert_eq!(
        after[&fri].0,
        vec![
            (phoenix(fri, 7, 0), phoenix(fri, 8, 0)),
            (phoenix(fri, 8, 30), phoenix(fri, 15, 0)),
        ],
        "the transparent event blocks nothing"
    );

    // A wrong password: refused by the server, recorded and shown as a 401.
    let wrong = connect_calendar(
        &db,
        &alex,
        &secret_key(),
        &CalendarForm {
            kind: "caldav",
            label: "Radicale, wrong password",
            url: &calendar_url,
            username: "Alex",
            password: "not the password",
        },
        now,
    )
    .await
    .unwrap();
    assert!(wrong.failing, "{wrong:?}");
    assert!(wrong.error.contains("HTTP 401"), "{}", wrong.error);
    assert_eq!(wrong.last_success, "never");
}
