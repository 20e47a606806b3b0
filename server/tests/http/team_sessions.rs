//! Sessions with several providers (issue 16) on both databases: a request proposed to a team
//! of two is planned so every time suits both (one busy at the first-choice time moves the
//! session for the whole team) and books a row for each; the coordinator approves once both
//! accepted; one decline releases the whole team; the same team proposed twice at once books
//! once (the other is a 409), and a provider booked meanwhile is a 409 naming them; who may see
//! and do what.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeZone as _, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::harness;
use harness::Backend;
use harness::fixtures::*;
use service::ServiceError;
use service::entities::{email_outbox, session_team, tta_session};
use service::proposals::{
    ProposedOccurrence, accept_proposal, approve_proposal, book_proposal, decline_proposal,
    proposal_view, provider_inbox, request_sessions,
};
use service::requests::{request_view, store_request};
use service::status::{ProposalStatus, RequestStatus};
use service::teams::{
    TeamMemberBooking, book_team, joint_names, propose_team, request_teams, team_plan_page,
};

/// The tests' "now": 29 November 2026.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()
}

/// The team's proposals (lead first) and their sessions by provider.
async fn team_rows(db: &service::Database, request: i32) -> Vec<tta_session::Model> {
    request_sessions(db, request)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.status != "cancelled")
        .collect()
}

/// Alex Phoenix (101) and Dana Denver (102), with Dana busy at the series' first-choice time:
/// the team's plan moves the first session for both, and each gets a tentative row for every
/// occurrence at the same instants; both accept and the coordinator's approval confirms all.
async fn a_busy_member_moves_the_team_and_both_rows_book(backend: Backend) {
    let Some((database, db)) = harness::seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    add_site_contact(&database.url, 301, "Morgan Memphis", MEMPHIS).await;
    let coordinator = actor_of(&db, COORDINATOR).await;
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    // Dana's first-choice time is taken by another request's session.
    let alone = planned_occurrences(&db, request, 102).await;
    let busy = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    book_proposal(
        &db,
        busy,
        102,
        &alone[..1],
        0.5,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();

    // The common plan names Dana as the reason the first session moved.
    let plan = team_plan_page(&db, &coordinator, request, "101,102", now())
        .await
        .unwrap();
    assert_eq!(plan.with_names, "Alex Phoenix and Dana Denver");
    assert_eq!((plan.placed, plan.requested), (6, 6));
    assert!(plan.can_send);
    assert!(
        plan.occurrences[0]
            .note
            .contains("Dana Denver has another session then"),
        "{:?}",
        plan.occurrences[0]
    );
    assert!(!plan.occurrences[0].note.contains("Alex Phoenix"));

    let team = propose_team(&db, &coordinator, request, "101,102", &notify(), now())
        .await
        .unwrap();
    assert_eq!(
        request_view(&db, request).await.unwrap().status,
        RequestStatus::Proposed
    );
    let rows = team_rows(&db, request).await;
    assert_eq!(rows.len(), 12, "a row per provider per occurrence");
    for occurrence in 1..=6 {
        let pair: Vec<&tta_session::Model> =
            rows.iter().filter(|s| s.occurrence == occurrence).collect();
        assert_eq!(pair.len(), 2);
        assert_ne!(pair[0].provider_id, pair[1].provider_id);
        assert_eq!(
            pair[0].starts_at, pair[1].starts_at,
            "one time for the team"
        );
        assert_ne!(
            pair[0].calendar_uid, pair[1].calendar_uid,
            "each row its own UID"
        );
        assert!(pair.iter().all(|s| s.status == "tentative"));
    }
    let first = rows.iter().find(|s| s.occurrence == 1).unwrap();
    assert_ne!(
        first.starts_at, alone[0].starts_at,
        "not at Dana's busy time"
    );
    assert!(
        first.starts_at >= alone[0].ends_at || first.ends_at <= alone[0].starts_at,
        "clear of Dana's session"
    );
    // Every joint row names both providers.
    let names = joint_names(db.conn(), &[first.id]).await.unwrap();
    assert_eq!(
        names.get(&first.id).unwrap(),
        &vec!["Alex Phoenix".to_owned(), "Dana Denver".to_owned()]
    );
    let teams = request_teams(&db, &coordinator, request).await.unwrap();
    assert_eq!(teams.len(), 1);
    assert_eq!(teams[0].id, team);
    assert!(!teams[0].can_approve);
    assert_eq!(teams[0].waiting_for, "Alex Phoenix and Dana Denver");
    let alex = teams[0].members[0].proposal_id;
    let dana = teams[0].members[1].proposal_id;
    // Each provider got their own proposal e-mail, naming the other provider of the team.
    for ((member, email), other) in teams[0]
        .members
        .iter()
        .zip(["p101@example.org", "p102@example.org"])
        .zip(["Dana Denver", "Alex Phoenix"])
    {
        let sent = email_outbox::Entity::find()
            .filter(
                email_outbox::Column::DedupKey
                    .eq(format!("proposal:{}|{email}", member.proposal_id)),
            )
            .all(db.conn())
            .await
            .unwrap();
        assert_eq!(sent.len(), 1, "{email}");
        assert!(
            sent[0]
                .body_text
                .contains(&format!("You are proposed as a team with {other}:")),
            "{email}: {}",
            sent[0].body_text
        );
    }

    accept_proposal(&db, &actor_of(&db, 101).await, alex)
        .await
        .unwrap();
    // Approving before Dana accepted is a 409 naming her.
    let early = approve_proposal(&db, &coordinator, alex, &notify())
        .await
        .unwrap_err();
    assert!(
        matches!(early, ServiceError::Conflict(ref m) if m.contains("still waiting for Dana Denver")),
        "{early:?}"
    );
    accept_proposal(&db, &actor_of(&db, 102).await, dana)
        .await
        .unwrap();
    let teams = request_teams(&db, &coordinator, request).await.unwrap();
    assert!(teams[0].can_approve);
    // Either member's proposal approves the whole team.
    assert_eq!(
        approve_proposal(&db, &coordinator, dana, &notify())
            .await
            .unwrap(),
        12
    );
    assert_eq!(
        request_view(&db, request).await.unwrap().status,
        RequestStatus::Scheduled
    );
    assert!(
        team_rows(&db, request)
            .await
            .iter()
            .all(|s| s.status == "confirmed")
    );
    // Each provider is invited to their own rows; the site's contact receives both invites.
    for email in ["p101@example.org", "p102@example.org", "p301@example.org"] {
        let invites = email_outbox::Entity::find()
            .filter(email_outbox::Column::Recipient.eq(email))
            .filter(email_outbox::Column::CalendarMethod.eq("REQUEST"))
            .all(db.conn())
            .await
            .unwrap();
        assert!(!invites.is_empty(), "{email} has an invite");
        // The confirmation names the team's providers.
        assert!(
            invites.iter().all(|m| m
                .body_text
                .contains("Providers: Alex Phoenix and Dana Denver")
                || m.body_text
                    .contains("Providers: Dana Denver and Alex Phoenix")),
            "{email}: {}",
            invites[0].body_text
        );
    }

    // Every view names both providers: the coordinator's rows and the site's one line each.
    let page = service::views::coordinator::request_page(&db, &coordinator, request, now())
        .await
        .unwrap();
    assert!(
        page.sessions
            .iter()
            .all(|s| s.provider.contains("with Alex Phoenix and Dana Denver")),
        "{:?}",
        page.sessions
    );
    let site = service::views::site::request_page(&db, &actor_of(&db, 301).await, request, now())
        .await
        .unwrap();
    assert_eq!(site.sessions.len(), 6, "one line per joint session");
    assert!(
        site.sessions
            .iter()
            .all(|s| s.with.as_deref() == Some("with Alex Phoenix and Dana Denver"))
    );
}

/// The same team proposed twice at the same instant: exactly one booking, the other a 409, and
/// no half-booked team. A provider booked between planning and booking: a 409 naming them.
async fn the_same_team_twice_at_once_books_once(backend: Backend) {
    let Some((database, db)) = harness::seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let coordinator = actor_of(&db, COORDINATOR).await;
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let settings = notify();
    let (a, b) = tokio::join!(
        propose_team(&db, &coordinator, request, "101,102", &settings, now()),
        propose_team(&db, &coordinator, request, "101,102", &settings, now()),
    );
    let outcomes = [a, b];
    assert_eq!(
        outcomes.iter().filter(|o| o.is_ok()).count(),
        1,
        "{outcomes:?}"
    );
    assert!(
        outcomes
            .iter()
            .any(|o| matches!(o, Err(ServiceError::Conflict(_)))),
        "{outcomes:?}"
    );
    assert_eq!(team_rows(&db, request).await.len(), 12);
    assert_eq!(
        session_team::Entity::find()
            .filter(session_team::Column::RequestId.eq(request))
            .all(db.conn())
            .await
            .unwrap()
            .len(),
        1
    );

    // A lost race: the plan was made, then Dana was booked at its times by someone else.
    let other = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let stale: Vec<ProposedOccurrence> = team_rows(&db, request)
        .await
        .iter()
        .filter(|s| s.provider_id == 101)
        .map(|s| ProposedOccurrence {
            occurrence: s.occurrence,
            starts_at: s.starts_at + chrono::Duration::days(7),
            ends_at: s.ends_at + chrono::Duration::days(7),
        })
        .collect();
    let third = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    book_proposal(
        &db,
        third,
        102,
        &stale[..1],
        0.5,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    let members = [
        TeamMemberBooking {
            provider_id: 101,
            name: "Alex Phoenix".into(),
            score: 0.5,
            breakdown_json: "{}".into(),
        },
        TeamMemberBooking {
            provider_id: 102,
            name: "Dana Denver".into(),
            score: 0.5,
            breakdown_json: "{}".into(),
        },
    ];
    let lost = book_team(&db, other, &members, &stale, None, &notify())
        .await
        .unwrap_err();
    assert!(
        matches!(lost, ServiceError::Conflict(ref m) if m.starts_with("Dana Denver is no longer free")),
        "{lost:?}"
    );
    assert_eq!(
        request_view(&db, other).await.unwrap().status,
        RequestStatus::Submitted,
        "nothing of the refused team was kept"
    );
    assert!(team_rows(&db, other).await.is_empty());
}

/// One provider's decline releases the whole team: every tentative row cancelled, the other
/// provider's proposal withdrawn (and they are told), the request back to matching, and the
/// same team can be proposed again.
async fn one_decline_releases_the_team(backend: Backend) {
    let Some((database, db)) = harness::seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let coordinator = actor_of(&db, COORDINATOR).await;
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    propose_team(&db, &coordinator, request, "101,102", &notify(), now())
        .await
        .unwrap();
    let team = &request_teams(&db, &coordinator, request).await.unwrap()[0];
    let (alex, dana) = (team.members[0].proposal_id, team.members[1].proposal_id);
    accept_proposal(&db, &actor_of(&db, 101).await, alex)
        .await
        .unwrap();
    decline_proposal(
        &db,
        &actor_of(&db, 102).await,
        dana,
        "On leave in February",
        &notify(),
    )
    .await
    .unwrap();
    assert!(
        team_rows(&db, request).await.is_empty(),
        "every hold let go"
    );
    assert_eq!(
        request_view(&db, request).await.unwrap().status,
        RequestStatus::Matching
    );
    let alex_view = proposal_view(&db, alex, Some(101)).await.unwrap();
    assert_eq!(alex_view.status, ProposalStatus::Withdrawn);
    assert!(
        alex_view
            .proposal
            .decision_reason
            .contains("Dana Denver cannot take part")
    );
    let teams = request_teams(&db, &coordinator, request).await.unwrap();
    assert_eq!(teams[0].status_label, "Released");
    assert!(!teams[0].can_approve);
    // Alex is told the team's times are released.
    let told = email_outbox::Entity::find()
        .filter(email_outbox::Column::Recipient.eq("p101@example.org"))
        .all(db.conn())
        .await
        .unwrap();
    assert_eq!(told.len(), 2, "the proposal, then its withdrawal: {told:?}");
    // The time is free again: the same team can be proposed.
    propose_team(&db, &coordinator, request, "101,102", &notify(), now())
        .await
        .unwrap();
    assert_eq!(team_rows(&db, request).await.len(), 12);
}

/// Who may do what: only coordinators plan and send teams; a provider reads and answers only
/// their own proposal of a team; a provider with a conflict of interest or a bad list is
/// refused with a sentence naming them.
async fn only_staff_send_and_each_provider_sees_their_own(backend: Backend) {
    let Some((database, db)) = harness::seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    add_site_contact(&database.url, 301, "Morgan Memphis", MEMPHIS).await;
    let coordinator = actor_of(&db, COORDINATOR).await;
    let alex_actor = actor_of(&db, 101).await;
    let dana_actor = actor_of(&db, 102).await;
    let contact = actor_of(&db, 301).await;
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    for actor in [&alex_actor, &contact] {
        assert!(matches!(
            propose_team(&db, actor, request, "101,102", &notify(), now()).await,
            Err(ServiceError::Forbidden(_))
        ));
        assert!(matches!(
            team_plan_page(&db, actor, request, "101,102", now()).await,
            Err(ServiceError::Forbidden(_))
        ));
        assert!(matches!(
            request_teams(&db, actor, request).await,
            Err(ServiceError::Forbidden(_))
        ));
    }
    let conflicted = propose_team(&db, &coordinator, request, "101,103", &notify(), now())
        .await
        .unwrap_err();
    assert!(
        matches!(conflicted, ServiceError::Invalid(ref m) if m.starts_with("Kai Honolulu cannot serve this site")),
        "{conflicted:?}"
    );
    for (bad, says) in [
        ("101", "Tick 2 to 8"),
        ("101,101", "twice"),
        ("101,x", "malformed"),
    ] {
        let refused = propose_team(&db, &coordinator, request, bad, &notify(), now())
            .await
            .unwrap_err();
        assert!(
            matches!(&refused, ServiceError::InvalidFields(fields)
                if fields.message_for("providers").is_some_and(|m| m.contains(says))),
            "{bad}: {refused:?}"
        );
    }
    let unknown = propose_team(&db, &coordinator, request, "101,999", &notify(), now())
        .await
        .unwrap_err();
    assert!(
        matches!(&unknown, ServiceError::InvalidFields(fields)
            if fields.message_for("providers").is_some_and(|m| m.contains("only active providers"))),
        "{unknown:?}"
    );
    assert_eq!(
        request_view(&db, request).await.unwrap().status,
        RequestStatus::Submitted,
        "nothing sent"
    );

    propose_team(&db, &coordinator, request, "101,102", &notify(), now())
        .await
        .unwrap();
    let team = &request_teams(&db, &coordinator, request).await.unwrap()[0];
    let (alex, dana) = (team.members[0].proposal_id, team.members[1].proposal_id);
    // Each provider's inbox holds their own proposal only, naming the other provider.
    let inbox = provider_inbox(&db, &dana_actor).await.unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].view.proposal.id, dana);
    let cards = service::views::provider::proposals_page(&db, &dana_actor)
        .await
        .unwrap();
    assert!(
        cards[0]
            .sessions
            .iter()
            .all(|s| s.ends_with("with Alex Phoenix")),
        "{:?}",
        cards[0].sessions
    );
    assert!(matches!(
        proposal_view(&db, alex, Some(102)).await,
        Err(ServiceError::NotFound(_))
    ));
    // Dana can neither accept nor decline Alex's proposal.
    assert!(matches!(
        accept_proposal(&db, &dana_actor, alex).await,
        Err(ServiceError::NotFound(_))
    ));
    assert!(matches!(
        decline_proposal(&db, &dana_actor, alex, "not mine", &notify()).await,
        Err(ServiceError::NotFound(_))
    ));
    assert_eq!(team_rows(&db, request).await.len(), 12, "nothing released");
}

crate::on_both_backends!(
    a_busy_member_moves_the_team_and_both_rows_book,
    the_same_team_twice_at_once_books_once,
    one_decline_releases_the_team,
    only_staff_send_and_each_provider_sees_their_own,
);
