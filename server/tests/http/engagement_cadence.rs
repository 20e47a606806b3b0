//! Planning an engagement's cadence in one step (issue 16), through the use cases on SQLite and
//! PostgreSQL: a Memphis Operations engagement (America/Chicago) with a liaison in
//! America/Phoenix. Three years of monthly coaching are all placed at 10:00 on the site's clock
//! on both sides of every DST change, moving off the Fourth of July; a line past the planned end
//! or for a role nobody holds is refused beside its field; sending creates a request and a
//! proposal per line with one e-mail per provider, and sending the same preview again is a 409
//! naming the occurrence; site contacts and providers are refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone as _, Timelike, Utc};
use contract::forms::{CadenceForm, CadenceLineForm};
use sea_orm::{ConnectionTrait, Database as SeaDatabase};
use service::ServiceError;
use service::engagements::{cadence_choices, preview_cadence, send_cadence};

use crate::harness::fixtures::{
    COORDINATOR, MEMPHIS, actor_of, add_site_contact, coordinator_actor, notify, three_providers,
};
use crate::harness::{Backend, seeded_service_database};

crate::on_both_backends!(
    three_years_of_monthly_coaching_stay_at_ten_on_the_sites_clock,
    lines_past_the_end_or_for_a_role_nobody_holds_are_refused_beside_the_field,
    sending_creates_requests_and_proposals_and_one_email_per_provider,
    site_contacts_and_providers_are_refused,
);

/// `at` on Memphis's wall clock.
fn central(at: &DateTime<Utc>) -> NaiveDateTime {
    scheduling::Zone::parse("America/Chicago")
        .unwrap()
        .local(*at)
}

/// The tests' "now": 1 December 2026.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
}

/// A Memphis Operations engagement from 4 Jan 2027 to 31 Dec 2029 with Alex Phoenix (101) as
/// liaison and Dana Denver (102) as coach; answers its id.
async fn memphis_engagement(url: &str, db: &service::Database) -> i32 {
    three_providers(url, db).await;
    let raw = SeaDatabase::connect(url).await.unwrap();
    raw.execute_unprepared(
        "INSERT INTO engagement (site_id, kind, status, starts_on, planned_end, notes, created_at) \
         VALUES (3, 'operations', 'active', '2027-01-04', '2029-12-31', '', '2026-11-29 00:00:00+00:00')",
    )
    .await
    .unwrap();
    let id = scalar(&raw, "SELECT CAST(MAX(id) AS BIGINT) FROM engagement").await as i32;
    for (user, role) in [(101, "strategic_site_liaison"), (102, "coach")] {
        raw.execute_unprepared(&format!(
            "INSERT INTO engagement_member (engagement_id, user_id, side, role, created_at) \
             VALUES ({id}, {user}, 'tta', '{role}', '2026-11-29 00:00:00+00:00')"
        ))
        .await
        .unwrap();
    }
    assert_eq!(
        text(&raw, "SELECT time_zone FROM site WHERE id = 3").await,
        "America/Chicago"
    );
    raw.close().await.unwrap();
    id
}

async fn scalar(raw: &sea_orm::DatabaseConnection, sql: &str) -> i64 {
    let row = raw
        .query_one_raw(sea_orm::Statement::from_string(
            raw.get_database_backend(),
            sql.to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

async fn text(raw: &sea_orm::DatabaseConnection, sql: &str) -> String {
    let row = raw
        .query_one_raw(sea_orm::Statement::from_string(
            raw.get_database_backend(),
            sql.to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<String>(0).unwrap()
}

fn monthly_coaching() -> CadenceLineForm {
    CadenceLineForm {
        title: "Monthly coaching with the liaison".into(),
        role: "strategic_site_liaison".into(),
        cadence: "monthly".into(),
        session_minutes: "90".into(),
        modality: "virtual".into(),
        weekdays: vec!["tue".into(), "wed".into(), "thu".into()],
        window_start: "10:00".into(),
        window_end: "12:00".into(),
        from: "2027-01-04".into(),
        through: "2029-12-31".into(),
        moves: String::new(),
        providers: String::new(),
        visit_days: String::new(),
        travel_days: String::new(),
    }
}

fn quarterly_coach() -> CadenceLineForm {
    CadenceLineForm {
        title: "Quarterly working session with the coach".into(),
        role: "coach".into(),
        cadence: "quarterly".into(),
        session_minutes: "120".into(),
        weekdays: vec!["wed".into(), "thu".into()],
        window_start: "09:00".into(),
        window_end: "13:00".into(),
        ..monthly_coaching()
    }
}

fn form(lines: Vec<CadenceLineForm>) -> CadenceForm {
    CadenceForm {
        lines,
        previewed: String::new(),
    }
}

/// The previewed starts of line `index`, by occurrence.
fn starts(previewed: &str, index: usize) -> BTreeMap<u32, DateTime<Utc>> {
    previewed
        .split(';')
        .nth(index)
        .unwrap()
        .split(',')
        .map(|part| {
            let (occurrence, seconds) = part.split_once('@').unwrap();
            (
                occurrence.parse().unwrap(),
                Utc.timestamp_opt(seconds.parse().unwrap(), 0).unwrap(),
            )
        })
        .collect()
}

async fn three_years_of_monthly_coaching_stay_at_ten_on_the_sites_clock(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let engagement = memphis_engagement(&database.url, &db).await;
    let coordinator = coordinator_actor(&database.url, &db).await;

    let choices = cadence_choices(&db, &coordinator, engagement, now())
        .await
        .unwrap();
    assert_eq!(choices.site_zone, "America/Chicago");
    assert_eq!(choices.default_from, "2027-01-04");
    assert_eq!(choices.default_through, "2029-12-31");

    let preview = preview_cadence(
        &db,
        &coordinator,
        engagement,
        &form(vec![monthly_coaching()]),
        now(),
    )
    .await
    .unwrap();
    let line = &preview.lines[0];
    assert_eq!((line.requested, line.placed), (36, 36), "{line:?}");
    assert!(preview.can_send);
    assert!(
        line.provider.starts_with("Alex Phoenix"),
        "{}",
        line.provider
    );
    assert!(line.unplaced.is_empty());
    assert_eq!(line.first.len(), 3);
    assert!(line.first[0].contains("Jan 2027"), "{}", line.first[0]);

    let sessions = starts(&preview.previewed, 0);
    assert_eq!(sessions.len(), 36);
    let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
    for (occurrence, start) in &sessions {
        let local = central(start);
        assert_eq!(local.time(), ten, "session {occurrence} at {local}");
    }
    // 10:00 Central is 16:00 UTC in winter and 15:00 UTC in summer: both occur.
    let utc_hours: std::collections::BTreeSet<u32> = sessions.values().map(|s| s.hour()).collect();
    assert_eq!(utc_hours.into_iter().collect::<Vec<_>>(), vec![15, 16]);
    // Around the March and November changes of 2027 the wall clock holds: 2 March (CST) and
    // 6 April (CDT), 2 November (still CDT) and 7 December (CST).
    let in_month = |month: &str| {
        *sessions
            .values()
            .find(|s| central(s).date().to_string().starts_with(month))
            .unwrap()
    };
    for (month, utc_hour) in [
        ("2027-03", 16),
        ("2027-04", 15),
        ("2027-11", 15),
        ("2027-12", 16),
    ] {
        let at = in_month(month);
        assert_eq!(at.hour(), utc_hour, "{month}: {at}");
        assert_eq!(central(&at).time(), ten);
    }
    // The first Tuesday of July 2028 is the Fourth of July: that session moves to the 5th.
    let dates: Vec<NaiveDate> = sessions.values().map(|s| central(s).date()).collect();
    let fourth = NaiveDate::from_ymd_opt(2028, 7, 4).unwrap();
    assert!(!dates.contains(&fourth));
    assert!(dates.contains(&NaiveDate::from_ymd_opt(2028, 7, 5).unwrap()));
    assert!(line.moved >= 1);
    // Nothing was written.
    let raw = SeaDatabase::connect(&database.url).await.unwrap();
    assert_eq!(scalar(&raw, "SELECT COUNT(*) FROM tta_request").await, 0);
    assert_eq!(scalar(&raw, "SELECT COUNT(*) FROM tta_session").await, 0);
    raw.close().await.unwrap();
}

async fn lines_past_the_end_or_for_a_role_nobody_holds_are_refused_beside_the_field(
    backend: Backend,
) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let engagement = memphis_engagement(&database.url, &db).await;
    let coordinator = coordinator_actor(&database.url, &db).await;
    let past_the_end = CadenceLineForm {
        through: "2030-06-30".into(),
        ..monthly_coaching()
    };
    let analyst = CadenceLineForm {
        role: "crime_analyst".into(),
        ..monthly_coaching()
    };
    let too_long = CadenceLineForm {
        session_minutes: "600".into(),
        cadence: "daily".into(),
        ..monthly_coaching()
    };
    let refused = preview_cadence(
        &db,
        &coordinator,
        engagement,
        &form(vec![past_the_end, analyst, too_long]),
        now(),
    )
    .await;
    let Err(ServiceError::InvalidFields(errors)) = refused else {
        panic!("expected field errors, got {refused:?}");
    };
    assert_eq!(
        errors.message_for("line_0_through"),
        Some("The engagement ends 31 Dec 2029.")
    );
    assert_eq!(
        errors.message_for("line_1_role"),
        Some("No one on the TTA team is the crime analyst — add one under Team.")
    );
    assert!(
        errors
            .message_for("line_2_session_minutes")
            .is_some_and(|m| m.contains("15 to 480"))
    );
    assert!(errors.message_for("line_2_cadence").is_some());
    let empty = preview_cadence(&db, &coordinator, engagement, &form(vec![]), now()).await;
    assert!(
        matches!(&empty, Err(ServiceError::InvalidFields(e)) if e.message_for("lines").is_some()),
        "{empty:?}"
    );
}

async fn sending_creates_requests_and_proposals_and_one_email_per_provider(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let engagement = memphis_engagement(&database.url, &db).await;
    let coordinator = coordinator_actor(&database.url, &db).await;
    let lines = vec![monthly_coaching(), quarterly_coach()];

    // Sending without a preview is refused.
    let unseen = send_cadence(
        &db,
        &coordinator,
        engagement,
        &form(lines.clone()),
        &notify(),
        now(),
    )
    .await;
    assert!(
        matches!(&unseen, Err(ServiceError::InvalidFields(fields)) if fields.message_for("previewed").is_some()),
        "{unseen:?}"
    );

    let preview = preview_cadence(&db, &coordinator, engagement, &form(lines.clone()), now())
        .await
        .unwrap();
    assert_eq!((preview.requested, preview.placed), (48, 48));
    let previewed = CadenceForm {
        lines: lines.clone(),
        previewed: preview.previewed.clone(),
    };
    let sent = send_cadence(&db, &coordinator, engagement, &previewed, &notify(), now())
        .await
        .unwrap();
    assert_eq!(sent.requests.len(), 2);
    assert_eq!(sent.proposals.len(), 2);
    assert_eq!(sent.sessions, 48);
    assert!(sent.message.contains("Alex Phoenix"), "{}", sent.message);

    let raw = SeaDatabase::connect(&database.url).await.unwrap();
    assert_eq!(
        scalar(
            &raw,
            &format!(
                "SELECT COUNT(*) FROM tta_request WHERE engagement_id = {engagement} \
                 AND status = 'proposed' AND requested_by = {COORDINATOR}"
            )
        )
        .await,
        2
    );
    assert_eq!(
        scalar(&raw, "SELECT COUNT(*) FROM proposal WHERE status = 'sent'").await,
        2
    );
    assert_eq!(
        scalar(
            &raw,
            "SELECT COUNT(*) FROM tta_session WHERE status = 'tentative' AND provider_id = 101"
        )
        .await,
        36
    );
    assert_eq!(
        scalar(
            &raw,
            "SELECT COUNT(*) FROM tta_session WHERE status = 'tentative' AND provider_id = 102"
        )
        .await,
        12
    );
    // The sessions booked are the ones previewed.
    let first = starts(&preview.previewed, 0)[&1];
    assert_eq!(
        scalar(
            &raw,
            &format!(
                "SELECT COUNT(*) FROM tta_session WHERE provider_id = 101 AND occurrence = 1 \
                 AND starts_at = '{}'",
                first.format("%Y-%m-%d %H:%M:%S+00:00")
            )
        )
        .await
        .max(
            scalar(
                &raw,
                &format!(
                    "SELECT COUNT(*) FROM tta_session WHERE provider_id = 101 AND occurrence = 1 \
                     AND starts_at = '{}'",
                    first.to_rfc3339()
                )
            )
            .await
        ),
        1
    );
    for provider in [101, 102] {
        assert_eq!(
            scalar(
                &raw,
                &format!(
                    "SELECT COUNT(*) FROM email_outbox WHERE recipient = 'p{provider}@example.org'"
                )
            )
            .await,
            1,
            "one e-mail to provider {provider}"
        );
    }
    // Each request is acknowledged as a submitted one is ("request received" to the site's
    // contacts, the person who asked and the coordinators, once each): the coordinator who sent
    // them reads each as new work in the queue.
    assert_eq!(
        scalar(
            &raw,
            &format!(
                "SELECT COUNT(*) FROM email_outbox WHERE subject LIKE 'New request from %' \
                 AND recipient = 'p{COORDINATOR}@example.org'"
            )
        )
        .await,
        2,
        "one per request to the coordinator who sent them"
    );

    // The same preview again: the liaison's first session is now taken (by the first send).
    let again = send_cadence(&db, &coordinator, engagement, &previewed, &notify(), now()).await;
    let Err(ServiceError::Conflict(message)) = again else {
        panic!("expected 409, got {again:?}");
    };
    assert!(
        message.contains("Session 1 of “Monthly coaching with the liaison”"),
        "{message}"
    );
    assert_eq!(scalar(&raw, "SELECT COUNT(*) FROM proposal").await, 2);
    raw.close().await.unwrap();
}

async fn site_contacts_and_providers_are_refused(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let engagement = memphis_engagement(&database.url, &db).await;
    add_site_contact(&database.url, 200, "Morgan Memphis", MEMPHIS).await;
    for user in [200, 101] {
        let actor = actor_of(&db, user).await;
        let choices = cadence_choices(&db, &actor, engagement, now()).await;
        assert!(
            matches!(choices, Err(ServiceError::Forbidden(_))),
            "{choices:?}"
        );
        let preview = preview_cadence(
            &db,
            &actor,
            engagement,
            &form(vec![monthly_coaching()]),
            now(),
        )
        .await;
        assert!(
            matches!(preview, Err(ServiceError::Forbidden(_))),
            "{preview:?}"
        );
        let sent = send_cadence(
            &db,
            &actor,
            engagement,
            &CadenceForm {
                lines: vec![monthly_coaching()],
                previewed: "1@1".into(),
            },
            &notify(),
            now(),
        )
        .await;
        assert!(matches!(sent, Err(ServiceError::Forbidden(_))), "{sent:?}");
    }
    // An engagement that does not exist is not found for staff.
    let coordinator = coordinator_actor(&database.url, &db).await;
    let missing = cadence_choices(&db, &coordinator, 9999, now()).await;
    assert!(
        matches!(missing, Err(ServiceError::NotFound(_))),
        "{missing:?}"
    );
}
