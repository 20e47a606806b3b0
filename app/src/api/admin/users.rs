//! Server functions of `/admin/users`: the accounts with role, status and last log-in; changing
//! a role; deactivating and reactivating. Administrators only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One account in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRowView {
    pub id: i32,
    pub name: String,
    pub email: String,
    /// `site_contact`…
    pub role: String,
    /// `Site contact`…
    pub role_label: String,
    /// `Memphis, TN; Houston, TX` for site contacts.
    pub sites: String,
    pub active: bool,
    /// In the administrator's zone with its abbreviation; empty when never.
    pub last_login: String,
    pub password_set: bool,
    /// The administrator looking at the list.
    pub is_me: bool,
}

/// A site to attach a site contact to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteOption {
    pub id: i32,
    pub name: String,
}

/// Everything `/admin/users` shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersView {
    pub rows: Vec<UserRowView>,
    pub sites: Vec<SiteOption>,
}

/// `(value, label)` of every role, for selects.
pub const ROLES: [(&str, &str); 4] = [
    ("admin", "Administrator"),
    ("coordinator", "Coordinator"),
    ("provider", "Provider"),
    ("site_contact", "Site contact"),
];

/// Every account, or those with `role` (empty: all).
#[server(endpoint = "admin/users")]
pub async fn admin_users(role: String) -> Result<UsersView, ServerFnError> {
    use crate::api::coordinator::user_zone;
    use crate::api::guard::require;
    use crate::api::server::{database, to_server_error};
    use service::accounts::Role;
    use service::timefmt::instant;

    let me = require(&[Role::Admin])?;
    let zone = user_zone(&me)?;
    let role = match role.trim() {
        "" => None,
        text => Some(Role::parse(text).map_err(to_server_error)?),
    };
    let db = database()?;
    let users = service::admin::users::list_users(&db, role)
        .await
        .map_err(to_server_error)?;
    let sites = service::admin::sites::all_sites(&db)
        .await
        .map_err(to_server_error)?;
    Ok(UsersView {
        rows: users
            .into_iter()
            .map(|u| UserRowView {
                is_me: u.id == me.id,
                id: u.id,
                name: u.display_name,
                email: u.email,
                role: u.role.as_str().to_owned(),
                role_label: u.role.label().to_owned(),
                sites: u.sites.join("; "),
                active: u.active,
                last_login: u.last_login.map(|at| instant(at, zone)).unwrap_or_default(),
                password_set: u.password_set,
            })
            .collect(),
        sites: sites
            .into_iter()
            .map(|s| SiteOption {
                id: s.id,
                name: format!("{}, {}", s.name, s.state),
            })
            .collect(),
    })
}

/// Gives `user_id` the role `role` (a site contact needs `site_id` unless they have a site).
#[server(endpoint = "admin/users/role")]
pub async fn change_user_role(
    user_id: i32,
    role: String,
    #[server(default)] site_id: String,
) -> Result<String, ServerFnError> {
    use crate::api::guard::require;
    use crate::api::server::{database, to_server_error};
    use crate::api::session::client_info;
    use service::accounts::Role;
    use service::admin::{Actor, FieldErrors};

    let me = require(&[Role::Admin])?;
    let role = Role::parse(&role).map_err(|_| {
        to_server_error(FieldErrors::single(
            "role",
            "Choose one of the listed roles.",
        ))
    })?;
    let site_id = match site_id.trim() {
        "" => None,
        text => Some(text.parse::<i32>().map_err(|_| {
            to_server_error(FieldErrors::single(
                "site_id",
                "Choose one of the listed sites.",
            ))
        })?),
    };
    let db = database()?;
    let client = client_info();
    service::admin::users::change_role(&db, Actor::new(&me, &client), user_id, role, site_id)
        .await
        .map_err(to_server_error)?;
    Ok(format!("The role is now {}.", role.label()))
}

/// Deactivates (`active = false`) or reactivates `user_id`.
#[server(endpoint = "admin/users/active")]
pub async fn set_user_active(user_id: i32, active: bool) -> Result<String, ServerFnError> {
    use crate::api::guard::require;
    use crate::api::server::{database, to_server_error};
    use crate::api::session::client_info;
    use service::accounts::Role;
    use service::admin::Actor;

    let me = require(&[Role::Admin])?;
    let db = database()?;
    let client = client_info();
    service::admin::users::set_active(&db, Actor::new(&me, &client), user_id, active)
        .await
        .map_err(to_server_error)?;
    Ok(if active {
        "The account is active again: the person can log in.".to_owned()
    } else {
        "The account is deactivated: the person cannot log in and their sessions have ended."
            .to_owned()
    })
}
