//! The provider's availability: the editor's rows (weekly hours, date overrides, time off) in the
//! provider's own zone, saving them (every row checked, each mistake naming its weekday or date),
//! and the free-time preview the engine computes from the same inputs as the coordinator's
//! ranking.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use contract::forms::{AvailabilityForm, OverrideRow, RangeRow, TimeOffRow};

/// What the editor opens with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityPage {
    /// `false` until the provider has a profile (it holds the home zone).
    pub has_profile: bool,
    /// `Mountain (Arizona, no DST) · MST · America/Phoenix`.
    pub zone_label: String,
    /// Every abbreviation the zone uses in the coming year, `MST` or `CST/CDT`: ranges are
    /// wall-clock times in the zone, whichever of them applies on the day.
    pub abbreviation: String,
    /// Today on the provider's wall clock, `YYYY-MM-DD`.
    pub today: String,
    pub fields: AvailabilityForm,
}

/// One day of the preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewDay {
    pub iso: String,
    /// `Mon 30 Nov`.
    pub short: String,
    /// `Monday 30 November 2026`.
    pub full: String,
    pub past: bool,
    pub today: bool,
    /// `07:00–15:00 MST`.
    pub free: Vec<String>,
    /// Why the day is as it is (holiday, time off, override, sessions), if anything.
    pub notes: Vec<String>,
}

/// One week (Monday to Sunday) of the preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewWeek {
    /// `Week of Monday 30 November 2026`.
    pub label: String,
    pub days: Vec<PreviewDay>,
}

/// The free-time preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub zone_label: String,
    pub weeks: Vec<PreviewWeek>,
    /// How soon coordinators may book, in words.
    pub notice: String,
}

/// The provider's availability as the editor shows it, in their home zone.
#[server(endpoint = "provider/availability")]
pub async fn my_availability() -> Result<AvailabilityPage, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let now = chrono::Utc::now();
    let Some((zone, form)) = service::providers::own_availability(&db, &actor, now)
        .await
        .map_err(to_server_error)?
    else {
        return Ok(AvailabilityPage {
            has_profile: false,
            zone_label: String::new(),
            abbreviation: String::new(),
            today: String::new(),
            fields: AvailabilityForm::default(),
        });
    };
    Ok(AvailabilityPage {
        has_profile: true,
        zone_label: service::providers::zone_label(zone, now),
        abbreviation: year_abbreviations(zone, now),
        today: zone.local(now).date().format("%Y-%m-%d").to_string(),
        fields: form,
    })
}

/// Saves the whole editor in one go; a form with mistakes is refused (400) with one
/// `field: message` line per mistake (`range_{key}`, `override_{key}`, `timeoff_{key}`).
#[server(endpoint = "provider/availability/save", input = leptos::server_fn::codec::Json)]
pub async fn save_my_availability(form: AvailabilityForm) -> Result<(), ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::providers::save_own_availability(&db, &actor, &form, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// The next four weeks of the provider's free time, day by day in their zone, as the engine
/// computes it for coordinators; `None` before the provider has a profile.
#[server(endpoint = "provider/availability/preview")]
pub async fn my_free_time() -> Result<Option<Preview>, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;
    use chrono::Duration;

    let actor = acting_person()?;
    let db = database()?;
    let now = chrono::Utc::now();
    let Some(preview) = service::providers::free_time_preview(&db, &actor, now, 4)
        .await
        .map_err(to_server_error)?
    else {
        return Ok(None);
    };
    let zone = preview.zone;
    let days: Vec<PreviewDay> = preview
        .days
        .iter()
        .map(|d| {
            let mut notes = Vec::new();
            if let Some(holiday) = &d.holiday {
                notes.push(format!("Holiday: {holiday}"));
            }
            if d.time_off {
                notes.push("Time off".to_owned());
            }
            if d.overridden {
                notes.push(if d.has_hours {
                    "Other hours (override)".to_owned()
                } else {
                    "Unavailable (override)".to_owned()
                });
            } else if !d.has_hours {
                notes.push("No working hours".to_owned());
            }
            match d.sessions {
                0 => {}
                1 => notes.push("1 session".to_owned()),
                n => notes.push(format!("{n} sessions")),
            }
            PreviewDay {
                iso: d.date.format("%Y-%m-%d").to_string(),
                short: d.date.format("%a %-d %b").to_string(),
                full: d.date.format("%A %-d %B %Y").to_string(),
                past: d.date < preview.today,
                today: d.date == preview.today,
                free: d
                    .free
                    .iter()
                    .map(|(s, e)| service::timefmt::clock_span(*s, *e, zone))
                    .collect(),
                notes,
            }
        })
        .collect();
    let weeks = days
        .chunks(7)
        .map(|week| PreviewWeek {
            label: week
                .first()
                .map(|d| format!("Week of {}", d.full))
                .unwrap_or_default(),
            days: week.to_vec(),
        })
        .collect();
    let bookable = now + Duration::hours(i64::from(preview.minimum_notice_hours));
    Ok(Some(Preview {
        zone_label: service::providers::zone_label(zone, now),
        weeks,
        notice: format!(
            "Coordinators book at least {} ahead: from {}.",
            service::timefmt::duration(bookable - now),
            service::timefmt::instant(bookable, zone)
        ),
    }))
}

/// The abbreviations `zone` uses in the year from `now`, in the order they first appear
/// (`CST/CDT` in Chicago from November, `MST` in Phoenix all year).
#[cfg(feature = "ssr")]
fn year_abbreviations(zone: service::zone::TimeZone, now: chrono::DateTime<chrono::Utc>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for week in 0..=53 {
        let abbreviation = zone.abbreviation(now + chrono::Duration::weeks(week));
        if !seen.contains(&abbreviation) {
            seen.push(abbreviation);
        }
    }
    seen.join("/")
}
