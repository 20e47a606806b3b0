//! The request page's excluded providers (issue 19), on SQLite and PostgreSQL: each provider's
//! first rule in brief with how many more, the rules counted by how many providers break them,
//! and every rule only where it is asked for (`?excluded=all`, a plain link), never in the page
//! otherwise (HTML and hydration data alike). `coordinator/candidates` still answers every rule.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;

use crate::{accounts_support, harness};
use accounts_support::call_with_cookie;
use harness::TestApp;
use sea_orm::ConnectionTrait;
use serde_json::Value;

on_both_databases!(the_page_carries_each_excluded_providers_first_rule_and_every_rule_on_demand,);

/// `text` as the page writes it in an element's text.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The excluded list's `<details …>` start tag.
fn details_tag(page: &str) -> &str {
    let at = page
        .find(r#"id="excluded-providers""#)
        .expect("the page lists the excluded providers");
    let start = page[..at].rfind('<').unwrap();
    let end = at + page[at..].find('>').unwrap();
    &page[start..=end]
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

async fn json(app: &TestApp, endpoint: &str, cookie: &str, form: &[(&str, &str)]) -> Value {
    let response = call_with_cookie(app, endpoint, cookie, form).await;
    assert_eq!(response.status(), 200, "{endpoint}");
    response.json().await.unwrap()
}

async fn the_page_carries_each_excluded_providers_first_rule_and_every_rule_on_demand(
    app: &TestApp,
) {
    app.seed_demo().await;
    let login =
        accounts_support::login(app, "coordinator@tta.example.gov", "demo-password-2026").await;
    assert_eq!(login.status(), 200);
    let cookie = accounts_support::session_cookie(&login).unwrap().0;
    let queue = json(
        app,
        "coordinator/queue",
        &cookie,
        crate::harness::UNFILTERED_QUEUE,
    )
    .await;
    let request = queue["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["site"] == "Houston")
        .map(|r| r["id"].as_i64().unwrap().to_string())
        .expect("the demo Houston request is queued");

    // The demo excludes each provider for one rule; give one of them two more (a conflict of
    // interest with the site, no engagement capacity), written straight to the database as
    // another instance would.
    let before = json(app, "coordinator/candidates", &cookie, &[("id", &request)]).await;
    let first_excluded = before["excluded"][0]["provider_id"].as_i64().unwrap();
    let database = server::startup::open_database(&app.config).await.unwrap();
    database
        .conn()
        .execute_unprepared(&format!(
            "INSERT INTO conflict_of_interest (provider_id, site_id, reason) \
             SELECT {first_excluded}, site_id, 'Former employer' FROM tta_request WHERE id = {request}"
        ))
        .await
        .unwrap();
    database
        .conn()
        .execute_unprepared(&format!(
            "UPDATE provider_profile SET engagement_capacity = 0 WHERE user_id = {first_excluded}"
        ))
        .await
        .unwrap();

    // Every rule of every excluded provider, as the API's consumers read it.
    let full = json(app, "coordinator/candidates", &cookie, &[("id", &request)]).await;
    let full_excluded = full["excluded"].as_array().unwrap();
    assert!(!full_excluded.is_empty(), "the demo excludes providers");
    assert!(
        full_excluded
            .iter()
            .any(|e| e["reasons"].as_array().unwrap().len() > 1),
        "some demo provider breaks several rules: {full_excluded:?}"
    );

    // In brief: the same providers in the same order, the first rule and how many more.
    let brief = json(
        app,
        "coordinator/request_candidates",
        &cookie,
        &[("id", &request)],
    )
    .await;
    assert_eq!(brief["every_reason"], false);
    assert_eq!(brief["eligible"], full["eligible"]);
    let brief_excluded = brief["excluded"].as_array().unwrap();
    assert_eq!(brief_excluded.len(), full_excluded.len());
    let mut shown: HashSet<String> = HashSet::new();
    for (b, f) in brief_excluded.iter().zip(full_excluded) {
        assert_eq!(b["provider_id"], f["provider_id"]);
        assert_eq!(b["name"], f["name"]);
        let reasons = strings(&f["reasons"]);
        let first = strings(&b["reasons"]);
        assert_eq!(first.len(), 1, "{b:?}");
        // The first rule itself, or a series that cannot be placed named by its first session.
        assert!(
            first[0] == reasons[0]
                || (first[0].starts_with("Cannot place ")
                    && reasons[0].starts_with(first[0].split(':').next().unwrap())),
            "{first:?} for {reasons:?}"
        );
        assert_eq!(b["more"].as_u64().unwrap(), reasons.len() as u64 - 1);
        shown.insert(first[0].clone());
    }
    // Each provider counted once under each rule they break.
    let groups = brief["groups"].as_array().unwrap();
    let counted: u64 = groups.iter().map(|g| g["count"].as_u64().unwrap()).sum();
    let broken: u64 = full_excluded
        .iter()
        .map(|e| e["reasons"].as_array().unwrap().len() as u64)
        .sum();
    assert!(counted >= full_excluded.len() as u64 && counted <= broken);
    let counts: Vec<u64> = groups
        .iter()
        .map(|g| g["count"].as_u64().unwrap())
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most first: {counts:?}"
    );

    // Asked for: every rule, as `coordinator/candidates` words it.
    let every = json(
        app,
        "coordinator/request_candidates",
        &cookie,
        &[("id", &request), ("every_reason", "true")],
    )
    .await;
    assert_eq!(every["every_reason"], true);
    assert_eq!(every["groups"], brief["groups"]);
    for (e, f) in every["excluded"]
        .as_array()
        .unwrap()
        .iter()
        .zip(full_excluded)
    {
        assert_eq!(e["reasons"], f["reasons"]);
        assert_eq!(e["more"], 0);
    }

    // The page: closed list, the counts by rule, each provider's first rule and how many more,
    // and a plain link to every rule.
    let path = format!("/coordinator/requests/{request}");
    let page = app.page_as(&path, &cookie).await;
    assert!(
        !details_tag(&page).contains("open"),
        "{}",
        details_tag(&page)
    );
    assert!(page.contains(&format!("Excluded providers ({})", full_excluded.len())));
    assert!(page.contains("Rules they break"));
    for group in groups {
        assert!(page.contains(&escaped(group["label"].as_str().unwrap())));
    }
    for b in brief_excluded {
        assert!(page.contains(&escaped(b["name"].as_str().unwrap())));
        assert!(page.contains(&escaped(&strings(&b["reasons"])[0])));
        let more = b["more"].as_u64().unwrap();
        if more > 1 {
            assert!(page.contains(&format!("(and {more} more rules)")));
        } else if more == 1 {
            assert!(page.contains("(and 1 more rule)"));
        }
    }
    assert!(page.contains(&format!(
        r#"href="/coordinator/requests/{request}?excluded=all#excluded-providers""#
    )));

    let all_page = app.page_as(&format!("{path}?excluded=all"), &cookie).await;
    assert!(
        details_tag(&all_page).contains(" open"),
        "{}",
        details_tag(&all_page)
    );
    assert!(all_page.contains("Every rule each provider breaks"));
    assert!(all_page.contains(&format!(
        r#"href="/coordinator/requests/{request}#excluded-providers""#
    )));
    // (A rule may read as its group's label, "Conflict of interest with Houston".)
    let labels: HashSet<String> = groups
        .iter()
        .map(|g| g["label"].as_str().unwrap().to_owned())
        .collect();
    let mut hidden = 0;
    for f in full_excluded {
        for reason in strings(&f["reasons"]) {
            assert!(all_page.contains(&escaped(&reason)), "{reason}");
            // Not asked for: a rule that is no provider's first is nowhere in the page, neither
            // in its HTML nor in the data it hydrates from.
            if !shown.contains(&reason) && !labels.contains(&reason) {
                assert!(!page.contains(&escaped(&reason)), "{reason}");
                assert!(!page.contains(&reason), "{reason}");
                hidden += 1;
            }
        }
    }
    assert!(hidden > 0, "the brief page leaves some rule out");
    assert!(page.len() < all_page.len());
}
