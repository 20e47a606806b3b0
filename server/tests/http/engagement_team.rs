//! An engagement's teams and recommendations over HTTP, on SQLite and PostgreSQL: a person is
//! on a team once (also when ten coordinators add the same provider at the same moment), a site
//! has one lead, the site's team is made of its own contacts, a recommendation is answered only
//! by requests of its own engagement, and each reader sees only the engagements it may (another
//! site's contact: not found; a provider: only the engagements they serve).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use sea_orm::DatabaseConnection;
use serde_json::Value;

on_both_databases!(
    a_person_is_on_a_team_once_and_a_site_has_one_lead,
    ten_simultaneous_adds_of_one_provider_store_one,
    recommendations_are_answered_by_requests_of_their_own_engagement,
    each_reader_sees_only_the_engagements_it_may,
);

async fn user_id(db: &DatabaseConnection, email: &str) -> String {
    count(
        db,
        &format!("SELECT CAST(id AS BIGINT) FROM app_user WHERE email = '{email}'"),
    )
    .await
    .to_string()
}

/// The first engagement of the site with `slug`, with the demo's teams taken off every
/// engagement (these tests build their own; called before any is added).
async fn engagement_of(db: &DatabaseConnection, slug: &str) -> String {
    use sea_orm::ConnectionTrait;
    db.execute_unprepared("DELETE FROM engagement_member")
        .await
        .unwrap();
    count(
        db,
        &format!(
            "SELECT CAST(MIN(e.id) AS BIGINT) FROM engagement e JOIN site s ON s.id = e.site_id WHERE s.slug = '{slug}'"
        ),
    )
    .await
    .to_string()
}

async fn add_member(
    app: &TestApp,
    cookie: &str,
    engagement: &str,
    user: &str,
    role: &str,
) -> (u16, String) {
    let response = call_with_cookie(
        app,
        "engagements/team/add",
        cookie,
        &[
            ("engagement_id", engagement),
            ("form[user_id]", user),
            ("form[role]", role),
        ],
    )
    .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn detail(app: &TestApp, cookie: &str, engagement: &str) -> (u16, Value) {
    let response = call_with_cookie(app, "engagements/detail", cookie, &[("id", engagement)]).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn a_person_is_on_a_team_once_and_a_site_has_one_lead(app: &TestApp) {
    app.seed_demo().await;
    let db = raw_db(app).await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let memphis = engagement_of(&db, "memphis-tn").await;
    let phoenix = user_id(&db, "provider.phoenix@tta.example.gov").await;
    let contact = user_id(&db, "contact.memphis@tta.example.gov").await;
    let houston_contact = user_id(&db, "contact.houston@tta.example.gov").await;

    let (status, body) = add_member(app, &coordinator, &memphis, &phoenix, "crime_analyst").await;
    assert_eq!(status, 200, "{body}");
    // Twice, even in another role: refused beside the person's field.
    let (status, body) = add_member(app, &coordinator, &memphis, &phoenix, "coach").await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("user_id: Priya Patel is already on this engagement's team"),
        "{body}"
    );
    // A provider in a site role, and another site's contact on this site's team: refused.
    let (status, body) = add_member(app, &coordinator, &memphis, &houston_contact, "member").await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("user_id: ") && body.contains("not a contact"),
        "{body}"
    );
    // A nonsense role is named.
    let (status, body) = add_member(app, &coordinator, &memphis, &contact, "mayor").await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("role: "), "{body}");

    // The site's own contact as its lead; a second lead is refused.
    let (status, body) = add_member(app, &coordinator, &memphis, &contact, "lead").await;
    assert_eq!(status, 200, "{body}");
    let second = create_user(
        app,
        "second.memphis@example.org",
        service::accounts::Role::SiteContact,
    )
    .await
    .to_string();
    let site = count(
        &db,
        "SELECT CAST(id AS BIGINT) FROM site WHERE slug = 'memphis-tn'",
    )
    .await;
    sea_orm::ConnectionTrait::execute_unprepared(
        &db,
        &format!("INSERT INTO site_contact (site_id, user_id) VALUES ({site}, {second})"),
    )
    .await
    .unwrap();
    let (status, body) = add_member(app, &coordinator, &memphis, &second, "lead").await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("role: The site already has a lead"), "{body}");
    let (status, body) = add_member(app, &coordinator, &memphis, &second, "member").await;
    assert_eq!(status, 200, "{body}");
    // Changing the lead keeps one lead: the previous one becomes a member.
    let changed = call_with_cookie(
        app,
        "engagements/team/lead",
        &coordinator,
        &[("engagement_id", &memphis), ("user_id", &second)],
    )
    .await;
    assert_eq!(changed.status(), 200);
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM engagement_member WHERE engagement_id = {memphis} AND role = 'lead'")
        )
        .await,
        1
    );

    // The page shows both teams; the portfolio names the roles still unstaffed.
    let (status, page) = detail(app, &coordinator, &memphis).await;
    assert_eq!(status, 200);
    assert_eq!(page["tta_team"][0]["name"], "Priya Patel");
    assert_eq!(page["tta_team"][0]["role"], "crime_analyst");
    assert_eq!(page["site_team"][0]["user_id"].to_string(), second);
    assert_eq!(page["site_team"][0]["role"], "lead");
    assert_eq!(page["site_team"][1]["role"], "member");
    let rows: Value = call_with_cookie(app, "engagements/portfolio", &coordinator, &[])
        .await
        .json()
        .await
        .unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"].as_i64().map(|id| id.to_string()).as_deref() == Some(memphis.as_str()))
        .unwrap();
    let unstaffed: Vec<&str> = row["unstaffed_roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(unstaffed.contains(&"Strategic site liaison"), "{row}");
    assert!(!unstaffed.contains(&"Crime analyst"), "{row}");

    // Removing a member, and a site contact may not touch the team.
    let removed = call_with_cookie(
        app,
        "engagements/team/remove",
        &coordinator,
        &[("engagement_id", &memphis), ("user_id", &phoenix)],
    )
    .await;
    assert_eq!(removed.status(), 200);
    let memphis_contact = demo_login(app, "contact.memphis@tta.example.gov").await;
    let (status, _) = add_member(app, &memphis_contact, &memphis, &phoenix, "coach").await;
    assert_eq!(status, 403);
}

async fn ten_simultaneous_adds_of_one_provider_store_one(app: &TestApp) {
    app.seed_demo().await;
    let db = raw_db(app).await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let memphis = engagement_of(&db, "memphis-tn").await;
    let phoenix = user_id(&db, "provider.phoenix@tta.example.gov").await;
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let request = app
                .client
                .post(app.url("/api/engagements/team/add"))
                .header("Accept", "application/json")
                .header("Cookie", &coordinator)
                .form(&[
                    ("engagement_id", memphis.as_str()),
                    ("form[user_id]", phoenix.as_str()),
                    ("form[role]", "coach"),
                ]);
            tokio::spawn(async move {
                let response = request.send().await.unwrap();
                (response.status().as_u16(), response.text().await.unwrap())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for call in calls {
        answers.push(call.await.unwrap());
    }
    let stored = answers.iter().filter(|(status, _)| *status == 200).count();
    assert_eq!(stored, 1, "{answers:?}");
    for (status, body) in &answers {
        assert!(
            [200, 400, 409].contains(status),
            "never a server failure: {status} {body}"
        );
        if *status == 400 {
            assert!(body.contains("user_id: "), "{body}");
        }
    }
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM engagement_member WHERE engagement_id = {memphis}")
        )
        .await,
        1
    );
}

async fn recommendations_are_answered_by_requests_of_their_own_engagement(app: &TestApp) {
    app.seed_demo().await;
    let db = raw_db(app).await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let memphis = engagement_of(&db, "memphis-tn").await;
    let houston = engagement_of(&db, "houston-tx").await;
    let own_request = count(
        &db,
        &format!("SELECT CAST(MIN(id) AS BIGINT) FROM tta_request WHERE engagement_id = {memphis}"),
    )
    .await
    .to_string();
    let other_request = count(
        &db,
        &format!("SELECT CAST(MIN(id) AS BIGINT) FROM tta_request WHERE engagement_id = {houston}"),
    )
    .await
    .to_string();

    // A form with nothing in it names every field.
    let refused = call_with_cookie(
        app,
        "engagements/recommendations/add",
        &coordinator,
        &[("engagement_id", &memphis), ("form[status]", "finished")],
    )
    .await;
    assert_eq!(refused.status(), 400);
    let body = refused.text().await.unwrap();
    for field in ["core_area: ", "text: ", "owner: ", "status: "] {
        assert!(body.contains(field), "{field} in {body}");
    }
    let added = call_with_cookie(
        app,
        "engagements/recommendations/add",
        &coordinator,
        &[
            ("engagement_id", &memphis),
            ("form[core_area]", "gun_violence"),
            (
                "form[text]",
                "Review every non-fatal shooting within 72 hours.",
            ),
            ("form[owner]", "Deputy Chief Ellis"),
        ],
    )
    .await;
    assert_eq!(added.status(), 200);
    let lines: Value = added.json().await.unwrap();
    let recommendation = lines.as_array().unwrap().last().unwrap()["id"].to_string();

    let link = |request: String| {
        let recommendation = recommendation.clone();
        let coordinator = coordinator.clone();
        async move {
            call_with_cookie(
                app,
                "engagements/recommendations/link",
                &coordinator,
                &[
                    ("recommendation_id", &recommendation),
                    ("request_id", &request),
                ],
            )
            .await
        }
    };
    let refused = link(other_request.clone()).await;
    assert_eq!(refused.status(), 400);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains(&format!(
            "request_id: Request #{other_request} is not one of this engagement's requests"
        )),
        "{body}"
    );
    assert_eq!(link(own_request.clone()).await.status(), 200);
    assert_eq!(
        link(own_request.clone()).await.status(),
        200,
        "linking twice is harmless"
    );

    // The site's own contact moves its status; another site's contact cannot see it.
    let memphis_contact = demo_login(app, "contact.memphis@tta.example.gov").await;
    let moved = call_with_cookie(
        app,
        "engagements/recommendations/status",
        &memphis_contact,
        &[
            ("recommendation_id", &recommendation),
            ("status", "in_progress"),
        ],
    )
    .await;
    assert_eq!(moved.status(), 200);
    let houston_contact = demo_login(app, "contact.houston@tta.example.gov").await;
    let hidden = call_with_cookie(
        app,
        "engagements/recommendations/status",
        &houston_contact,
        &[("recommendation_id", &recommendation), ("status", "done")],
    )
    .await;
    assert_eq!(hidden.status(), 404);
    // Only staff rewrite a recommendation; the coordinator's rewrite keeps its links.
    let rewrite = [
        ("recommendation_id", recommendation.as_str()),
        ("form[core_area]", "gun_violence"),
        (
            "form[text]",
            "Review every non-fatal shooting within 48 hours.",
        ),
        ("form[owner]", "Deputy Chief Ellis"),
        ("form[status]", "in_progress"),
    ];
    let refused = call_with_cookie(
        app,
        "engagements/recommendations/update",
        &memphis_contact,
        &rewrite,
    )
    .await;
    assert_eq!(refused.status(), 403);
    let rewritten = call_with_cookie(
        app,
        "engagements/recommendations/update",
        &coordinator,
        &rewrite,
    )
    .await;
    assert_eq!(rewritten.status(), 200);

    let (status, page) = detail(app, &memphis_contact, &memphis).await;
    assert_eq!(status, 200);
    let line = &page["recommendations"][0];
    assert_eq!(line["core_area"], "gun_violence");
    assert_eq!(
        line["text"],
        "Review every non-fatal shooting within 48 hours."
    );
    assert_eq!(line["owner"], "Deputy Chief Ellis");
    assert_eq!(line["status"], "in_progress");
    assert_eq!(line["requests"][0][0].to_string(), own_request);
    assert_eq!(line["requests"].as_array().unwrap().len(), 1);
}

async fn each_reader_sees_only_the_engagements_it_may(app: &TestApp) {
    app.seed_demo().await;
    let db = raw_db(app).await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let memphis = engagement_of(&db, "memphis-tn").await;
    let houston = engagement_of(&db, "houston-tx").await;
    let phoenix = user_id(&db, "provider.phoenix@tta.example.gov").await;
    let provider = demo_login(app, "provider.phoenix@tta.example.gov").await;

    // Before serving, the provider reads neither engagement and serves none.
    assert_eq!(detail(app, &provider, &memphis).await.0, 404);
    let serving: Value = call_with_cookie(app, "engagements/serving", &provider, &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(serving, Value::Array(vec![]));

    let (status, body) = add_member(
        app,
        &coordinator,
        &memphis,
        &phoenix,
        "strategic_site_liaison",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, page) = detail(app, &provider, &memphis).await;
    assert_eq!(status, 200);
    assert_eq!(page["tta_team"][0]["role"], "strategic_site_liaison");
    assert_eq!(detail(app, &provider, &houston).await.0, 404);
    let serving = call_with_cookie(app, "engagements/serving", &provider, &[]).await;
    assert_eq!(serving.status(), 200);
    let serving: Value = serving.json().await.unwrap();
    let lines = serving.as_array().unwrap();
    assert_eq!(lines.len(), 1, "{serving}");
    assert_eq!(lines[0]["engagement_id"].to_string(), memphis);
    assert_eq!(lines[0]["site"], "Memphis, TN");
    assert_eq!(lines[0]["role"], "strategic_site_liaison");

    // A provider may serve several engagements.
    let (status, body) = add_member(app, &coordinator, &houston, &phoenix, "coach").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(detail(app, &provider, &houston).await.0, 200);
    let serving: Value = call_with_cookie(app, "engagements/serving", &provider, &[])
        .await
        .json()
        .await
        .unwrap();
    let roles: Vec<&str> = serving
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles.len(), 2, "{serving}");
    assert!(roles.contains(&"coach") && roles.contains(&"strategic_site_liaison"));

    // Another site's contact: not found; the provider's page lists the engagement.
    let houston_contact = demo_login(app, "contact.houston@tta.example.gov").await;
    assert_eq!(detail(app, &houston_contact, &memphis).await.0, 404);
    let page = app
        .client
        .get(app.url("/provider/engagements"))
        .header("Cookie", &provider)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Memphis, TN") && html.contains("Strategic site liaison"),
        "{html}"
    );
}
