//! Invitations: an admin or coordinator invites a person by e-mail with a role (and a site for a
//! site contact). The e-mailed link holds a random token, works once and expires.
//!
//! Creating, resending, withdrawing and listing invitations are for coordinators and
//! administrators (the use cases check the role first, before the form); reading and accepting
//! an invitation by its token needs no log-in.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;

use super::audit::{self, AuditEntry, action};
use super::tokens::{random_token, token_hash};
use super::users::{NewUser, insert_user};
use super::{
    AccountSettings, ClientInfo, CurrentUser, DisplayName, EmailAddress, Password, Role, hashing,
};
use crate::access::{Actor, STAFF};
use crate::entities::{app_user, invitation, site};
use crate::mail::{
    self,
    messages::{Contact, InvitationFacts, Person, Tz},
};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Shown for a token that is unknown, used or expired: the three are not told apart.
pub const INVALID_LINK: &str = "This invitation link is not valid: it may have been used already or have expired. \
     Ask the person who invited you for a new invitation.";

/// The invitation form exactly as typed.
#[derive(Clone, Debug, Default)]
pub struct InvitationForm {
    pub email: String,
    /// `admin`, `coordinator`, `provider`, `site_contact`.
    pub role: String,
    /// A site id as typed; empty for none.
    pub site_id: String,
}

/// Who to invite.
#[derive(Clone, Debug)]
struct InvitationRequest {
    pub email: EmailAddress,
    pub role: Role,
    /// Required for (and only for) a site contact.
    pub site_id: Option<i32>,
}

/// An invitation just created. The link is also in the queued e-mail.
#[derive(Clone, Debug)]
pub struct CreatedInvitation {
    pub id: i32,
    /// The address invited.
    pub email: EmailAddress,
    pub link: String,
    pub expires_at: DateTime<Utc>,
}

/// An invitation not yet accepted and not expired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingInvitation {
    pub id: i32,
    pub email: String,
    pub role: Role,
    pub site_name: Option<String>,
    pub invited_by: String,
    pub expires_at: DateTime<Utc>,
}

/// What the person accepting the invitation chooses.
#[derive(Clone, Debug)]
pub struct Acceptance<'a> {
    pub token: &'a str,
    pub display_name: &'a str,
    pub time_zone: &'a str,
    pub password: &'a str,
}

/// Creates the invitation of the form as typed and queues its e-mail in one transaction.
/// Coordinators and administrators only, checked before the form (others: 403). Refused (400):
/// a form with a mistake, a coordinator inviting an administrator, a site for a role without
/// one, an address that already has an account.
pub async fn invite(
    db: &Database,
    inviter: &Actor,
    form: &InvitationForm,
    client: &ClientInfo,
    settings: &AccountSettings,
) -> Result<CreatedInvitation, ServiceError> {
    inviter.require(STAFF)?;
    let email = EmailAddress::parse(&form.email).map_err(|error| error.on_field("email"))?;
    let role = Role::parse(&form.role).map_err(|error| error.on_field("role"))?;
    let site_id = match form.site_id.trim() {
        "" => None,
        text => Some(
            text.parse::<i32>()
                .map_err(|_| ServiceError::field("site_id", "Choose one of the listed sites."))?,
        ),
    };
    let request = InvitationRequest {
        email,
        role,
        site_id,
    };
    invite_replacing(db, inviter.user(), request, None, client, settings).await
}

/// Sends pending invitation `id` again: a new link (new token, a fresh expiry) in a new e-mail,
/// and the old link stops working — in one transaction. Refused: no such pending invitation
/// (404), a coordinator resending an administrator's invitation (400). Coordinators and
/// administrators only (others: 403).
pub async fn resend(
    db: &Database,
    inviter: &Actor,
    id: i32,
    client: &ClientInfo,
    settings: &AccountSettings,
) -> Result<CreatedInvitation, ServiceError> {
    inviter.require(STAFF)?;
    let inviter = inviter.user();
    let old = pending_row(db, id).await?;
    let request = InvitationRequest {
        email: EmailAddress::parse(&old.email)?,
        role: Role::parse(&old.role)
            .map_err(|_| ServiceError::Internal(format!("invitation {id} role")))?,
        site_id: old.site_id,
    };
    invite_replacing(db, inviter, request, Some(id), client, settings).await
}

/// Withdraws pending invitation `id`: its link stops working at once. Refused: no such pending
/// invitation (404), a coordinator withdrawing an administrator's invitation (400).
/// Coordinators and administrators only (others: 403).
pub async fn revoke(
    db: &Database,
    actor: &Actor,
    id: i32,
    client: &ClientInfo,
) -> Result<(), ServiceError> {
    actor.require(STAFF)?;
    let actor = actor.user();
    let old = pending_row(db, id).await?;
    may_manage(actor, &old.role)?;
    db.transaction(async |txn| {
        expire_in(txn, id).await?;
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(actor.id),
                action: action::INVITATION_REVOKED,
                subject_type: "invitation",
                subject_id: Some(id.to_string()),
                detail: json!({ "email": old.email, "role": old.role }),
                ip: client.ip.as_deref(),
            },
        )
        .await
    })
    .await
}

/// Invitation `id` if it is still pending (not used, not expired).
async fn pending_row(db: &Database, id: i32) -> Result<invitation::Model, ServiceError> {
    invitation::Entity::find_by_id(id)
        .one(db.conn())
        .await?
        .filter(|row| row.used_at.is_none() && row.expires_at > Utc::now())
        .ok_or_else(|| ServiceError::NotFound(format!("Pending invitation #{id}")))
}

/// Whether `actor` may resend or withdraw an invitation with `role`.
fn may_manage(actor: &CurrentUser, role: &str) -> Result<(), ServiceError> {
    match actor.role {
        Role::Admin => Ok(()),
        Role::Coordinator if role != Role::Admin.as_str() => Ok(()),
        _ => Err(ServiceError::Invalid(
            "Only an administrator can change an administrator's invitation.".to_owned(),
        )),
    }
}

/// Ends a pending invitation now; refused if it was accepted in the meantime.
async fn expire_in<C: sea_orm::ConnectionTrait>(txn: &C, id: i32) -> Result<(), ServiceError> {
    use sea_orm::sea_query::Expr;
    let changed = invitation::Entity::update_many()
        .col_expr(invitation::Column::ExpiresAt, Expr::value(Utc::now()))
        .filter(invitation::Column::Id.eq(id))
        .filter(invitation::Column::UsedAt.is_null())
        .exec(txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(ServiceError::Conflict(format!(
            "Invitation #{id} was accepted just now; reload the page."
        )));
    }
    Ok(())
}

/// [`invite`], ending invitation `replacing` in the same transaction when given.
async fn invite_replacing(
    db: &Database,
    inviter: &CurrentUser,
    request: InvitationRequest,
    replacing: Option<i32>,
    client: &ClientInfo,
    settings: &AccountSettings,
) -> Result<CreatedInvitation, ServiceError> {
    match inviter.role {
        Role::Admin => {}
        Role::Coordinator if request.role != Role::Admin => {}
        Role::Coordinator => {
            return Err(ServiceError::Invalid(
                "Only an administrator can invite another administrator.".to_owned(),
            ));
        }
        _ => {
            return Err(ServiceError::Invalid(
                "Only administrators and coordinators can invite people.".to_owned(),
            ));
        }
    }
    let (site_name, site_zone) = match (request.role, request.site_id) {
        (Role::SiteContact, Some(site_id)) => site::Entity::find_by_id(site_id)
            .one(db.conn())
            .await?
            .map(|s| (s.name, s.time_zone))
            .ok_or_else(|| ServiceError::field("site_id", "Choose one of the listed sites."))?,
        (Role::SiteContact, None) => {
            return Err(ServiceError::field(
                "site_id",
                "Choose the site this site contact speaks for.",
            ));
        }
        (_, Some(_)) => {
            return Err(ServiceError::field(
                "site_id",
                "Only site contacts belong to a site: leave the site empty for this role.",
            ));
        }
        (_, None) => (String::new(), String::new()),
    };
    // The invitee has no zone yet: their site's, else the inviter's, else UTC.
    let invitee_zone = [site_zone.as_str(), inviter.time_zone.as_str()]
        .iter()
        .find_map(|name| name.parse::<Tz>().ok())
        .unwrap_or(Tz::UTC);
    if super::users::find_by_email(db, &request.email)
        .await?
        .is_some()
    {
        return Err(ServiceError::Invalid(format!(
            "{} already has an account.",
            request.email
        )));
    }

    let token = random_token()?;
    let now = Utc::now();
    let expires_at = now + settings.invitation_lifetime;
    let link = settings.link(&format!("/invitations/accept?token={token}"));
    let id = db
        .transaction(async |txn| {
            if let Some(old) = replacing {
                expire_in(txn, old).await?;
            }
            let row = invitation::ActiveModel {
                token_hash: Set(token_hash(&token)),
                email: Set(request.email.as_str().to_owned()),
                role: Set(request.role.as_str().to_owned()),
                site_id: Set(request.site_id),
                invited_by: Set(inviter.id),
                expires_at: Set(expires_at),
                used_at: Set(None),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let role_text = if site_name.is_empty() {
                request.role.label().to_lowercase()
            } else {
                format!("{} for {site_name}", request.role.label().to_lowercase())
            };
            let facts = InvitationFacts {
                invitation_id: i64::from(row.id),
                invited_by: inviter.display_name.clone(),
                role: role_text,
                accept_url: link.clone(),
                expires_at,
                contact: Contact {
                    name: inviter.display_name.clone(),
                    email: inviter.email.clone(),
                },
            };
            let invitee = Person {
                name: String::new(),
                email: request.email.as_str().to_owned(),
                zone: invitee_zone,
                role: request.role,
            };
            mail::enqueue(txn, &mail::messages::invitation(&facts, &invitee)).await?;
            audit::record(
                txn,
                AuditEntry {
                    actor_user_id: Some(inviter.id),
                    action: if replacing.is_some() {
                        action::INVITATION_RESENT
                    } else {
                        action::INVITATION_CREATED
                    },
                    subject_type: "invitation",
                    subject_id: Some(row.id.to_string()),
                    detail: json!({
                        "email": request.email.as_str(),
                        "role": request.role.as_str(),
                        "site_id": request.site_id,
                        "replaces": replacing,
                    }),
                    ip: client.ip.as_deref(),
                },
            )
            .await?;
            Ok(row.id)
        })
        .await?;
    Ok(CreatedInvitation {
        id,
        email: request.email,
        link,
        expires_at,
    })
}

/// The sites a site contact can be invited for, by name (coordinators and administrators).
pub async fn site_choices(
    db: &Database,
    actor: &Actor,
) -> Result<Vec<crate::sites::SiteSummary>, ServiceError> {
    actor.require(STAFF)?;
    crate::sites::list_sites(db, &crate::sites::SiteSearch::default()).await
}

/// Invitations not yet accepted and not expired, newest first (coordinators and
/// administrators).
pub async fn list_pending(
    db: &Database,
    actor: &Actor,
) -> Result<Vec<PendingInvitation>, ServiceError> {
    actor.require(STAFF)?;
    let now = Utc::now();
    let rows = invitation::Entity::find()
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .order_by_desc(invitation::Column::CreatedAt)
        .all(db.conn())
        .await?;
    let mut pending = Vec::with_capacity(rows.len());
    for row in rows {
        let site_name = match row.site_id {
            Some(id) => site::Entity::find_by_id(id)
                .one(db.conn())
                .await?
                .map(|s| s.name),
            None => None,
        };
        let invited_by = app_user::Entity::find_by_id(row.invited_by)
            .one(db.conn())
            .await?
            .map(|u| u.display_name)
            .unwrap_or_default();
        pending.push(PendingInvitation {
            id: row.id,
            role: Role::parse(&row.role)
                .map_err(|_| ServiceError::Internal(format!("invitation {} role", row.id)))?,
            email: row.email,
            site_name,
            invited_by,
            expires_at: row.expires_at,
        });
    }
    Ok(pending)
}

/// Whether `token` names a usable invitation; its e-mail and role when so.
pub async fn check_token(db: &Database, token: &str) -> Result<(String, Role), ServiceError> {
    let row = usable(db, token).await?;
    let role = Role::parse(&row.role)
        .map_err(|_| ServiceError::Internal(format!("invitation {} role", row.id)))?;
    Ok((row.email, role))
}

async fn usable(db: &Database, token: &str) -> Result<invitation::Model, ServiceError> {
    invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token_hash(token)))
        .one(db.conn())
        .await?
        .filter(|row| row.used_at.is_none() && row.expires_at > Utc::now())
        .ok_or_else(|| ServiceError::field("token", INVALID_LINK))
}

/// Creates the account of an invitation and uses the invitation up.
pub async fn accept(
    db: &Database,
    acceptance: Acceptance<'_>,
    client: &ClientInfo,
) -> Result<i32, ServiceError> {
    let row = usable(db, acceptance.token).await?;
    let display_name = DisplayName::parse(acceptance.display_name)?;
    let time_zone = TimeZone::parse(acceptance.time_zone)
        .map_err(|e| ServiceError::Invalid(format!("Choose your time zone from the list: {e}.")))?;
    let password = Password::parse(acceptance.password)?;
    let email = EmailAddress::parse(&row.email)?;
    let role = Role::parse(&row.role)?;
    let password_hash = hashing::hash_password(&password).await?;

    db.transaction(async |txn| {
        // Only one acceptance can flip used_at: a second, concurrent one finds nothing to update,
        // nor does one whose invitation was withdrawn or sent again while the password hashed.
        let now = Utc::now();
        let claimed = invitation::Entity::update_many()
            .col_expr(invitation::Column::UsedAt, Some(now).into())
            .filter(invitation::Column::Id.eq(row.id))
            .filter(invitation::Column::UsedAt.is_null())
            .filter(invitation::Column::ExpiresAt.gt(now))
            .exec(txn)
            .await?;
        if claimed.rows_affected != 1 {
            return Err(ServiceError::field("token", INVALID_LINK));
        }
        let user = insert_user(
            txn,
            NewUser {
                email,
                display_name,
                time_zone,
                role,
                password_hash: Some(password_hash),
                site_ids: row.site_id.into_iter().collect(),
            },
        )
        .await?;
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(user.id),
                action: action::INVITATION_ACCEPTED,
                subject_type: "invitation",
                subject_id: Some(row.id.to_string()),
                detail: json!({ "user_id": user.id, "role": row.role }),
                ip: client.ip.as_deref(),
            },
        )
        .await?;
        Ok(user.id)
    })
    .await
}
