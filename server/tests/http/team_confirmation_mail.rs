//! A team's approval e-mails the site once (issue 16), on SQLite and PostgreSQL: each provider
//! of the team gets their own confirmation with their own invites, and each contact of the site
//! gets exactly ONE confirmation naming the whole team, with every provider's invite for every
//! session attached (one file each) — not one message per provider.

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

crate::on_both_backends!(a_team_approval_sends_each_site_contact_one_message_naming_the_team);

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
