//! Handing a leaving provider's remaining sessions of one engagement to another provider, all or
//! nothing: every future confirmed session of the request that the leaving provider holds moves
//! to the new provider in one transaction, keeping its time and calendar UID and raising its
//! sequence, and taking the new provider's meeting link where the link was the leaving
//! provider's own (`meeting::relink_handed_over`); the e-mails of the three audiences (see [`crate::notify::sessions_reassigned`]) and
//! an audit entry are written in the same transaction.
//!
//! No double booking: each session is checked against the new provider's tentative and
//! confirmed sessions (with buffers) inside the transaction, and the database's own constraint
//! (migration 000005) refuses any race the check cannot see; either way the whole handover is
//! refused with a message naming the session in the way.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::booking::{is_double_booking, overlapping};
use crate::access::{Actor, STAFF};
use crate::accounts::Role;
use crate::accounts::audit::{self, AuditEntry};
use crate::entities::{app_user, provider_profile, tta_session};
use crate::notify::{self, NotifySettings};
use crate::providers::action;
use crate::status::SessionStatus;
use crate::{Database, ServiceError};

/// Who hands what to whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handover<'a> {
    pub request_id: i32,
    pub from_provider: i32,
    pub to_provider: i32,
    /// Told to everyone (may be empty).
    pub reason: &'a str,
}

/// Moves the remaining confirmed sessions (starting after `now`) of `handover.request_id` from
/// one provider to the other; returns them as stored now. Refused, with nothing changed or sent:
/// the same provider (400), a new provider who is not an active provider still in the programme
/// (400), nothing left to hand over (409), a session the new provider cannot take because it
/// meets one of theirs (409, naming both sessions).
/// Coordinators and administrators only.
pub async fn reassign_engagement(
    db: &Database,
    actor: &Actor,
    handover: &Handover<'_>,
    notify: &NotifySettings,
    now: DateTime<Utc>,
) -> Result<Vec<tta_session::Model>, ServiceError> {
    actor.require(STAFF)?;
    if handover.from_provider == handover.to_provider {
        return Err(ServiceError::Invalid(
            "Choose another provider: the sessions are already theirs.".to_owned(),
        ));
    }
    let new_provider = replacement(db, handover.to_provider).await?;
    let result = db
        .transaction(async |txn| {
            let sessions = remaining(txn, handover, now).await?;
            if sessions.is_empty() {
                return Err(ServiceError::Conflict(format!(
                    "Request #{} has no future confirmed session with this provider any more; \
                     reload the page.",
                    handover.request_id
                )));
            }
            for session in &sessions {
                if let Some(existing) = overlapping(
                    txn,
                    handover.to_provider,
                    session.blocked_from,
                    session.blocked_until,
                )
                .await?
                {
                    return Err(conflict(&new_provider, session, &existing));
                }
            }
            let ids: Vec<i32> = sessions.iter().map(|s| s.id).collect();
            let moved = tta_session::Entity::update_many()
                .col_expr(
                    tta_session::Column::ProviderId,
                    Expr::value(handover.to_provider),
                )
                .col_expr(
                    tta_session::Column::Sequence,
                    Expr::col(tta_session::Column::Sequence).add(1),
                )
                .col_expr(tta_session::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(tta_session::Column::Id.is_in(ids.clone()))
                .filter(tta_session::Column::ProviderId.eq(handover.from_provider))
                .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
                .exec(txn)
                .await?;
            if moved.rows_affected != ids.len() as u64 {
                return Err(ServiceError::Conflict(
                    "The sessions were changed by someone else just now; reload the page."
                        .to_owned(),
                ));
            }
            audit::record(
                txn,
                AuditEntry {
                    actor_user_id: Some(actor.id()),
                    action: action::SESSIONS_REASSIGNED,
                    subject_type: "request",
                    subject_id: Some(handover.request_id.to_string()),
                    detail: json!({
                        "from_provider": handover.from_provider,
                        "to_provider": handover.to_provider,
                        "sessions": ids,
                        "reason": handover.reason.trim(),
                    }),
                    ip: None,
                },
            )
            .await?;
            // A link from the leaving provider's own setting becomes the new provider's.
            crate::meeting::relink_handed_over(txn, &notify.meeting_room_base, &ids).await?;
            notify::sessions_reassigned(txn, notify, &ids, handover.from_provider, handover.reason)
                .await?;
            Ok(tta_session::Entity::find()
                .filter(tta_session::Column::Id.is_in(ids))
                .order_by_asc(tta_session::Column::Occurrence)
                .all(txn)
                .await?)
        })
        .await;
    match result {
        Err(ServiceError::Database(error)) if is_double_booking(&error) => {
            // Another booking committed between the check and the update: name it now.
            let sessions = remaining(db.conn(), handover, now).await?;
            for session in &sessions {
                if let Some(existing) = overlapping(
                    db.conn(),
                    handover.to_provider,
                    session.blocked_from,
                    session.blocked_until,
                )
                .await?
                {
                    return Err(conflict(&new_provider, session, &existing));
                }
            }
            Err(ServiceError::Conflict(format!(
                "{} was booked for one of these times just now; reload the page.",
                new_provider.display_name
            )))
        }
        other => other,
    }
}

/// The future confirmed sessions of the request the leaving provider holds, in series order.
async fn remaining<C: sea_orm::ConnectionTrait>(
    conn: &C,
    handover: &Handover<'_>,
    now: DateTime<Utc>,
) -> Result<Vec<tta_session::Model>, ServiceError> {
    Ok(tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.eq(handover.request_id))
        .filter(tta_session::Column::ProviderId.eq(handover.from_provider))
        .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
        .filter(tta_session::Column::StartsAt.gt(now))
        .order_by_asc(tta_session::Column::Occurrence)
        .all(conn)
        .await?)
}

/// The new provider: an active provider account with a profile, not marked as leaving.
async fn replacement(db: &Database, provider_id: i32) -> Result<app_user::Model, ServiceError> {
    let refused = || {
        ServiceError::field(
            "to_provider",
            format!(
                "Provider #{provider_id} cannot take sessions: choose an active provider who has \
                 not left the programme."
            ),
        )
    };
    let user = app_user::Entity::find_by_id(provider_id)
        .one(db.conn())
        .await?
        .filter(|u| u.active && u.role == Role::Provider.as_str())
        .ok_or_else(refused)?;
    let profile = provider_profile::Entity::find_by_id(provider_id)
        .one(db.conn())
        .await?
        .ok_or_else(refused)?;
    if profile.departed_at.is_some() {
        return Err(refused());
    }
    Ok(user)
}

fn conflict(
    new_provider: &app_user::Model,
    session: &tta_session::Model,
    existing: &tta_session::Model,
) -> ServiceError {
    ServiceError::Conflict(format!(
        "{} cannot take session {} ({} – {} UTC): it conflicts with their session #{} of \
         request #{} ({} – {} UTC), including buffers. Nothing was reassigned.",
        new_provider.display_name,
        session.occurrence,
        session.starts_at.format("%Y-%m-%d %H:%M"),
        session.ends_at.format("%H:%M"),
        existing.id,
        existing.request_id,
        existing.starts_at.format("%Y-%m-%d %H:%M"),
        existing.ends_at.format("%H:%M"),
    ))
}
