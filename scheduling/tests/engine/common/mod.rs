//! Fixtures shared by the integration tests: JSON-built providers, sites and requests (so the
//! tests also exercise the parsing path) and small parsers for literals.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use scheduling::{ProviderSchedule, SessionRequest, SiteCalendar, Zone};
use serde_json::Value;

pub fn zone(name: &str) -> Zone {
    Zone::parse(name).unwrap()
}

pub fn utc(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

pub fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

pub fn local(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

pub fn provider(json: Value) -> ProviderSchedule {
    serde_json::from_value(json).expect("provider fixture parses")
}

pub fn site(json: Value) -> SiteCalendar {
    serde_json::from_value(json).expect("site fixture parses")
}

pub fn request(json: Value) -> SessionRequest {
    serde_json::from_value(json).expect("request fixture parses")
}

/// Monday-to-Friday hours `range` in `zone`, valid always.
pub fn weekday_provider(zone: &str, range: &str) -> ProviderSchedule {
    provider(serde_json::json!({
        "zone": zone,
        "weekly_hours": [{"hours": {
            "mon": [range], "tue": [range], "wed": [range], "thu": [range], "fri": [range]
        }}]
    }))
}

/// A site in `zone` with no preferred hours and federal holidays blacked out.
pub fn plain_site(zone: &str) -> SiteCalendar {
    site(serde_json::json!({"zone": zone}))
}
