//! Helpers of the administration tests: demo log-ins, server-function calls that return JSON or
//! (status, text), account ids from the admin's list, and the settings form.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use demo::DEMO_PASSWORD;
use serde_json::Value;

use crate::accounts_support::{call_with_cookie, login, session_cookie};
use crate::harness::TestApp;

pub const ADMIN: &str = "admin@tta.example.gov";
pub const ROBIN: &str = "robin.reyes@tta.example.gov";
pub const MEMPHIS: &str = "3";

pub async fn cookie(app: &TestApp, email: &str) -> String {
    let response = login(app, email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200, "log in {email}");
    session_cookie(&response).unwrap().0
}

pub async fn json(app: &TestApp, endpoint: &str, cookie: &str, form: &[(&str, &str)]) -> Value {
    let response = call_with_cookie(app, endpoint, cookie, form).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "{endpoint}: {text}");
    serde_json::from_str(&text).unwrap()
}

/// Status and text of a call.
pub async fn outcome(
    app: &TestApp,
    endpoint: &str,
    cookie: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let response = call_with_cookie(app, endpoint, cookie, form).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The id of the account with `email`, from the admin's list.
pub async fn user_id(app: &TestApp, admin: &str, email: &str) -> String {
    let users = json(app, "admin/users", admin, &[("role", "")]).await;
    users["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == email)
        .unwrap_or_else(|| panic!("{email} listed"))["id"]
        .to_string()
}

pub fn settings_form(values: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
    let defaults = [
        ("buffer_before_minutes", "15"),
        ("buffer_after_minutes", "15"),
        ("minimum_notice_hours", "72"),
        ("tolerance_business_days", "3"),
        ("granularity_minutes", "15"),
        ("max_sessions_per_day", "3"),
        ("max_hours_per_week", "40"),
        ("weight_expertise", "30"),
        ("weight_continuity", "20"),
        ("weight_time_zone", "20"),
        ("weight_load_balance", "15"),
        ("weight_availability", "15"),
    ];
    defaults
        .iter()
        .map(|(field, value)| {
            let value = values
                .iter()
                .find(|(f, _)| f == field)
                .map_or(*value, |(_, v)| *v);
            (format!("form[{field}]"), value.to_owned())
        })
        .collect()
}

pub fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}
