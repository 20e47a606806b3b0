//! Attendance: self check-in with the short code shown at the event, the coordinator's or
//! provider's correction, and the printable sign-in sheet.

use chrono::{DateTime, Duration, Utc};
use contract::views::group_event::{SheetLine, SignInSheet};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::access::roster_event;
use super::kinds::{EventKind, RegistrationStatus};
use super::participant::by_personal_token;
use crate::access::Actor;
use crate::accounts::Role;
use crate::entities::{event_registration, group_event, site};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// How long before the start check-in opens.
const CHECK_IN_OPENS_BEFORE: Duration = Duration::minutes(60);

/// Whether self check-in is open at `now`: from an hour before the start to the end.
pub(super) fn check_in_open(event: &group_event::Model, now: DateTime<Utc>) -> bool {
    event.status == "open" && now >= event.starts_at - CHECK_IN_OPENS_BEFORE && now < event.ends_at
}

/// Checks the participant behind the personal link in with the event's `code` (case and
/// spaces ignored). Refused: a wrong code (400 beside the field `code`), a registration without
/// a seat, or outside the check-in window (409 with the reason). Checking in twice answers with
/// the first time. Returns a sentence for the person.
pub async fn check_in(db: &Database, token: &str, code: &str) -> Result<String, ServiceError> {
    let (registration, event) = by_personal_token(db, token).await?;
    let zone =
        TimeZone::parse(&registration.time_zone).unwrap_or_else(|_| TimeZone::from(chrono_tz::UTC));
    if let Some(at) = registration.checked_in_at {
        return Ok(format!(
            "You already checked in at {}.",
            crate::timefmt::instant(at, zone)
        ));
    }
    let now = Utc::now();
    if registration.status != RegistrationStatus::Registered.as_str() {
        return Err(ServiceError::Conflict(
            "Only registered participants with a seat can check in.".to_owned(),
        ));
    }
    if !check_in_open(&event, now) {
        return Err(ServiceError::Conflict(format!(
            "Check-in is open from an hour before the start until the end: {}.",
            crate::timefmt::span(event.starts_at - CHECK_IN_OPENS_BEFORE, event.ends_at, zone)
        )));
    }
    let typed: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if typed != event.check_in_code {
        return Err(ServiceError::InvalidFields(contract::FieldErrors::single(
            "code",
            "That is not the code shown at the event. Check it and type it again.",
        )));
    }
    let changed = event_registration::Entity::update_many()
        .col_expr(event_registration::Column::CheckedInAt, Expr::value(now))
        .col_expr(
            event_registration::Column::Attendance,
            Expr::value("present"),
        )
        .col_expr(event_registration::Column::AttendanceAt, Expr::value(now))
        .filter(event_registration::Column::Id.eq(registration.id))
        .filter(event_registration::Column::Status.eq(RegistrationStatus::Registered.as_str()))
        .filter(event_registration::Column::CheckedInAt.is_null())
        .exec(db.conn())
        .await?;
    if changed.rows_affected == 0 {
        return Err(ServiceError::Conflict(
            "Your registration changed meanwhile. Reload the page.".to_owned(),
        ));
    }
    Ok(format!(
        "You are checked in at {}. Welcome!",
        crate::timefmt::instant(now, zone)
    ))
}

/// Records a participant `present` or `absent` (a correction of the sign-in). The event's
/// coordinator or provider; other readers of the participants get 403, everyone else 404.
pub async fn record_attendance(
    db: &Database,
    actor: &Actor,
    event_id: i32,
    registration_id: i32,
    attendance: &str,
) -> Result<(), ServiceError> {
    actor.require(&[Role::Coordinator, Role::Admin, Role::Provider])?;
    let (_event, reach) = roster_event(db, actor, event_id).await?;
    if !reach.attendance {
        return Err(ServiceError::Forbidden(
            "Only the event's coordinator or provider can correct attendance.".to_owned(),
        ));
    }
    let value = match attendance.trim() {
        "present" => "present",
        "absent" => "absent",
        _ => {
            return Err(ServiceError::InvalidFields(contract::FieldErrors::single(
                "attendance",
                "Choose present or absent.",
            )));
        }
    };
    let changed = event_registration::Entity::update_many()
        .col_expr(event_registration::Column::Attendance, Expr::value(value))
        .col_expr(
            event_registration::Column::AttendanceBy,
            Expr::value(actor.id()),
        )
        .col_expr(
            event_registration::Column::AttendanceAt,
            Expr::value(Utc::now()),
        )
        .filter(event_registration::Column::Id.eq(registration_id))
        .filter(event_registration::Column::EventId.eq(event_id))
        .filter(event_registration::Column::Status.eq(RegistrationStatus::Registered.as_str()))
        .exec(db.conn())
        .await?;
    if changed.rows_affected == 0 {
        return Err(ServiceError::NotFound(format!(
            "Registered participant #{registration_id}"
        )));
    }
    if value == "absent" {
        // A certificate attests attendance: its code verifies as revoked from now on.
        crate::certificates::revoke_for_absence(db.conn(), registration_id).await?;
    }
    Ok(())
}

/// The printable sign-in sheet: every participant with a seat, by name. Readers of the
/// participants only.
pub async fn sign_in_sheet(
    db: &Database,
    actor: &Actor,
    event_id: i32,
) -> Result<SignInSheet, ServiceError> {
    let (event, reach) = roster_event(db, actor, event_id).await?;
    let mut seated = event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(event.id))
        .filter(event_registration::Column::Status.eq(RegistrationStatus::Registered.as_str()))
        .all(db.conn())
        .await?;
    seated.sort_by_key(|r| r.name.to_lowercase());
    let host = site::Entity::find_by_id(event.host_site_id)
        .one(db.conn())
        .await?
        .map(|s| format!("{}, {}", s.name, s.state))
        .unwrap_or_default();
    let zone = TimeZone::parse(&event.time_zone).unwrap_or_else(|_| TimeZone::from(chrono_tz::UTC));
    Ok(SignInSheet {
        title: event.title.clone(),
        kind_label: EventKind::label_of(&event.kind),
        when: crate::timefmt::span(event.starts_at, event.ends_at, zone),
        host_site: host,
        location: if event.location.is_empty() {
            event.virtual_link.clone()
        } else {
            event.location.clone()
        },
        lines: seated
            .into_iter()
            .map(|r| SheetLine {
                note: if r.attendance.as_deref() == Some("present") {
                    "Checked in".to_owned()
                } else {
                    String::new()
                },
                name: r.name,
                agency: r.agency,
                job_role: r.job_role,
            })
            .collect(),
        pdf_path: reach
            .attendance
            .then(|| format!("/coordinator/events/{}/sign-in.pdf", event.id)),
    })
}
