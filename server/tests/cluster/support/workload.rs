//! The work the scenarios drive: a site's requests, a provider's acceptance, the coordinator's
//! approvals, spread over several instances.

use super::{Tally, call};

/// Memphis, TN (demo site 3) and its contact.
pub const MEMPHIS: &str = "3";
pub const MEMPHIS_CONTACT: &str = "contact.memphis@tta.example.gov";
pub const COORDINATOR: &str = "coordinator@tta.example.gov";
pub const PHOENIX: &str = "provider.phoenix@tta.example.gov";

/// The intake form of a one-session virtual request, `tag` in its title.
pub fn intake(tag: &str) -> Vec<(&'static str, String)> {
    let first = chrono::Utc::now().date_naive() + chrono::Duration::days(60);
    vec![
        ("site_id", MEMPHIS.to_owned()),
        ("form[title]", format!("Crime analysis coaching {tag}")),
        ("form[topic_ids][]", "4".to_owned()),
        ("form[engagement_type]", "operations".to_owned()),
        ("form[modality]", "virtual".to_owned()),
        ("form[session_count]", "1".to_owned()),
        ("form[cadence]", "once".to_owned()),
        ("form[session_minutes]", "90".to_owned()),
        ("form[earliest_date]", first.format("%Y-%m-%d").to_string()),
        (
            "form[latest_date]",
            (first + chrono::Duration::days(30))
                .format("%Y-%m-%d")
                .to_string(),
        ),
        ("form[preferred_weekdays][]", "tue".to_owned()),
        ("form[preferred_start]", "09:00".to_owned()),
        ("form[preferred_end]", "12:00".to_owned()),
        ("form[expected_attendees]", "10".to_owned()),
        ("form[minimum_level]", "2".to_owned()),
    ]
}

/// Submits request `tag` at `base` as the site contact; the answer's status (0: no answer).
pub async fn submit(
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    tag: &str,
    tally: &tokio::sync::Mutex<Tally>,
) -> u16 {
    let form = intake(tag);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let outcome = call(client, base, "requests/submit", cookie, &form).await;
    tally.lock().await.add(outcome).await
}

/// The id of the demo proposal sent to the Phoenix provider (still `sent`).
pub async fn phoenix_sent_proposal(base: &str, provider_cookie: &str) -> String {
    let inbox: serde_json::Value = call(
        &super::client(),
        base,
        "proposals/mine",
        provider_cookie,
        &[],
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    inbox
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == "sent")
        .map(|c| c["id"].as_i64().unwrap().to_string())
        .expect("the demo proposal to the Phoenix provider")
}
