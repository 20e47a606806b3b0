//! The one rule that releases a certificate of completion to an attendee.
//!
//! A certificate is released when, and only when:
//! 1. the event was not cancelled,
//! 2. the registration holds a seat (`registered`),
//! 3. attendance is recorded as present (self check-in with the event's code, or the
//!    coordinator's or provider's record), and
//! 4. if the event requires it (`group_event.certificate_requires_evaluation`), the attendee
//!    has submitted the event's evaluation (`event_registration.evaluated_at`).
//!
//! [`release`] answers from the rows alone, so the participant's page, the coordinator's roster
//! and the download all decide the same way; the issue re-checks it inside its transaction with
//! a conditional update ([`still_released`]), so a correction to absent made at the same moment
//! cannot slip a certificate through.

use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, Condition};

use crate::entities::{event_registration, group_event};
use crate::events::RegistrationStatus;

/// Why a certificate is not released (yet): a sentence for the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotReleased(pub String);

/// Whether the certificate of `registration` for `event` is released, and if not, why.
pub fn release(
    event: &group_event::Model,
    registration: &event_registration::Model,
) -> Result<(), NotReleased> {
    if event.status == "cancelled" {
        return Err(NotReleased(
            "This event was cancelled, so it has no certificates of completion.".to_owned(),
        ));
    }
    if registration.status != RegistrationStatus::Registered.as_str() {
        return Err(NotReleased(
            "Only participants who held a seat at the event receive a certificate of completion."
                .to_owned(),
        ));
    }
    if registration.attendance.as_deref() != Some("present") {
        return Err(NotReleased(
            "The certificate of completion is released once attendance at the event is \
             recorded: check in with the code shown at the event, or ask the event's \
             coordinator to record it."
                .to_owned(),
        ));
    }
    if event.certificate_requires_evaluation && registration.evaluated_at.is_none() {
        return Err(NotReleased(
            "The certificate of completion is released once the event's evaluation is \
             submitted: use the evaluation link on your registration page or in the e-mail \
             sent after the event."
                .to_owned(),
        ));
    }
    Ok(())
}

/// The rule's conditions on the registration's row, for the conditional update that locks it
/// while the certificate is issued (`event` was read in the same transaction).
pub(super) fn still_released(event: &group_event::Model) -> Condition {
    let mut condition = Condition::all()
        .add(event_registration::Column::Status.eq(RegistrationStatus::Registered.as_str()))
        .add(event_registration::Column::Attendance.eq("present"));
    if event.certificate_requires_evaluation {
        condition = condition.add(event_registration::Column::EvaluatedAt.is_not_null());
    }
    condition
}

/// `SET attendance = attendance`: a write that changes nothing but takes the row's lock.
pub(super) fn touch() -> SimpleExpr {
    Expr::col(event_registration::Column::Attendance)
}
