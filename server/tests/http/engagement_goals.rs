//! Measurable goals over HTTP on SQLite and PostgreSQL: a coordinator sets a goal (each
//! mistake named beside its field), the site's contact records values (a future day refused,
//! naming it; a day before the engagement began refused; an unreadable value refused), whether
//! the goal is on track follows the latest value against the straight line, the portfolio
//! counts goals off track, the page shows the chart and its table; another site's contact gets
//! 404, a provider 403, a site contact cannot set a goal.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use chrono::{Duration, NaiveDate, Utc};
use harness::TestApp;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use service::entities::{engagement, engagement_goal, goal_progress, site};

on_both_databases!(goals_are_set_recorded_and_tracked);

fn words(day: NaiveDate) -> String {
    day.format("%a %-d %b %Y").to_string()
}

fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// Memphis's first engagement, moved to start 120 days ago (on the site's calendar) and run
/// three years, so that its goals and values can be dated around today; and today there.
async fn memphis_engagement(app: &TestApp, memphis: &str) -> (String, NaiveDate, NaiveDate) {
    let mine = call_with_cookie(app, "engagements/mine", memphis, &[]).await;
    assert_eq!(mine.status(), 200);
    let mine: Value = mine.json().await.unwrap();
    let id = mine[0]["id"].as_i64().unwrap();
    let db = raw_db(app).await;
    let row = engagement::Entity::find_by_id(i32::try_from(id).unwrap())
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let zone = site::Entity::find_by_id(row.site_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .time_zone;
    let today = service::zone::TimeZone::parse(&zone)
        .unwrap()
        .local(Utc::now())
        .date();
    let start = today - Duration::days(120);
    let mut moved: engagement::ActiveModel = row.into();
    moved.starts_on = Set(start);
    moved.planned_end = Set(start + Duration::days(3 * 365));
    moved.update(&db).await.unwrap();
    // The test sets its own goals: the demo's go.
    let demo_goals: Vec<i32> = engagement_goal::Entity::find()
        .filter(engagement_goal::Column::EngagementId.eq(i32::try_from(id).unwrap()))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.id)
        .collect();
    goal_progress::Entity::delete_many()
        .filter(goal_progress::Column::GoalId.is_in(demo_goals.clone()))
        .exec(&db)
        .await
        .unwrap();
    engagement_goal::Entity::delete_many()
        .filter(engagement_goal::Column::Id.is_in(demo_goals))
        .exec(&db)
        .await
        .unwrap();
    (id.to_string(), start, today)
}

async fn add_goal(
    app: &TestApp,
    cookie: &str,
    engagement: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = vec![("engagement_id", engagement)];
    form.extend_from_slice(fields);
    call_with_cookie(app, "engagements/goals/add", cookie, &form).await
}

async fn record(
    app: &TestApp,
    cookie: &str,
    goal: &str,
    day: &str,
    value: &str,
) -> reqwest::Response {
    call_with_cookie(
        app,
        "engagements/goals/progress",
        cookie,
        &[
            ("goal_id", goal),
            ("form[recorded_on]", day),
            ("form[value]", value),
            ("form[note]", "From the police department's monthly report"),
        ],
    )
    .await
}

/// The 400 answer's text, asserting it is one.
async fn refused(response: reqwest::Response) -> String {
    assert_eq!(response.status(), 400);
    response.text().await.unwrap()
}

async fn portfolio_off_track(app: &TestApp, coordinator: &str, engagement: &str) -> u64 {
    let rows: Value = call_with_cookie(app, "engagements/portfolio", coordinator, &[])
        .await
        .json()
        .await
        .unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"].as_i64().unwrap().to_string() == engagement)
        .unwrap()
        .clone();
    row["goals_off_track"].as_u64().unwrap()
}

async fn goals_are_set_recorded_and_tracked(app: &TestApp) {
    app.seed_demo().await;
    let memphis = demo_login(app, "contact.memphis@tta.example.gov").await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let houston = demo_login(app, "contact.houston@tta.example.gov").await;
    let provider = demo_login(app, "provider.phoenix@tta.example.gov").await;
    let (engagement, start, today) = memphis_engagement(app, &memphis).await;
    let end = start + Duration::days(3 * 365);
    let due = iso(today + Duration::days(120));

    // Every mistake of an empty goal at once, each beside its field.
    // The browser sends every input, empty or not.
    let blank = [
        ("form[name]", ""),
        ("form[metric]", ""),
        ("form[unit]", ""),
        ("form[baseline]", ""),
        ("form[target]", ""),
        ("form[due_on]", ""),
    ];
    let empty = refused(add_goal(app, &coordinator, &engagement, &blank).await).await;
    for line in [
        "goal_name: Enter a name for the goal, such as “Fewer non-fatal shootings”.",
        "goal_metric: Enter the metric that measures the goal, such as “Non-fatal shootings per month”.",
        "goal_unit: Enter the unit the metric counts, such as “shootings” or “%”.",
        "goal_baseline: Enter the baseline as a number.",
        "goal_target: Enter the target as a number.",
        "goal_due_on: Enter the due date as a date, such as 2027-06-30.",
    ] {
        assert!(empty.contains(line), "{line} in {empty}");
    }
    let good: [(&str, &str); 6] = [
        ("form[name]", "Fewer non-fatal shootings"),
        ("form[metric]", "Non-fatal shootings per month"),
        ("form[unit]", "shootings"),
        ("form[baseline]", "40"),
        ("form[target]", "30"),
        ("form[due_on]", &due),
    ];
    let with = |field: &'static str, value: &'static str| {
        good.iter()
            .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
            .collect::<Vec<_>>()
    };
    let unreadable = refused(
        add_goal(
            app,
            &coordinator,
            &engagement,
            &with("form[baseline]", "forty"),
        )
        .await,
    )
    .await;
    assert!(
        unreadable.contains(
            "goal_baseline: Enter the baseline as a number, such as 42 or 3.5 (you typed “forty”)."
        ),
        "{unreadable}"
    );
    let unreadable_target =
        refused(add_goal(app, &coordinator, &engagement, &with("form[target]", "3O")).await).await;
    assert!(
        unreadable_target.contains("goal_target: Enter the target as a number, such as 42 or 3.5"),
        "{unreadable_target}"
    );
    let same = refused(
        add_goal(
            app,
            &coordinator,
            &engagement,
            &with("form[target]", "40.0"),
        )
        .await,
    )
    .await;
    assert!(
        same.contains(
            "goal_target: The target must differ from the baseline: a goal moves its metric."
        ),
        "{same}"
    );
    let outside = format!(
        "goal_due_on: The due date must fall within the engagement's run: after {} and by {}.",
        words(start),
        words(end)
    );
    for day in [iso(start), iso(end + Duration::days(1))] {
        let mut fields = good.to_vec();
        fields[5] = ("form[due_on]", &day);
        let body = refused(add_goal(app, &coordinator, &engagement, &fields).await).await;
        assert!(body.contains(&outside), "{outside} in {body}");
    }

    // Only coordinators and administrators set goals.
    let by_contact = add_goal(app, &memphis, &engagement, &good).await;
    assert_eq!(by_contact.status(), 403);
    let by_provider = add_goal(app, &provider, &engagement, &good).await;
    assert_eq!(by_provider.status(), 403);

    let added = add_goal(app, &coordinator, &engagement, &good).await;
    assert_eq!(added.status(), 200);
    let goals: Value = added.json().await.unwrap();
    assert_eq!(goals.as_array().unwrap().len(), 1);
    let goal = goals[0]["id"].as_i64().unwrap().to_string();
    assert_eq!(goals[0]["due"], words(today + Duration::days(120)));
    assert_eq!(goals[0]["on_track"], true, "no value yet: on track");

    // The site's contact records values: not in the future, not before the start, a number.
    let tomorrow = today + Duration::days(1);
    let future = refused(record(app, &memphis, &goal, &iso(tomorrow), "36").await).await;
    assert!(
        future.contains(&format!(
            "progress_recorded_on: {} is in the future on the site's calendar (today is {})",
            words(tomorrow),
            words(today)
        )),
        "{future}"
    );
    let before = start - Duration::days(1);
    let early = refused(record(app, &memphis, &goal, &iso(before), "36").await).await;
    assert!(
        early.contains(&format!(
            "progress_recorded_on: {} is before the engagement began on {}",
            words(before),
            words(start)
        )),
        "{early}"
    );
    let bad_value = refused(record(app, &memphis, &goal, &iso(today), "about 36").await).await;
    assert!(
        bad_value.contains(
            "progress_value: Enter the value as a number, such as 42 or 3.5 (you typed “about 36”)."
        ),
        "{bad_value}"
    );

    // Today is day 120 of 240: the line stands at 35. 36 shootings is behind it…
    let behind = record(app, &memphis, &goal, &iso(today), "36").await;
    assert_eq!(behind.status(), 200);
    let goals: Value = behind.json().await.unwrap();
    assert_eq!(goals[0]["on_track"], false, "{goals}");
    assert_eq!(goals[0]["progress"].as_array().unwrap().len(), 1);
    assert_eq!(portfolio_off_track(app, &coordinator, &engagement).await, 1);
    // …and a later value on the same day, 34, is ahead of it.
    let ahead = record(app, &memphis, &goal, &iso(today), "34").await;
    assert_eq!(ahead.status(), 200);
    let goals: Value = ahead.json().await.unwrap();
    assert_eq!(goals[0]["on_track"], true, "{goals}");
    assert_eq!(portfolio_off_track(app, &coordinator, &engagement).await, 0);
    // An earlier value, recorded late, does not count as the latest.
    let late_entry = record(app, &memphis, &goal, &iso(start + Duration::days(10)), "45").await;
    assert_eq!(late_entry.status(), 200);
    let goals: Value = late_entry.json().await.unwrap();
    assert_eq!(goals[0]["on_track"], true, "{goals}");
    let days: Vec<i64> = goals[0]["progress"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["day"].as_i64().unwrap())
        .collect();
    assert_eq!(days, [10, 120, 120], "oldest first");

    // Another site's contact: the goal does not exist; a provider is refused.
    let hidden = record(app, &houston, &goal, &iso(today), "30").await;
    assert_eq!(hidden.status(), 404);
    let by_provider = record(app, &provider, &goal, &iso(today), "30").await;
    assert_eq!(by_provider.status(), 403);

    // The page: the chart with its text alternative and the values' table, and the forms each
    // reader may use.
    let page = |cookie: String| {
        let path = format!("/engagements/{engagement}");
        async move {
            let response = app
                .client
                .get(app.url(&path))
                .header("Cookie", cookie)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            response.text().await.unwrap()
        }
    };
    let detail: Value =
        call_with_cookie(app, "engagements/detail", &memphis, &[("id", &engagement)])
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(detail["can_record_progress"], true);
    assert_eq!(detail["can_add_goal"], false);
    assert_eq!(detail["goals"][0]["progress"].as_array().unwrap().len(), 3);
    let html = page(memphis.clone()).await;
    assert!(
        html.contains("<svg") && html.contains("role=\"img\""),
        "{html}"
    );
    assert!(html.contains("<figcaption>Non-fatal shootings per month from 40 to 30 shootings"));
    assert!(html.contains(&format!(
        "latest 34 shootings on {}, on track.",
        words(today)
    )));
    assert!(html.contains("Values recorded for Fewer non-fatal shootings"));
    assert!(html.contains("Record progress"));
    assert!(!html.contains("Add a goal"), "a site contact sets no goals");
    let html = page(coordinator.clone()).await;
    assert!(html.contains("Add a goal") && html.contains("Record progress"));
    let portfolio = app
        .client
        .get(app.url("/coordinator/engagements"))
        .header("Cookie", &coordinator)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(portfolio.contains("Goals off track"), "{portfolio}");
}
