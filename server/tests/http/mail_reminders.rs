//! Reminders and feedback requests fall due with time: `reminders::enqueue_due` queues a
//! reminder for a confirmed session starting within the lead time (to the provider and the
//! site's contacts, in their zones), a feedback request for a session that just ended, nothing
//! for tentative or far-off sessions, nothing twice on a second call, and a fresh reminder when
//! the session moves. On SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{harness, mail_support};
use std::time::Duration;

use chrono::{Duration as Span, DurationRound as _, Utc};
use harness::Backend;
use mail_support::*;
use sea_orm::{ConnectionTrait, Statement};
use service::mail::ReminderSettings;
use service::mail::messages::Contact;
use service::mail::reminders::enqueue_due;
use service::sessions::{NewSession, book_series};
use service::status::SessionStatus;
use service::zone::TimeZone;

fn settings() -> ReminderSettings {
    let contact = Contact {
        name: "Casey Coordinator".to_owned(),
        email: "casey@psp.example.gov".to_owned(),
    };
    ReminderSettings {
        lead: Duration::from_secs(24 * 3600),
        feedback_window: Duration::from_secs(7 * 24 * 3600),
        contact: contact.clone(),
        organizer: contact,
        app_url: "https://tta.example.org".to_owned(),
    }
}

async fn due_reminders_are_queued_once(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    demo::seed_reference_data(&f.db).await.unwrap();
    let now_sql = "'2026-11-29 00:00:00+00:00'";
    for sql in [
        format!(
            "INSERT INTO app_user (email, email_normalized, display_name, time_zone, role, active, created_at, updated_at) \
         VALUES ('pat@example.org', 'pat@example.org', 'Pat Provider', 'America/Phoenix', 'provider', TRUE, {now_sql}, {now_sql})"
        ),
        format!(
            "INSERT INTO app_user (email, email_normalized, display_name, time_zone, role, active, created_at, updated_at) \
         VALUES ('sam@bham.example.gov', 'sam@bham.example.gov', 'Sam Site', 'America/Chicago', 'site_contact', TRUE, {now_sql}, {now_sql})"
        ),
        "INSERT INTO site_contact (site_id, user_id) VALUES (1, 2)".to_owned(),
        format!(
            "INSERT INTO tta_request (site_id, title, description, engagement_type, modality, session_count, cadence, \
         session_minutes, earliest_date, latest_date, preferred_weekdays, preferred_start_minute, preferred_end_minute, \
         anchor_zone, minimum_level, expected_attendees, notes, status, created_at, updated_at) \
         VALUES (1, 'Gun violence coaching', '', 'operations', 'virtual', 4, 'weekly', 60, '2026-01-01', '2030-01-01', \
         '1,2,3', 540, 720, 'America/Chicago', 1, 12, '', 'scheduled', {now_sql}, {now_sql})"
        ),
    ] {
        f.raw.execute_unprepared(&sql).await.unwrap();
    }
    let now = Utc::now().duration_trunc(Span::minutes(1)).unwrap();
    let session =
        |occurrence: i32, start: chrono::DateTime<Utc>, status: SessionStatus| NewSession {
            request_id: 1,
            provider_id: 1,
            proposal_id: None,
            occurrence,
            starts_at: start,
            ends_at: start + Span::minutes(60),
            buffer_before: Span::zero(),
            buffer_after: Span::zero(),
            anchor_zone: TimeZone::parse("America/Chicago").unwrap(),
            location: String::new(),
            virtual_link: "https://meet.example.org/psp".to_owned(),
            status,
        };
    book_series(
        &f.db,
        &[
            session(1, now - Span::hours(3), SessionStatus::Confirmed), // ended: feedback
            session(2, now + Span::hours(10), SessionStatus::Confirmed), // reminder due
            session(3, now + Span::hours(12), SessionStatus::Tentative), // not confirmed
            session(4, now + Span::days(3), SessionStatus::Confirmed),  // not yet
        ],
    )
    .await
    .unwrap();

    assert_eq!(enqueue_due(&f.db, now, &settings()).await.unwrap(), 3);
    assert_eq!(
        enqueue_due(&f.db, now, &settings()).await.unwrap(),
        0,
        "idempotent"
    );
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_outbox WHERE event = 'reminder'")
            .await,
        2,
        "provider and site contact"
    );
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_outbox WHERE event = 'feedback_request' AND recipient = 'sam@bham.example.gov'").await,
        1
    );
    let row = f
        .raw
        .query_one_raw(Statement::from_string(
            f.raw.get_database_backend(),
            "SELECT subject, body_text FROM email_outbox WHERE event = 'reminder' AND recipient = 'pat@example.org'",
        ))
        .await
        .unwrap()
        .unwrap();
    let text: String = row.try_get("", "body_text").unwrap();
    assert!(text.contains(" MST (site: "), "{text}");
    assert!(text.contains("Questions? Contact Casey Coordinator at casey@psp.example.gov."));

    // The session moves four hours later: a new reminder for its new time.
    f.raw
        .execute_unprepared("UPDATE tta_session SET sequence = sequence + 1 WHERE occurrence = 2")
        .await
        .unwrap();
    let moved = now + Span::hours(14);
    let sql = match f.raw.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            "UPDATE tta_session SET starts_at = $1, ends_at = $2, blocked_from = $1, blocked_until = $2 WHERE occurrence = 2"
        }
        _ => {
            "UPDATE tta_session SET starts_at = ?1, ends_at = ?2, blocked_from = ?1, blocked_until = ?2 WHERE occurrence = 2"
        }
    };
    f.raw
        .execute_raw(Statement::from_sql_and_values(
            f.raw.get_database_backend(),
            sql,
            [moved.into(), (moved + Span::minutes(60)).into()],
        ))
        .await
        .unwrap();
    assert_eq!(enqueue_due(&f.db, now, &settings()).await.unwrap(), 2);
    assert_eq!(enqueue_due(&f.db, now, &settings()).await.unwrap(), 0);
}

mail_test_on_both!(due_reminders_are_queued_once);
