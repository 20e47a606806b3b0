//! Loading the facts messages are built from: people (each with their own zone), the site and
//! its zone, topics, the engagement of a request with a provider.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::NotifySettings;
use crate::ServiceError;
use crate::accounts::Role;
use crate::entities::{app_user, request_topic, site, site_contact, topic, tta_request};
use crate::mail::messages::{Contact, EngagementFacts, Person, SiteFacts, Tz};

/// The zone of a stored IANA name (validated on the way in, so a bad one is an internal error).
pub(crate) fn zone(name: &str) -> Result<Tz, ServiceError> {
    name.parse::<Tz>()
        .map_err(|_| ServiceError::Internal(format!("unknown time zone '{name}' in the database")))
}

/// A user as a recipient, in their own zone.
pub(crate) fn person(user: &app_user::Model) -> Result<Person, ServiceError> {
    Ok(Person {
        name: user.display_name.clone(),
        email: user.email.clone(),
        zone: zone(&user.time_zone)?,
        role: Role::parse(&user.role).map_err(|_| {
            ServiceError::Internal(format!("user {} has role '{}'", user.id, user.role))
        })?,
    })
}

/// The active user `id`, if any.
pub(super) async fn user<C: ConnectionTrait>(
    conn: &C,
    id: i32,
) -> Result<Option<Person>, ServiceError> {
    app_user::Entity::find_by_id(id)
        .filter(app_user::Column::Active.eq(true))
        .one(conn)
        .await?
        .as_ref()
        .map(person)
        .transpose()
}

/// Every active contact of the site, oldest account first.
pub(super) async fn site_contacts<C: ConnectionTrait>(
    conn: &C,
    site_id: i32,
) -> Result<Vec<Person>, ServiceError> {
    let ids: Vec<i32> = site_contact::Entity::find()
        .filter(site_contact::Column::SiteId.eq(site_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|row| row.user_id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .filter(app_user::Column::Active.eq(true))
        .order_by_asc(app_user::Column::Id)
        .all(conn)
        .await?
        .iter()
        .map(person)
        .collect()
}

/// Every active coordinator, oldest account first.
pub(super) async fn coordinators<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<Person>, ServiceError> {
    app_user::Entity::find()
        .filter(app_user::Column::Role.eq(Role::Coordinator.as_str()))
        .filter(app_user::Column::Active.eq(true))
        .order_by_asc(app_user::Column::Id)
        .all(conn)
        .await?
        .iter()
        .map(person)
        .collect()
}

/// Who to contact: the configured contact, else the first active coordinator, else the sender.
pub(crate) async fn contact<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
) -> Result<Contact, ServiceError> {
    if let Some(contact) = &settings.contact {
        return Ok(contact.clone());
    }
    Ok(match coordinators(conn).await?.into_iter().next() {
        Some(first) => Contact {
            name: first.name,
            email: first.email,
        },
        None => settings.sender.clone(),
    })
}

pub(super) async fn request<C: ConnectionTrait>(
    conn: &C,
    request_id: i32,
) -> Result<tta_request::Model, ServiceError> {
    tta_request::Entity::find_by_id(request_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Request #{request_id}")))
}

pub(super) async fn site_facts<C: ConnectionTrait>(
    conn: &C,
    site_id: i32,
) -> Result<SiteFacts, ServiceError> {
    let site = site::Entity::find_by_id(site_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Site #{site_id}")))?;
    Ok(SiteFacts {
        zone: zone(&site.time_zone)?,
        name: site.name,
    })
}

/// The names of the request's topics, in topic order.
pub(super) async fn topics<C: ConnectionTrait>(
    conn: &C,
    request_id: i32,
) -> Result<Vec<String>, ServiceError> {
    let ids: Vec<i32> = request_topic::Entity::find()
        .filter(request_topic::Column::RequestId.eq(request_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|row| row.topic_id)
        .collect();
    Ok(topic::Entity::find()
        .filter(topic::Column::Id.is_in(ids))
        .order_by_asc(topic::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|t| t.name)
        .collect())
}

/// What the messages about `request`'s sessions with `provider_id` share, and the site
/// contacts. `None` when the provider's account is gone or inactive (nobody to tell).
pub(super) async fn engagement<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    request: &tta_request::Model,
    provider_id: i32,
) -> Result<Option<(EngagementFacts, Vec<Person>)>, ServiceError> {
    let Some(provider) = user(conn, provider_id).await? else {
        return Ok(None);
    };
    let facts = EngagementFacts {
        request_id: request.id,
        title: request.title.clone(),
        site: site_facts(conn, request.site_id).await?,
        provider,
        contact: contact(conn, settings).await?,
        organizer: settings.sender.clone(),
        app_url: settings.public_url.clone(),
        co_providers: super::team::co_providers(conn, request.id, provider_id).await?,
    };
    let mut contacts = site_contacts(conn, request.site_id).await?;
    // A peer exchange's visiting site is told of its sessions too (each in their own zone).
    if let Some(visiting) = crate::access::visiting_site_of(conn, request.id).await? {
        contacts.extend(site_contacts(conn, visiting).await?);
    }
    Ok(Some((facts, contacts)))
}

/// `people` without repeats (the same address, whatever its case), first occurrence kept.
pub(super) fn distinct(people: impl IntoIterator<Item = Person>) -> Vec<Person> {
    let mut seen = std::collections::HashSet::new();
    people
        .into_iter()
        .filter(|p| seen.insert(p.email.trim().to_lowercase()))
        .collect()
}
