//! The coordinator creates a group event: "New group event" (its choices and the creating).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use contract::FieldErrors;
use contract::forms::GroupEventForm;
use contract::views::group_event::EventChoices;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::kinds::{Audience, EventKind};
use crate::access::{Actor, STAFF};
use crate::accounts::Role;
use crate::accounts::tokens::random_token;
use crate::entities::{app_user, group_event, group_event_site, site};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// The sites and active providers the form offers. Staff only.
pub async fn event_choices(db: &Database, actor: &Actor) -> Result<EventChoices, ServiceError> {
    actor.require(STAFF)?;
    let mut sites = site::Entity::find().all(db.conn()).await?;
    sites.sort_by(|a, b| a.name.cmp(&b.name));
    let providers = app_user::Entity::find()
        .filter(app_user::Column::Role.eq(Role::Provider.as_str()))
        .filter(app_user::Column::Active.eq(true))
        .order_by_asc(app_user::Column::DisplayName)
        .all(db.conn())
        .await?;
    Ok(EventChoices {
        sites: sites
            .iter()
            .map(crate::peer_exchanges::site_option)
            .collect(),
        providers: providers
            .into_iter()
            .map(|p| (p.id, p.display_name))
            .collect(),
    })
}

/// Whether the coordinator asked for a generated meeting room (used when no link is typed).
fn wants_room(form: &GroupEventForm) -> bool {
    form.meeting_room.trim() == "generated"
}

/// A form that parsed.
struct Parsed {
    kind: EventKind,
    title: String,
    description: String,
    host: site::Model,
    audience: Audience,
    audience_sites: Vec<i32>,
    provider_id: Option<i32>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    zone: TimeZone,
    location: String,
    virtual_link: String,
    capacity: i32,
    deadline: DateTime<Utc>,
}

/// The longest event: three days (a summit).
const MAX_MINUTES: i64 = 3 * 24 * 60;
/// The most seats an event may offer.
const MAX_CAPACITY: i32 = 10_000;

async fn parse(
    db: &Database,
    form: &GroupEventForm,
    now: DateTime<Utc>,
) -> Result<Parsed, ServiceError> {
    let mut errors = FieldErrors::new();
    let kind = EventKind::parse(&form.kind);
    if kind.is_none() {
        errors.add("kind", "Choose training, webinar, workshop or summit.");
    }
    let title = form.title.trim().to_owned();
    if title.is_empty() {
        errors.add("title", "Give the event a title.");
    } else if title.chars().count() > 200 {
        errors.add("title", "Keep the title under 200 characters.");
    }
    let host = match form.host_site_id.trim().parse::<i32>() {
        Ok(id) => site::Entity::find_by_id(id).one(db.conn()).await?,
        Err(_) => None,
    };
    if host.is_none() {
        errors.add("host_site_id", "Choose the host site.");
    }
    let audience = Audience::parse(&form.audience);
    let mut audience_sites = Vec::new();
    match audience {
        None => errors.add(
            "audience",
            "Choose who may register: the host site, several sites or all sites.",
        ),
        Some(Audience::Sites) => {
            for raw in &form.audience_site_ids {
                match raw.trim().parse::<i32>() {
                    Ok(id) if site::Entity::find_by_id(id).one(db.conn()).await?.is_some() => {
                        audience_sites.push(id);
                    }
                    _ => errors.add("audience_site_ids", "Choose sites of the programme."),
                }
            }
            if let Some(h) = &host {
                audience_sites.retain(|id| *id != h.id);
            }
            audience_sites.sort_unstable();
            audience_sites.dedup();
            if audience_sites.is_empty() {
                errors.add(
                    "audience_site_ids",
                    "Choose at least one site besides the host.",
                );
            }
        }
        Some(_) => {}
    }
    let provider_id = match form.provider_id.trim() {
        "" => None,
        raw => {
            let found = match raw.parse::<i32>() {
                Ok(id) => app_user::Entity::find_by_id(id)
                    .filter(app_user::Column::Role.eq(Role::Provider.as_str()))
                    .one(db.conn())
                    .await?
                    .map(|p| p.id),
                Err(_) => None,
            };
            if found.is_none() {
                errors.add(
                    "provider_id",
                    "Choose a provider of the programme, or none.",
                );
            }
            found
        }
    };
    let zone = host
        .as_ref()
        .and_then(|h| TimeZone::parse(&h.time_zone).ok())
        .unwrap_or_else(|| TimeZone::from(chrono_tz::UTC));
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d").ok();
    if date.is_none() {
        errors.add("date", "Enter the date, for example 2027-03-09.");
    }
    let start = NaiveTime::parse_from_str(form.start_time.trim(), "%H:%M").ok();
    if start.is_none() {
        errors.add("start_time", "Enter the start time, for example 10:00.");
    }
    let minutes = form.minutes.trim().parse::<i64>().ok();
    match minutes {
        Some(m) if (15..=MAX_MINUTES).contains(&m) => {}
        _ => errors.add(
            "minutes",
            "Enter the length in minutes, from 15 to 4320 (three days).",
        ),
    }
    let capacity = form.capacity.trim().parse::<i32>().ok();
    match capacity {
        Some(c) if (1..=MAX_CAPACITY).contains(&c) => {}
        _ => errors.add("capacity", "Enter how many seats, from 1 to 10000."),
    }
    let deadline_date = NaiveDate::parse_from_str(form.deadline_date.trim(), "%Y-%m-%d").ok();
    let deadline_time = NaiveTime::parse_from_str(form.deadline_time.trim(), "%H:%M").ok();
    if deadline_date.is_none() || deadline_time.is_none() {
        errors.add(
            "deadline_date",
            "Enter when registration closes, a date and a time.",
        );
    }
    let location = form.location.trim().to_owned();
    let virtual_link = form.virtual_link.trim().to_owned();
    if !virtual_link.is_empty() && !virtual_link.starts_with("https://") {
        errors.add(
            "virtual_link",
            "A meeting link starts with https://, or leave it empty.",
        );
    }
    if location.is_empty() && virtual_link.is_empty() && !wants_room(form) {
        errors.add(
            "location",
            "Say where it happens: a place or a meeting link.",
        );
    }
    let starts_at = date.zip(start).map(|(d, t)| zone.to_utc(d.and_time(t)));
    let deadline = deadline_date
        .zip(deadline_time)
        .map(|(d, t)| zone.to_utc(d.and_time(t)));
    if let Some(at) = starts_at
        && at <= now
    {
        errors.add("date", "The event must start in the future.");
    }
    if let (Some(d), Some(s)) = (deadline, starts_at) {
        if d > s {
            errors.add(
                "deadline_date",
                "Registration must close before the event starts.",
            );
        } else if d <= now {
            errors.add("deadline_date", "Registration must close in the future.");
        }
    }
    match (kind, host, audience, starts_at, minutes, capacity, deadline) {
        (
            Some(kind),
            Some(host),
            Some(audience),
            Some(starts_at),
            Some(m),
            Some(capacity),
            Some(deadline),
        ) if errors.is_empty() => Ok(Parsed {
            kind,
            title,
            description: form.description.trim().to_owned(),
            host,
            audience,
            audience_sites,
            provider_id,
            starts_at,
            ends_at: starts_at + chrono::Duration::minutes(m),
            zone,
            location,
            virtual_link,
            capacity,
            deadline,
        }),
        _ => Err(ServiceError::InvalidFields(errors)),
    }
}

/// The characters of a check-in code: no 0/O, 1/I/L, 2/Z, 5/S or 8/B to misread.
const CODE_ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXY34679";

/// A six-character check-in code, e.g. `K7QX3M`.
pub(super) fn check_in_code() -> Result<String, ServiceError> {
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes)
        .map_err(|e| ServiceError::Internal(format!("the OS random generator failed: {e}")))?;
    Ok(bytes
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()]))
        .collect())
}

/// Creates the event with its shareable link and check-in code; the creator is its
/// coordinator. Staff only; a form with mistakes is refused with every field's message.
/// Returns the new event's id. A generated meeting room asked for is made on the default base
/// ([`create_event_with_rooms`] takes the configured one).
pub async fn create_event(
    db: &Database,
    actor: &Actor,
    form: &GroupEventForm,
) -> Result<i32, ServiceError> {
    create_event_with_rooms(db, actor, form, &crate::meeting::RoomBase::default()).await
}

/// [`create_event`], making a generated meeting room (`meeting_room = generated` and no link
/// typed) on `rooms` (`TTA_MEETING_ROOM_BASE`): a unique, unguessable room for the event.
pub async fn create_event_with_rooms(
    db: &Database,
    actor: &Actor,
    form: &GroupEventForm,
    rooms: &crate::meeting::RoomBase,
) -> Result<i32, ServiceError> {
    actor.require(STAFF)?;
    let now = Utc::now();
    let mut parsed = parse(db, form, now).await?;
    if parsed.virtual_link.is_empty() && wants_room(form) {
        parsed.virtual_link = rooms.new_room();
    }
    let token = random_token()?;
    let code = check_in_code()?;
    let coordinator = actor.id();
    db.transaction(async |txn| {
        let row = group_event::ActiveModel {
            kind: Set(parsed.kind.as_str().to_owned()),
            title: Set(parsed.title.clone()),
            description: Set(parsed.description.clone()),
            host_site_id: Set(parsed.host.id),
            audience: Set(parsed.audience.as_str().to_owned()),
            provider_id: Set(parsed.provider_id),
            coordinator_id: Set(Some(coordinator)),
            engagement_id: Set(None),
            starts_at: Set(parsed.starts_at),
            ends_at: Set(parsed.ends_at),
            time_zone: Set(parsed.zone.name().to_owned()),
            location: Set(parsed.location.clone()),
            virtual_link: Set(parsed.virtual_link.clone()),
            capacity: Set(parsed.capacity),
            registration_deadline: Set(parsed.deadline),
            registration_token: Set(token.clone()),
            check_in_code: Set(code.clone()),
            status: Set("open".to_owned()),
            arrivals: Set(0),
            sequence: Set(0),
            calendar_uid: Set(format!("group-event-{}@tta-scheduler", &token[..16])),
            created_at: Set(now),
            cancelled_at: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        if !parsed.audience_sites.is_empty() {
            group_event_site::Entity::insert_many(parsed.audience_sites.iter().map(|site_id| {
                group_event_site::ActiveModel {
                    event_id: Set(row.id),
                    site_id: Set(*site_id),
                }
            }))
            .exec_without_returning(txn)
            .await?;
        }
        crate::accounts::audit::record(
            txn,
            crate::accounts::audit::AuditEntry {
                actor_user_id: Some(coordinator),
                action: "event.created",
                subject_type: "group_event",
                subject_id: Some(row.id.to_string()),
                detail: serde_json::json!({
                    "kind": row.kind,
                    "title": row.title,
                    "capacity": row.capacity,
                }),
                ip: None,
            },
        )
        .await?;
        Ok(row.id)
    })
    .await
}
