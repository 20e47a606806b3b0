//! Issuing a certificate once, and revoking it when the attendance behind it is corrected.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::code::new_code;
use super::release::{NotReleased, release, still_released, touch};
use crate::entities::{event_certificate, event_registration, group_event};
use crate::{Database, ServiceError};

/// What a certificate is drawn from: its row, the registration and the event, as read in the
/// transaction that issued it.
pub(crate) struct Issued {
    pub certificate: event_certificate::Model,
    pub registration: event_registration::Model,
    pub event: group_event::Model,
}

/// The certificate of `registration_id`, issued now if it was not yet (the release rule
/// checked in the same transaction; refused with its reason as a 403). However many ask at
/// once, one row and one code: the registration's row is locked by a conditional update that
/// re-checks the rule, and the insert does nothing when the row exists. A certificate revoked
/// by an earlier correction to absent is reinstated with its code when the rule holds again.
pub(crate) async fn issue(db: &Database, registration_id: i32) -> Result<Issued, ServiceError> {
    db.transaction(async |txn| {
        let registration = event_registration::Entity::find_by_id(registration_id)
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Registration #{registration_id}")))?;
        let event = group_event::Entity::find_by_id(registration.event_id)
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Event #{}", registration.event_id)))?;
        release(&event, &registration).map_err(|NotReleased(why)| ServiceError::Forbidden(why))?;
        let locked = event_registration::Entity::update_many()
            .col_expr(event_registration::Column::Attendance, touch())
            .filter(event_registration::Column::Id.eq(registration.id))
            .filter(still_released(&event))
            .exec(txn)
            .await?;
        if locked.rows_affected == 0 {
            return Err(ServiceError::Conflict(
                "The attendance changed meanwhile, so no certificate was issued. Reload the page."
                    .to_owned(),
            ));
        }
        let now = Utc::now();
        event_certificate::Entity::insert(event_certificate::ActiveModel {
            registration_id: Set(registration.id),
            code: Set(new_code()?),
            issued_at: Set(now),
            revoked_at: Set(None),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([event_certificate::Column::RegistrationId])
        .exec_without_returning(txn)
        .await?;
        event_certificate::Entity::update_many()
            .col_expr(
                event_certificate::Column::RevokedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(event_certificate::Column::RegistrationId.eq(registration.id))
            .filter(event_certificate::Column::RevokedAt.is_not_null())
            .exec(txn)
            .await?;
        let certificate = event_certificate::Entity::find()
            .filter(event_certificate::Column::RegistrationId.eq(registration.id))
            .one(txn)
            .await?
            .ok_or_else(|| {
                ServiceError::Internal("certificate vanished after insert".to_owned())
            })?;
        Ok(Issued {
            certificate,
            registration,
            event,
        })
    })
    .await
}

/// Revokes the certificate of `registration_id`, if one was issued, because its attendance was
/// corrected to absent. Its code then verifies as revoked.
pub(crate) async fn revoke_for_absence(
    conn: &impl ConnectionTrait,
    registration_id: i32,
) -> Result<(), ServiceError> {
    event_certificate::Entity::update_many()
        .col_expr(
            event_certificate::Column::RevokedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(event_certificate::Column::RegistrationId.eq(registration_id))
        .filter(event_certificate::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}
