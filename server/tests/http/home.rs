//! Each role's home page lists exactly their own items, on both databases: the coordinator's
//! approvals waiting, declines and requests to place, with the programme's next sessions; the
//! provider's proposals to answer and their next sessions; the site contact's returned requests,
//! sessions to rate and next sessions — and nothing of another site's or provider's. The server
//! function answers a logged-in person and refuses anyone else.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;

use chrono::{DateTime, Duration, TimeZone as _, Utc};
use contract::views::home::HomeView;
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use service::Database;
use service::entities::tta_session;
use service::notify::Closing;
use service::proposals::{ProposedOccurrence, accept_proposal, book_proposal};
use service::requests::{close_request, store_request};
use service::views::home::home_overview;

const CONTACT: i32 = 110;
const OTHER_SITE_CONTACT: i32 = 111;

fn may_sessions() -> Vec<ProposedOccurrence> {
    let first = Utc.with_ymd_and_hms(2027, 5, 4, 15, 0, 0).unwrap();
    [first, first + Duration::days(7)]
        .into_iter()
        .enumerate()
        .map(|(i, start)| ProposedOccurrence {
            occurrence: i32::try_from(i + 1).unwrap(),
            starts_at: start,
            ends_at: start + Duration::minutes(90),
        })
        .collect()
}

async fn home_of(db: &Database, user: i32, now: DateTime<Utc>) -> HomeView {
    home_overview(db, &actor_of(db, user).await, now)
        .await
        .unwrap()
}

fn kinds_and_titles(items: &[contract::views::home::HomeItem]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|i| (i.kind.clone(), i.title.clone()))
        .collect()
}

fn upcoming(sessions: &[tta_session::Model], now: DateTime<Utc>) -> Vec<String> {
    sessions
        .iter()
        .filter(|s| s.starts_at > now)
        .map(|s| format!("Session {}", s.occurrence))
        .collect()
}

async fn each_role_sees_exactly_their_items(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    // Memphis's series confirmed with the Phoenix provider (101), Feb–Apr 2027.
    let (series, sessions) = confirmed_memphis_series(&database, &db).await;
    add_site_contact(&database.url, CONTACT, "Sam Site", MEMPHIS).await;
    add_site_contact(&database.url, OTHER_SITE_CONTACT, "Olu Other", 1).await;
    // A second request proposed to the Phoenix provider, a third returned to the site, a
    // fourth waiting to be placed.
    let mut draft = memphis_request();
    draft.title = "Crime analysis refresher".into();
    let proposed = store_request(&db, MEMPHIS, None, &draft, &notify())
        .await
        .unwrap();
    let proposal = book_proposal(
        &db,
        proposed,
        101,
        &may_sessions(),
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    draft.title = "Returned request".into();
    let returned = store_request(&db, MEMPHIS, None, &draft, &notify())
        .await
        .unwrap();
    close_request(
        &db,
        &actor_of(&db, COORDINATOR).await,
        returned,
        Closing::Returned,
        "Say which units attend",
        &notify(),
    )
    .await
    .unwrap();
    draft.title = "Waiting to be placed".into();
    store_request(&db, MEMPHIS, None, &draft, &notify())
        .await
        .unwrap();

    // 1 March 2027: the February sessions are over, the rest ahead.
    let now = Utc.with_ymd_and_hms(2027, 3, 1, 12, 0, 0).unwrap();
    let ahead = upcoming(&sessions, now);
    assert!(!ahead.is_empty() && ahead.len() < sessions.len());

    // The provider: the proposal to answer, and their next sessions.
    let provider = home_of(&db, 101, now).await;
    assert_eq!(
        kinds_and_titles(&provider.needs_action),
        vec![(
            "Proposal to answer".to_owned(),
            "Crime analysis refresher".to_owned()
        )]
    );
    assert_eq!(provider.needs_action[0].href, "/provider/proposals");
    let provider_next: Vec<String> = provider.coming_up.iter().map(|i| i.kind.clone()).collect();
    assert_eq!(provider_next, ahead);
    assert!(
        provider.coming_up[0]
            .href
            .starts_with("/provider/sessions?view=week&date=")
    );
    assert_eq!(provider.delivery, None);
    // Another provider has nothing.
    let other_provider = home_of(&db, 102, now).await;
    assert!(other_provider.needs_action.is_empty() && other_provider.coming_up.is_empty());

    // The coordinator, before and after the provider accepts.
    let coordinator = home_of(&db, COORDINATOR, now).await;
    assert_eq!(
        kinds_and_titles(&coordinator.needs_action),
        vec![(
            "Sessions to place".to_owned(),
            "Waiting to be placed".to_owned()
        )]
    );
    accept_proposal(&db, &actor_of(&db, 101).await, proposal)
        .await
        .unwrap();
    let coordinator = home_of(&db, COORDINATOR, now).await;
    assert_eq!(
        kinds_and_titles(&coordinator.needs_action),
        vec![
            (
                "Accepted — ready to approve".to_owned(),
                "Crime analysis refresher".to_owned()
            ),
            (
                "Sessions to place".to_owned(),
                "Waiting to be placed".to_owned()
            ),
        ]
    );
    assert_eq!(
        coordinator.needs_action[0].href,
        format!("/coordinator/requests/{proposed}")
    );
    assert_eq!(
        coordinator
            .coming_up
            .iter()
            .map(|i| i.kind.clone())
            .collect::<Vec<_>>(),
        ahead
    );
    assert_eq!(
        coordinator.delivery,
        Some(contract::views::home::Delivery::Immediate)
    );
    assert!(home_of(&db, 101, now).await.needs_action.is_empty());

    // The site contact: the returned request and the sessions to rate, then the next ones.
    let site = home_of(&db, CONTACT, now).await;
    let to_rate: Vec<&tta_session::Model> = sessions
        .iter()
        .filter(|s| s.ends_at <= now && s.ends_at > now - Duration::days(30))
        .collect();
    assert!(!to_rate.is_empty());
    let mut expected = vec![("Returned to you".to_owned(), "Returned request".to_owned())];
    expected.extend(to_rate.iter().map(|s| {
        (
            "Session to rate".to_owned(),
            format!("Gun violence coaching — session {}", s.occurrence),
        )
    }));
    assert_eq!(kinds_and_titles(&site.needs_action), expected);
    assert_eq!(site.needs_action[0].href, format!("/requests/{returned}"));
    assert_eq!(
        site.coming_up
            .iter()
            .map(|i| i.kind.clone())
            .collect::<Vec<_>>(),
        ahead
    );
    assert!(
        site.coming_up
            .iter()
            .all(|i| i.href == format!("/requests/{series}"))
    );
    // Rated: it leaves the list.
    service::feedback::give_feedback(
        &db,
        &actor_of(&db, CONTACT).await,
        to_rate[0].id,
        5,
        "",
        now,
    )
    .await
    .unwrap();
    let site = home_of(&db, CONTACT, now).await;
    assert_eq!(site.needs_action.len(), expected.len() - 1);
    // A contact of another site sees none of Memphis's.
    let other = home_of(&db, OTHER_SITE_CONTACT, now).await;
    assert!(other.needs_action.is_empty() && other.coming_up.is_empty());
}

/// Through HTTP: anonymous callers are refused, the home page still lists the sites for them.
async fn the_overview_needs_a_log_in(app: &harness::TestApp) {
    let response = app.call_server_fn("home/overview", &[]).await;
    assert_eq!(response.status(), 401);
    let page = app.get("/").await;
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Public Safety Partnership sites")
    );
}

on_both_backends!(each_role_sees_exactly_their_items);

mod http {
    on_both_databases!(the_overview_needs_a_log_in);
    use super::the_overview_needs_a_log_in;
}
