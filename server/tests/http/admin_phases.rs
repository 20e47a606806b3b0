//! `/admin/phases` over HTTP on SQLite and PostgreSQL: administrators list both types' phase
//! templates in order, add, edit, move and remove them (each mistake named beside its field,
//! each change audited); the templates shape only the engagements opened afterwards; every other
//! role is refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, admin_support, harness};
use accounts_support::*;
use admin_support::*;
use harness::TestApp;
use serde_json::Value;

on_both_databases!(administrators_edit_the_phase_templates);

const COORDINATOR: &str = "coordinator@tta.example.gov";

/// The names of the `kind` phases, in order, from a view.
fn names(view: &Value, kind: &str) -> Vec<String> {
    let phases = phases(view, kind);
    phases
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect()
}

fn phases<'a>(view: &'a Value, kind: &str) -> &'a Vec<Value> {
    view["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == kind)
        .unwrap()["phases"]
        .as_array()
        .unwrap()
}

fn id_of(view: &Value, kind: &str, name: &str) -> String {
    phases(view, kind)
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} listed"))["id"]
        .to_string()
}

async fn administrators_edit_the_phase_templates(app: &TestApp) {
    app.seed_demo().await;
    let admin = cookie(app, ADMIN).await;
    let coordinator = cookie(app, COORDINATOR).await;
    let (status, _) = outcome(app, "admin/phases", &coordinator, &[]).await;
    assert_eq!(status, 403);
    let (status, _) = outcome(
        app,
        "admin/phases/add",
        &coordinator,
        &[
            ("form[kind]", "operations"),
            ("form[name]", "X"),
            ("form[months]", "1"),
        ],
    )
    .await;
    assert_eq!(status, 403);

    let view = json(app, "admin/phases", &admin, &[]).await;
    assert_eq!(view["kinds"][0]["kind"], "operations");
    assert_eq!(view["kinds"][0]["planned_months"], 36);
    assert_eq!(
        names(&view, "operations"),
        [
            "Kick-off",
            "Strategic plan",
            "Coaching year 1",
            "Coaching year 2",
            "Coaching year 3",
            "Peer exchanges",
            "Sustainability and close-out"
        ]
    );
    assert_eq!(names(&view, "diagnostic").len(), 5);

    // Mistakes, each beside its field.
    let (status, text) = outcome(
        app,
        "admin/phases/add",
        &admin,
        &[
            ("form[kind]", "operations"),
            ("form[name]", "  "),
            ("form[start_month]", "0"),
            ("form[months]", "0"),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(text.contains("name: Name the phase"), "{text}");
    assert!(
        text.contains("months: A phase lasts at least one month."),
        "{text}"
    );
    let (status, text) = outcome(
        app,
        "admin/phases/add",
        &admin,
        &[
            ("form[kind]", "operations"),
            ("form[name]", "Long"),
            ("form[start_month]", "0"),
            ("form[months]", "37"),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        text.contains("months: A phase lasts at most 36 months (three years)."),
        "{text}"
    );
    let (status, text) = outcome(
        app,
        "admin/phases/add",
        &admin,
        &[
            ("form[kind]", "operations"),
            ("form[name]", "strategic plan"),
            ("form[start_month]", "2"),
            ("form[months]", "3"),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        text.contains("name: The Operations phases already have one called “strategic plan”"),
        "{text}"
    );

    // Add, move up, edit, remove.
    let view = json(
        app,
        "admin/phases/add",
        &admin,
        &[
            ("form[kind]", "operations"),
            ("form[name]", "Mid-term review"),
            ("form[start_month]", "18"),
            ("form[months]", "1"),
        ],
    )
    .await;
    assert_eq!(
        names(&view, "operations").last().unwrap(),
        "Mid-term review"
    );
    let added = id_of(&view, "operations", "Mid-term review");
    let view = json(
        app,
        "admin/phases/move",
        &admin,
        &[("id", added.as_str()), ("direction", "up")],
    )
    .await;
    let order = names(&view, "operations");
    assert_eq!(order[6], "Mid-term review");
    assert_eq!(order[7], "Sustainability and close-out");
    let positions: Vec<i64> = phases(&view, "operations")
        .iter()
        .map(|p| p["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, (1..=8).collect::<Vec<i64>>());
    let first = id_of(&view, "operations", "Kick-off");
    let (status, text) = outcome(
        app,
        "admin/phases/move",
        &admin,
        &[("id", first.as_str()), ("direction", "up")],
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        text.contains("is already the first Operations phase"),
        "{text}"
    );
    let (status, text) = outcome(
        app,
        "admin/phases/update",
        &admin,
        &[
            ("id", added.as_str()),
            ("form[name]", "Coaching year 1"),
            ("form[start_month]", "18"),
            ("form[months]", "2"),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        text.contains("name: The Operations phases already have one"),
        "{text}"
    );
    let view = json(
        app,
        "admin/phases/update",
        &admin,
        &[
            ("id", added.as_str()),
            ("form[name]", "Mid-point review"),
            ("form[start_month]", "18"),
            ("form[months]", "2"),
        ],
    )
    .await;
    let edited = phases(&view, "operations")
        .iter()
        .find(|p| p["name"] == "Mid-point review")
        .unwrap();
    assert_eq!(edited["months"], 2);
    let peer = id_of(&view, "operations", "Peer exchanges");
    let view = json(app, "admin/phases/remove", &admin, &[("id", peer.as_str())]).await;
    assert_eq!(
        names(&view, "operations"),
        [
            "Kick-off",
            "Strategic plan",
            "Coaching year 1",
            "Coaching year 2",
            "Coaching year 3",
            "Mid-point review",
            "Sustainability and close-out"
        ]
    );
    let positions: Vec<i64> = phases(&view, "operations")
        .iter()
        .map(|p| p["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, (1..=7).collect::<Vec<i64>>());

    // Audited, one event per change.
    let db = raw_db(app).await;
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action LIKE 'phase_template.%'"
        )
        .await,
        4
    );

    // Engagements already open keep their phases; one opened now is laid out anew.
    let kept = count(
        &db,
        "SELECT COUNT(*) FROM engagement_phase WHERE name = 'Peer exchanges'",
    )
    .await;
    assert!(kept > 0, "open engagements keep the removed phase");
    let site = json(
        app,
        "admin/sites/create",
        &admin,
        &[
            ("form[name]", "Gary"),
            ("form[state]", "IN"),
            ("form[time_zone]", "America/Chicago"),
            ("form[engagement_type]", "operations"),
            ("form[region]", "midwest"),
        ],
    )
    .await
    .to_string();
    let opened = json(
        app,
        "engagements/open",
        &admin,
        &[
            ("form[site_id]", site.as_str()),
            ("form[kind]", "operations"),
            ("form[starts_on]", "2027-01-04"),
        ],
    )
    .await
    .to_string();
    let laid_out = count(
        &db,
        &format!(
            "SELECT COUNT(*) FROM engagement_phase WHERE engagement_id = {opened} \
             AND name IN ('Mid-point review', 'Peer exchanges')"
        ),
    )
    .await;
    assert_eq!(laid_out, 1, "the new engagement has the edited phases");
}
