//! Providers' own calendars (issue 18): a provider connects a published ICS address or a CalDAV
//! account; each refresh fetches it ([`fetch`]), expands its busy events over the coming
//! [`WINDOW_DAYS`] ([`parse`]) and replaces that connection's busy spans in one transaction
//! ([`refresh`]). The engine reads the spans as time off (`engine::inputs`), so free time,
//! previews, matching and planning keep clear of them.
//!
//! A connection's last refresh is kept beside it — working or failing, with the failure's
//! sentence and when it last worked — and shown to the provider and to coordinators: a failing
//! connection is never silent, and its last good busy times stay in force until one works.
//!
//! The CalDAV password must be presented by the refresh, so it cannot be hashed: it is sealed
//! under the installation key and bound to its row ([`password`]), opened only by the refresh
//! and never sent back to a browser (the page says only that one is saved). Connecting the same
//! CalDAV address and user name again replaces the saved password (how a provider enters it
//! again when it changed or no longer opens).

pub mod fetch;
pub mod parse;
pub mod password;
pub mod refresh;

use chrono::{DateTime, Utc};
use contract::FieldErrors;
use contract::views::provider_calendars::{CalendarConnectionRow, OwnCalendars, ProviderCalendars};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::access::{Actor, STAFF};
use crate::accounts::Role;
use crate::entities::{app_user, calendar_busy, provider_calendar, provider_profile};
use crate::secrets::SecretKey;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

pub use parse::{BusySpan, Expanded, expand_calendar, expand_calendars};
pub use password::{SealReport, UNREADABLE, seal_saved_passwords};
pub use refresh::{RefreshWorker, claim_one, refresh_claimed, refresh_due};

/// How far ahead busy events are read (and one day back).
pub const WINDOW_DAYS: i64 = 400;
/// At most this many connections per provider.
pub const MAX_CONNECTIONS: usize = 10;

/// The connect form as typed.
#[derive(Clone, Debug, Default)]
pub struct CalendarForm<'a> {
    /// `ics` or `caldav`.
    pub kind: &'a str,
    pub label: &'a str,
    pub url: &'a str,
    pub username: &'a str,
    pub password: &'a str,
}

/// The acting provider's connections (providers only).
pub async fn my_calendars(
    db: &Database,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<OwnCalendars, ServiceError> {
    let provider_id = actor.require(&[Role::Provider])?.id();
    let _ = now;
    let zone = reader_zone(actor)?;
    let rows = provider_calendar::Entity::find()
        .filter(provider_calendar::Column::ProviderId.eq(provider_id))
        .order_by_asc(provider_calendar::Column::Id)
        .all(db.conn())
        .await?;
    let home = provider_profile::Entity::find_by_id(provider_id)
        .one(db.conn())
        .await?
        .map(|p| p.home_zone)
        .unwrap_or_else(|| "UTC".to_owned());
    Ok(OwnCalendars {
        connections: rows.iter().map(|r| row_view(r, zone)).collect(),
        zone: home,
    })
}

/// Connects a calendar of the acting provider and refreshes it at once: the answer shows
/// whether it worked. The password is stored sealed under `key`. A CalDAV address and user
/// name connected already get the new password instead (and are refreshed). Field errors name
/// `kind`, `label`, `url`, `username` or `password`.
pub async fn connect_calendar(
    db: &Database,
    actor: &Actor,
    key: &SecretKey,
    form: &CalendarForm<'_>,
    now: DateTime<Utc>,
) -> Result<CalendarConnectionRow, ServiceError> {
    let provider_id = actor.require(&[Role::Provider])?.id();
    let zone = reader_zone(actor)?;
    let parsed = parse_form(form)?;
    public_address(db, &parsed.url).await?;
    let row = db
        .transaction(async |txn| {
            let existing = provider_calendar::Entity::find()
                .filter(provider_calendar::Column::ProviderId.eq(provider_id))
                .all(txn)
                .await?;
            if let Some(same) = existing
                .iter()
                .find(|c| c.url == parsed.url && c.username == parsed.username)
            {
                return match (&parsed.password, same.kind.as_str()) {
                    // Entering the password again (changed, or no longer readable).
                    (Some(password), "caldav") => {
                        let sealed = password::store_sealed(txn, key, same.id, password).await?;
                        Ok(provider_calendar::Model {
                            password: Some(sealed),
                            password_sealed: true,
                            ..same.clone()
                        })
                    }
                    _ => Err(ServiceError::InvalidFields(FieldErrors::single(
                        "url",
                        "This calendar is connected already.",
                    ))),
                };
            }
            if existing.len() >= MAX_CONNECTIONS {
                return Err(ServiceError::Conflict(format!(
                    "You have {MAX_CONNECTIONS} calendars connected already; remove one first."
                )));
            }
            let row = provider_calendar::Entity::insert(provider_calendar::ActiveModel {
                provider_id: Set(provider_id),
                kind: Set(parsed.kind.to_owned()),
                label: Set(parsed.label.clone()),
                url: Set(parsed.url.clone()),
                username: Set(parsed.username.clone()),
                // Sealed right below, bound to the new row's id: never stored as typed.
                password: Set(None),
                password_sealed: Set(false),
                created_at: Set(now),
                last_status: Set("never".to_owned()),
                last_error: Set(None),
                last_attempt_at: Set(None),
                last_success_at: Set(None),
                busy_count: Set(0),
                // Refreshed right below; the worker takes it after that.
                next_refresh_at: Set(now + refresh::REFRESH_EVERY),
                claimed_by: Set(None),
                claimed_until: Set(None),
                ..Default::default()
            })
            .exec_with_returning(txn)
            .await?;
            match &parsed.password {
                Some(password) => {
                    let sealed = password::store_sealed(txn, key, row.id, password).await?;
                    Ok(provider_calendar::Model {
                        password: Some(sealed),
                        password_sealed: true,
                        ..row
                    })
                }
                None => Ok(row),
            }
        })
        .await?;
    let row = refresh_now_row(db, key, row, now).await?;
    Ok(row_view(&row, zone))
}

/// Refreshes one of the acting provider's calendars now (the page's button). 409 when another
/// refresh of it is running.
pub async fn refresh_calendar(
    db: &Database,
    actor: &Actor,
    key: &SecretKey,
    calendar_id: i32,
    now: DateTime<Utc>,
) -> Result<CalendarConnectionRow, ServiceError> {
    let provider_id = actor.require(&[Role::Provider])?.id();
    let zone = reader_zone(actor)?;
    let row = own_calendar(db, provider_id, calendar_id).await?;
    let row = refresh_now_row(db, key, row, now).await?;
    Ok(row_view(&row, zone))
}

/// Removes one of the acting provider's calendars and its busy times.
pub async fn remove_calendar(
    db: &Database,
    actor: &Actor,
    calendar_id: i32,
) -> Result<(), ServiceError> {
    let provider_id = actor.require(&[Role::Provider])?.id();
    own_calendar(db, provider_id, calendar_id).await?;
    db.transaction(async |txn| {
        calendar_busy::Entity::delete_many()
            .filter(calendar_busy::Column::CalendarId.eq(calendar_id))
            .exec(txn)
            .await?;
        provider_calendar::Entity::delete_many()
            .filter(provider_calendar::Column::Id.eq(calendar_id))
            .filter(provider_calendar::Column::ProviderId.eq(provider_id))
            .exec(txn)
            .await?;
        Ok(())
    })
    .await
}

/// Every provider's connections with their state, failing ones first (coordinators and
/// administrators); `provider_id` narrows it to one provider.
pub async fn provider_calendar_states(
    db: &Database,
    actor: &Actor,
    provider_id: Option<i32>,
) -> Result<Vec<ProviderCalendars>, ServiceError> {
    actor.require(STAFF)?;
    let zone = reader_zone(actor)?;
    let mut query = provider_calendar::Entity::find()
        .order_by_asc(provider_calendar::Column::ProviderId)
        .order_by_asc(provider_calendar::Column::Id);
    if let Some(id) = provider_id {
        query = query.filter(provider_calendar::Column::ProviderId.eq(id));
    }
    let rows = query.all(db.conn()).await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.provider_id).collect();
    let names: std::collections::HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let mut out: Vec<ProviderCalendars> = Vec::new();
    for row in &rows {
        let view = row_view(row, zone);
        match out.last_mut() {
            Some(last) if last.provider_id == row.provider_id => last.connections.push(view),
            _ => out.push(ProviderCalendars {
                provider_id: row.provider_id,
                provider: names
                    .get(&row.provider_id)
                    .cloned()
                    .unwrap_or_else(|| format!("Provider #{}", row.provider_id)),
                connections: vec![view],
            }),
        }
    }
    out.sort_by_key(|p| (!p.connections.iter().any(|c| c.failing), p.provider.clone()));
    Ok(out)
}

async fn own_calendar(
    db: &Database,
    provider_id: i32,
    calendar_id: i32,
) -> Result<provider_calendar::Model, ServiceError> {
    provider_calendar::Entity::find_by_id(calendar_id)
        .filter(provider_calendar::Column::ProviderId.eq(provider_id))
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Calendar #{calendar_id}")))
}

/// Claims `row` for this refresh (409 when another holds it) and refreshes it.
async fn refresh_now_row(
    db: &Database,
    key: &SecretKey,
    row: provider_calendar::Model,
    now: DateTime<Utc>,
) -> Result<provider_calendar::Model, ServiceError> {
    let claim = refresh::new_claim(now);
    let Some(claimed) = claim_one(db, &claim, now, Some(row.id)).await? else {
        return Err(ServiceError::Conflict(
            "This calendar is being refreshed right now; reload the page in a minute.".to_owned(),
        ));
    };
    refresh_claimed(db, key, &claim, claimed, now).await
}

fn reader_zone(actor: &Actor) -> Result<TimeZone, ServiceError> {
    TimeZone::parse(&actor.user().time_zone)
        .map_err(|e| ServiceError::Internal(format!("user {}: {e}", actor.id())))
}

fn row_view(row: &provider_calendar::Model, zone: TimeZone) -> CalendarConnectionRow {
    let when = |at: Option<DateTime<Utc>>| {
        at.map_or_else(
            || "never".to_owned(),
            |at| crate::timefmt::instant(at, zone),
        )
    };
    let (state, failing) = match row.last_status.as_str() {
        "ok" => ("Working", false),
        "failed" => ("Failing", true),
        _ => ("Not refreshed yet", false),
    };
    CalendarConnectionRow {
        id: row.id,
        kind: if row.kind == "caldav" {
            "CalDAV".to_owned()
        } else {
            "ICS address".to_owned()
        },
        label: row.label.clone(),
        address: match &row.username {
            Some(user) => format!("{} (user {user})", row.url),
            None => row.url.clone(),
        },
        state: state.to_owned(),
        failing,
        error: if failing {
            row.last_error.clone().unwrap_or_default()
        } else {
            String::new()
        },
        last_success: when(row.last_success_at),
        last_attempt: when(row.last_attempt_at),
        busy_count: row.busy_count,
    }
}

struct ParsedForm {
    kind: &'static str,
    label: String,
    url: String,
    username: Option<String>,
    password: Option<String>,
}

fn parse_form(form: &CalendarForm<'_>) -> Result<ParsedForm, ServiceError> {
    let mut errors = FieldErrors::new();
    let kind = match form.kind.trim() {
        "ics" => "ics",
        "caldav" => "caldav",
        _ => {
            errors.add("kind", "Choose an ICS address or a CalDAV account.");
            "ics"
        }
    };
    let url = form.url.trim();
    match check_url(url, kind == "ics") {
        Ok(()) => {}
        Err(message) => errors.add("url", message),
    }
    let label = form.label.trim();
    if label.chars().count() > 80 {
        errors.add("label", "Keep the name to 80 characters.");
    }
    let (username, password) = if kind == "caldav" {
        if form.username.trim().is_empty() {
            errors.add("username", "Enter the CalDAV user name.");
        } else if form.username.trim().chars().count() > 200 {
            errors.add("username", "Keep the user name to 200 characters.");
        }
        if form.password.is_empty() {
            errors.add("password", "Enter the CalDAV password.");
        }
        (
            Some(form.username.trim().to_owned()),
            Some(form.password.to_owned()),
        )
    } else {
        (None, None)
    };
    if !errors.is_empty() {
        return Err(ServiceError::InvalidFields(errors));
    }
    let label = if label.is_empty() {
        reqwest::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "My calendar".to_owned())
    } else {
        label.to_owned()
    };
    Ok(ParsedForm {
        kind,
        label,
        url: url.to_owned(),
        username,
        password,
    })
}

/// Refuses (naming `url`) an address that is, or resolves to, a private or loopback address
/// while the installation does not allow them ([`crate::outbound`]; checked again per fetch).
async fn public_address(db: &Database, url: &str) -> Result<(), ServiceError> {
    let Ok(parsed) = reqwest::Url::parse(url) else {
        return Ok(());
    };
    db.outbound_policy()
        .check_url(crate::outbound::Purpose::Calendar, &parsed)
        .await
        .map_err(|refused| {
            ServiceError::InvalidFields(FieldErrors::single("url", refused.sentence()))
        })
}

/// An `https` address (`webcal` too for an ICS address); plain `http` only to this machine
/// (tests and a calendar server beside the app).
fn check_url(url: &str, ics: bool) -> Result<(), &'static str> {
    if url.is_empty() {
        return Err("Enter the calendar's address.");
    }
    if url.len() > 2000 {
        return Err("The address is longer than 2,000 characters.");
    }
    let parsed =
        reqwest::Url::parse(url).map_err(|_| "Enter a full address starting with https://.")?;
    let Some(host) = parsed.host_str() else {
        return Err("Enter a full address starting with https://.");
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" => Ok(()),
        "webcal" if ics => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err("Use the https:// address; plain http is not accepted."),
        _ => Err("Enter a full address starting with https://."),
    }
}

/// What a provider's own calendar keeps them from, as the engine reads time off: the imported
/// busy spans of `providers` meeting `from..until` (no titles: only that they are busy).
pub(crate) async fn busy_as_time_off(
    db: &Database,
    providers: &[i32],
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<crate::entities::time_off::Model>, ServiceError> {
    Ok(calendar_busy::Entity::find()
        .filter(calendar_busy::Column::ProviderId.is_in(providers.iter().copied()))
        .filter(calendar_busy::Column::EndsAt.gt(from))
        .filter(calendar_busy::Column::StartsAt.lt(until))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|b| crate::entities::time_off::Model {
            id: 0,
            provider_id: b.provider_id,
            starts_at: b.starts_at,
            ends_at: b.ends_at,
            note: BUSY_NOTE.to_owned(),
        })
        .collect())
}

/// How the engine names time taken by a provider's own calendar.
pub const BUSY_NOTE: &str = "busy in their own calendar";
