//! Who may read, run and see the participants of a group event. Records a person may not
//! read are not found, so their existence stays private.
//!
//! - Read the event and its shareable link: staff, the event's provider, and the contacts of
//!   the audience's sites (every site's contacts when the audience is all sites).
//! - See participants' personal data: the event's coordinator, its provider and the host site's
//!   contacts — no one else, other coordinators and administrators included.
//! - Change capacity or cancel: the event's coordinator. Correct attendance: the event's
//!   coordinator or provider.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::access::Actor;
use crate::accounts::Role;
use crate::entities::{group_event, group_event_site};
use crate::{Database, ServiceError};

/// What the actor may do with one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reach {
    pub personal_data: bool,
    pub manage: bool,
    pub attendance: bool,
}

fn not_found(id: i32) -> ServiceError {
    ServiceError::NotFound(format!("Event #{id}"))
}

/// Whether `actor` runs `event` as its coordinator.
fn is_coordinator(actor: &Actor, event: &group_event::Model) -> bool {
    matches!(actor.role(), Role::Coordinator | Role::Admin)
        && event.coordinator_id == Some(actor.id())
}

fn is_provider(actor: &Actor, event: &group_event::Model) -> bool {
    actor.role() == Role::Provider && event.provider_id == Some(actor.id())
}

fn is_host_contact(actor: &Actor, event: &group_event::Model) -> bool {
    actor.role() == Role::SiteContact && actor.user().site_ids.contains(&event.host_site_id)
}

/// The actor's reach over `event`, computed without reading it again.
pub fn reach(actor: &Actor, event: &group_event::Model) -> Reach {
    let coordinator = is_coordinator(actor, event);
    let provider = is_provider(actor, event);
    Reach {
        personal_data: coordinator || provider || is_host_contact(actor, event),
        manage: coordinator,
        attendance: coordinator || provider,
    }
}

/// Whether the actor's sites are in the event's audience.
pub(super) async fn in_audience(
    db: &Database,
    actor: &Actor,
    event: &group_event::Model,
) -> Result<bool, ServiceError> {
    if actor.role() != Role::SiteContact {
        return Ok(false);
    }
    let sites = &actor.user().site_ids;
    if sites.contains(&event.host_site_id) || event.audience == "all" {
        return Ok(true);
    }
    if event.audience != "sites" {
        return Ok(false);
    }
    Ok(group_event_site::Entity::find()
        .filter(group_event_site::Column::EventId.eq(event.id))
        .filter(group_event_site::Column::SiteId.is_in(sites.iter().copied()))
        .one(db.conn())
        .await?
        .is_some())
}

/// The event, when `actor` may read it, with their reach.
pub async fn readable_event(
    db: &Database,
    actor: &Actor,
    event_id: i32,
) -> Result<(group_event::Model, Reach), ServiceError> {
    let event = group_event::Entity::find_by_id(event_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| not_found(event_id))?;
    let reach = reach(actor, &event);
    let readable = matches!(actor.role(), Role::Coordinator | Role::Admin)
        || is_provider(actor, &event)
        || in_audience(db, actor, &event).await?;
    if readable {
        Ok((event, reach))
    } else {
        Err(not_found(event_id))
    }
}

/// The event, when `actor` may see its participants (else not found).
pub async fn roster_event(
    db: &Database,
    actor: &Actor,
    event_id: i32,
) -> Result<(group_event::Model, Reach), ServiceError> {
    let (event, reach) = readable_event(db, actor, event_id)
        .await
        .map_err(|_| not_found(event_id))?;
    if reach.personal_data {
        Ok((event, reach))
    } else {
        Err(not_found(event_id))
    }
}
