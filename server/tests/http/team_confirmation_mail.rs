//! A team's approval e-mails the site once (issue 16), on SQLite and PostgreSQL: each provider
//! of the team gets their own confirmation with their own invites, and each contact of the site
//! gets exactly ONE confirmation naming the whole team, with every provider's invite for every
//! session attached (one file each) — not one message per provider. Moving or cancelling one
//! joint session changes every provider's row, and is again one message per provider and ONE
//! per site contact naming the team, with both providers' invites.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeZone as _, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::harness;
use harness::Backend;
use harness::fixtures::*;
use service::entities::{email_attachment, email_outbox};
use service::proposals::{accept_proposal, approve_proposal};
use service::requests::store_request;
use service::teams::{propose_team, request_teams};

crate::on_both_backends!(
    a_team_approval_sends_each_site_contact_one_message_naming_the_team,
    a_team_session_moved_or_cancelled_is_one_message_per_contact,
);

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()
}

async fn confirmations(db: &service::Database, email: &str) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find()
        .filter(email_outbox::Column::Recipient.eq(email))
        .filter(email_outbox::Column::Event.eq("schedule_confirmed"))
        .all(db.conn())
        .await
        .unwrap()
}

async fn attachments(db: &service::Database, message: i64) -> Vec<String> {
    email_attachment::Entity::find()
        .filter(email_attachment::Column::OutboxId.eq(message))
        .order_by_asc(email_attachment::Column::Position)
        .all(db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.filename)
        .collect()
}

async fn a_team_approval_sends_each_site_contact_one_message_naming_the_team(backend: Backend) {
    let Some((database, db)) = harness::seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    add_site_contact(&database.url, 301, "Morgan Memphis", MEMPHIS).await;
    add_site_contact(&database.url, 302, "Riley Memphis", MEMPHIS).await;
    let coordinator = actor_of(&db, COORDINATOR).await;
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    propose_team(&db, &coordinator, request, "101,102", &notify(), now())
        .await
        .unwrap();
    let teams = request_teams(&db, &coordinator, request).await.unwrap();
    let (alex, dana) = (
        teams[0].members[0].proposal_id,
        teams[0].members[1].proposal_id,
    );
    accept_proposal(&db, &actor_of(&db, 101).await, alex)
        .await
        .unwrap();
    accept_proposal(&db, &actor_of(&db, 102).await, dana)
        .await
        .unwrap();
    assert_eq!(
        approve_proposal(&db, &coordinator, alex, &notify())
            .await
            .unwrap(),
        12
    );

    // Each provider: their own confirmation, with their six invites.
    for (email, other) in [
        ("p101@example.org", "Dana Denver"),
        ("p102@example.org", "Alex Phoenix"),
    ] {
        let mine = confirmations(&db, email).await;
        assert_eq!(mine.len(), 1, "{email}");
        assert!(mine[0].body_text.contains(other), "{email}");
        assert_eq!(attachments(&db, mine[0].id).await.len(), 6, "{email}");
    }
    // Each site contact: one message naming the team, with both providers' invites for each of
    // the six sessions.
    for email in ["p301@example.org", "p302@example.org"] {
        let theirs = confirmations(&db, email).await;
        assert_eq!(
            theirs.len(),
            1,
            "{email}: one message, not one per provider"
        );
        let message = &theirs[0];
        assert!(
            message
                .subject
                .contains("with Alex Phoenix and Dana Denver"),
            "{}",
            message.subject
        );
        assert!(
            message
                .body_text
                .contains("Alex Phoenix and Dana Denver lead every session together"),
            "{}",
            message.body_text
        );
        for occurrence in 1..=6 {
            assert!(
                message
                    .body_text
                    .contains(&format!("Session {occurrence}: ")),
                "{}",
                message.body_text
            );
        }
        let files = attachments(&db, message.id).await;
        assert_eq!(files.len(), 12, "{files:?}");
        assert!(files.contains(&"session-1-1.ics".to_owned()), "{files:?}");
        assert!(files.contains(&"session-6-2.ics".to_owned()), "{files:?}");
    }
    // Nobody else was told twice: the outbox holds exactly four confirmations.
    let all = email_outbox::Entity::find()
        .filter(email_outbox::Column::Event.eq("schedule_confirmed"))
        .all(db.conn())
        .await
        .unwrap();
    assert_eq!(
        all.len(),
        4,
        "{:?}",
        all.iter().map(|m| &m.recipient).collect::<Vec<_>>()
    );
}

async fn messages(db: &service::Database, event: &str, email: &str) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find()
        .filter(email_outbox::Column::Recipient.eq(email))
        .filter(email_outbox::Column::Event.eq(event))
        .all(db.conn())
        .await
        .unwrap()
}

async fn a_team_session_moved_or_cancelled_is_one_message_per_contact(backend: Backend) {
    use chrono::{Datelike, Duration, Weekday};
    use service::entities::tta_session;
    use service::sessions::{MoveScope, SessionMove, cancel_session, move_sessions};

    let Some((database, db)) = harness::seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    add_site_contact(&database.url, 301, "Morgan Memphis", MEMPHIS).await;
    add_site_contact(&database.url, 302, "Riley Memphis", MEMPHIS).await;
    let coordinator = actor_of(&db, COORDINATOR).await;
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    propose_team(&db, &coordinator, request, "101,102", &notify(), now())
        .await
        .unwrap();
    let teams = request_teams(&db, &coordinator, request).await.unwrap();
    let (alex, dana) = (
        teams[0].members[0].proposal_id,
        teams[0].members[1].proposal_id,
    );
    accept_proposal(&db, &actor_of(&db, 101).await, alex)
        .await
        .unwrap();
    accept_proposal(&db, &actor_of(&db, 102).await, dana)
        .await
        .unwrap();
    approve_proposal(&db, &coordinator, alex, &notify())
        .await
        .unwrap();
    let row = |occurrence: i32| {
        let db = db.clone();
        async move {
            tta_session::Entity::find()
                .filter(tta_session::Column::RequestId.eq(request))
                .filter(tta_session::Column::Occurrence.eq(occurrence))
                .all(db.conn())
                .await
                .unwrap()
        }
    };
    let chicago = scheduling::Zone::parse("America/Chicago").unwrap();

    // Alex's row of session 2 moves a day: Dana's row moves with it.
    let second = row(2).await;
    let alex_row = second.iter().find(|s| s.provider_id == 101).unwrap();
    let local = chicago.local(alex_row.starts_at);
    let shift = if local.weekday() == Weekday::Thu {
        -1
    } else {
        1
    };
    move_sessions(
        &db,
        &coordinator,
        SessionMove {
            session_id: alex_row.id,
            scope: MoveScope::One,
            to: local + Duration::days(shift),
        },
        &notify(),
        now(),
    )
    .await
    .unwrap();
    let moved = row(2).await;
    assert_eq!(moved.len(), 2);
    assert!(
        moved
            .iter()
            .all(|s| s.starts_at == alex_row.starts_at + Duration::days(shift)),
        "{moved:?}"
    );
    for email in ["p101@example.org", "p102@example.org"] {
        assert_eq!(
            messages(&db, "session_rescheduled", email).await.len(),
            1,
            "{email}"
        );
    }
    for email in ["p301@example.org", "p302@example.org"] {
        let theirs = messages(&db, "session_rescheduled", email).await;
        assert_eq!(theirs.len(), 1, "{email}: one message for the team");
        assert!(
            theirs[0]
                .subject
                .contains("with Alex Phoenix and Dana Denver"),
            "{}",
            theirs[0].subject
        );
        let files = attachments(&db, theirs[0].id).await;
        assert_eq!(files, ["session-2-1.ics", "session-2-2.ics"]);
    }

    // Dana's row of session 3 is cancelled: Alex's goes with it, one message per person.
    let third = row(3).await;
    let dana_row = third.iter().find(|s| s.provider_id == 102).unwrap();
    cancel_session(&db, &coordinator, dana_row.id, &notify())
        .await
        .unwrap();
    assert!(row(3).await.iter().all(|s| s.status == "cancelled"));
    for email in ["p101@example.org", "p102@example.org"] {
        assert_eq!(
            messages(&db, "sessions_cancelled", email).await.len(),
            1,
            "{email}"
        );
    }
    for email in ["p301@example.org", "p302@example.org"] {
        let theirs = messages(&db, "sessions_cancelled", email).await;
        assert_eq!(theirs.len(), 1, "{email}: one message for the team");
        assert!(
            theirs[0]
                .body_text
                .contains("with Alex Phoenix and Dana Denver"),
            "{}",
            theirs[0].body_text
        );
        assert_eq!(attachments(&db, theirs[0].id).await.len(), 2);
    }
    // Exactly once: the outbox holds one of each per person, four people.
    for event in ["session_rescheduled", "sessions_cancelled"] {
        let all = email_outbox::Entity::find()
            .filter(email_outbox::Column::Event.eq(event))
            .all(db.conn())
            .await
            .unwrap();
        assert_eq!(all.len(), 4, "{event}");
    }
}
