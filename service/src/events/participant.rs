//! The participant's own page behind their personal link: where they stand, and cancelling,
//! which works once and gives a freed seat to the next person waiting.

use chrono::Utc;
use contract::views::group_event::MyRegistration;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::kinds::{EventKind, RegistrationStatus, ordinal};
use super::messages::{Letter, cancelled};
use super::seats::{fill_seats, lock_event, waitlist_place};
use crate::accounts::tokens::token_hash;
use crate::entities::{event_registration, group_event};
use crate::mail::enqueue;
use crate::notify::NotifySettings;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

fn not_found() -> ServiceError {
    ServiceError::NotFound("This registration link".to_owned())
}

/// The registration and its event behind a personal link (unknown: not found).
pub(crate) async fn by_personal_token(
    db: &Database,
    token: &str,
) -> Result<(event_registration::Model, group_event::Model), ServiceError> {
    let token = token.trim();
    if token.len() != 64 {
        return Err(not_found());
    }
    let registration = event_registration::Entity::find()
        .filter(event_registration::Column::ManageTokenHash.eq(token_hash(token)))
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    let event = group_event::Entity::find_by_id(registration.event_id)
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    Ok((registration, event))
}

/// The participant's page: the event on their clock, where they stand and what they may do.
pub async fn my_registration(db: &Database, token: &str) -> Result<MyRegistration, ServiceError> {
    let (registration, event) = by_personal_token(db, token).await?;
    let zone =
        TimeZone::parse(&registration.time_zone).unwrap_or_else(|_| TimeZone::from(chrono_tz::UTC));
    let now = Utc::now();
    let status = RegistrationStatus::parse(&registration.status);
    let place = if status == Some(RegistrationStatus::Waitlisted) {
        Some(waitlist_place(db.conn(), event.id, registration.position).await?)
    } else {
        None
    };
    let status_label = match (status, place) {
        (Some(RegistrationStatus::Registered), _) => "Registered: you have a seat.".to_owned(),
        (Some(RegistrationStatus::Waitlisted), Some(p)) => {
            format!("On the waitlist, {} in line.", ordinal(p))
        }
        (Some(RegistrationStatus::Cancelled), _) => "Cancelled.".to_owned(),
        _ => registration.status.clone(),
    };
    let (evaluation_path, evaluation_note) =
        super::evaluation::registration_note(&event, &registration, token, now);
    let live = matches!(
        status,
        Some(RegistrationStatus::Registered | RegistrationStatus::Waitlisted)
    );
    Ok(MyRegistration {
        event_title: event.title.clone(),
        kind_label: EventKind::label_of(&event.kind),
        name: registration.name.clone(),
        when: crate::timefmt::span(event.starts_at, event.ends_at, zone),
        location: event.location.clone(),
        virtual_link: event.virtual_link.clone(),
        status: registration.status.clone(),
        status_label,
        waitlist_place: place,
        can_cancel: live && event.status == "open" && now < event.ends_at,
        can_check_in: status == Some(RegistrationStatus::Registered)
            && registration.checked_in_at.is_none()
            && super::attendance::check_in_open(&event, now),
        checked_in: registration
            .checked_in_at
            .map(|at| format!("Checked in at {}.", crate::timefmt::instant(at, zone))),
        certificate_path: crate::certificates::participant_path(&event, &registration, token),
        certificate_note: crate::certificates::pending_note(&event, &registration, now),
        evaluation_path,
        evaluation_note,
    })
}

/// Cancels the registration behind the personal link, once: a second use is a 409 saying it
/// was already cancelled. A freed seat goes at once to the next person waiting (e-mailed, in
/// the same transaction). Returns a sentence for the person.
pub async fn cancel_registration(
    db: &Database,
    token: &str,
    settings: &NotifySettings,
) -> Result<String, ServiceError> {
    let (registration, event) = by_personal_token(db, token).await?;
    db.transaction(async |txn| {
        let now = Utc::now();
        let event = lock_event(txn, event.id).await?;
        if now >= event.ends_at {
            return Err(ServiceError::Conflict(
                "This event is over, so the registration can no longer be cancelled.".to_owned(),
            ));
        }
        // Read after the lock: a promotion since the link was opened is seen.
        let before = event_registration::Entity::find_by_id(registration.id)
            .one(txn)
            .await?
            .ok_or_else(not_found)?;
        let changed = event_registration::Entity::update_many()
            .col_expr(
                event_registration::Column::Status,
                Expr::value(RegistrationStatus::Cancelled.as_str()),
            )
            .col_expr(event_registration::Column::CancelledAt, Expr::value(now))
            .filter(event_registration::Column::Id.eq(registration.id))
            .filter(event_registration::Column::Status.ne(RegistrationStatus::Cancelled.as_str()))
            .exec(txn)
            .await?;
        if changed.rows_affected == 0 {
            return Err(ServiceError::Conflict(
                "This registration is already cancelled; the link works once. Register again \
                 from the shared link if you want a place."
                    .to_owned(),
            ));
        }
        let current = event_registration::Entity::find_by_id(registration.id)
            .one(txn)
            .await?
            .ok_or_else(not_found)?;
        let held_seat = before.status == RegistrationStatus::Registered.as_str();
        let letter = Letter {
            event: &event,
            registration: &current,
            settings,
            now,
        };
        enqueue(txn, &cancelled(&letter, held_seat)).await?;
        crate::webhooks::payloads::registration_event(
            txn,
            crate::webhooks::WebhookEvent::EventRegistrationCancelled,
            registration.id,
        )
        .await?;
        fill_seats(txn, &event, settings, now).await?;
        Ok(format!(
            "Your registration for {} is cancelled. Thank you for freeing your place.",
            event.title
        ))
    })
    .await
}
