//! From a verified identity to an account.
//!
//! - Once linked, the provider's `sub` alone finds the account (the e-mail address may change at
//!   the provider without effect).
//! - At the first sign-in the identity is linked only through an e-mail address the provider
//!   says is verified (`email_verified: true`) and that is an active account's, or a pending
//!   invitation's — the invitation is then used up and the account created with its role (and
//!   site), without a password.
//! - Anyone else gets no account.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde_json::json;

use super::action;
use super::protocol::VerifiedIdentity;
use super::settings::OidcProvider;
use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::users::{NewUser, insert_user};
use crate::accounts::{ClientInfo, DisplayName, EmailAddress, Role};
use crate::entities::{app_user, invitation, oidc_identity, site};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};
use contract::sign_in::Refusal;

/// The zone of an account created from an invitation without a site (changed in "My account").
const DEFAULT_ZONE: &str = "America/New_York";

/// The account `identity` signs in to, linking it first when this is its first sign-in; the
/// refusal otherwise.
pub async fn account_for(
    db: &Database,
    provider: &OidcProvider,
    identity: &VerifiedIdentity,
    client: &ClientInfo,
) -> Result<Result<i32, Refusal>, ServiceError> {
    let now = Utc::now();
    if let Some(link) = oidc_identity::Entity::find()
        .filter(oidc_identity::Column::Provider.eq(provider.name.as_str()))
        .filter(oidc_identity::Column::Subject.eq(identity.subject.as_str()))
        .one(db.conn())
        .await?
    {
        let active = app_user::Entity::find_by_id(link.user_id)
            .one(db.conn())
            .await?
            .is_some_and(|user| user.active);
        if !active {
            return Ok(Err(Refusal::AccountInactive));
        }
        oidc_identity::Entity::update_many()
            .col_expr(oidc_identity::Column::LastSignInAt, now.into())
            .filter(oidc_identity::Column::Id.eq(link.id))
            .exec(db.conn())
            .await?;
        return Ok(Ok(link.user_id));
    }

    let Some(email) = identity.email.as_deref() else {
        return Ok(Err(Refusal::NoEmail));
    };
    if !identity.email_verified {
        return Ok(Err(Refusal::EmailUnverified));
    }
    let Ok(email) = EmailAddress::parse(email) else {
        return Ok(Err(Refusal::NoAccount));
    };
    db.transaction(async |txn| {
        let user = app_user::Entity::find()
            .filter(app_user::Column::EmailNormalized.eq(email.normalized()))
            .one(txn)
            .await?;
        let user_id = match user {
            Some(user) if !user.active => return Ok(Err(Refusal::AccountInactive)),
            Some(user) => {
                let linked = oidc_identity::Entity::find()
                    .filter(oidc_identity::Column::Provider.eq(provider.name.as_str()))
                    .filter(oidc_identity::Column::UserId.eq(user.id))
                    .one(txn)
                    .await?;
                if linked.is_some() {
                    return Ok(Err(Refusal::LinkedElsewhere));
                }
                user.id
            }
            None => match from_invitation(txn, &email, identity, client).await? {
                Some(user_id) => user_id,
                None => return Ok(Err(Refusal::NoAccount)),
            },
        };
        oidc_identity::ActiveModel {
            provider: Set(provider.name.clone()),
            subject: Set(identity.subject.clone()),
            user_id: Set(user_id),
            email_at_link: Set(email.as_str().to_owned()),
            created_at: Set(now),
            last_sign_in_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(user_id),
                action: action::OIDC_LINKED,
                subject_type: "user",
                subject_id: Some(user_id.to_string()),
                detail: json!({ "provider": provider.name, "email": email.as_str() }),
                ip: client.ip.as_deref(),
            },
        )
        .await?;
        Ok(Ok(user_id))
    })
    .await
}

/// Uses up the newest pending invitation of `email` and creates its account (no password);
/// `None` when there is none.
async fn from_invitation(
    txn: &impl ConnectionTrait,
    email: &EmailAddress,
    identity: &VerifiedIdentity,
    client: &ClientInfo,
) -> Result<Option<i32>, ServiceError> {
    let now = Utc::now();
    let pending = invitation::Entity::find()
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .order_by_desc(invitation::Column::CreatedAt)
        .all(txn)
        .await?;
    let Some(row) = pending.into_iter().find(|row| {
        EmailAddress::parse(&row.email).is_ok_and(|e| e.normalized() == email.normalized())
    }) else {
        return Ok(None);
    };
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::UsedAt, Some(now).into())
        .filter(invitation::Column::Id.eq(row.id))
        .filter(invitation::Column::UsedAt.is_null())
        .exec(txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(ServiceError::Conflict(
            "This invitation was used a moment ago. Sign in again.".to_owned(),
        ));
    }
    let role = Role::parse(&row.role)?;
    let zone_name = match row.site_id {
        Some(site_id) => site::Entity::find_by_id(site_id)
            .one(txn)
            .await?
            .map_or_else(|| DEFAULT_ZONE.to_owned(), |s| s.time_zone),
        None => DEFAULT_ZONE.to_owned(),
    };
    let time_zone = TimeZone::parse(&zone_name)
        .or_else(|_| TimeZone::parse(DEFAULT_ZONE))
        .map_err(|e| ServiceError::Internal(format!("zone: {e}")))?;
    let local_part = email.as_str().split('@').next().unwrap_or_default();
    let display_name = identity
        .name
        .as_deref()
        .and_then(|name| DisplayName::parse(name).ok())
        .or_else(|| DisplayName::parse(local_part).ok())
        .ok_or_else(|| ServiceError::Internal("no usable display name".to_owned()))?;
    let user = insert_user(
        txn,
        NewUser {
            email: email.clone(),
            display_name,
            time_zone,
            role,
            password_hash: None,
            site_ids: row.site_id.into_iter().collect(),
        },
    )
    .await?;
    audit::record(
        txn,
        AuditEntry {
            actor_user_id: Some(user.id),
            action: audit::action::INVITATION_ACCEPTED,
            subject_type: "invitation",
            subject_id: Some(row.id.to_string()),
            detail: json!({ "user_id": user.id, "role": row.role, "through": "oidc" }),
            ip: client.ip.as_deref(),
        },
    )
    .await?;
    Ok(Some(user.id))
}
