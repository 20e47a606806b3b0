//! Accounts as an administrator sees them: the list with role, status and last log-in; changing
//! a role; deactivating (the person cannot log in and every session ends) and reactivating.
//! An administrator cannot change their own role or deactivate themselves, so there is always
//! an administrator left. Administrators only.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QuerySelect,
};
use serde_json::json;

use super::{ADMIN, AuditActor};
use crate::access::Actor;
use crate::accounts::audit::{self, action};
use crate::accounts::{ClientInfo, Role};
use crate::entities::{app_user, audit_event, login_session, site, site_contact, tta_session};
use crate::paging::{Keyset, PAGE_SIZE, Page, Position, Slice};
use crate::{Database, ServiceError};

/// One account in the administrator's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSummary {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    /// `Memphis, TN` for each site a site contact speaks for.
    pub sites: Vec<String>,
    /// The last successful log-in recorded in the audit log.
    pub last_login: Option<DateTime<Utc>>,
    /// Has never set a password (an invitation not yet accepted, or an imported account).
    pub password_set: bool,
}

#[derive(Debug, FromQueryResult)]
struct LastLogin {
    actor_user_id: Option<i32>,
    last_id: Option<i64>,
}

/// What the administrator's account list shows: one page of accounts and the sites a site
/// contact may be attached to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsersOverview {
    /// One page of accounts by name, then id, with their count and the pages beside it.
    pub users: Slice<UserSummary, String, i32>,
    /// Every site, by name.
    pub sites: Vec<site::Model>,
}

/// Where an account stands in the list's order: its name, then its id.
pub type UsersPosition = Position<String, i32>;

/// Which page of the account list.
pub type UsersPage = Page<String, i32>;

/// One page of accounts by name (all, or those with the role named `role`; empty: all), with
/// the sites to attach a site contact to. Administrators only, checked first; an unknown role:
/// 400.
pub async fn users_overview(
    db: &Database,
    actor: &Actor,
    role: &str,
    page: &UsersPage,
) -> Result<UsersOverview, ServiceError> {
    actor.require(ADMIN)?;
    let role = match role.trim() {
        "" => None,
        text => Some(Role::parse(text).map_err(|e| e.on_field("role"))?),
    };
    let mut query = app_user::Entity::find();
    if let Some(role) = role {
        query = query.filter(app_user::Column::Role.eq(role.as_str()));
    }
    let keyset = Keyset {
        key: app_user::Column::DisplayName,
        id: app_user::Column::Id,
        order: sea_orm::Order::Asc,
    };
    let slice = crate::paging::fetch(db.conn(), query, keyset, page, PAGE_SIZE, |u| {
        UsersPosition {
            key: u.display_name.clone(),
            id: u.id,
        }
    })
    .await?;
    let summaries = summaries(db.conn(), slice.rows).await?;
    let sites = super::sites::all_sites(db, actor).await?;
    Ok(UsersOverview {
        users: Slice {
            rows: summaries,
            total: slice.total,
            next: slice.next,
            previous: slice.previous,
        },
        sites,
    })
}

/// The accounts `users` as the list shows them (sites and last log-in), in their order.
async fn summaries<C: ConnectionTrait>(
    conn: &C,
    users: Vec<app_user::Model>,
) -> Result<Vec<UserSummary>, ServiceError> {
    let ids: Vec<i32> = users.iter().map(|u| u.id).collect();

    let site_names: HashMap<i32, String> = site::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, format!("{}, {}", s.name, s.state)))
        .collect();
    let mut sites: HashMap<i32, Vec<String>> = HashMap::new();
    for link in site_contact::Entity::find()
        .filter(site_contact::Column::UserId.is_in(ids.clone()))
        .all(conn)
        .await?
    {
        if let Some(name) = site_names.get(&link.site_id) {
            sites.entry(link.user_id).or_default().push(name.clone());
        }
    }

    // The newest successful log-in of each account: its event id, then those events.
    let last_ids: Vec<i64> = audit_event::Entity::find()
        .select_only()
        .column(audit_event::Column::ActorUserId)
        .column_as(
            Expr::expr(Func::max(Expr::col(audit_event::Column::Id))),
            "last_id",
        )
        .filter(audit_event::Column::Action.eq(action::LOGIN_SUCCEEDED))
        .filter(audit_event::Column::ActorUserId.is_in(ids))
        .group_by(audit_event::Column::ActorUserId)
        .into_model::<LastLogin>()
        .all(conn)
        .await?
        .into_iter()
        .filter(|row| row.actor_user_id.is_some())
        .filter_map(|row| row.last_id)
        .collect();
    let last_login: HashMap<i32, DateTime<Utc>> = audit_event::Entity::find()
        .filter(audit_event::Column::Id.is_in(last_ids))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|event| event.actor_user_id.map(|id| (id, event.created_at)))
        .collect();

    users
        .into_iter()
        .map(|user| {
            let role = Role::parse(&user.role).map_err(|_| {
                ServiceError::Internal(format!("user {} has role '{}'", user.id, user.role))
            })?;
            let mut user_sites = sites.remove(&user.id).unwrap_or_default();
            user_sites.sort();
            Ok(UserSummary {
                id: user.id,
                last_login: last_login.get(&user.id).copied(),
                sites: user_sites,
                email: user.email,
                display_name: user.display_name,
                role,
                active: user.active,
                password_set: user.password_hash.is_some(),
            })
        })
        .collect()
}

async fn load<C: ConnectionTrait>(conn: &C, user_id: i32) -> Result<app_user::Model, ServiceError> {
    app_user::Entity::find_by_id(user_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("User #{user_id}")))
}

/// Gives user `user_id` the role named `role`. A site contact needs a site: `site_id` (a site
/// id as typed, empty for none) adds one (kept sites stay); leaving the site-contact role
/// removes the account's site links. A provider who still holds upcoming sessions keeps the role
/// until they are reassigned. Administrators only, checked before the form; returns the role
/// given.
pub async fn change_role(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    user_id: i32,
    role: &str,
    site_id: &str,
) -> Result<Role, ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    let role = Role::parse(role)
        .map_err(|_| ServiceError::field("role", "Choose one of the listed roles."))?;
    let site_id = match site_id.trim() {
        "" => None,
        text => Some(
            text.parse::<i32>()
                .map_err(|_| ServiceError::field("site_id", "Choose one of the listed sites."))?,
        ),
    };
    set_role(db, actor, user_id, role, site_id).await?;
    Ok(role)
}

async fn set_role(
    db: &Database,
    actor: AuditActor<'_>,
    user_id: i32,
    role: Role,
    site_id: Option<i32>,
) -> Result<(), ServiceError> {
    if user_id == actor.id() {
        return Err(ServiceError::field(
            "role",
            "You cannot change your own role: ask another administrator to do it.",
        ));
    }
    db.transaction(async |txn| {
        let user = load(txn, user_id).await?;
        let from = Role::parse(&user.role).map_err(|_| {
            ServiceError::Internal(format!("user {user_id} has role '{}'", user.role))
        })?;
        let links: Vec<i32> = site_contact::Entity::find()
            .filter(site_contact::Column::UserId.eq(user_id))
            .all(txn)
            .await?
            .into_iter()
            .map(|l| l.site_id)
            .collect();
        if from == Role::Provider && role != Role::Provider {
            let upcoming = tta_session::Entity::find()
                .filter(tta_session::Column::ProviderId.eq(user_id))
                .filter(tta_session::Column::Status.is_in(["tentative", "confirmed"]))
                .filter(tta_session::Column::EndsAt.gt(Utc::now()))
                .count(txn)
                .await?;
            if upcoming > 0 {
                return Err(ServiceError::field(
                    "role",
                    format!(
                        "{} still holds {upcoming} upcoming session(s) as a provider: reassign \
                         them first, then change the role.",
                        user.display_name
                    ),
                ));
            }
        }
        let mut added = None;
        let mut removed = Vec::new();
        if role == Role::SiteContact {
            match site_id {
                Some(site_id) => {
                    if site::Entity::find_by_id(site_id).one(txn).await?.is_none() {
                        return Err(ServiceError::field(
                            "site_id",
                            "Choose one of the listed sites.",
                        ));
                    }
                    if !links.contains(&site_id) {
                        site_contact::ActiveModel {
                            site_id: Set(site_id),
                            user_id: Set(user_id),
                        }
                        .insert(txn)
                        .await?;
                        added = Some(site_id);
                    }
                }
                None if links.is_empty() => {
                    return Err(ServiceError::field(
                        "site_id",
                        "Choose the site this site contact speaks for.",
                    ));
                }
                None => {}
            }
        } else if !links.is_empty() {
            site_contact::Entity::delete_many()
                .filter(site_contact::Column::UserId.eq(user_id))
                .exec(txn)
                .await?;
            removed = links;
        }
        if from == role && added.is_none() {
            return Ok(());
        }
        app_user::Entity::update_many()
            .col_expr(app_user::Column::Role, Expr::value(role.as_str()))
            .col_expr(app_user::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(app_user::Column::Id.eq(user_id))
            .exec(txn)
            .await?;
        audit::record(
            txn,
            actor.entry(
                action::USER_ROLE_CHANGED,
                "user",
                user_id,
                json!({
                    "from": from.as_str(),
                    "to": role.as_str(),
                    "site_added": added,
                    "sites_removed": removed,
                }),
            ),
        )
        .await?;
        Ok(())
    })
    .await
}

/// Deactivates (`active = false`: no log-in, every session ended) or reactivates user
/// `user_id` (administrators only). Setting the state it already has changes nothing.
pub async fn set_active(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    user_id: i32,
    active: bool,
) -> Result<(), ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    if user_id == actor.id() && !active {
        return Err(ServiceError::Invalid(
            "You cannot deactivate your own account: ask another administrator to do it."
                .to_owned(),
        ));
    }
    db.transaction(async |txn| {
        let user = load(txn, user_id).await?;
        if user.active == active {
            return Ok(());
        }
        app_user::Entity::update_many()
            .col_expr(app_user::Column::Active, Expr::value(active))
            .col_expr(app_user::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(app_user::Column::Id.eq(user_id))
            .exec(txn)
            .await?;
        let mut ended = 0;
        if !active {
            ended = login_session::Entity::delete_many()
                .filter(login_session::Column::UserId.eq(user_id))
                .exec(txn)
                .await?
                .rows_affected;
        }
        audit::record(
            txn,
            actor.entry(
                if active {
                    action::USER_REACTIVATED
                } else {
                    action::USER_DEACTIVATED
                },
                "user",
                user_id,
                json!({ "email": user.email, "sessions_ended": ended }),
            ),
        )
        .await?;
        Ok(())
    })
    .await
}
