//! A provider's personal calendar feed: a secret, revocable address that Outlook or Google
//! Calendar subscribes to, listing the provider's confirmed sessions (one VEVENT per session,
//! with the session's stable UID). Only the token's SHA-256 is stored; the address is shown to
//! its owner when it is made, and making a new one revokes the old.

use chrono::{Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::access::Actor;
use crate::accounts::Role;
use crate::accounts::tokens::{random_token, token_hash};
use crate::calendar::{CalendarEvent, CalendarPerson, Method, invite};
use crate::entities::{app_user, calendar_feed, tta_request, tta_session};
use crate::{Database, ServiceError};

/// Makes a new feed token for `user_id` (replacing any earlier one) and returns it.
pub async fn renew_feed(db: &Database, actor: &Actor) -> Result<String, ServiceError> {
    let user_id = actor.require(&[Role::Provider])?.id();
    let token = random_token()?;
    calendar_feed::Entity::insert(calendar_feed::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(calendar_feed::Column::UserId)
            .update_columns([
                calendar_feed::Column::TokenHash,
                calendar_feed::Column::CreatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db.conn())
    .await?;
    Ok(token)
}

/// Revokes `user_id`'s feed: its address stops working at once.
pub async fn revoke_feed(db: &Database, actor: &Actor) -> Result<(), ServiceError> {
    let user_id = actor.require(&[Role::Provider])?.id();
    calendar_feed::Entity::delete_by_id(user_id)
        .exec(db.conn())
        .await?;
    Ok(())
}

/// When `user_id`'s current feed was made, if there is one.
pub async fn feed_created_at(
    db: &Database,
    actor: &Actor,
) -> Result<Option<chrono::DateTime<Utc>>, ServiceError> {
    let user_id = actor.require(&[Role::Provider])?.id();
    Ok(calendar_feed::Entity::find_by_id(user_id)
        .one(db.conn())
        .await?
        .map(|f| f.created_at))
}

/// The iCalendar text of the feed behind `token` (confirmed sessions from 90 days ago on), or
/// `None` for an unknown or revoked token, and while its owner is deactivated or no longer a
/// provider. The token itself is kept: reactivating the account (or making it a provider again)
/// brings the same address back.
pub async fn feed_ics(db: &Database, token: &str) -> Result<Option<String>, ServiceError> {
    let Some(feed) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(token_hash(token)))
        .one(db.conn())
        .await?
    else {
        return Ok(None);
    };
    let Some(owner) = app_user::Entity::find_by_id(feed.user_id)
        .one(db.conn())
        .await?
    else {
        return Ok(None);
    };
    if !owner.active || owner.role != Role::Provider.as_str() {
        return Ok(None);
    }
    let now = Utc::now();
    let sessions = tta_session::Entity::find()
        .filter(tta_session::Column::ProviderId.eq(owner.id))
        .filter(tta_session::Column::Status.eq("confirmed"))
        .filter(tta_session::Column::EndsAt.gt(now - Duration::days(90)))
        .order_by_asc(tta_session::Column::StartsAt)
        .all(db.conn())
        .await?;
    let requests: std::collections::HashMap<i32, tta_request::Model> = tta_request::Entity::find()
        .filter(
            tta_request::Column::Id
                .is_in(sessions.iter().map(|s| s.request_id).collect::<Vec<_>>()),
        )
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let me = CalendarPerson {
        name: owner.display_name.clone(),
        email: owner.email.clone(),
    };
    let events: Vec<CalendarEvent> = sessions
        .iter()
        .flat_map(|s| {
            let request = requests.get(&s.request_id);
            let title = request.map_or("TTA session", |r| r.title.as_str());
            let site_zone = s.anchor_zone.parse::<chrono_tz::Tz>().ok();
            let session = CalendarEvent {
                uid: s.calendar_uid.clone(),
                sequence: s.sequence,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                summary: format!("PSP TTA: {title} (session {})", s.occurrence),
                description: format!("Request #{}, session {}.", s.request_id, s.occurrence),
                location: s.location.clone(),
                virtual_link: s.virtual_link.clone(),
                organizer: me.clone(),
                attendees: Vec::new(),
                site_zone,
                all_day: false,
            };
            let travel = request
                .map(|r| travel_day_events(r, s, &session))
                .unwrap_or_default();
            std::iter::once(session).chain(travel)
        })
        .collect();
    Ok(Some(invite(Method::Publish, &events, now)))
}

/// A visit's travel days as all-day events of the provider's feed, each with its own stable UID
/// (the visit's UID with `travel-before`/`travel-after`) and the visit's SEQUENCE.
fn travel_day_events(
    request: &tta_request::Model,
    session: &tta_session::Model,
    visit: &CalendarEvent,
) -> Vec<CalendarEvent> {
    let Ok(Some(shape)) = crate::engine::visit_shape(request) else {
        return Vec::new();
    };
    let Some(layout) = crate::engine::layout_of(request, session.starts_at, shape) else {
        return Vec::new();
    };
    layout
        .travel
        .iter()
        .zip(["before", "after"])
        .map(|(day, when)| CalendarEvent {
            uid: format!("travel-{when}-{}", session.calendar_uid),
            starts_at: day.interval.start(),
            ends_at: day.interval.end(),
            summary: format!("Travel {when} the on-site visit: {}", request.title),
            description: format!(
                "Travel day {when} the on-site visit of request #{} (session {}).",
                request.id, session.occurrence
            ),
            location: String::new(),
            virtual_link: String::new(),
            all_day: true,
            ..visit.clone()
        })
        .collect()
}
