//! Meeting links of virtual and hybrid sessions (issue 18), on both databases: approving a
//! series gives each occurrence its own generated room (never the same twice), written into the
//! invite (LOCATION, URL, DESCRIPTION) and the e-mail delivered through a real SMTP server; a
//! provider's fixed link is used when set, and an engagement's setting overrides it; changing a
//! setting or one session's link sends one update per person with the raised SEQUENCE, and the
//! same change again sends nothing; sessions handed to another provider take that provider's
//! link (fixed, or fresh rooms) in the handover's own invites, unless the engagement's setting
//! governs them; on-site sessions get no link; other providers and other sites' contacts do not
//! see it; a bad link is a 400 naming the field.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{harness, mail_support};
use std::collections::BTreeSet;
use std::time::Duration;

use contract::meeting::MeetingLinkForm;
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use mail_support::{SmtpSink, free_port, parse_ics, prop, quick_settings, smtp};
use sea_orm::{ConnectionTrait, Database as SeaDatabase, EntityTrait};
use service::entities::{email_outbox, tta_request, tta_session};
use service::meeting::{
    RoomBase, save_engagement_meeting_setting, save_provider_meeting_setting,
    set_session_meeting_link,
};
use service::proposals::{accept_proposal, approve_proposal, book_proposal, request_sessions};
use service::requests::store_request;
use service::{Database, ServiceError};

const SITE_CONTACT: i32 = 110;
const ELSEWHERE: i32 = 112;
const PROVIDER: i32 = 101;
const OTHER_PROVIDER: i32 = 102;
const ZOOM: &str = "https://zoom.us/j/5551234567?pwd=psp";

async fn setup(backend: Backend) -> Option<(harness::TestDatabase, Database)> {
    let (database, db) = seeded_service_database(backend).await?;
    three_providers(&database.url, &db).await;
    for (id, name, site) in [
        (SITE_CONTACT, "Sam Site", MEMPHIS),
        (ELSEWHERE, "Eve Elsewhere", 1),
    ] {
        add_user(&database.url, id, name, "America/Chicago", "site_contact").await;
        let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
        raw.execute_unprepared(&format!(
            "INSERT INTO site_contact (site_id, user_id) VALUES ({site}, {id})"
        ))
        .await
        .unwrap();
        raw.close().await.unwrap();
    }
    Some((database, db))
}

/// Submitted, proposed to Phoenix and accepted (not yet approved): (request, proposal).
async fn accepted(db: &Database) -> (i32, i32) {
    let request = store_request(
        db,
        MEMPHIS,
        Some(SITE_CONTACT),
        &memphis_request(),
        &notify(),
    )
    .await
    .unwrap();
    let occurrences = planned_occurrences(db, request, PROVIDER).await;
    let proposal = book_proposal(
        db,
        request,
        PROVIDER,
        &occurrences,
        0.8,
        "{}".into(),
        Some(COORDINATOR),
        &notify(),
    )
    .await
    .unwrap();
    accept_proposal(db, &actor_of(db, PROVIDER).await, proposal)
        .await
        .unwrap();
    (request, proposal)
}

async fn approve(db: &Database, proposal: i32) {
    approve_proposal(db, &actor_of(db, COORDINATOR).await, proposal, &notify())
        .await
        .unwrap();
}

async fn outbox(db: &Database, event: &str) -> Vec<email_outbox::Model> {
    let mut rows: Vec<_> = service::mail::list_recent(db, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.event == event)
        .collect();
    rows.sort_by_key(|row| row.id);
    rows
}

async fn sessions(db: &Database, request: i32) -> Vec<tta_session::Model> {
    request_sessions(db, request).await.unwrap()
}

fn fixed(link: &str) -> MeetingLinkForm {
    MeetingLinkForm {
        mode: "fixed".into(),
        link: link.into(),
    }
}

fn generated() -> MeetingLinkForm {
    MeetingLinkForm {
        mode: "generated".into(),
        link: String::new(),
    }
}

async fn engagement_of(db: &Database, request: i32) -> i32 {
    tta_request::Entity::find_by_id(request)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap()
        .engagement_id
        .unwrap()
}

/// The events of every invite attached to the outbox rows of `event` for `session`'s UID.
async fn invite_events(
    db: &Database,
    event: &str,
    session: &tta_session::Model,
) -> Vec<mail_support::IcsEvent> {
    let mut found = Vec::new();
    for row in outbox(db, event).await {
        for (_, _, ics) in mail_support::invites_of(db, row.id).await {
            let (_, events) = parse_ics(&ics);
            found.extend(
                events
                    .into_iter()
                    .filter(|e| prop(e, "UID") == session.calendar_uid),
            );
        }
    }
    found
}

async fn generated_rooms_differ_per_occurrence_and_reach_invite_and_email(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let (request, proposal) = accepted(&db).await;
    assert!(
        sessions(&db, request)
            .await
            .iter()
            .all(|s| s.virtual_link.is_empty()),
        "no link before the series is confirmed"
    );
    approve(&db, proposal).await;
    let rows = sessions(&db, request).await;
    assert_eq!(rows.len(), 6);
    let base = RoomBase::default();
    let links: BTreeSet<&str> = rows.iter().map(|s| s.virtual_link.as_str()).collect();
    assert_eq!(
        links.len(),
        rows.len(),
        "one room per occurrence: {links:?}"
    );
    assert!(rows.iter().all(|s| base.is_room(&s.virtual_link)));
    assert!(rows.iter().all(|s| s.sequence == 0));

    // The invite: LOCATION and URL are the room, the DESCRIPTION names it.
    for session in &rows {
        let events = invite_events(&db, "schedule_confirmed", session).await;
        assert_eq!(events.len(), 2, "the provider's and the contact's invite");
        for event in events {
            assert_eq!(prop(&event, "LOCATION"), session.virtual_link);
            assert_eq!(prop(&event, "URL"), session.virtual_link);
            assert!(prop(&event, "DESCRIPTION").contains(&session.virtual_link));
        }
    }

    // The e-mail, delivered through a real SMTP server, lists each session's link.
    let sink = SmtpSink::start(free_port(), 0);
    let report = mail_support::worker(&db, smtp(&sink.url()), quick_settings())
        .drain()
        .await
        .unwrap();
    assert_eq!(report.failed, 0);
    let queued = service::mail::list_recent(&db, 100).await.unwrap().len();
    let received = sink.wait_for(queued, Duration::from_secs(30)).await;
    let confirmations: Vec<_> = received
        .iter()
        .filter(|m| {
            m["subject"]
                .as_str()
                .unwrap()
                .contains("sessions confirmed")
        })
        .collect();
    assert_eq!(confirmations.len(), 2);
    for message in confirmations {
        let text = message["parts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["content_type"] == "text/plain")
            .unwrap()["body"]
            .as_str()
            .unwrap();
        for session in &rows {
            assert!(text.contains(&session.virtual_link), "{text}");
        }
    }
}

async fn a_fixed_link_is_used_and_the_engagement_overrides_it_once(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let provider = actor_of(&db, PROVIDER).await;
    let coordinator = actor_of(&db, COORDINATOR).await;
    save_provider_meeting_setting(&db, &provider, &fixed(ZOOM), &notify())
        .await
        .unwrap();
    let (request, proposal) = accepted(&db).await;
    approve(&db, proposal).await;
    let before = sessions(&db, request).await;
    assert!(before.iter().all(|s| s.virtual_link == ZOOM));

    // The engagement's own setting (a room per session) overrides the provider's fixed link:
    // every session re-linked, its sequence raised, one message per person for the series.
    let engagement = engagement_of(&db, request).await;
    let changed =
        save_engagement_meeting_setting(&db, &coordinator, engagement, &generated(), &notify())
            .await
            .unwrap();
    assert_eq!(changed, 6);
    let after = sessions(&db, request).await;
    let links: BTreeSet<&str> = after.iter().map(|s| s.virtual_link.as_str()).collect();
    assert_eq!(links.len(), 6);
    assert!(
        after
            .iter()
            .all(|s| s.sequence == 1 && s.virtual_link != ZOOM)
    );
    let updates = outbox(&db, "meeting_link_changed").await;
    assert_eq!(
        updates.len(),
        2,
        "the provider and the site contact, once each"
    );
    let events = invite_events(&db, "meeting_link_changed", &after[0]).await;
    assert_eq!(events.len(), 2);
    for event in &events {
        assert_eq!(prop(event, "SEQUENCE"), "1");
        assert_eq!(prop(event, "URL"), after[0].virtual_link);
    }

    // The same setting again, or the provider changing theirs, changes nothing and sends nothing.
    let again =
        save_engagement_meeting_setting(&db, &coordinator, engagement, &generated(), &notify())
            .await
            .unwrap();
    assert_eq!(again, 0);
    save_provider_meeting_setting(&db, &provider, &fixed("https://zoom.us/j/999"), &notify())
        .await
        .unwrap();
    assert_eq!(sessions(&db, request).await, after);
    assert_eq!(outbox(&db, "meeting_link_changed").await.len(), 2);

    // Back to each provider's own setting: the provider's fixed link again, one more update.
    let follow = MeetingLinkForm {
        mode: "provider".into(),
        link: String::new(),
    };
    save_engagement_meeting_setting(&db, &coordinator, engagement, &follow, &notify())
        .await
        .unwrap();
    let last = sessions(&db, request).await;
    assert!(
        last.iter()
            .all(|s| s.virtual_link == "https://zoom.us/j/999" && s.sequence == 2)
    );
    assert_eq!(outbox(&db, "meeting_link_changed").await.len(), 4);

    // A bad link is refused, naming the field; a site contact may not set one.
    let error =
        save_provider_meeting_setting(&db, &provider, &fixed("http://zoom.us/j/1"), &notify())
            .await
            .unwrap_err();
    assert!(
        matches!(&error, ServiceError::InvalidFields(f) if f.message_for("link").is_some()),
        "{error:?}"
    );
    let contact = actor_of(&db, SITE_CONTACT).await;
    assert!(matches!(
        save_engagement_meeting_setting(&db, &contact, engagement, &generated(), &notify()).await,
        Err(ServiceError::Forbidden(_))
    ));
}

async fn changing_one_sessions_link_sends_one_update_with_a_higher_sequence(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let (request, proposal) = accepted(&db).await;
    approve(&db, proposal).await;
    let session = sessions(&db, request).await.remove(2);
    let coordinator = actor_of(&db, COORDINATOR).await;
    let link = "https://acme.webex.com/meet/psp-memphis";
    assert!(
        set_session_meeting_link(&db, &coordinator, session.id, link, &notify())
            .await
            .unwrap()
    );
    let stored = tta_session::Entity::find_by_id(session.id)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.virtual_link, link);
    assert_eq!(stored.sequence, session.sequence + 1);
    let updates = outbox(&db, "meeting_link_changed").await;
    assert_eq!(updates.len(), 2);
    let events = invite_events(&db, "meeting_link_changed", &session).await;
    assert_eq!(events.len(), 2);
    for event in &events {
        assert_eq!(prop(event, "SEQUENCE"), (session.sequence + 1).to_string());
        assert_eq!(prop(event, "LOCATION"), link);
        assert_eq!(prop(event, "URL"), link);
    }
    // The same link again: nothing changes, nothing is sent.
    assert!(
        !set_session_meeting_link(&db, &coordinator, session.id, link, &notify())
            .await
            .unwrap()
    );
    assert_eq!(outbox(&db, "meeting_link_changed").await.len(), 2);
    // A bad link names the field; a site contact, another provider may not change it.
    let error = set_session_meeting_link(&db, &coordinator, session.id, "zoom", &notify())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ServiceError::InvalidFields(f) if f.message_for("meeting_url").is_some()),
        "{error:?}"
    );
    let contact = actor_of(&db, SITE_CONTACT).await;
    assert!(matches!(
        set_session_meeting_link(&db, &contact, session.id, link, &notify()).await,
        Err(ServiceError::Forbidden(_))
    ));
    let other = actor_of(&db, OTHER_PROVIDER).await;
    assert!(matches!(
        set_session_meeting_link(&db, &other, session.id, link, &notify()).await,
        Err(ServiceError::NotFound(_))
    ));
}

async fn on_site_sessions_get_none_and_others_do_not_see_links(backend: Backend) {
    let Some((database, db)) = setup(backend).await else {
        return;
    };
    // A virtual series: the provider, the host's contact and the API show the link; another
    // provider and another site's contact cannot read the session at all.
    let (virtual_request, proposal) = accepted(&db).await;
    approve(&db, proposal).await;
    let first = sessions(&db, virtual_request).await.remove(0);
    let now = chrono::Utc::now();
    let page = service::views::site::request_page(
        &db,
        &actor_of(&db, SITE_CONTACT).await,
        virtual_request,
        now,
    )
    .await
    .unwrap();
    assert!(page.sessions.iter().all(|s| {
        s.meeting_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }));
    let read = service::api::sessions::read_session(&db, &actor_of(&db, PROVIDER).await, first.id)
        .await
        .unwrap();
    assert_eq!(
        service::meeting::meeting_url(&read.session),
        Some(first.virtual_link.clone())
    );
    for outsider in [OTHER_PROVIDER, ELSEWHERE] {
        assert!(matches!(
            service::api::sessions::read_session(&db, &actor_of(&db, outsider).await, first.id)
                .await,
            Err(ServiceError::NotFound(_))
        ));
        assert!(
            service::views::site::request_page(
                &db,
                &actor_of(&db, outsider).await,
                virtual_request,
                now
            )
            .await
            .is_err()
        );
    }

    // An on-site series gets no link, whatever the provider's setting.
    let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    let (on_site, proposal) = accepted_other_request(&db).await;
    raw.execute_unprepared(&format!(
        "UPDATE tta_request SET modality = 'on_site' WHERE id = {on_site}"
    ))
    .await
    .unwrap();
    raw.close().await.unwrap();
    approve(&db, proposal).await;
    let rows = sessions(&db, on_site).await;
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|s| s.virtual_link.is_empty()));
    assert!(
        rows.iter()
            .all(|s| service::meeting::meeting_url(s).is_none())
    );
    let error = set_session_meeting_link(
        &db,
        &actor_of(&db, COORDINATOR).await,
        rows[0].id,
        ZOOM,
        &notify(),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, ServiceError::InvalidFields(_)), "{error:?}");
}

/// A second Memphis request, proposed to Phoenix at times that do not meet the first series,
/// and accepted: (request, proposal).
async fn accepted_other_request(db: &Database) -> (i32, i32) {
    let mut draft = memphis_request();
    draft.title = "On-site coaching".into();
    let request = store_request(db, MEMPHIS, Some(SITE_CONTACT), &draft, &notify())
        .await
        .unwrap();
    let occurrences = planned_occurrences(db, request, PROVIDER).await;
    let proposal = book_proposal(
        db,
        request,
        PROVIDER,
        &occurrences,
        0.8,
        "{}".into(),
        Some(COORDINATOR),
        &notify(),
    )
    .await
    .unwrap();
    accept_proposal(db, &actor_of(db, PROVIDER).await, proposal)
        .await
        .unwrap();
    (request, proposal)
}

/// A group event may ask for a generated room: each event gets its own; a typed link is kept.
async fn a_group_event_gets_its_own_generated_room(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let zone = scheduling::Zone::parse("America/Chicago").unwrap();
    let at = |days: i64| zone.local(chrono::Utc::now() + chrono::Duration::days(days));
    let (start, deadline) = (at(10), at(9));
    let form = |meeting_room: &str, virtual_link: &str| contract::forms::GroupEventForm {
        kind: "webinar".into(),
        title: "Crime gun intelligence 101".into(),
        host_site_id: MEMPHIS.to_string(),
        audience: "site".into(),
        date: start.format("%Y-%m-%d").to_string(),
        start_time: "10:00".into(),
        minutes: "90".into(),
        virtual_link: virtual_link.into(),
        meeting_room: meeting_room.into(),
        capacity: "20".into(),
        deadline_date: deadline.format("%Y-%m-%d").to_string(),
        deadline_time: "17:00".into(),
        ..Default::default()
    };
    let coordinator = actor_of(&db, COORDINATOR).await;
    let base = RoomBase::parse("https://rooms.example.gov/psp").unwrap();
    let mut rooms = BTreeSet::new();
    for _ in 0..2 {
        let id = service::events::create_event_with_rooms(
            &db,
            &coordinator,
            &form("generated", ""),
            &base,
        )
        .await
        .unwrap();
        let event = service::entities::group_event::Entity::find_by_id(id)
            .one(db.conn())
            .await
            .unwrap()
            .unwrap();
        assert!(base.is_room(&event.virtual_link), "{}", event.virtual_link);
        rooms.insert(event.virtual_link);
    }
    assert_eq!(rooms.len(), 2, "each event its own room");
    let typed = service::events::create_event_with_rooms(
        &db,
        &coordinator,
        &form("generated", ZOOM),
        &base,
    )
    .await
    .unwrap();
    let event = service::entities::group_event::Entity::find_by_id(typed)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(event.virtual_link, ZOOM);
    // Neither a place, a link nor a room: refused, naming the place.
    let error = service::events::create_event_with_rooms(&db, &coordinator, &form("", ""), &base)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ServiceError::InvalidFields(f) if f.message_for("location").is_some()),
        "{error:?}"
    );
}

/// Hands the remaining sessions of `request` from Phoenix to Denver.
async fn hand_to_other_provider(db: &Database, request: i32) -> Vec<tta_session::Model> {
    service::sessions::reassign_engagement(
        db,
        &actor_of(db, COORDINATOR).await,
        &service::sessions::Handover {
            request_id: request,
            from_provider: PROVIDER,
            to_provider: OTHER_PROVIDER,
            reason: "Alex leaves the programme",
        },
        &notify(),
        chrono::Utc::now(),
    )
    .await
    .unwrap()
}

async fn a_reassigned_session_takes_the_new_providers_link(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    const TEAMS: &str = "https://teams.microsoft.com/l/meetup-join/denver-room";
    save_provider_meeting_setting(&db, &actor_of(&db, PROVIDER).await, &fixed(ZOOM), &notify())
        .await
        .unwrap();
    save_provider_meeting_setting(
        &db,
        &actor_of(&db, OTHER_PROVIDER).await,
        &fixed(TEAMS),
        &notify(),
    )
    .await
    .unwrap();
    let (request, proposal) = accepted(&db).await;
    approve(&db, proposal).await;
    assert!(
        sessions(&db, request)
            .await
            .iter()
            .all(|s| s.virtual_link == ZOOM)
    );

    // Handed to Denver: every session takes Denver's fixed link, the sequence raised once, and
    // the handover's invites (to Denver and to the site's contact) carry it.
    let moved = hand_to_other_provider(&db, request).await;
    assert_eq!(moved.len(), 6);
    for session in &moved {
        assert_eq!(
            session.virtual_link, TEAMS,
            "session {}",
            session.occurrence
        );
        assert_eq!(session.sequence, 1);
        assert_eq!(session.provider_id, OTHER_PROVIDER);
    }
    for event in ["session_assigned", "provider_changed"] {
        let invites = invite_events(&db, event, &moved[0]).await;
        assert!(!invites.is_empty(), "{event}");
        for invite in &invites {
            assert_eq!(prop(invite, "URL"), TEAMS, "{event}");
            assert_eq!(prop(invite, "LOCATION"), TEAMS, "{event}");
            assert_eq!(prop(invite, "SEQUENCE"), "1", "{event}");
        }
    }
    assert!(
        outbox(&db, "meeting_link_changed").await.is_empty(),
        "the handover's own messages carry the link"
    );
}

async fn a_reassigned_generated_room_is_replaced_and_an_engagements_link_stays(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    // Generated rooms (the default) for both providers: the new provider gets fresh rooms, one
    // per occurrence, none the leaving provider knows.
    let (request, proposal) = accepted(&db).await;
    approve(&db, proposal).await;
    let before: BTreeSet<String> = sessions(&db, request)
        .await
        .into_iter()
        .map(|s| s.virtual_link)
        .collect();
    let moved = hand_to_other_provider(&db, request).await;
    let base = RoomBase::default();
    let after: BTreeSet<&str> = moved.iter().map(|s| s.virtual_link.as_str()).collect();
    assert_eq!(
        after.len(),
        moved.len(),
        "one room per occurrence: {after:?}"
    );
    for session in &moved {
        assert!(base.is_room(&session.virtual_link));
        assert!(!before.contains(&session.virtual_link), "a fresh room");
        let invites = invite_events(&db, "session_assigned", session).await;
        assert!(
            invites
                .iter()
                .all(|i| prop(i, "URL") == session.virtual_link)
        );
    }

    // An engagement's own setting governs whoever holds its sessions: the link stays.
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let (request, proposal) = accepted(&db).await;
    let engagement = engagement_of(&db, request).await;
    save_engagement_meeting_setting(
        &db,
        &actor_of(&db, COORDINATOR).await,
        engagement,
        &fixed(ZOOM),
        &notify(),
    )
    .await
    .unwrap();
    save_provider_meeting_setting(
        &db,
        &actor_of(&db, OTHER_PROVIDER).await,
        &fixed("https://teams.microsoft.com/l/meetup-join/denver-room"),
        &notify(),
    )
    .await
    .unwrap();
    approve(&db, proposal).await;
    let moved = hand_to_other_provider(&db, request).await;
    assert!(
        moved
            .iter()
            .all(|s| s.virtual_link == ZOOM && s.sequence == 1)
    );
}

on_both_backends!(
    a_reassigned_session_takes_the_new_providers_link,
    a_reassigned_generated_room_is_replaced_and_an_engagements_link_stays,
    a_group_event_gets_its_own_generated_room,
    generated_rooms_differ_per_occurrence_and_reach_invite_and_email,
    a_fixed_link_is_used_and_the_engagement_overrides_it_once,
    changing_one_sessions_link_sends_one_update_with_a_higher_sequence,
    on_site_sessions_get_none_and_others_do_not_see_links,
);

/// Through the real server functions: a bad link is a 400 naming the field.
mod http {
    use crate::accounts_support::{call_with_cookie, create_user, logged_in};
    use crate::harness::TestApp;
    use service::accounts::Role;

    on_both_databases!(a_bad_link_is_a_400_naming_the_field);

    async fn a_bad_link_is_a_400_naming_the_field(app: &TestApp) {
        create_user(app, "pat.meeting@example.org", Role::Provider).await;
        let cookie = logged_in(app, "pat.meeting@example.org").await;
        let response = call_with_cookie(
            app,
            "provider/meeting-link/save",
            &cookie,
            &[("form[mode]", "fixed"), ("form[link]", "ftp://zoom.us/j/1")],
        )
        .await;
        assert_eq!(response.status(), 400);
        let body = response.text().await.unwrap();
        assert!(
            body.contains("link:") && body.contains("https://"),
            "{body}"
        );
        let saved = call_with_cookie(
            app,
            "provider/meeting-link/save",
            &cookie,
            &[("form[mode]", "fixed"), ("form[link]", super::ZOOM)],
        )
        .await;
        assert_eq!(saved.status(), 200, "{:?}", saved.text().await);
        let page = call_with_cookie(app, "provider/meeting-link", &cookie, &[]).await;
        let page: serde_json::Value = page.json().await.unwrap();
        assert_eq!(page["form"]["link"], super::ZOOM);
        assert_eq!(page["form"]["mode"], "fixed");
    }
}
