//! Certificates of completion of group events (issue 17), with a verification code anyone can
//! check at a public address.
//!
//! - Released by one rule ([`release::release`]): attendance recorded as present and, when the
//!   event requires it, the evaluation submitted (event not cancelled, the seat held).
//! - Issued once ([`issue::issue`]): the first download writes the `event_certificate` row with
//!   an unguessable code ([`code`]); every later or simultaneous download prints the same one.
//! - Downloaded as a PDF ([`document`]) by the participant from their personal link
//!   ([`participant_certificate`]) and by the event's coordinator or provider for each attendee
//!   ([`attendee_certificate`]).
//! - Checked by anyone ([`verify_certificate`]): valid, revoked (attendance corrected to absent)
//!   or unknown, showing only the participant's name, the event and its date.

pub mod code;
pub mod document;
mod issue;
pub mod release;

use chrono::{DateTime, TimeDelta, Utc};
use contract::views::certificate::CertificateCheck;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::access::Actor;
use crate::accounts::Role;
use crate::entities::{
    app_user, event_certificate, event_registration, group_event, provider_profile, site,
};
use crate::events::{EventKind, RegistrationStatus};
use crate::pdf::PdfFile;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};
use document::{CertificateContent, render};
pub(crate) use issue::revoke_for_absence;

/// A multi-day event counts at most this many contact hours a day.
const HOURS_PER_DAY: f64 = 8.0;

/// The participant's certificate behind their personal link, issued now if it was not yet.
/// Refused (403) with the rule's reason until it is released; an unknown link is not found.
/// `public_url` is the base of the verification address printed on it.
pub async fn participant_certificate(
    db: &Database,
    token: &str,
    public_url: &str,
) -> Result<PdfFile, ServiceError> {
    let (registration, _) = crate::events::by_personal_token(db, token).await?;
    certificate_pdf(db, registration.id, public_url).await
}

/// An attendee's certificate for the event's coordinator or provider, issued now if it was not
/// yet (403 with the rule's reason until it is released). Other readers of the participants
/// get 403, other people 404, as does a registration of another event.
pub async fn attendee_certificate(
    db: &Database,
    actor: &Actor,
    event_id: i32,
    registration_id: i32,
    public_url: &str,
) -> Result<PdfFile, ServiceError> {
    actor.require(&[Role::Coordinator, Role::Admin, Role::Provider])?;
    let (event, reach) = crate::events::access::roster_event(db, actor, event_id).await?;
    if !reach.attendance {
        return Err(ServiceError::Forbidden(
            "Only the event's coordinator or provider can download its attendees' certificates."
                .to_owned(),
        ));
    }
    let belongs = event_registration::Entity::find_by_id(registration_id)
        .filter(event_registration::Column::EventId.eq(event.id))
        .one(db.conn())
        .await?
        .is_some();
    if !belongs {
        return Err(ServiceError::NotFound(format!(
            "Participant #{registration_id} of event #{event_id}"
        )));
    }
    certificate_pdf(db, registration_id, public_url).await
}

/// The path of the participant's certificate when it is released.
pub(crate) fn participant_path(
    event: &group_event::Model,
    registration: &event_registration::Model,
    token: &str,
) -> Option<String> {
    release::release(event, registration)
        .ok()
        .map(|()| format!("/events/registration/{}/certificate.pdf", token.trim()))
}

/// Why a seated participant's certificate is not released yet, once the event has begun.
pub(crate) fn pending_note(
    event: &group_event::Model,
    registration: &event_registration::Model,
    now: DateTime<Utc>,
) -> Option<String> {
    let seated = registration.status == RegistrationStatus::Registered.as_str();
    if !seated || now < event.starts_at || event.status == "cancelled" {
        return None;
    }
    release::release(event, registration).err().map(|why| why.0)
}

/// The path of an attendee's certificate for the coordinator's roster, when it is released.
pub(crate) fn attendee_path(
    event: &group_event::Model,
    registration: &event_registration::Model,
) -> Option<String> {
    release::release(event, registration).ok().map(|()| {
        format!(
            "/coordinator/events/{}/certificates/{}.pdf",
            event.id, registration.id
        )
    })
}

/// Checks a typed verification code. Public: answers valid, revoked or unknown, and for a known
/// code only the participant's name, the event and its date.
pub async fn verify_certificate(
    db: &Database,
    typed: &str,
) -> Result<CertificateCheck, ServiceError> {
    let unknown = |code: String| CertificateCheck {
        code,
        status: "unknown".to_owned(),
        valid: false,
        message: "Not valid: no certificate has this code. Check the code as printed on the \
                  certificate and type it again."
            .to_owned(),
        name: None,
        event: None,
        date: None,
    };
    let Some(code) = code::normalise(typed) else {
        return Ok(unknown(typed.trim().chars().take(40).collect()));
    };
    let Some(certificate) = event_certificate::Entity::find()
        .filter(event_certificate::Column::Code.eq(code.as_str()))
        .one(db.conn())
        .await?
    else {
        return Ok(unknown(code::printed(&code)));
    };
    let registration = event_registration::Entity::find_by_id(certificate.registration_id)
        .one(db.conn())
        .await?;
    let event = match &registration {
        Some(r) => {
            group_event::Entity::find_by_id(r.event_id)
                .one(db.conn())
                .await?
        }
        None => None,
    };
    let (Some(registration), Some(event)) = (registration, event) else {
        return Ok(unknown(code::printed(&code)));
    };
    let revoked = certificate.revoked_at.is_some();
    Ok(CertificateCheck {
        code: code::printed(&code),
        status: if revoked { "revoked" } else { "valid" }.to_owned(),
        valid: !revoked,
        message: if revoked {
            "Not valid: this certificate was revoked because the attendance behind it was \
             corrected."
                .to_owned()
        } else {
            format!(
                "Valid: this certificate of completion was issued by the {}.",
                document::PROGRAMME
            )
        },
        name: Some(registration.name),
        event: Some(format!(
            "{}: {}",
            EventKind::label_of(&event.kind),
            event.title
        )),
        date: Some(event_dates(&event)),
    })
}

/// Issues (or reads) the certificate of `registration_id` and draws it.
async fn certificate_pdf(
    db: &Database,
    registration_id: i32,
    public_url: &str,
) -> Result<PdfFile, ServiceError> {
    let issued = issue::issue(db, registration_id).await?;
    let content = content(db, &issued, public_url).await?;
    Ok(PdfFile {
        filename: format!(
            "certificate-{}.pdf",
            issued.certificate.code.to_ascii_lowercase()
        ),
        bytes: render(&content)?,
    })
}

async fn content(
    db: &Database,
    issued: &issue::Issued,
    public_url: &str,
) -> Result<CertificateContent, ServiceError> {
    let event = &issued.event;
    let zone = zone_of(event);
    let delivered_by = match event.provider_id {
        Some(id) => {
            let name = app_user::Entity::find_by_id(id)
                .one(db.conn())
                .await?
                .map(|u| u.display_name)
                .unwrap_or_default();
            let organisation = provider_profile::Entity::find_by_id(id)
                .one(db.conn())
                .await?
                .map(|p| p.organisation)
                .unwrap_or_default();
            [name, organisation]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        }
        None => String::new(),
    };
    let host_site = site::Entity::find_by_id(event.host_site_id)
        .one(db.conn())
        .await?
        .map(|s| format!("{}, {}", s.name, s.state))
        .unwrap_or_default();
    let printed = code::printed(&issued.certificate.code);
    Ok(CertificateContent {
        participant: issued.registration.name.clone(),
        agency: issued.registration.agency.clone(),
        kind_label: EventKind::label_of(&event.kind),
        event_title: event.title.clone(),
        when: crate::timefmt::span(event.starts_at, event.ends_at, zone),
        hours: hours_text(contact_hours(event)),
        delivered_by,
        host_site,
        verify_url: format!(
            "{}/certificates/verify/{printed}",
            public_url.trim_end_matches('/')
        ),
        code: printed,
        issued_on: crate::timefmt::date(zone.local(issued.certificate.issued_at).date()),
    })
}

fn zone_of(event: &group_event::Model) -> TimeZone {
    TimeZone::parse(&event.time_zone).unwrap_or_else(|_| TimeZone::from(chrono_tz::UTC))
}

/// The event's date, or first and last dates, on its own clock.
fn event_dates(event: &group_event::Model) -> String {
    let zone = zone_of(event);
    let first = zone.local(event.starts_at).date();
    // An end at midnight belongs to the day before.
    let last = zone
        .local(event.ends_at - TimeDelta::seconds(1))
        .date()
        .max(first);
    if first == last {
        crate::timefmt::date(first)
    } else {
        format!(
            "{} – {}",
            crate::timefmt::date(first),
            crate::timefmt::date(last)
        )
    }
}

/// Contact hours: the event's length, at most [`HOURS_PER_DAY`] for each date it covers on its
/// own clock.
fn contact_hours(event: &group_event::Model) -> f64 {
    let zone = zone_of(event);
    let first = zone.local(event.starts_at).date();
    let last = zone
        .local(event.ends_at - TimeDelta::seconds(1))
        .date()
        .max(first);
    let days = (last - first).num_days() + 1;
    let length = (event.ends_at - event.starts_at).num_minutes() as f64 / 60.0;
    if days > 1 {
        length.min(days as f64 * HOURS_PER_DAY)
    } else {
        length
    }
}

/// `1.5 contact hours`, `1 contact hour`, rounded to a quarter hour.
fn hours_text(hours: f64) -> String {
    let quarters = (hours * 4.0).round() / 4.0;
    let number = format!("{quarters:.2}");
    let number = number.trim_end_matches('0').trim_end_matches('.');
    if number == "1" {
        "1 contact hour".to_owned()
    } else {
        format!("{number} contact hours")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_said_to_the_quarter() {
        assert_eq!(hours_text(1.5), "1.5 contact hours");
        assert_eq!(hours_text(1.0), "1 contact hour");
        assert_eq!(hours_text(0.75), "0.75 contact hours");
        assert_eq!(hours_text(3.0), "3 contact hours");
        assert_eq!(hours_text(2.26), "2.25 contact hours");
    }
}
