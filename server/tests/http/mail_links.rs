//! Every link of every e-mail opens its recipient's own page (issue 22, item 1), on SQLite and
//! PostgreSQL. The whole story is driven so that every kind of message is queued — request
//! received, proposal, declined, accepted (to the coordinators), withdrawn, returned, rejected,
//! confirmed, rescheduled, change asked (to the coordinators) and answered, cancelled, handed
//! over (released, assigned, provider changed), reminder, feedback request, a coordinator's
//! daily digest, invitation, password reset — then, for every message in the outbox, its
//! recipient logs in and opens every link of the message's body: each answers 200 with the
//! recipient's page of the thing (its request's title is on it).
//!
//! The kinds are read from the message builders' source (`finish("<kind>", …)` in
//! `service/src/mail/messages`), so a new kind of message that this story does not queue fails
//! the test until the story covers it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, TimeZone as _, Utc};
use sea_orm::{ConnectionTrait, Statement};
use service::accounts::{AccountSettings, ClientInfo, EmailAddress, SessionPolicy};
use service::change_requests::{ChangeAnswer, ChangeKind, NewChangeRequest};
use service::notify::Closing;

use crate::harness::TestApp;
use crate::harness::fixtures::{
    COORDINATOR, MEMPHIS, actor_of, add_site_contact, add_user, memphis_request, notify,
    planned_occurrences, send_accept_approve, three_providers,
};

on_both_databases!(every_link_of_every_email_opens_the_recipients_own_page);

/// The address links are written with (see [`notify`]).
const PUBLIC_URL: &str = "https://tta.example.gov";
const SITE_CONTACT: i32 = 200;
/// A coordinator who chose the daily digest.
const DIGEST_READER: i32 = 201;

/// Every kind of message the builders can produce, from their source.
fn message_kinds() -> BTreeSet<String> {
    let folder =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../service/src/mail/messages");
    let mut kinds = BTreeSet::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for (at, _) in source.match_indices("finish(") {
            let rest = source[at + "finish(".len()..].trim_start();
            if let Some(literal) = rest.strip_prefix('"') {
                let kind = literal.split('"').next().unwrap();
                kinds.insert(kind.to_owned());
            }
        }
    }
    kinds
}

/// The links of a message's plain text.
fn links_in(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|word| word.starts_with("http://") || word.starts_with("https://"))
        .map(|word| word.trim_end_matches(['.', ',', ')']).to_owned())
        .collect()
}

struct Row {
    event: String,
    recipient: String,
    body: String,
}

async fn outbox(app: &TestApp) -> Vec<Row> {
    let raw = sea_orm::Database::connect(app.config.database_url.as_str())
        .await
        .unwrap();
    raw.query_all_raw(Statement::from_string(
        raw.get_database_backend(),
        "SELECT event, recipient, body_text FROM email_outbox ORDER BY id".to_owned(),
    ))
    .await
    .unwrap()
    .into_iter()
    .map(|row| Row {
        event: row.try_get_by_index(0).unwrap(),
        recipient: row.try_get_by_index(1).unwrap(),
        body: row.try_get_by_index(2).unwrap(),
    })
    .collect()
}

/// The cookie of a fresh log-in session of the account with `email`, if there is one.
async fn cookie_of(db: &service::Database, email: &str) -> Option<String> {
    let user = service::accounts::users::find_by_email(db, &EmailAddress::parse(email).unwrap())
        .await
        .unwrap()?;
    let session = service::accounts::login_sessions::start_login_session(
        db,
        user.id,
        None,
        &SessionPolicy::default(),
    )
    .await
    .unwrap();
    Some(format!("tta_session={}", session.token.expose()))
}

/// Stores the Memphis request under `title`, submitted by the site contact.
async fn submit(db: &service::Database, title: &str) -> i32 {
    let mut draft = memphis_request();
    draft.title = title.to_owned();
    service::requests::store_request(db, MEMPHIS, Some(SITE_CONTACT), &draft, &notify())
        .await
        .unwrap()
}

/// Drives the story; returns each request's title by id.
async fn story(app: &TestApp, db: &service::Database) -> BTreeMap<i32, String> {
    let url = app.config.database_url.as_str();
    demo::seed_reference_data(db).await.unwrap();
    three_providers(url, db).await;
    add_site_contact(url, SITE_CONTACT, "Sam Site", MEMPHIS).await;
    add_user(
        url,
        DIGEST_READER,
        "Dee Digest",
        "America/Los_Angeles",
        "coordinator",
    )
    .await;
    service::notify::set_notice_delivery(db, &actor_of(db, DIGEST_READER).await, "daily")
        .await
        .unwrap();
    let coordinator = actor_of(db, COORDINATOR).await;
    let site = actor_of(db, SITE_CONTACT).await;
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();
    let mut titles = BTreeMap::new();

    // Declined by the provider, then withdrawn by the coordinator: each books and releases.
    let declined = submit(db, "Declined coaching").await;
    titles.insert(declined, "Declined coaching".to_owned());
    let occurrences = planned_occurrences(db, declined, 101).await;
    let proposal = service::proposals::book_proposal(
        db,
        declined,
        101,
        &occurrences,
        0.8,
        "{}".into(),
        Some(COORDINATOR),
        &notify(),
    )
    .await
    .unwrap();
    service::proposals::decline_proposal(
        db,
        &actor_of(db, 101).await,
        proposal,
        "Fully booked that spring",
        &notify(),
    )
    .await
    .unwrap();
    let withdrawn = submit(db, "Withdrawn coaching").await;
    titles.insert(withdrawn, "Withdrawn coaching".to_owned());
    let occurrences = planned_occurrences(db, withdrawn, 101).await;
    let proposal = service::proposals::book_proposal(
        db,
        withdrawn,
        101,
        &occurrences,
        0.8,
        "{}".into(),
        Some(COORDINATOR),
        &notify(),
    )
    .await
    .unwrap();
    service::proposals::withdraw_proposal(
        db,
        &coordinator,
        proposal,
        "Site asked to wait",
        &notify(),
    )
    .await
    .unwrap();

    // Accepted by the provider: the coordinators are told it is ready to approve.
    let accepted = submit(db, "Accepted coaching").await;
    titles.insert(accepted, "Accepted coaching".to_owned());
    let occurrences = planned_occurrences(db, accepted, 101).await;
    let proposal = service::proposals::book_proposal(
        db,
        accepted,
        101,
        &occurrences,
        0.8,
        "{}".into(),
        Some(COORDINATOR),
        &notify(),
    )
    .await
    .unwrap();
    service::proposals::accept_proposal_notifying(
        db,
        &actor_of(db, 101).await,
        proposal,
        &notify(),
    )
    .await
    .unwrap();

    // Returned and rejected.
    for (title, closing) in [
        ("Returned coaching", Closing::Returned),
        ("Rejected coaching", Closing::Rejected),
    ] {
        let request = submit(db, title).await;
        titles.insert(request, title.to_owned());
        service::requests::close_request(
            db,
            &coordinator,
            request,
            closing,
            "Out of scope",
            &notify(),
        )
        .await
        .unwrap();
    }

    // Confirmed, moved, a change asked and answered, cancelled.
    let confirmed = submit(db, "Confirmed coaching").await;
    titles.insert(confirmed, "Confirmed coaching".to_owned());
    let occurrences = planned_occurrences(db, confirmed, 101).await;
    send_accept_approve(db, confirmed, 101, &occurrences).await;
    let sessions = service::proposals::request_sessions(db, confirmed)
        .await
        .unwrap();
    let second = &sessions[1];
    service::sessions::reschedule_session(
        db,
        &coordinator,
        second.id,
        second.starts_at + Duration::days(1),
        second.ends_at + Duration::days(1),
        &notify(),
    )
    .await
    .unwrap();
    let ask = service::change_requests::ask_for_change(
        db,
        &site,
        &NewChangeRequest {
            session_id: sessions[2].id,
            kind: ChangeKind::CancelOne,
            reason: "Council meeting",
            wanted: "",
        },
        now,
        &notify(),
    )
    .await
    .unwrap();
    service::change_requests::answer_change_request(
        db,
        &coordinator,
        ask,
        ChangeAnswer::Cancel,
        "",
        &notify(),
        now,
    )
    .await
    .unwrap();
    service::sessions::cancel_session(db, &coordinator, sessions[3].id, &notify())
        .await
        .unwrap();
    // A session's meeting link replaced: the updated invite to the provider and the contacts.
    service::meeting::set_session_meeting_link(
        db,
        &coordinator,
        sessions[4].id,
        &format!(
            "{}psp-memphis-coaching",
            service::meeting::DEFAULT_ROOM_BASE
        ),
        &notify(),
    )
    .await
    .unwrap();
    // Another engagement of the same provider, handed to another provider.
    let handed_over = submit(db, "Handed-over coaching").await;
    titles.insert(handed_over, "Handed-over coaching".to_owned());
    let occurrences = planned_occurrences(db, handed_over, 101).await;
    send_accept_approve(db, handed_over, 101, &occurrences).await;
    service::sessions::reassign_engagement(
        db,
        &coordinator,
        &service::sessions::Handover {
            request_id: handed_over,
            from_provider: 101,
            to_provider: 102,
            reason: "Alex leaves the programme",
        },
        &notify(),
        now,
    )
    .await
    .unwrap();

    // A reminder before the first session, a feedback request after it, and the digest
    // reader's digest of what still waits (the decline, the acceptance).
    let reminders = service::mail::ReminderSettings {
        lead: std::time::Duration::from_secs(24 * 3600),
        feedback_window: std::time::Duration::from_secs(7 * 24 * 3600),
        contact: notify().sender,
        organizer: notify().sender,
        app_url: PUBLIC_URL.to_owned(),
    };
    let first = &sessions[0];
    for at in [
        first.starts_at - Duration::hours(2),
        first.ends_at + Duration::hours(2),
    ] {
        service::mail::reminders::enqueue_due(db, at, &reminders)
            .await
            .unwrap();
    }

    // The account e-mails: an invitation and a password reset.
    let accounts = AccountSettings {
        notify: notify(),
        ..AccountSettings::default()
    };
    service::accounts::invitations::invite(
        db,
        &coordinator,
        &service::accounts::invitations::InvitationForm {
            email: "new.contact@memphis.example.gov".to_owned(),
            role: "site_contact".to_owned(),
            site_id: MEMPHIS.to_string(),
        },
        &ClientInfo::default(),
        &accounts,
    )
    .await
    .unwrap();
    service::accounts::password_reset::issue_link(
        db,
        &EmailAddress::parse(&format!("p{SITE_CONTACT}@example.org")).unwrap(),
        &ClientInfo::default(),
        &accounts,
    )
    .await
    .unwrap();
    // An e-mail change: the link to the new address (no account yet: it opens anonymously),
    // the notice to the old one.
    service::accounts::my_account::email_change::issue_link(
        db,
        SITE_CONTACT,
        &EmailAddress::parse("new.address@memphis.example.gov").unwrap(),
        &ClientInfo::default(),
        &accounts,
    )
    .await
    .unwrap();
    titles
}

async fn every_link_of_every_email_opens_the_recipients_own_page(app: &TestApp) {
    let db = server::startup::open_database(&app.config).await.unwrap();
    let titles = story(app, &db).await;
    let rows = outbox(app).await;

    let queued: BTreeSet<String> = rows.iter().map(|r| r.event.clone()).collect();
    let kinds = message_kinds();
    assert!(
        kinds.len() >= 17,
        "the builders' kinds were read: {kinds:?}"
    );
    let missing: Vec<_> = kinds.difference(&queued).collect();
    assert!(
        missing.is_empty(),
        "the story queued no message of these kinds (extend it): {missing:?}"
    );

    let mut cookies: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut opened = 0;
    let mut provider_weeks_with_the_title = 0;
    for row in &rows {
        if !cookies.contains_key(&row.recipient) {
            let cookie = cookie_of(&db, &row.recipient).await;
            cookies.insert(row.recipient.clone(), cookie);
        }
        let cookie = cookies[&row.recipient].clone().unwrap_or_default();
        let title = titles
            .values()
            .find(|title| row.body.contains(title.as_str()));
        for link in links_in(&row.body) {
            if link.starts_with(service::meeting::DEFAULT_ROOM_BASE) {
                // A session's meeting room (issue 18) is the one link meant to leave the site.
                continue;
            }
            let path = link.strip_prefix(PUBLIC_URL).unwrap_or_else(|| {
                panic!(
                    "{} to {}: a link off the site: {link}",
                    row.event, row.recipient
                )
            });
            let response = app
                .client
                .get(app.url(path))
                .header("Cookie", &cookie)
                .send()
                .await
                .unwrap();
            let status = response.status();
            let page = response.text().await.unwrap();
            assert_eq!(
                status, 200,
                "{} to {}: {link} answered {status}",
                row.event, row.recipient
            );
            assert!(
                !page.contains("could not be shown"),
                "{} to {}: {link} shows an error",
                row.event,
                row.recipient
            );
            if let Some(date) = path.strip_prefix("/provider/sessions?view=week&date=") {
                // A provider's page of a session is the week that holds it (the session itself
                // may be cancelled by now, and gone from it).
                assert!(
                    page.contains(&format!(r#"data-date="{date}""#)),
                    "{} to {}: {link} does not show the week of {date}",
                    row.event,
                    row.recipient
                );
                if title.is_some_and(|title| page.contains(title.as_str())) {
                    provider_weeks_with_the_title += 1;
                }
            } else if let Some(title) = title {
                assert!(
                    page.contains(title.as_str()),
                    "{} to {}: {link} does not show \"{title}\"",
                    row.event,
                    row.recipient
                );
            }
            opened += 1;
        }
    }
    assert!(opened >= rows.len() / 2, "links were opened: {opened}");
    assert!(
        provider_weeks_with_the_title > 0,
        "a provider's week shows the sessions still booked in it"
    );
}
