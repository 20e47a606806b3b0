//! A provider's CalDAV password at rest (issue 18), on SQLite and PostgreSQL, against the real
//! Radicale of the `provider_calendars` tests: the stored column never holds the password (read
//! from the database directly), the refresh still signs in with it, a password that no longer
//! opens — another server key, an altered value, a value copied from another connection — shows
//! that connection failing with "enter it again" to the provider and to coordinators (never a
//! 500), entering it again mends it, and a row saved as typed before migration 32 is sealed when
//! the server starts (twice at once seals it once) and still works. A malformed key stops
//! start-up with a message naming where it came from.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, Database as SeaDatabase, DatabaseConnection, Statement};
use service::provider_calendars::{
    CalendarForm, UNREADABLE, connect_calendar, my_calendars, provider_calendar_states,
    refresh_calendar, seal_saved_passwords,
};
use service::secrets::SecretKey;

use crate::harness::fixtures::{
    SECRET_KEY, actor_of, coordinator_actor, secret_key, three_providers,
};
use crate::harness::{Backend, seeded_service_database};
use crate::provider_calendars::{Radicale, start_radicale};

on_both_backends!(
    the_stored_password_is_sealed_and_the_refresh_still_signs_in,
    a_password_that_does_not_open_is_shown_failing_and_can_be_entered_again,
    a_password_saved_as_typed_is_sealed_at_start_up_and_still_works,
);

/// The Phoenix provider of the fixtures.
const PROVIDER: i32 = 101;
/// Radicale's one account (see `provider_calendars::start_radicale`).
const USER: &str = "alex";
const PASSWORD: &str = "secret";

/// Makes calendar `name` of Radicale's user with one busy hour three weeks ahead; its address.
async fn radicale_calendar(radicale: &Radicale, name: &str) -> String {
    let client = reqwest::Client::new();
    let url = format!("{}/{USER}/{name}/", radicale.base);
    let made = client
        .request(reqwest::Method::from_bytes(b"MKCALENDAR").unwrap(), &url)
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status().as_u16(), 201, "MKCALENDAR {name}");
    let start = (Utc::now() + Duration::days(21)).format("%Y%m%dT150000Z");
    let end = (Utc::now() + Duration::days(21)).format("%Y%m%dT160000Z");
    let ics = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//TTA tests//EN\r\nBEGIN:VEVENT\r\n\
         UID:{name}@secrets\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let put = client
        .put(format!("{url}busy.ics"))
        .basic_auth(USER, Some(PASSWORD))
        .header("Content-Type", "text/calendar; charset=utf-8")
        .body(ics)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status().as_u16(), 201, "PUT into {name}");
    url
}

fn caldav_form<'a>(url: &'a str, password: &'a str) -> CalendarForm<'a> {
    CalendarForm {
        kind: "caldav",
        label: "Radicale",
        url,
        username: USER,
        password,
    }
}

/// The stored `(password, password_sealed)` of calendar `id`, read from the table itself.
async fn stored(raw: &DatabaseConnection, id: i32) -> (Option<String>, bool) {
    let row = raw
        .query_one_raw(Statement::from_string(
            raw.get_database_backend(),
            format!("SELECT password, password_sealed FROM provider_calendar WHERE id = {id}"),
        ))
        .await
        .unwrap()
        .expect("the calendar's row");
    (
        row.try_get::<Option<String>>("", "password").unwrap(),
        row.try_get::<bool>("", "password_sealed").unwrap(),
    )
}

async fn set_password(raw: &DatabaseConnection, id: i32, value: &str) {
    raw.execute_unprepared(&format!(
        "UPDATE provider_calendar SET password = '{value}' WHERE id = {id}"
    ))
    .await
    .unwrap();
}

/// A CalDAV connection saved as typed, as rows were before migration 32; its id.
async fn legacy_row(raw: &DatabaseConnection, url: &str) -> i32 {
    let row = raw
        .query_one_raw(Statement::from_string(
            raw.get_database_backend(),
            format!(
                "INSERT INTO provider_calendar (provider_id, kind, label, url, username, password, \
                 created_at, last_status, busy_count, next_refresh_at) VALUES ({PROVIDER}, \
                 'caldav', 'Saved before', '{url}', '{USER}', '{PASSWORD}', \
                 '2026-11-29 00:00:00+00:00', 'never', 0, '2099-01-01 00:00:00+00:00') \
                 RETURNING id"
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i32>("", "id").unwrap()
}

async fn the_stored_password_is_sealed_and_the_refresh_still_signs_in(backend: Backend) {
    let Some(radicale) = start_radicale().await else {
        return;
    };
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let alex = actor_of(&db, PROVIDER).await;
    let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    let url = radicale_calendar(&radicale, "work").await;
    let now = Utc::now();

    let row = connect_calendar(&db, &alex, &secret_key(), &caldav_form(&url, PASSWORD), now)
        .await
        .unwrap();
    assert_eq!(row.state, "Working", "{row:?}");
    assert_eq!(row.busy_count, 1, "{row:?}");

    let (password, sealed) = stored(&raw, row.id).await;
    let password = password.expect("a saved password");
    assert!(sealed);
    assert!(password.starts_with("v1:"), "{password}");
    assert!(!password.contains(PASSWORD), "{password}");
    // Nowhere else in the row either.
    let whole = raw
        .query_one_raw(Statement::from_string(
            raw.get_database_backend(),
            format!(
                "SELECT label, url, username, last_status, last_error FROM provider_calendar \
                 WHERE id = {}",
                row.id
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    for column in ["label", "url", "username", "last_status", "last_error"] {
        let value = whole.try_get::<Option<String>>("", column).unwrap();
        assert!(
            !value.unwrap_or_default().contains(PASSWORD),
            "{column} holds the password"
        );
    }

    // Refreshing opens it again (a second refresh, a minute later).
    let again = refresh_calendar(
        &db,
        &alex,
        &secret_key(),
        row.id,
        now + Duration::minutes(1),
    )
    .await
    .unwrap();
    assert_eq!(again.state, "Working", "{again:?}");
    assert_eq!(again.busy_count, 1);
    // The stored value did not change by being read, and the sweep leaves it alone.
    assert_eq!(stored(&raw, row.id).await.0.unwrap(), password);
    let report = seal_saved_passwords(&db, &secret_key(), now).await.unwrap();
    assert_eq!((report.sealed, report.unreadable), (0, 0));
}

async fn a_password_that_does_not_open_is_shown_failing_and_can_be_entered_again(backend: Backend) {
    let Some(radicale) = start_radicale().await else {
        return;
    };
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let alex = actor_of(&db, PROVIDER).await;
    let coordinator = coordinator_actor(&database.url, &db).await;
    let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    let work = radicale_calendar(&radicale, "work").await;
    let home = radicale_calendar(&radicale, "home").await;
    let now = Utc::now();
    let key = secret_key();
    let a = connect_calendar(&db, &alex, &key, &caldav_form(&work, PASSWORD), now)
        .await
        .unwrap();
    let b = connect_calendar(&db, &alex, &key, &caldav_form(&home, PASSWORD), now)
        .await
        .unwrap();
    assert!(!a.failing && !b.failing, "{a:?} {b:?}");

    // The server's key changed: the refresh cannot open it and says so.
    let other = SecretKey::generate().unwrap();
    let later = now + Duration::minutes(1);
    let failed = refresh_calendar(&db, &alex, &other, a.id, later)
        .await
        .unwrap();
    assert!(failed.failing, "{failed:?}");
    assert_eq!(failed.error, UNREADABLE);
    assert!(
        failed
            .error
            .contains("can no longer be read: enter it again")
    );
    assert_ne!(failed.last_success, "never", "when it last worked is kept");
    // A start-up with that key marks every such connection at once.
    let report = seal_saved_passwords(&db, &other, later).await.unwrap();
    assert_eq!((report.sealed, report.unreadable), (0, 2));
    let mine = my_calendars(&db, &alex, later).await.unwrap();
    assert!(
        mine.connections
            .iter()
            .all(|c| c.failing && c.error == UNREADABLE),
        "{mine:?}"
    );
    let states = provider_calendar_states(&db, &coordinator, None)
        .await
        .unwrap();
    assert!(
        states[0]
            .connections
            .iter()
            .all(|c| c.failing && c.error == UNREADABLE),
        "{states:?}"
    );

    // Entering it again (the same address and user name with the password) mends it.
    let mended = connect_calendar(&db, &alex, &other, &caldav_form(&work, PASSWORD), later)
        .await
        .unwrap();
    assert_eq!(mended.id, a.id, "the same connection, not a second one");
    assert!(!mended.failing, "{mended:?}");
    assert_eq!(mended.busy_count, 1);
    assert_eq!(
        my_calendars(&db, &alex, later)
            .await
            .unwrap()
            .connections
            .len(),
        2
    );

    // Under the right key again: an altered value fails, never a 500.
    let connected = connect_calendar(&db, &alex, &key, &caldav_form(&home, PASSWORD), later)
        .await
        .unwrap();
    assert!(!connected.failing, "{connected:?}");
    let (sealed, _) = stored(&raw, b.id).await;
    let sealed = sealed.unwrap();
    let mut altered: Vec<char> = sealed.chars().collect();
    let i = altered.len() / 2;
    altered[i] = if altered[i] == 'A' { 'B' } else { 'A' };
    let altered: String = altered.into_iter().collect();
    set_password(&raw, b.id, &altered).await;
    let tampered = refresh_calendar(&db, &alex, &key, b.id, later)
        .await
        .unwrap();
    assert!(tampered.failing, "{tampered:?}");
    assert_eq!(tampered.error, UNREADABLE);

    // A value sealed for one connection does not open in another.
    let (of_a, _) = stored(&raw, a.id).await;
    let mended_b = connect_calendar(&db, &alex, &key, &caldav_form(&home, PASSWORD), later)
        .await
        .unwrap();
    assert!(!mended_b.failing);
    set_password(&raw, b.id, &of_a.unwrap()).await;
    let copied = refresh_calendar(&db, &alex, &other, b.id, later)
        .await
        .unwrap();
    assert!(copied.failing, "{copied:?}");
    assert_eq!(copied.error, UNREADABLE);
}

async fn a_password_saved_as_typed_is_sealed_at_start_up_and_still_works(backend: Backend) {
    let Some(radicale) = start_radicale().await else {
        return;
    };
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let alex = actor_of(&db, PROVIDER).await;
    let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    let work = radicale_calendar(&radicale, "work").await;
    let first = legacy_row(&raw, &work).await;
    let second = legacy_row(&raw, "https://dav.example.org/alex/other/").await;
    assert_eq!(
        stored(&raw, first).await,
        (Some(PASSWORD.to_owned()), false)
    );

    // Two instances starting at once: each row is sealed once between them.
    let db2 = service::Database::connect(&service::DatabaseUrl::parse(&database.url).unwrap())
        .await
        .unwrap();
    let now = Utc::now();
    let key = secret_key();
    let (one, two) = tokio::join!(
        seal_saved_passwords(&db, &key, now),
        seal_saved_passwords(&db2, &key, now),
    );
    let (one, two) = (one.unwrap(), two.unwrap());
    assert_eq!(one.sealed + two.sealed, 2, "{one:?} {two:?}");
    for id in [first, second] {
        let (password, sealed) = stored(&raw, id).await;
        assert!(sealed);
        assert!(password.unwrap().starts_with("v1:"));
    }
    let report = seal_saved_passwords(&db, &secret_key(), now).await.unwrap();
    assert_eq!((report.sealed, report.unreadable), (0, 0), "idempotent");

    // The server's own start-up does it: a row saved as typed after the sweep above.
    set_password(&raw, first, PASSWORD).await;
    raw.execute_unprepared(&format!(
        "UPDATE provider_calendar SET password_sealed = FALSE WHERE id = {first}"
    ))
    .await
    .unwrap();
    let vars = [
        ("DATABASE_URL", database.url.clone()),
        ("TTA_LISTEN_ADDR", "127.0.0.1:0".to_owned()),
        ("RUST_LOG", "warn".to_owned()),
        ("TTA_MAIL_WORKER", "off".to_owned()),
        ("TTA_WEBHOOK_WORKER", "off".to_owned()),
        ("TTA_CALENDAR_POLL_SECS", "0".to_owned()),
        ("TTA_ALLOW_PRIVATE_ADDRESSES", "true".to_owned()),
        ("TTA_SECRET_KEY", SECRET_KEY.to_owned()),
    ];
    let config = server::config::Config::from_lookup(|name| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    })
    .unwrap();
    let app = server::startup::Application::build(&config).await.unwrap();
    drop(app);
    let (password, sealed) = stored(&raw, first).await;
    assert!(sealed);
    assert!(!password.unwrap().contains(PASSWORD));

    // …and it still signs in.
    let row = refresh_calendar(&db, &alex, &secret_key(), first, now)
        .await
        .unwrap();
    assert_eq!(row.state, "Working", "{row:?}");
    assert_eq!(row.busy_count, 1);
}

#[tokio::test]
async fn a_malformed_key_stops_start_up_with_a_message_naming_its_source() {
    let lookup = |pairs: Vec<(&'static str, String)>| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        }
    };
    let err = server::config::Config::from_lookup(lookup(vec![(
        "TTA_SECRET_KEY",
        "dG9vIHNob3J0".to_owned(),
    )]))
    .unwrap_err();
    assert_eq!(err.variable, "TTA_SECRET_KEY");
    assert!(!err.to_string().contains("dG9vIHNob3J0"), "{err}");

    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("secret.key");
    std::fs::write(&file, "not a key").unwrap();
    let config = server::config::Config::from_lookup(lookup(vec![
        (
            "DATABASE_URL",
            format!("sqlite://{}/tta.sqlite?mode=rwc", folder.path().display()),
        ),
        ("TTA_LISTEN_ADDR", "127.0.0.1:0".to_owned()),
        ("TTA_SECRET_KEY_FILE", file.display().to_string()),
    ]))
    .unwrap();
    let Err(err) = server::startup::Application::build(&config).await else {
        panic!("started with a malformed key file");
    };
    let text = err.to_string();
    assert!(
        text.contains("secret.key") && text.contains("base64"),
        "{text}"
    );
}

#[tokio::test]
async fn without_a_key_the_first_start_makes_a_private_key_file_beside_the_database() {
    let folder = tempfile::tempdir().unwrap();
    let vars = [
        (
            "DATABASE_URL",
            format!("sqlite://{}/tta.sqlite?mode=rwc", folder.path().display()),
        ),
        ("TTA_LISTEN_ADDR", "127.0.0.1:0".to_owned()),
        ("TTA_MAIL_WORKER", "off".to_owned()),
        ("TTA_CALENDAR_POLL_SECS", "0".to_owned()),
    ];
    let config = server::config::Config::from_lookup(|name| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    })
    .unwrap();
    drop(server::startup::Application::build(&config).await.unwrap());
    let file = folder.path().join("secret.key");
    let text = std::fs::read_to_string(&file).unwrap();
    SecretKey::parse(&text).expect("a key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // The next start reads the same key.
    drop(server::startup::Application::build(&config).await.unwrap());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}
