//! A coordinator answers a site's change request: does what was asked (moves the session, or
//! cancels it or the rest of its series, with the usual invites), marks it resolved when it was
//! handled another way, or declines it with a note. The session change, the new status of the
//! ask with the note, an audit entry and the e-mail to the contact who asked are written in one
//! transaction.

use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::ChangeKind;
use crate::access::{Actor, STAFF};
use crate::accounts::audit::{self, AuditEntry};
use crate::engine::SchedulingSettings;
use crate::entities::{change_request, tta_session};
use crate::notify::{self, NotifySettings};
use crate::sessions::{
    MoveScope, SessionMove, apply_moves_in, cancel_in, cancel_rest_in, plan_moves,
    reschedule_refused,
};
use crate::{Database, ServiceError};

/// Audit actions.
pub mod action {
    pub const CHANGE_REQUEST_DONE: &str = "change_request.done";
    pub const CHANGE_REQUEST_DECLINED: &str = "change_request.declined";
}

/// What the coordinator does about an ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeAnswer {
    /// Move the session (or it and every later one, by the same number of days) to start at
    /// `to` on the site's clock (a reschedule ask), then mark it done.
    Reschedule { to: NaiveDateTime, scope: MoveScope },
    /// Cancel as asked (the session, or it and every later one), then mark it done.
    Cancel,
    /// Mark it done: handled another way (e.g. the session was already moved).
    Resolved,
    /// Decline it; the note says why.
    Decline,
}

impl ChangeAnswer {
    /// The answer as the coordinator's form sends it: `answer` is `reschedule` (with `date`
    /// `YYYY-MM-DD` and `time` `HH:MM` on the site's clock, and `scope` `one` or `rest`),
    /// `cancel`, `resolved` or `decline`; anything else is refused (400).
    pub fn from_form(
        answer: &str,
        date: &str,
        time: &str,
        scope: &str,
    ) -> Result<Self, ServiceError> {
        match answer.trim() {
            "reschedule" => Ok(Self::Reschedule {
                to: crate::timefmt::parse_wall_clock(date, time)?,
                scope: MoveScope::parse(scope)?,
            }),
            "cancel" => Ok(Self::Cancel),
            "resolved" => Ok(Self::Resolved),
            "decline" => Ok(Self::Decline),
            _ => Err(ServiceError::field(
                "answer",
                "Choose to move the session, cancel, mark it resolved or decline.",
            )),
        }
    }

    fn status(self) -> &'static str {
        match self {
            Self::Decline => "declined",
            _ => "done",
        }
    }
}

/// The coordinator's answer to change request `id` as the form sends it (see
/// [`ChangeAnswer::from_form`]), answered by [`answer_change_request`]. Coordinators and
/// administrators only; the role is checked before the form is read.
pub async fn answer_change_form(
    db: &Database,
    actor: &Actor,
    id: i32,
    form: &ChangeAnswerForm,
    notify: &NotifySettings,
    now: DateTime<Utc>,
) -> Result<change_request::Model, ServiceError> {
    actor.require(STAFF)?;
    let answer = ChangeAnswer::from_form(&form.answer, &form.date, &form.time, &form.scope)?;
    answer_change_request(db, actor, id, answer, &form.note, notify, now).await
}

/// The coordinator's answer to an ask, every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeAnswerForm {
    pub answer: String,
    pub date: String,
    pub time: String,
    pub scope: String,
    pub note: String,
}

/// Answers change request `id` (see the module docs). Refused, with nothing changed or sent: an
/// ask already answered (409), a reschedule answer to a cancel ask or the reverse (400), a
/// decline without a note (400), a session change the session's state or the provider's other
/// bookings do not allow (409, as for the session changes themselves).
pub async fn answer_change_request(
    db: &Database,
    actor: &Actor,
    id: i32,
    answer: ChangeAnswer,
    note: &str,
    notify: &NotifySettings,
    now: DateTime<Utc>,
) -> Result<change_request::Model, ServiceError> {
    actor.require(STAFF)?;
    let actor = actor.id();
    let note = note.trim();
    if note.chars().count() > 2000 {
        return Err(ServiceError::Invalid(
            "The note can be at most 2,000 characters.".to_owned(),
        ));
    }
    if answer == ChangeAnswer::Decline && note.is_empty() {
        return Err(ServiceError::Invalid(
            "Say why you decline: the site reads the note.".to_owned(),
        ));
    }
    let settings = SchedulingSettings::load(db).await?;
    // New times are checked against the engine's rules before the transaction (they read the
    // providers through the pool, as the engine does); inside it, each move applies only to the
    // version of the session it was planned on and re-checks double booking.
    let planned = match answer {
        ChangeAnswer::Reschedule { to, scope } => {
            let ask = change_request::Entity::find_by_id(id)
                .one(db.conn())
                .await?
                .ok_or_else(|| ServiceError::NotFound(format!("Change request #{id}")))?;
            if ask.status == "open" && ask.kind == ChangeKind::Reschedule.as_str() {
                let asked = SessionMove {
                    session_id: ask.session_id,
                    scope,
                    to,
                };
                plan_moves(db, asked, &settings, now).await?
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    };
    let result = db
        .transaction(async |txn| {
            let ask = change_request::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or_else(|| ServiceError::NotFound(format!("Change request #{id}")))?;
            if ask.status != "open" {
                return Err(ServiceError::Conflict(format!(
                    "Change request #{id} was already answered ({}); reload the page.",
                    ask.status
                )));
            }
            let kind = ChangeKind::parse(&ask.kind)
                .map_err(|_| ServiceError::Internal(format!("change request {id}: kind")))?;
            // The session e-mails go to the provider as well as the site: they give the site's
            // own reason, saying who asked. The note speaks to the site ("as you asked") and
            // reaches it with the answer.
            let reason = site_asked(&ask.reason);
            let reason = reason.as_str();
            match (answer, kind) {
                (ChangeAnswer::Reschedule { .. }, ChangeKind::Reschedule) => {
                    apply_moves_in(txn, &settings, &planned, notify, reason).await?;
                }
                (ChangeAnswer::Cancel, ChangeKind::CancelOne) => {
                    cancel_in(txn, ask.session_id, notify, reason).await?;
                }
                (ChangeAnswer::Cancel, ChangeKind::CancelRest) => {
                    let session = tta_session::Entity::find_by_id(ask.session_id)
                        .one(txn)
                        .await?
                        .ok_or_else(|| {
                            ServiceError::NotFound(format!("Session #{}", ask.session_id))
                        })?;
                    cancel_rest_in(txn, session.request_id, session.occurrence, notify, reason)
                        .await?;
                }
                (ChangeAnswer::Resolved | ChangeAnswer::Decline, _) => {}
                (ChangeAnswer::Reschedule { .. }, _) => {
                    return Err(ServiceError::Invalid(
                        "The site asked for a cancellation, not a new time: cancel, mark it \
                         resolved or decline it."
                            .to_owned(),
                    ));
                }
                (ChangeAnswer::Cancel, ChangeKind::Reschedule) => {
                    return Err(ServiceError::Invalid(
                        "The site asked for a new time, not a cancellation: choose the new \
                         time, mark it resolved or decline it."
                            .to_owned(),
                    ));
                }
            }
            let updated = change_request::Entity::update_many()
                .col_expr(change_request::Column::Status, Expr::value(answer.status()))
                .col_expr(change_request::Column::HandledBy, Expr::value(actor))
                .col_expr(change_request::Column::HandledAt, Expr::value(now))
                .col_expr(change_request::Column::OutcomeNote, Expr::value(note))
                .filter(change_request::Column::Id.eq(id))
                .filter(change_request::Column::Status.eq("open"))
                .exec(txn)
                .await?;
            if updated.rows_affected != 1 {
                return Err(ServiceError::Conflict(format!(
                    "Change request #{id} was answered by someone else just now; reload the page."
                )));
            }
            audit::record(
                txn,
                AuditEntry {
                    actor_user_id: Some(actor),
                    action: if answer == ChangeAnswer::Decline {
                        action::CHANGE_REQUEST_DECLINED
                    } else {
                        action::CHANGE_REQUEST_DONE
                    },
                    subject_type: "change_request",
                    subject_id: Some(id.to_string()),
                    detail: json!({
                        "session_id": ask.session_id,
                        "request_id": ask.request_id,
                        "kind": ask.kind,
                        "answer": match answer {
                            ChangeAnswer::Reschedule { .. } => "reschedule",
                            ChangeAnswer::Cancel => "cancel",
                            ChangeAnswer::Resolved => "resolved",
                            ChangeAnswer::Decline => "decline",
                        },
                        "note": note,
                    }),
                    ip: None,
                },
            )
            .await?;
            notify::change_request_answered(txn, notify, id, kind.label()).await?;
            change_request::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or_else(|| ServiceError::NotFound(format!("Change request #{id}")))
        })
        .await;
    reschedule_refused(result)
}

/// The reason every recipient of a session change made on a site's ask reads.
fn site_asked(reason: &str) -> String {
    match reason.trim() {
        "" => "The site asked for this change.".to_owned(),
        reason => format!("The site asked for this change: {reason}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_names_one_answer() {
        assert_eq!(
            ChangeAnswer::from_form("cancel", "", "", "").ok(),
            Some(ChangeAnswer::Cancel)
        );
        assert_eq!(
            ChangeAnswer::from_form(" decline ", "", "", "").ok(),
            Some(ChangeAnswer::Decline)
        );
        let moved = ChangeAnswer::from_form("reschedule", "2027-03-09", "10:30", "rest");
        assert!(matches!(
            moved,
            Ok(ChangeAnswer::Reschedule { scope: MoveScope::Rest, to }) if to.to_string() == "2027-03-09 10:30:00"
        ));
        assert!(matches!(
            ChangeAnswer::from_form("later", "", "", ""),
            Err(ServiceError::InvalidFields(errors)) if errors.iter().any(|e| e.field == "answer")
        ));
        assert!(matches!(
            ChangeAnswer::from_form("reschedule", "9 March", "10:30", "one"),
            Err(error) if error.http_status() == 400
        ));
    }

    #[test]
    fn the_reason_names_the_site_as_the_one_who_asked() {
        assert_eq!(
            super::site_asked(" Budget hearing "),
            "The site asked for this change: Budget hearing"
        );
        assert_eq!(super::site_asked(""), "The site asked for this change.");
    }
}
