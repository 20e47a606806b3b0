//! The JSON API's endpoints over HTTP, on both databases, with the pages' roles and record
//! rules: a site contact reads their sites' requests, sessions and engagements (another site's
//! are 404), a provider their own sessions and proposals (requests are 403), coordinators
//! everything plus the providers ranked for a request and one provider's free time; every
//! refusal is the one error body; pages stay stable while rows are added; the OpenAPI document
//! is served without a token.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::accounts_support::raw_db;
use crate::api_support::{
    COORDINATOR, MEMPHIS, PRIYA, every_page, get, ids, new_request, post, token,
};
use crate::harness::TestApp;
use sea_orm::ConnectionTrait;
use serde_json::Value;

on_both_databases!(
    each_endpoint_applies_the_pages_roles_and_record_rules,
    pages_stay_stable_while_rows_are_added,
    mistakes_are_named_in_the_one_error_body,
    the_example_client_lists_this_weeks_sessions,
);

async fn each_endpoint_applies_the_pages_roles_and_record_rules(app: &TestApp) {
    app.seed_demo().await;
    let staff = token(app, COORDINATOR, "read").await;
    let contact = token(app, MEMPHIS, "read").await;
    let provider = token(app, PRIYA, "read").await;
    let (_, me) = get(app, &contact, "/api/v1/me").await;
    let memphis: Vec<i64> = me["site_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_i64().unwrap())
        .collect();
    let (_, priya) = get(app, &provider, "/api/v1/me").await;
    let priya_id = priya["user_id"].as_i64().unwrap();

    // Requests: staff see every site's, the contact only Memphis's, providers are refused.
    let all = every_page(app, &staff, "/api/v1/requests", 100).await;
    let theirs = every_page(app, &contact, "/api/v1/requests", 100).await;
    assert!(!theirs.is_empty() && theirs.len() < all.len());
    assert!(
        theirs
            .iter()
            .all(|r| memphis.contains(&r["site_id"].as_i64().unwrap()))
    );
    let other = all
        .iter()
        .find(|r| !memphis.contains(&r["site_id"].as_i64().unwrap()))
        .unwrap();
    let (status, body) = get(app, &contact, &format!("/api/v1/requests/{}", other["id"])).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["error"]["code"], "not_found");
    let (status, _) = get(
        app,
        &contact,
        &format!("/api/v1/requests?site_id={}", other["site_id"]),
    )
    .await;
    assert_eq!(status, 404);
    let (status, own) = get(
        app,
        &contact,
        &format!("/api/v1/requests/{}", theirs[0]["id"]),
    )
    .await;
    assert_eq!(status, 200);
    assert!(own["time_zone"].as_str().unwrap().contains('/'), "{own}");
    let (status, body) = get(app, &provider, "/api/v1/requests").await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "forbidden");

    // Sessions: the provider's own, the contact's sites', staff all; UTC instants and zones.
    let every_session = every_page(app, &staff, "/api/v1/sessions", 100).await;
    assert!(!every_session.is_empty());
    let mine = every_page(app, &provider, "/api/v1/sessions", 100).await;
    assert!(
        mine.iter()
            .all(|s| s["provider_id"].as_i64() == Some(priya_id))
    );
    assert!(!mine.is_empty());
    let site_sessions = every_page(app, &contact, "/api/v1/sessions", 100).await;
    assert!(
        site_sessions
            .iter()
            .all(|s| memphis.contains(&s["site_id"].as_i64().unwrap()))
    );
    let session = &every_session[0];
    assert!(
        session["starts_at"].as_str().unwrap().ends_with('Z'),
        "{session}"
    );
    assert!(
        session["time_zone"].as_str().unwrap().contains('/'),
        "{session}"
    );
    if let Some(foreign) = every_session
        .iter()
        .find(|s| s["provider_id"].as_i64() != Some(priya_id))
    {
        let (status, _) = get(
            app,
            &provider,
            &format!("/api/v1/sessions/{}", foreign["id"]),
        )
        .await;
        assert_eq!(status, 404);
        let (status, _) = get(
            app,
            &provider,
            &format!("/api/v1/sessions?provider_id={}", foreign["provider_id"]),
        )
        .await;
        assert_eq!(status, 404);
    }
    let (status, _) = get(
        app,
        &provider,
        &format!("/api/v1/sessions/{}", mine[0]["id"]),
    )
    .await;
    assert_eq!(status, 200);
    let by_site = every_page(
        app,
        &staff,
        &format!("/api/v1/sessions?site_id={}", memphis[0]),
        100,
    )
    .await;
    assert_eq!(ids(&by_site).len(), site_sessions.len());

    // Engagements: the contact's sites' only.
    let engagements = every_page(app, &staff, "/api/v1/engagements", 100).await;
    let own_engagements = every_page(app, &contact, "/api/v1/engagements", 100).await;
    assert!(
        own_engagements
            .iter()
            .all(|e| memphis.contains(&e["site_id"].as_i64().unwrap()))
    );
    if let Some(foreign) = engagements
        .iter()
        .find(|e| !memphis.contains(&e["site_id"].as_i64().unwrap()))
    {
        let (status, _) = get(
            app,
            &contact,
            &format!("/api/v1/engagements/{}", foreign["id"]),
        )
        .await;
        assert_eq!(status, 404);
    }

    // Proposals: staff and the provider's own; site contacts are refused.
    let (status, _) = get(app, &contact, "/api/v1/proposals").await;
    assert_eq!(status, 403);
    let own_proposals = every_page(app, &provider, "/api/v1/proposals", 100).await;
    assert!(
        own_proposals
            .iter()
            .all(|p| p["provider_id"].as_i64() == Some(priya_id))
    );
    let every_proposal = every_page(app, &staff, "/api/v1/proposals", 100).await;
    if let Some(foreign) = every_proposal
        .iter()
        .find(|p| p["provider_id"].as_i64() != Some(priya_id))
    {
        let (status, _) = get(
            app,
            &provider,
            &format!("/api/v1/proposals/{}", foreign["id"]),
        )
        .await;
        assert_eq!(status, 404);
    }

    // Providers for a request and their free time: staff only.
    let open = all
        .iter()
        .find(|r| r["status"] == "submitted" || r["status"] == "matching")
        .unwrap();
    let path = format!("/api/v1/requests/{}/providers", open["id"]);
    assert_eq!(get(app, &contact, &path).await.0, 403);
    assert_eq!(get(app, &provider, &path).await.0, 403);
    let (status, ranked) = get(app, &staff, &path).await;
    assert_eq!(status, 200, "{ranked}");
    let ranked = ranked.as_array().unwrap();
    assert!(!ranked.is_empty());
    let best = ranked
        .iter()
        .find(|c| c["eligible"] == true)
        .unwrap_or(&ranked[0]);
    let (status, free) = get(
        app,
        &staff,
        &format!("{path}/{}/free-time", best["provider_id"]),
    )
    .await;
    assert_eq!(status, 200, "{free}");
    assert_eq!(
        free["occurrences"].as_array().unwrap().len() as i64,
        open["session_count"].as_i64().unwrap()
    );
    assert!(free["site_time_zone"].as_str().unwrap().contains('/'));

    // Creating on behalf of a site: only its contact, with a write token.
    let writer = token(app, MEMPHIS, "write").await;
    let staff_writer = token(app, COORDINATOR, "write").await;
    let body = new_request(memphis[0], "Made through the API");
    let (status, _) = post(app, &staff_writer, "/api/v1/requests", &body).await;
    assert_eq!(status, 403);
    let foreign_site = other["site_id"].as_i64().unwrap();
    let (status, _) = post(
        app,
        &writer,
        "/api/v1/requests",
        &new_request(foreign_site, "Not ours"),
    )
    .await;
    assert_eq!(status, 404);
    let (status, made) = post(app, &writer, "/api/v1/requests", &body).await;
    assert_eq!(status, 201, "{made}");
    let (status, read) = get(app, &contact, &format!("/api/v1/requests/{}", made["id"])).await;
    assert_eq!(status, 200);
    assert_eq!(read["title"], "Made through the API");
}

async fn pages_stay_stable_while_rows_are_added(app: &TestApp) {
    app.seed_demo().await;
    let staff = token(app, COORDINATOR, "read").await;
    let writer = token(app, MEMPHIS, "write").await;
    let (_, me) = get(app, &writer, "/api/v1/me").await;
    let site_id = me["site_ids"][0].as_i64().unwrap();
    let before = every_page(app, &staff, "/api/v1/requests", 100).await;

    // Read two pages, add a request, read on: nothing repeats, nothing is skipped.
    let (_, first) = get(app, &staff, "/api/v1/requests?limit=2").await;
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let (status, made) = post(
        app,
        &writer,
        "/api/v1/requests",
        &new_request(site_id, "Added between pages"),
    )
    .await;
    assert_eq!(status, 201, "{made}");
    let rest = every_page(app, &staff, &format!("/api/v1/requests?cursor={cursor}"), 3).await;
    let mut seen = ids(first["items"].as_array().unwrap());
    seen.extend(ids(&rest));
    let mut expected = ids(&before);
    expected.push(made["id"].as_i64().unwrap());
    assert_eq!(seen, expected);

    // Sessions come in time order, one page after another, each once.
    let all = every_page(app, &staff, "/api/v1/sessions", 100).await;
    let paged = every_page(app, &staff, "/api/v1/sessions", 3).await;
    assert_eq!(ids(&paged), ids(&all));
    let starts: Vec<&str> = paged
        .iter()
        .map(|s| s["starts_at"].as_str().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
}

async fn mistakes_are_named_in_the_one_error_body(app: &TestApp) {
    app.seed_demo().await;
    let staff = token(app, COORDINATOR, "read").await;
    for (path, field) in [
        ("/api/v1/sessions?from=yesterday", "from"),
        ("/api/v1/sessions?limit=500", "limit"),
        ("/api/v1/sessions?cursor=abc", "cursor"),
        ("/api/v1/requests?status=lost", "status"),
        ("/api/v1/engagements?site_id=-3", "site_id"),
    ] {
        let (status, body) = get(app, &staff, path).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(body["error"]["code"], "invalid", "{path}");
        assert_eq!(body["error"]["field"], field, "{path}: {body}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    for path in [
        "/api/v1/sessions/0",
        "/api/v1/sessions/abc",
        "/api/v1/nothing-here",
    ] {
        let (status, body) = get(app, &staff, path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["error"]["code"], "not_found", "{path}");
    }
    let writer = token(app, MEMPHIS, "write").await;
    let (status, body) = post(
        app,
        &writer,
        "/api/v1/requests",
        &serde_json::json!({"site_id": "x"}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["field"], "site_id", "{body}");
    let mut missing_title = new_request(1, "x");
    missing_title.as_object_mut().unwrap().remove("title");
    let (status, body) = post(app, &writer, "/api/v1/requests", &missing_title).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["field"], "title", "{body}");
    // A field the API does not know is named too, and a body that is no object is the body's.
    let mut extra = new_request(1, "x");
    extra["colour"] = "red".into();
    let (status, body) = post(app, &writer, "/api/v1/requests", &extra).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["field"], "colour", "{body}");
    let (status, body) = post(app, &writer, "/api/v1/requests", &serde_json::json!([1])).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["field"], "body", "{body}");
    // The document is public and says it is OpenAPI 3.1.
    let document: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(document["paths"]["/api/v1/sessions"]["get"].is_object());
}

async fn the_example_client_lists_this_weeks_sessions(app: &TestApp) {
    app.seed_demo().await;
    let staff = token(app, COORDINATOR, "read").await;
    // Bring one session into this week (two hours from now).
    let sessions = every_page(app, &staff, "/api/v1/sessions", 100).await;
    let session_id = sessions[0]["id"].as_i64().unwrap();
    let db = raw_db(app).await;
    let starts = chrono::Utc::now() + chrono::Duration::hours(2);
    let starts =
        chrono::DurationRound::duration_trunc(starts, chrono::Duration::minutes(1)).unwrap();
    let monday_next = {
        use chrono::Datelike;
        let today = chrono::Utc::now().date_naive();
        today + chrono::Duration::days(7 - i64::from(today.weekday().num_days_from_monday()))
    };
    let starts = if starts.date_naive() >= monday_next {
        starts - chrono::Duration::hours(4)
    } else {
        starts
    };
    let ends = starts + chrono::Duration::hours(1);
    let text = |at: chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%d %H:%M:%S+00:00").to_string();
    db.execute_unprepared(&format!(
        "UPDATE tta_session SET starts_at = '{0}', ends_at = '{1}', blocked_from = '{0}', \
         blocked_until = '{1}' WHERE id = {session_id}",
        text(starts),
        text(ends)
    ))
    .await
    .unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/api-example.sh");
    let run = |token: String, address: String| {
        tokio::task::spawn_blocking(move || {
            std::process::Command::new("bash")
                .arg(script)
                .env("TTA_URL", address)
                .env("TTA_TOKEN", token)
                .output()
                .unwrap()
        })
    };
    let output = run(staff.clone(), app.address.clone()).await.unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout
            .lines()
            .any(|line| line.starts_with(&format!("#{session_id} "))),
        "{stdout}\n{stderr}"
    );
    assert!(stdout.contains("session(s) this week"), "{stdout}");
    // Without a token the script stops with the API's message.
    let refused = run("tta_pat_wrong".to_owned(), app.address.clone())
        .await
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("token"));
}
