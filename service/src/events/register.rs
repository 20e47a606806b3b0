//! Registration from the shared link, without an account: seated while seats last, else
//! waitlisted in arrival order; the same e-mail again returns the existing registration.

use chrono::{DateTime, Utc};
use contract::FieldErrors;
use contract::forms::RegistrationForm;
use contract::views::group_event::RegistrationOutcome;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::kinds::{RegistrationStatus, ordinal};
use super::messages::{Letter, seat_confirmed, waitlisted};
use super::seats::{count, lock_event, waitlist_place};
use crate::accounts::EmailAddress;
use crate::accounts::tokens::{random_token, token_hash};
use crate::entities::{event_registration, group_event};
use crate::mail::enqueue;
use crate::notify::NotifySettings;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// A registration form that parsed.
pub(super) struct Registrant {
    name: String,
    email: EmailAddress,
    agency: String,
    job_role: String,
    accessibility_needs: String,
    zone: TimeZone,
}

fn text_field(
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    max: usize,
    missing: Option<&str>,
) -> String {
    let value = value.trim().to_owned();
    if let Some(message) = missing
        && value.is_empty()
    {
        errors.add(field, message);
    } else if value.chars().count() > max {
        errors.add(field, format!("Keep this under {max} characters."));
    }
    value
}

/// Every field's mistake at once.
pub(super) fn parse_registrant(form: &RegistrationForm) -> Result<Registrant, ServiceError> {
    let mut errors = FieldErrors::new();
    let name = text_field(
        &mut errors,
        "name",
        &form.name,
        120,
        Some("Enter your name."),
    );
    let email = match EmailAddress::parse(&form.email) {
        Ok(email) => Some(email),
        Err(e) => {
            errors.add("email", e.to_string());
            None
        }
    };
    let agency = text_field(
        &mut errors,
        "agency",
        &form.agency,
        200,
        Some("Enter your agency, e.g. Memphis Police Department."),
    );
    let job_role = text_field(
        &mut errors,
        "job_role",
        &form.job_role,
        200,
        Some("Enter your job role, e.g. crime analyst."),
    );
    let accessibility_needs = text_field(
        &mut errors,
        "accessibility_needs",
        &form.accessibility_needs,
        2000,
        None,
    );
    let zone = TimeZone::parse(form.time_zone.trim()).ok();
    if zone.is_none() {
        errors.add("time_zone", "Choose your time zone, e.g. America/Chicago.");
    }
    match (email, zone) {
        (Some(email), Some(zone)) if errors.is_empty() => Ok(Registrant {
            name,
            email,
            agency,
            job_role,
            accessibility_needs,
            zone,
        }),
        _ => Err(ServiceError::InvalidFields(errors)),
    }
}

/// The event behind a shareable link (unknown links: not found).
pub(super) async fn event_by_token(
    db: &Database,
    token: &str,
) -> Result<group_event::Model, ServiceError> {
    let token = token.trim();
    if token.is_empty() || token.len() > 64 {
        return Err(ServiceError::NotFound("This registration link".to_owned()));
    }
    group_event::Entity::find()
        .filter(group_event::Column::RegistrationToken.eq(token))
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound("This registration link".to_owned()))
}

/// Why registration is closed at `now`, or `None` while it is open.
pub(super) fn closed_reason(event: &group_event::Model, now: DateTime<Utc>) -> Option<String> {
    let zone = TimeZone::parse(&event.time_zone).unwrap_or_else(|_| TimeZone::from(chrono_tz::UTC));
    if event.status == "cancelled" {
        Some("This event was cancelled, so registration is closed.".to_owned())
    } else if now >= event.registration_deadline {
        Some(format!(
            "Registration closed {}.",
            crate::timefmt::instant(event.registration_deadline, zone)
        ))
    } else {
        None
    }
}

/// Registers the person of `form` for the event behind the shared link `token`. A new
/// registration takes a seat while seats last, else joins the waitlist; either way its
/// confirmation (with a personal link) is queued in the same transaction. The same address
/// again answers with the existing registration and changes nothing. Refused: a form with
/// mistakes (400, each field), an unknown link (404), a cancelled event or one past its
/// deadline (409 with the reason).
pub async fn register(
    db: &Database,
    token: &str,
    form: &RegistrationForm,
    settings: &NotifySettings,
) -> Result<RegistrationOutcome, ServiceError> {
    let event = event_by_token(db, token).await?;
    let person = parse_registrant(form)?;
    let personal_token = random_token()?;
    let outcome = db
        .transaction(async |txn| {
            let now = Utc::now();
            let event = lock_event(txn, event.id).await?;
            if let Some(reason) = closed_reason(&event, now) {
                return Err(ServiceError::Conflict(reason));
            }
            let existing = event_registration::Entity::find()
                .filter(event_registration::Column::EventId.eq(event.id))
                .filter(event_registration::Column::EmailKey.eq(person.email.normalized()))
                .filter(
                    event_registration::Column::Status.ne(RegistrationStatus::Cancelled.as_str()),
                )
                .one(txn)
                .await?;
            if let Some(existing) = existing {
                return existing_outcome(txn, &existing).await;
            }
            let taken = count(txn, event.id, RegistrationStatus::Registered).await?;
            let status = if taken < event.capacity {
                RegistrationStatus::Registered
            } else {
                RegistrationStatus::Waitlisted
            };
            let row = event_registration::ActiveModel {
                event_id: Set(event.id),
                position: Set(event.arrivals),
                name: Set(person.name.clone()),
                email: Set(person.email.as_str().to_owned()),
                email_key: Set(person.email.normalized().to_owned()),
                agency: Set(person.agency.clone()),
                job_role: Set(person.job_role.clone()),
                accessibility_needs: Set(person.accessibility_needs.clone()),
                time_zone: Set(person.zone.name().to_owned()),
                status: Set(status.as_str().to_owned()),
                manage_token_hash: Set(token_hash(&personal_token)),
                registered_at: Set(now),
                promoted_at: Set(None),
                cancelled_at: Set(None),
                checked_in_at: Set(None),
                attendance: Set(None),
                attendance_by: Set(None),
                attendance_at: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            crate::webhooks::payloads::registration_event(
                txn,
                crate::webhooks::WebhookEvent::EventRegistrationCreated,
                row.id,
            )
            .await?;
            let letter = Letter {
                event: &event,
                registration: &row,
                settings,
                now,
            };
            let personal_path = Some(format!("/events/registration/{personal_token}"));
            if status == RegistrationStatus::Registered {
                enqueue(txn, &seat_confirmed(&letter, &personal_token)).await?;
                Ok(RegistrationOutcome {
                    status: status.as_str().to_owned(),
                    waitlist_place: None,
                    already: false,
                    message: format!(
                        "You are registered for {}. A confirmation with a calendar invite is on \
                         its way to {}.",
                        event.title, row.email
                    ),
                    personal_path,
                })
            } else {
                let place = waitlist_place(txn, event.id, row.position).await?;
                enqueue(txn, &waitlisted(&letter, &personal_token, place)).await?;
                Ok(RegistrationOutcome {
                    status: status.as_str().to_owned(),
                    waitlist_place: Some(place),
                    already: false,
                    message: format!(
                        "The event is full: you are on the waitlist, {} in line. We will e-mail \
                         {} if a seat frees up.",
                        ordinal(place),
                        row.email
                    ),
                    personal_path,
                })
            }
        })
        .await;
    match outcome {
        // Two registrations with one address at once: the second meets the unique index.
        Err(ServiceError::Database(error)) => {
            let existing = event_registration::Entity::find()
                .filter(event_registration::Column::EventId.eq(event.id))
                .filter(event_registration::Column::EmailKey.eq(person.email.normalized()))
                .filter(
                    event_registration::Column::Status.ne(RegistrationStatus::Cancelled.as_str()),
                )
                .one(db.conn())
                .await?;
            match existing {
                Some(existing) => existing_outcome(db.conn(), &existing).await,
                None => Err(ServiceError::Database(error)),
            }
        }
        other => other,
    }
}

/// The polite answer to a second registration with the same address.
async fn existing_outcome<C: sea_orm::ConnectionTrait>(
    conn: &C,
    existing: &event_registration::Model,
) -> Result<RegistrationOutcome, ServiceError> {
    let (message, place) = if existing.status == RegistrationStatus::Registered.as_str() {
        (
            format!(
                "{} is already registered for this event. Your confirmation e-mail holds your \
                 personal link to cancel or check in.",
                existing.email
            ),
            None,
        )
    } else {
        let place = waitlist_place(conn, existing.event_id, existing.position).await?;
        (
            format!(
                "{} is already on the waitlist, {} in line. Your confirmation e-mail holds your \
                 personal link.",
                existing.email,
                ordinal(place)
            ),
            Some(place),
        )
    };
    Ok(RegistrationOutcome {
        status: existing.status.clone(),
        waitlist_place: place,
        already: true,
        message,
        personal_path: None,
    })
}
