//! Moving an occurrence of a planned series before sending, over HTTP on SQLite and PostgreSQL:
//! each occurrence offers other free times; a move to one of them is shown, sent with the
//! proposal, seen by the provider and booked on approval; the server refuses any time it does
//! not offer (off the grid, onto another occurrence, forged) and malformed or unknown moves,
//! without sending anything.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::{call_with_cookie, error_text};
use harness::TestApp;
use serde_json::Value;

const DEMO_PASSWORD: &str = "demo-password-2026";
const DAN: &str = "4";

async fn cookie_for(app: &TestApp, email: &str) -> String {
    let response = accounts_support::login(app, email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200, "log in {email}");
    accounts_support::session_cookie(&response).unwrap().0
}

/// The demo Houston request (monthly, four sessions), which only Dan Morales can take.
async fn houston_request(app: &TestApp, cookie: &str) -> String {
    let queue: Value = call_with_cookie(
        app,
        "coordinator/queue",
        cookie,
        crate::harness::UNFILTERED_QUEUE,
    )
    .await
    .json()
    .await
    .unwrap();
    queue["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["site"] == "Houston")
        .map(|r| r["id"].as_i64().unwrap().to_string())
        .expect("the demo Houston request is queued")
}

async fn plan(app: &TestApp, cookie: &str, request: &str, moves: &str) -> reqwest::Response {
    call_with_cookie(
        app,
        "coordinator/plan",
        cookie,
        &[("id", request), ("provider_id", DAN), ("moves", moves)],
    )
    .await
}

async fn send(app: &TestApp, cookie: &str, request: &str, moves: &str) -> reqwest::Response {
    call_with_cookie(
        app,
        "coordinator/send_proposal",
        cookie,
        &[("id", request), ("provider_id", DAN), ("moves", moves)],
    )
    .await
}

async fn status_of(app: &TestApp, cookie: &str, request: &str) -> String {
    let detail: Value = call_with_cookie(app, "coordinator/request", cookie, &[("id", request)])
        .await
        .json()
        .await
        .unwrap();
    detail["status"].as_str().unwrap().to_owned()
}

on_both_databases!(
    an_offered_time_is_shown_sent_seen_by_the_provider_and_booked,
    times_the_engine_does_not_offer_are_refused_and_nothing_is_sent,
);

async fn an_offered_time_is_shown_sent_seen_by_the_provider_and_booked(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = cookie_for(app, "coordinator@tta.example.gov").await;
    let request = houston_request(app, &coordinator).await;

    let engine: Value = plan(app, &coordinator, &request, "")
        .await
        .json()
        .await
        .unwrap();
    let occurrences = engine["occurrences"].as_array().unwrap();
    assert_eq!(occurrences.len(), 4);
    for o in occurrences {
        let alternatives = o["alternatives"].as_array().unwrap();
        assert!(!alternatives.is_empty() && alternatives.len() <= 5, "{o}");
        // The occurrence's own time is not offered again; every offer is in both zones.
        assert!(alternatives.iter().all(|a| a["start"] != o["start"]));
        assert!(alternatives.iter().all(|a| {
            let site = a["site_time"].as_str().unwrap();
            let provider = a["provider_time"].as_str().unwrap();
            (site.ends_with("CST") || site.ends_with("CDT"))
                && (provider.ends_with("MST") || provider.ends_with("MDT"))
        }));
    }
    let second = &occurrences[1];
    let chosen = &second["alternatives"][0];
    let start = chosen["start"].as_i64().unwrap();
    let moves = format!("2@{start}");

    let adjusted: Value = plan(app, &coordinator, &request, &moves)
        .await
        .json()
        .await
        .unwrap();
    let moved = &adjusted["occurrences"][1];
    assert_eq!(moved["outcome"], "chosen");
    assert_eq!(moved["moved_by_you"], true);
    assert_eq!(moved["start"], start);
    assert_eq!(moved["site_time"], chosen["site_time"]);
    assert!(
        moved["notes"][0]
            .as_str()
            .unwrap()
            .starts_with("You moved it from"),
        "{moved}"
    );
    assert_eq!(adjusted["moves"], moves);
    assert_eq!(adjusted["placed"], 4);

    let sent = send(app, &coordinator, &request, &moves).await;
    assert_eq!(sent.status(), 200, "{}", error_text(sent).await);
    let detail: Value = call_with_cookie(
        app,
        "coordinator/request",
        &coordinator,
        &[("id", &request)],
    )
    .await
    .json()
    .await
    .unwrap();
    let sessions = detail["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 4);
    let site_start = chosen["site_time"].as_str().unwrap();
    // "Tue 5 Jan 2027, 10:15–11:15 CST": the coordinator reads the site's clock beside theirs.
    let site_clock = site_start.split(", ").nth(1).unwrap();
    let site_clock = site_clock.split(' ').next().unwrap();
    assert!(
        sessions[1]["when"].as_str().unwrap().contains(site_clock),
        "{} should show {site_clock}",
        sessions[1]["when"]
    );

    // The provider sees the moved time in their inbox, in their own zone.
    let dan = cookie_for(app, "provider.denver@tta.example.gov").await;
    let inbox: Value = call_with_cookie(app, "proposals/mine", &dan, &[])
        .await
        .json()
        .await
        .unwrap();
    let card = inbox
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == "sent")
        .unwrap();
    assert!(
        card["sessions"][1]
            .as_str()
            .unwrap()
            .starts_with(chosen["provider_time"].as_str().unwrap()),
        "{card}"
    );

    // Accepted and approved: the moved time is what is booked.
    let proposal = card["id"].as_i64().unwrap().to_string();
    let accepted = call_with_cookie(app, "proposals/accept", &dan, &[("id", &proposal)]).await;
    assert_eq!(accepted.status(), 200);
    let approved = call_with_cookie(
        app,
        "coordinator/approve",
        &coordinator,
        &[("proposal_id", &proposal)],
    )
    .await;
    assert_eq!(approved.status(), 200);
    let db = server::startup::open_database(&app.config).await.unwrap();
    let booked = service::proposals::request_sessions(&db, request.parse().unwrap())
        .await
        .unwrap();
    assert!(booked.iter().all(|s| s.status == "confirmed"));
    assert_eq!(booked[1].occurrence, 2);
    assert_eq!(booked[1].starts_at.timestamp(), start);
}

async fn times_the_engine_does_not_offer_are_refused_and_nothing_is_sent(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = cookie_for(app, "coordinator@tta.example.gov").await;
    let request = houston_request(app, &coordinator).await;
    let engine: Value = plan(app, &coordinator, &request, "")
        .await
        .json()
        .await
        .unwrap();
    let offered = engine["occurrences"][1]["alternatives"][0]["start"]
        .as_i64()
        .unwrap();
    let third = engine["occurrences"][2]["start"].as_i64().unwrap();

    for (moves, status, message) in [
        // Five minutes off the 15-minute grid.
        (format!("2@{}", offered + 300), 409, "Session 2 cannot move"),
        // Onto the third session.
        (format!("2@{third}"), 409, "Session 2 cannot move"),
        // In the middle of the night.
        (
            format!("2@{}", offered - 6 * 3600),
            409,
            "Session 2 cannot move",
        ),
        (format!("9@{offered}"), 400, "no session 9"),
        ("2@soon".to_owned(), 400, "could not be read"),
        (format!("2@{offered},2@{offered}"), 400, "moved twice"),
    ] {
        for response in [
            plan(app, &coordinator, &request, &moves).await,
            send(app, &coordinator, &request, &moves).await,
        ] {
            assert_eq!(response.status(), status, "{moves}");
            let text = error_text(response).await;
            assert!(text.contains(message), "{moves}: {text}");
        }
    }
    assert_eq!(status_of(app, &coordinator, &request).await, "submitted");
    let db = server::startup::open_database(&app.config).await.unwrap();
    let sessions = service::proposals::request_sessions(&db, request.parse().unwrap())
        .await
        .unwrap();
    assert!(sessions.is_empty(), "nothing booked");

    // The offered time itself is accepted.
    let sent = send(app, &coordinator, &request, &format!("2@{offered}")).await;
    assert_eq!(sent.status(), 200);
    assert_eq!(status_of(app, &coordinator, &request).await, "proposed");
}
