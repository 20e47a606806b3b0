//! The read models of group events: the list a person may open, one event's page (its
//! participants only for who may see them) and the public page behind the shared link.

use chrono::Utc;
use contract::views::group_event::{EventPage, EventRow, ParticipantRow, PublicEvent};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::access::{in_audience, readable_event};
use super::kinds::{EventKind, RegistrationStatus, ordinal};
use super::register::{closed_reason, event_by_token};
use super::seats::count;
use crate::access::Actor;
use crate::accounts::Role;
use crate::entities::{app_user, event_registration, group_event, group_event_site, site};
use crate::timefmt::{instant, span, span_with_site};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

fn zone_of(name: &str) -> TimeZone {
    TimeZone::parse(name).unwrap_or_else(|_| TimeZone::from(chrono_tz::UTC))
}

fn status_label(event: &group_event::Model) -> String {
    match closed_reason(event, Utc::now()) {
        None => "Open for registration".to_owned(),
        Some(_) if event.status == "cancelled" => "Cancelled".to_owned(),
        Some(_) => "Registration closed".to_owned(),
    }
}

async fn site_name(db: &Database, id: i32) -> Result<String, ServiceError> {
    Ok(site::Entity::find_by_id(id)
        .one(db.conn())
        .await?
        .map(|s| format!("{}, {}", s.name, s.state))
        .unwrap_or_default())
}

/// The zone a list's times are in: a site contact's site's zone (their first site), anyone
/// else's own zone.
async fn list_zone(db: &Database, actor: &Actor) -> Result<TimeZone, ServiceError> {
    if actor.role() == Role::SiteContact
        && let Some(first) = actor.user().site_ids.first()
        && let Some(site) = site::Entity::find_by_id(*first).one(db.conn()).await?
    {
        return Ok(zone_of(&site.time_zone));
    }
    Ok(zone_of(&actor.user().time_zone))
}

/// The events `actor` may open, soonest first: staff all, a provider theirs, a site contact
/// those whose audience holds one of their sites (times in their site's zone).
pub async fn events_for(db: &Database, actor: &Actor) -> Result<Vec<EventRow>, ServiceError> {
    let all = group_event::Entity::find()
        .order_by_asc(group_event::Column::StartsAt)
        .all(db.conn())
        .await?;
    let reader = list_zone(db, actor).await?;
    let now = Utc::now();
    let mut rows = Vec::new();
    for event in all {
        let visible = match actor.role() {
            Role::Coordinator | Role::Admin => true,
            Role::Provider => event.provider_id == Some(actor.id()),
            Role::SiteContact => in_audience(db, actor, &event).await?,
        };
        if !visible {
            continue;
        }
        rows.push(EventRow {
            id: event.id,
            kind_label: EventKind::label_of(&event.kind),
            title: event.title.clone(),
            when: span(event.starts_at, event.ends_at, reader),
            host_site: site_name(db, event.host_site_id).await?,
            capacity: event.capacity,
            registered: count(db.conn(), event.id, RegistrationStatus::Registered).await?,
            waitlisted: count(db.conn(), event.id, RegistrationStatus::Waitlisted).await?,
            status_label: status_label(&event),
            share_path: format!("/events/join/{}", event.registration_token),
            past: event.ends_at <= now,
        });
    }
    Ok(rows)
}

fn attendance_label(r: &event_registration::Model, zone: TimeZone, by: Option<&str>) -> String {
    match (r.attendance.as_deref(), r.checked_in_at, by) {
        (Some("present"), _, Some(name)) => format!("Present (recorded by {name})"),
        (Some("absent"), _, Some(name)) => format!("Absent (recorded by {name})"),
        (Some("present"), Some(at), None) => format!("Checked in {}", instant(at, zone)),
        (Some("present"), None, None) => "Present".to_owned(),
        (Some("absent"), _, None) => "Absent".to_owned(),
        _ => "Not recorded".to_owned(),
    }
}

/// One event's page for `actor` (readers per [`super::access`]): its participants in arrival
/// order only for its coordinator, provider and the host site's contacts.
pub async fn event_page(
    db: &Database,
    actor: &Actor,
    event_id: i32,
) -> Result<EventPage, ServiceError> {
    let (event, reach_) = readable_event(db, actor, event_id).await?;
    let reader = zone_of(&actor.user().time_zone);
    let host_zone = zone_of(&event.time_zone);
    let host = site_name(db, event.host_site_id).await?;
    let audience_label = match event.audience.as_str() {
        "all" => "All sites of the programme".to_owned(),
        "sites" => {
            let others = group_event_site::Entity::find()
                .filter(group_event_site::Column::EventId.eq(event.id))
                .all(db.conn())
                .await?;
            let mut names = Vec::new();
            for other in others {
                names.push(site_name(db, other.site_id).await?);
            }
            format!("{host} and {}", names.join("; "))
        }
        _ => format!("{host} only"),
    };
    let provider = match event.provider_id {
        Some(id) => app_user::Entity::find_by_id(id)
            .one(db.conn())
            .await?
            .map(|u| u.display_name)
            .unwrap_or_default(),
        None => "Not yet chosen".to_owned(),
    };
    let participants = if reach_.personal_data {
        let rows = event_registration::Entity::find()
            .filter(event_registration::Column::EventId.eq(event.id))
            .order_by_asc(event_registration::Column::Position)
            .all(db.conn())
            .await?;
        let mut waiting = 0;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let recorder = match r.attendance_by {
                Some(id) => app_user::Entity::find_by_id(id)
                    .one(db.conn())
                    .await?
                    .map(|u| u.display_name),
                None => None,
            };
            let label = match RegistrationStatus::parse(&r.status) {
                Some(RegistrationStatus::Registered) => "Registered".to_owned(),
                Some(RegistrationStatus::Waitlisted) => {
                    waiting += 1;
                    format!("Waitlisted ({})", ordinal(waiting))
                }
                Some(RegistrationStatus::Cancelled) => "Cancelled".to_owned(),
                None => r.status.clone(),
            };
            out.push(ParticipantRow {
                id: r.id,
                position: r.position,
                attendance_label: attendance_label(&r, reader, recorder.as_deref()),
                attendance: r.attendance.clone().unwrap_or_default(),
                certificate_path: reach_
                    .attendance
                    .then(|| crate::certificates::attendee_path(&event, &r))
                    .flatten(),
                status_label: label,
                status: r.status,
                name: r.name,
                email: r.email,
                agency: r.agency,
                job_role: r.job_role,
                accessibility_needs: r.accessibility_needs,
            });
        }
        Some(out)
    } else {
        None
    };
    Ok(EventPage {
        id: event.id,
        kind_label: EventKind::label_of(&event.kind),
        title: event.title.clone(),
        description: event.description.clone(),
        when: span_with_site(event.starts_at, event.ends_at, reader, host_zone),
        host_site: host,
        audience_label,
        provider,
        location: event.location.clone(),
        virtual_link: event.virtual_link.clone(),
        capacity: event.capacity,
        registered: count(db.conn(), event.id, RegistrationStatus::Registered).await?,
        waitlisted: count(db.conn(), event.id, RegistrationStatus::Waitlisted).await?,
        deadline: format!(
            "Registration closes {}",
            instant(event.registration_deadline, reader)
        ),
        status: event.status.clone(),
        status_label: status_label(&event),
        share_path: format!("/events/join/{}", event.registration_token),
        check_in_code: if reach_.personal_data {
            event.check_in_code.clone()
        } else {
            String::new()
        },
        can_manage: reach_.manage && event.status == "open",
        can_record_attendance: reach_.attendance,
        participants,
    })
}

/// The public page behind the shared link (no log-in; the link is the credential).
pub async fn public_event(db: &Database, token: &str) -> Result<PublicEvent, ServiceError> {
    let event = event_by_token(db, token).await?;
    let zone = zone_of(&event.time_zone);
    let taken = count(db.conn(), event.id, RegistrationStatus::Registered).await?;
    Ok(PublicEvent {
        kind_label: EventKind::label_of(&event.kind),
        title: event.title.clone(),
        description: event.description.clone(),
        when: span(event.starts_at, event.ends_at, zone),
        zone: zone.name().to_owned(),
        host_site: site_name(db, event.host_site_id).await?,
        location: if event.location.is_empty() {
            "Online (the link comes with your confirmation)".to_owned()
        } else {
            event.location.clone()
        },
        deadline: format!(
            "Registration closes {}",
            instant(event.registration_deadline, zone)
        ),
        seats_left: (event.capacity - taken).max(0),
        closed_reason: closed_reason(&event, Utc::now()),
    })
}
