//! The engagement pages over HTTP on SQLite and PostgreSQL: the coordinator's portfolio, a site
//! contact's engagements with their phases, one engagement's page, and the record rule (another
//! site's engagement is "not found", a provider has no portfolio).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use serde_json::Value;

on_both_databases!(
    each_role_sees_the_engagements_it_may,
    the_portfolio_filters_and_exports,
);

async fn page(app: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let response = app
        .client
        .get(app.url(path))
        .header("Cookie", cookie)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn each_role_sees_the_engagements_it_may(app: &TestApp) {
    app.seed_demo().await;
    let memphis = demo_login(app, "contact.memphis@tta.example.gov").await;
    let mine = call_with_cookie(app, "engagements/mine", &memphis, &[]).await;
    assert_eq!(mine.status(), 200);
    let mine: Value = mine.json().await.unwrap();
    let mine = mine.as_array().unwrap();
    assert!(
        !mine.is_empty(),
        "the demo's Memphis requests opened an engagement"
    );
    assert!(mine.iter().all(|e| e["site"] == "Memphis, TN"), "{mine:?}");
    let first = mine[0]["id"].as_i64().unwrap().to_string();

    let (status, html) = page(app, "/engagements", &memphis).await;
    assert_eq!(status, 200);
    assert!(html.contains("engagement, Memphis, TN"), "{html}");
    assert!(html.contains("Where it stands"));
    let (status, html) = page(app, &format!("/engagements/{first}"), &memphis).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<h1>"),
        "the engagement's page has its heading"
    );

    // Another site's contact: not found, over the API and as a page.
    let houston = demo_login(app, "contact.houston@tta.example.gov").await;
    let hidden = call_with_cookie(app, "engagements/detail", &houston, &[("id", &first)]).await;
    assert_eq!(hidden.status(), 404);
    let (status, _) = page(app, &format!("/engagements/{first}"), &houston).await;
    assert_eq!(status, 404);

    // The coordinator's portfolio lists Memphis with its health; a provider gets none.
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let rows = call_with_cookie(app, "engagements/portfolio", &coordinator, &[]).await;
    assert_eq!(rows.status(), 200);
    let rows: Value = rows.json().await.unwrap();
    let memphis_row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"].as_i64().unwrap().to_string() == first)
        .expect("Memphis's engagement in the portfolio");
    assert_eq!(memphis_row["site"], "Memphis, TN");
    assert!(memphis_row["requests"].as_u64().unwrap() >= 1);
    let (status, html) = page(app, "/coordinator/engagements", &coordinator).await;
    assert_eq!(status, 200);
    assert!(html.contains("portfolio-table") && html.contains("Memphis, TN"));
    let provider = demo_login(app, "provider.phoenix@tta.example.gov").await;
    let refused = call_with_cookie(app, "engagements/portfolio", &provider, &[]).await;
    assert_eq!(refused.status(), 403);
}

async fn the_portfolio_filters_and_exports(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let rows = |query: &'static [(&'static str, &'static str)]| {
        let coordinator = coordinator.clone();
        async move {
            let response =
                call_with_cookie(app, "engagements/portfolio", &coordinator, query).await;
            assert_eq!(response.status(), 200, "{query:?}");
            let rows: Value = response.json().await.unwrap();
            rows.as_array().unwrap().clone()
        }
    };
    let all = rows(&[]).await;
    assert!(all.len() >= 13, "every demo engagement: {}", all.len());
    let diagnostic = rows(&[("query[kind]", "diagnostic")]).await;
    let sites: Vec<&str> = diagnostic
        .iter()
        .map(|r| r["site"].as_str().unwrap())
        .collect();
    assert_eq!(sites.len(), 3, "{sites:?}");
    for site in ["Lansing, MI", "Springfield, IL", "Toledo, OH"] {
        assert!(sites.contains(&site), "{sites:?}");
    }
    let closed = rows(&[("query[status]", "closed")]).await;
    assert_eq!(closed.len(), 1);
    assert_eq!(closed[0]["site"], "Toledo, OH");
    let open = rows(&[("query[status]", "open")]).await;
    assert_eq!(open.len(), all.len() - 1);
    let attention = rows(&[("query[attention]", "1")]).await;
    assert!(
        attention
            .iter()
            .all(|r| r["overdue_phases"].as_u64().unwrap() > 0
                || r["goals_off_track"].as_u64().unwrap() > 0
                || !r["unstaffed_roles"].as_array().unwrap().is_empty()),
        "{attention:?}"
    );
    assert!(
        attention.iter().any(|r| r["site"] == "Baton Rouge, LA"),
        "the demo leaves a phase of Baton Rouge overdue"
    );
    let bad = call_with_cookie(
        app,
        "engagements/portfolio",
        &coordinator,
        &[("query[status]", "finished")],
    )
    .await;
    assert_eq!(bad.status(), 400);
    assert!(
        error_text(bad)
            .await
            .contains("status: Choose one of the listed statuses.")
    );

    // The CSV holds the same rows.
    let csv = app
        .client
        .get(app.url("/exports/portfolio.csv?kind=diagnostic&status=&attention="))
        .header("Cookie", &coordinator)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text().await.unwrap();
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("Site,Type,Status,Starts,Planned end,")
    );
    assert_eq!(lines.count(), 3, "{text}");
    let anonymous = app
        .client
        .get(app.url("/exports/portfolio.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    let provider = demo_login(app, "provider.phoenix@tta.example.gov").await;
    let refused = app
        .client
        .get(app.url("/exports/portfolio.csv"))
        .header("Cookie", &provider)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}
