//! The provider's own pages over HTTP on SQLite and PostgreSQL: profile, availability (editor
//! and free-time preview) and sessions. The guard (anonymous 401, other roles 403), field
//! messages for bad input (400, each naming its field or row), what is saved coming back, a
//! provider never reaching another's data, and a Phoenix provider's Chicago-zone sessions across
//! the March DST change.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use serde_json::{Value, json};
use service::accounts::Role;

on_both_databases!(
    every_provider_page_is_for_providers_only,
    the_profile_is_checked_field_by_field_and_saved_as_ones_own,
    availability_rows_are_checked_saved_and_previewed,
    a_provider_without_a_profile_is_sent_to_the_profile_first,
    sessions_show_phoenix_and_the_site_across_the_march_change,
);

const PRIYA: &str = "provider.phoenix@tta.example.gov";
const DAN: &str = "provider.denver@tta.example.gov";

/// Calls a JSON-encoded server function.
async fn call_json(app: &TestApp, endpoint: &str, cookie: &str, body: &Value) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("Accept", "application/json")
        .header("Cookie", cookie)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn ok_json(response: reqwest::Response) -> Value {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn priya_profile_form(zone: &str, organisation: &str) -> Vec<(&'static str, String)> {
    vec![
        ("form[organisation]", organisation.to_owned()),
        ("form[home_zone]", zone.to_owned()),
        ("form[modalities][]", "virtual".to_owned()),
        ("form[modalities][]", "on_site".to_owned()),
        ("form[travel_regions][]", "west".to_owned()),
        ("form[weekly_hour_capacity]", "25".to_owned()),
        ("form[engagement_capacity]", "5".to_owned()),
        ("form[expertise][]", "4:3".to_owned()),
        ("form[expertise][]", "3:2".to_owned()),
        ("form[expertise][]", "1:0".to_owned()),
        (
            "form[bio]",
            "Coaches crime gun intelligence centres.".to_owned(),
        ),
    ]
}

async fn call(
    app: &TestApp,
    endpoint: &str,
    cookie: &str,
    form: &[(&str, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    call_with_cookie(app, endpoint, cookie, &pairs).await
}

async fn every_provider_page_is_for_providers_only(app: &TestApp) {
    app.seed_demo().await;
    let anonymous = String::new();
    let contact = demo_login(app, "contact.memphis@tta.example.gov").await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let admin = demo_login(app, "admin@tta.example.gov").await;
    let priya = demo_login(app, PRIYA).await;
    let reads = [
        "provider/profile",
        "provider/availability",
        "provider/availability/preview",
    ];
    for endpoint in reads {
        for (who, cookie, status) in [
            ("anonymous", &anonymous, 401),
            ("site contact", &contact, 403),
            ("coordinator", &coordinator, 403),
            ("admin", &admin, 403),
            ("provider", &priya, 200),
        ] {
            let response = call_with_cookie(app, endpoint, cookie, &[]).await;
            assert_eq!(response.status(), status, "{who} calling {endpoint}");
        }
    }
    let list = [
        ("view", "list".to_owned()),
        ("date", String::new()),
        ("past", "false".to_owned()),
    ];
    let profile = priya_profile_form("America/Phoenix", "Southwest Violence Reduction Institute");
    let availability = json!({"form": {"weekly": [], "overrides": [], "time_off": []}});
    for (who, cookie, status) in [
        ("anonymous", &anonymous, 401),
        ("site contact", &contact, 403),
        ("coordinator", &coordinator, 403),
    ] {
        let response = call(app, "provider/sessions", cookie, &list).await;
        assert_eq!(response.status(), status, "{who}: sessions");
        let response = call(app, "provider/profile/save", cookie, &profile).await;
        assert_eq!(response.status(), status, "{who}: profile/save");
        let text = error_text(response).await;
        assert!(
            !text.contains("database") && !text.contains("sqlx"),
            "{text}"
        );
        let response = call_json(app, "provider/availability/save", cookie, &availability).await;
        assert_eq!(response.status(), status, "{who}: availability/save");
    }
    assert_eq!(
        call(app, "provider/sessions", &priya, &list).await.status(),
        200
    );
}

async fn the_profile_is_checked_field_by_field_and_saved_as_ones_own(app: &TestApp) {
    app.seed_demo().await;
    let priya = demo_login(app, PRIYA).await;
    let page = ok_json(call_with_cookie(app, "provider/profile", &priya, &[]).await).await;
    assert_eq!(page["has_profile"], true);
    assert_eq!(page["fields"]["home_zone"], "America/Phoenix");
    assert_eq!(
        page["fields"]["organisation"],
        "Southwest Violence Reduction Institute"
    );
    let zones: Vec<&str> = page["zones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z.as_str().unwrap())
        .collect();
    assert!(zones.contains(&"America/Phoenix") && zones.contains(&"Europe/Berlin"));
    assert_eq!(page["areas"].as_array().unwrap().len(), 8);

    // A conflict of interest on record (coordinators keep these) survives the provider's save.
    let raw = raw_db(app).await;
    sea_orm::ConnectionTrait::execute_unprepared(
        &raw,
        "INSERT INTO conflict_of_interest (provider_id, site_id, reason) VALUES (3, 5, 'Former employee')",
    )
    .await
    .unwrap();

    // Mistakes: each named by its field, the unknown zone clearly.
    let mut bad = priya_profile_form("America/Memphis", "");
    bad.retain(|(k, _)| *k != "form[travel_regions][]");
    for (key, value) in &mut bad {
        if *key == "form[weekly_hour_capacity]" {
            *value = "0".to_owned();
        }
    }
    let refused = call(app, "provider/profile/save", &priya, &bad).await;
    assert_eq!(refused.status(), 400);
    let text = error_text(refused).await;
    assert!(
        text.contains("organisation: Enter your organisation"),
        "{text}"
    );
    assert!(
        text.contains("home_zone: 'America/Memphis' is not an IANA time zone"),
        "{text}"
    );
    assert!(
        text.contains("travel_regions: On-site and hybrid"),
        "{text}"
    );
    assert!(text.contains("weekly_hour_capacity: "), "{text}");

    // A good save, read back; the new zone is also the one Priya reads times in.
    let saved = call(
        app,
        "provider/profile/save",
        &priya,
        &priya_profile_form("America/Los_Angeles", "Desert Coaching LLC"),
    )
    .await;
    let label: String = ok_json(saved).await.as_str().unwrap().to_owned();
    assert!(
        label.contains("America/Los_Angeles") && label.contains("Pacific"),
        "{label}"
    );
    let page = ok_json(call_with_cookie(app, "provider/profile", &priya, &[]).await).await;
    let fields = &page["fields"];
    assert_eq!(fields["organisation"], "Desert Coaching LLC");
    assert_eq!(fields["home_zone"], "America/Los_Angeles");
    assert_eq!(fields["modalities"], json!(["on_site", "virtual"]));
    assert_eq!(fields["travel_regions"], json!(["west"]));
    assert_eq!(fields["weekly_hour_capacity"], "25");
    let mut expertise: Vec<String> = fields["expertise"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().to_owned())
        .collect();
    expertise.sort();
    assert_eq!(expertise, ["3:2", "4:3"]);
    let listed = sessions(app, &priya, "list", "", false).await;
    assert!(
        listed["zone_label"]
            .as_str()
            .unwrap()
            .contains("America/Los_Angeles")
    );
    assert_eq!(
        count(
            &raw,
            "SELECT COUNT(*) FROM conflict_of_interest WHERE provider_id = 3"
        )
        .await,
        1
    );

    // Dan's profile is his own: untouched by Priya's save, and his save leaves hers alone.
    let dan = demo_login(app, DAN).await;
    let his = ok_json(call_with_cookie(app, "provider/profile", &dan, &[]).await).await;
    assert_eq!(his["fields"]["organisation"], "Community Justice Partners");
    assert_eq!(his["fields"]["home_zone"], "America/Denver");
    let saved = call(
        app,
        "provider/profile/save",
        &dan,
        &priya_profile_form("America/Denver", "Community Justice Partners II"),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let page = ok_json(call_with_cookie(app, "provider/profile", &priya, &[]).await).await;
    assert_eq!(page["fields"]["organisation"], "Desert Coaching LLC");
}

/// The date `days` from today in Phoenix, `YYYY-MM-DD`.
fn phoenix_day(days: i64) -> String {
    let zone = service::zone::TimeZone::parse("America/Phoenix").unwrap();
    (zone.local(chrono::Utc::now()).date() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

fn preview_day<'a>(preview: &'a Value, iso: &str) -> &'a Value {
    preview["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["days"].as_array().unwrap())
        .find(|d| d["iso"] == iso)
        .unwrap_or_else(|| panic!("{iso} not in the preview"))
}

async fn availability_rows_are_checked_saved_and_previewed(app: &TestApp) {
    app.seed_demo().await;
    let priya = demo_login(app, PRIYA).await;
    let page = ok_json(call_with_cookie(app, "provider/availability", &priya, &[]).await).await;
    assert_eq!(page["has_profile"], true);
    assert_eq!(page["abbreviation"], "MST");
    assert!(
        page["zone_label"]
            .as_str()
            .unwrap()
            .contains("America/Phoenix")
    );
    let weekly = page["fields"]["weekly"].as_array().unwrap();
    assert_eq!(weekly.len(), 5);
    assert_eq!(weekly[0]["weekday"], "mon");
    assert_eq!(weekly[0]["start"], "07:00");
    assert_eq!(weekly[0]["end"], "15:00");

    // Overlapping ranges, an end before its start, an override in the past, inverted time off:
    // each refused with a message naming its day or date, tied to its row.
    let bad = json!({"form": {
        "weekly": [
            {"key": 1, "weekday": "mon", "start": "09:00", "end": "12:00"},
            {"key": 2, "weekday": "mon", "start": "11:00", "end": "13:00"},
            {"key": 3, "weekday": "tue", "start": "15:00", "end": "09:00"}
        ],
        "overrides": [{"key": 4, "date": phoenix_day(-3), "unavailable": true, "ranges": []}],
        "time_off": [{"key": 5, "first": phoenix_day(12), "last": phoenix_day(10), "reason": ""}]
    }});
    let refused = call_json(app, "provider/availability/save", &priya, &bad).await;
    assert_eq!(refused.status(), 400);
    let text = error_text(refused).await;
    for expected in [
        "range_2: Monday: the ranges 09:00–12:00 and 11:00–13:00 overlap",
        "range_3: Tuesday: the range 15:00–09:00 ends before it starts",
        "override_4: ",
        "is in the past",
        "timeoff_5: Time off from",
        "ends before it starts",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    // Nothing was saved.
    let page = ok_json(call_with_cookie(app, "provider/availability", &priya, &[]).await).await;
    assert_eq!(page["fields"]["weekly"].as_array().unwrap().len(), 5);

    // A good save: two ranges on Monday, a Saturday, an override with two ranges, a day off.
    let (override_day, off_day) = (phoenix_day(9), phoenix_day(11));
    let good = json!({"form": {
        "weekly": [
            {"key": 1, "weekday": "mon", "start": "13:00", "end": "16:00"},
            {"key": 2, "weekday": "mon", "start": "07:00", "end": "11:00"},
            {"key": 3, "weekday": "tue", "start": "07:00", "end": "15:00"},
            {"key": 4, "weekday": "wed", "start": "07:00", "end": "15:00"},
            {"key": 5, "weekday": "thu", "start": "07:00", "end": "15:00"},
            {"key": 6, "weekday": "fri", "start": "07:00", "end": "15:00"},
            {"key": 7, "weekday": "sat", "start": "08:00", "end": "10:00"}
        ],
        "overrides": [{"key": 8, "date": override_day, "unavailable": false, "ranges": [
            {"key": 9, "weekday": "", "start": "14:00", "end": "15:00"},
            {"key": 10, "weekday": "", "start": "10:00", "end": "11:30"}
        ]}],
        "time_off": [{"key": 11, "first": off_day, "last": off_day, "reason": "Conference"}]
    }});
    let saved = call_json(app, "provider/availability/save", &priya, &good).await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());

    let page = ok_json(call_with_cookie(app, "provider/availability", &priya, &[]).await).await;
    let fields = &page["fields"];
    let monday: Vec<(String, String)> = fields["weekly"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["weekday"] == "mon")
        .map(|r| {
            (
                r["start"].as_str().unwrap().to_owned(),
                r["end"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        monday,
        [
            ("07:00".to_owned(), "11:00".to_owned()),
            ("13:00".to_owned(), "16:00".to_owned())
        ]
    );
    assert_eq!(fields["weekly"].as_array().unwrap().len(), 7);
    let overrides = fields["overrides"].as_array().unwrap();
    assert_eq!(overrides.len(), 1);
    assert_eq!(overrides[0]["date"], override_day.as_str());
    assert_eq!(overrides[0]["unavailable"], false);
    assert_eq!(overrides[0]["ranges"][0]["start"], "10:00");
    assert_eq!(overrides[0]["ranges"][1]["end"], "15:00");
    let time_off = fields["time_off"].as_array().unwrap();
    assert_eq!(time_off.len(), 1);
    assert_eq!(time_off[0]["first"], off_day.as_str());
    assert_eq!(time_off[0]["last"], off_day.as_str());
    assert_eq!(time_off[0]["reason"], "Conference");

    // The preview is the engine's view of the same data.
    let preview =
        ok_json(call_with_cookie(app, "provider/availability/preview", &priya, &[]).await).await;
    assert!(preview["zone_label"].as_str().unwrap().contains("MST"));
    let weeks = preview["weeks"].as_array().unwrap();
    assert!((4..=5).contains(&weeks.len()), "{}", weeks.len());
    assert!(
        weeks
            .iter()
            .all(|w| w["days"].as_array().unwrap().len() == 7)
    );
    let overridden = preview_day(&preview, &override_day);
    assert_eq!(
        overridden["free"],
        json!(["10:00–11:30 MST", "14:00–15:00 MST"])
    );
    assert!(overridden["notes"].to_string().contains("override"));
    let off = preview_day(&preview, &off_day);
    assert_eq!(off["free"], json!([]));
    assert!(off["notes"].to_string().contains("Time off"));
    let today = preview_day(&preview, &phoenix_day(0));
    assert_eq!(today["today"], true);

    // Dan's availability is his own.
    let dan = demo_login(app, DAN).await;
    let his = ok_json(call_with_cookie(app, "provider/availability", &dan, &[]).await).await;
    assert_eq!(his["fields"]["overrides"], json!([]));
    assert_eq!(his["fields"]["time_off"], json!([]));
    assert_eq!(his["fields"]["weekly"][0]["start"], "08:00");
    // Denver changes clocks: the editor names both abbreviations a range may be read in.
    let mut abbreviations: Vec<&str> = his["abbreviation"].as_str().unwrap().split('/').collect();
    abbreviations.sort_unstable();
    assert_eq!(abbreviations, ["MDT", "MST"]);
}

async fn a_provider_without_a_profile_is_sent_to_the_profile_first(app: &TestApp) {
    app.seed_demo().await;
    create_user(app, "new.provider@example.org", Role::Provider).await;
    let cookie = logged_in(app, "new.provider@example.org").await;
    let page = ok_json(call_with_cookie(app, "provider/profile", &cookie, &[]).await).await;
    assert_eq!(page["has_profile"], false);
    assert_eq!(page["fields"]["home_zone"], "");
    let availability =
        ok_json(call_with_cookie(app, "provider/availability", &cookie, &[]).await).await;
    assert_eq!(availability["has_profile"], false);
    let preview =
        ok_json(call_with_cookie(app, "provider/availability/preview", &cookie, &[]).await).await;
    assert!(preview.is_null());
    let refused = call_json(
        app,
        "provider/availability/save",
        &cookie,
        &json!({"form": {"weekly": [{"key": 1, "weekday": "mon", "start": "09:00", "end": "17:00"}]}}),
    )
    .await;
    assert_eq!(refused.status(), 400);
    assert!(
        error_text(refused)
            .await
            .contains("Save your profile first")
    );

    // The first save creates the profile; then hours can be saved in that zone.
    let saved = call(
        app,
        "provider/profile/save",
        &cookie,
        &priya_profile_form("Europe/London", "Atlantic Partners"),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let saved = call_json(
        app,
        "provider/availability/save",
        &cookie,
        &json!({"form": {"weekly": [{"key": 1, "weekday": "mon", "start": "09:00", "end": "17:00"}]}}),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let availability =
        ok_json(call_with_cookie(app, "provider/availability", &cookie, &[]).await).await;
    assert!(
        availability["zone_label"]
            .as_str()
            .unwrap()
            .contains("Europe/London")
    );
    assert_eq!(
        availability["fields"]["weekly"].as_array().unwrap().len(),
        1
    );
}

async fn sessions(app: &TestApp, cookie: &str, view: &str, date: &str, past: bool) -> Value {
    let form = [
        ("view", view.to_owned()),
        ("date", date.to_owned()),
        ("past", past.to_string()),
    ];
    ok_json(call(app, "provider/sessions", cookie, &form).await).await
}

fn items(view: &Value) -> Vec<&Value> {
    view["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["items"].as_array().unwrap())
        .collect()
}

async fn sessions_show_phoenix_and_the_site_across_the_march_change(app: &TestApp) {
    app.seed_demo().await;
    let priya = demo_login(app, PRIYA).await;
    let upcoming = sessions(app, &priya, "list", "", false).await;
    assert_eq!(upcoming["heading"], "Upcoming sessions");
    assert!(
        upcoming["zone_label"]
            .as_str()
            .unwrap()
            .contains("America/Phoenix")
    );
    let all = items(&upcoming);
    // The confirmed Kansas City series and the tentative Memphis proposal.
    let kc: Vec<&&Value> = all
        .iter()
        .filter(|i| i["title"] == demo::DEMO_CONFIRMED_TITLE)
        .collect();
    assert_eq!(kc.len(), 4);
    assert!(kc.iter().all(|i| i["status"] == "confirmed"));
    assert_eq!(kc[0]["site"], "Kansas City, MO");
    // Thursdays at 13:00 Central: 12:00 MST before the change, 11:00 MST after it.
    assert_eq!(kc[1]["time"], "12:00–13:00 MST");
    assert_eq!(kc[1]["site_time"], "(site: 13:00–14:00 CST)");
    assert_eq!(kc[2]["time"], "11:00–12:00 MST");
    assert_eq!(kc[2]["site_time"], "(site: 13:00–14:00 CDT)");
    let memphis = all
        .iter()
        .filter(|i| i["title"] == demo::DEMO_PROPOSAL_TITLE)
        .count();
    assert_eq!(memphis, 4);
    assert!(
        all.iter()
            .filter(|i| i["status"] == "tentative")
            .all(|i| i["status_label"] == "Tentative: awaiting approval")
    );

    // The week of the change: Sunday's date, Monday to Sunday, the sessions on their days.
    let day_of = |title: &str, n: usize| -> String {
        upcoming["days"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                d["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|i| i["title"] == title)
            })
            .nth(n)
            .unwrap()["iso"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let after_change = day_of(demo::DEMO_CONFIRMED_TITLE, 2);
    let week = sessions(app, &priya, "week", &after_change, false).await;
    let days = week["days"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    assert!(days[0]["full"].as_str().unwrap().starts_with("Monday"));
    assert!(
        week["heading"]
            .as_str()
            .unwrap()
            .starts_with("Week of Monday")
    );
    let thursday = &days[3];
    assert_eq!(thursday["iso"], after_change.as_str());
    assert_eq!(thursday["items"][0]["time"], "11:00–12:00 MST");
    assert!(
        week["previous"]["href"]
            .as_str()
            .unwrap()
            .starts_with("/provider/sessions?view=week&date=")
    );
    // Tuesday holds the Memphis session at 07:00 MST (09:00 CDT at the site).
    assert_eq!(days[1]["items"][0]["time"], "07:00–08:30 MST");
    assert_eq!(days[1]["items"][0]["site_time"], "(site: 09:00–10:30 CDT)");

    // The month: whole weeks, the days outside the month marked.
    let month = sessions(app, &priya, "month", &after_change, false).await;
    let days = month["days"].as_array().unwrap();
    assert_eq!(days.len() % 7, 0);
    assert!(days.iter().any(|d| d["in_period"] == false) || days.len() == 28);
    assert_eq!(items(&month).len(), 8);
    assert!(month["heading"].as_str().unwrap().starts_with("March "));
    assert!(month["next"]["label"].as_str().unwrap().contains("April"));

    // Nothing past yet; bad parameters are refused.
    let past = sessions(app, &priya, "list", "", true).await;
    assert_eq!(past["heading"], "Past sessions");
    assert_eq!(past["count"], 0);
    let bad = call(
        app,
        "provider/sessions",
        &priya,
        &[
            ("view", "year".to_owned()),
            ("date", String::new()),
            ("past", "false".to_owned()),
        ],
    )
    .await;
    assert_eq!(bad.status(), 400);
    assert!(error_text(bad).await.contains("Unknown view 'year'"));
    let bad = call(
        app,
        "provider/sessions",
        &priya,
        &[
            ("view", "week".to_owned()),
            ("date", "14/03/2027".to_owned()),
            ("past", "false".to_owned()),
        ],
    )
    .await;
    assert_eq!(bad.status(), 400);
    assert!(error_text(bad).await.contains("YYYY-MM-DD"));

    // Dan has none of Priya's sessions.
    let dan = demo_login(app, DAN).await;
    assert_eq!(sessions(app, &dan, "list", "", false).await["count"], 0);
    assert_eq!(
        sessions(app, &dan, "month", &after_change, false).await["count"],
        0
    );
}
