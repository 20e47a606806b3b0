//! Post-event evaluations (issue 17).
//!
//! - Forms ([`evaluation_forms`], [`create_evaluation_form`]): staff keep configurable forms —
//!   ordered questions (a 1–5 rating with its end labels, a multiple choice, free text;
//!   required or not) and the fields government forms carry (OMB control number, expiry date,
//!   burden statement), shown on the form when set. The migration seeds a default form for each
//!   respondent: attendees, the requester (the host site's contacts) and the consultant (the
//!   provider).
//! - An event picks its attendees' form, whether responses are anonymous, whether its
//!   certificate waits for the evaluation, and its topic ([`save_event_evaluation`]).
//! - After the event each attendee is e-mailed a link once ([`enqueue_invitations`], from the
//!   mail worker) and sees it on their registration page ([`registration_note`]); they answer
//!   once ([`submit_evaluation`]; the registration's personal link works too). An anonymous
//!   event stores the response without the registration; the registration keeps only
//!   `evaluated_at` ([`has_submitted`]).
//! - The host site's contacts and the provider give feedback once, logged in
//!   ([`submit_feedback`]).
//! - Results ([`evaluation_results`], [`event_evaluation`]): per form, a rating's mean and
//!   distribution, a choice's counts and the free text, for one event or the events of a
//!   provider, topic or engagement. Who answered what is personal data: shown only to the
//!   event's coordinator, provider and host site's contacts, and never for anonymous responses.

mod attendee;
mod event;
mod forms;
mod invitations;
mod results;
mod shared;
mod staff;

use sea_orm::{ConnectionTrait, EntityTrait};

pub use attendee::{evaluation_form, registration_note, submit_evaluation};
pub use event::{event_evaluation, save_event_evaluation};
pub use forms::{create_evaluation_form, evaluation_forms};
pub use invitations::enqueue_invitations;
pub use results::{evaluation_results, result_filters};
pub use shared::Respondent;
pub use staff::{feedback_form, submit_feedback};

use crate::entities::{event_registration, group_event};
use crate::{Database, ServiceError};

/// Whether the attendee of `registration_id` submitted their evaluation (anonymous or not).
/// An unknown registration has not.
pub async fn has_submitted(db: &Database, registration_id: i32) -> Result<bool, ServiceError> {
    has_submitted_in(db.conn(), registration_id).await
}

/// [`has_submitted`] on any connection, e.g. inside the caller's transaction.
pub async fn has_submitted_in<C: ConnectionTrait>(
    conn: &C,
    registration_id: i32,
) -> Result<bool, ServiceError> {
    Ok(event_registration::Entity::find_by_id(registration_id)
        .one(conn)
        .await?
        .is_some_and(|r| r.evaluated_at.is_some()))
}

/// Whether the certificate of `registration_id` still waits for its evaluation: the event
/// requires it (`certificate_requires_evaluation`) and it is not yet submitted.
pub async fn certificate_waits_for_evaluation<C: ConnectionTrait>(
    conn: &C,
    registration_id: i32,
) -> Result<bool, ServiceError> {
    let Some(registration) = event_registration::Entity::find_by_id(registration_id)
        .one(conn)
        .await?
    else {
        return Ok(false);
    };
    let requires = group_event::Entity::find_by_id(registration.event_id)
        .one(conn)
        .await?
        .is_some_and(|e| e.certificate_requires_evaluation);
    Ok(requires && registration.evaluated_at.is_none())
}
