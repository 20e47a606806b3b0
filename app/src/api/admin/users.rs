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
    /// One page of accounts, by name.
    pub rows: Vec<UserRowView>,
    /// The accounts matching the filter and the pages beside this one.
    pub pages: contract::views::paging::PageLinks,
    pub sites: Vec<SiteOption>,
}

/// `(value, label)` of every role, for selects.
pub const ROLES: [(&str, &str); 4] = [
    ("admin", "Administrator"),
    ("coordinator", "Coordinator"),
    ("provider", "Provider"),
    ("site_contact", "Site contact"),
];

/// One page of accounts by name, all or those with `role` (empty: all); `after` / `before` a
/// position the list gave (`pages.next`, `pages.previous`), both empty for the first page.
#[server(endpoint = "admin/users")]
pub async fn admin_users(
    role: String,
    #[server(default)] after: String,
    #[server(default)] before: String,
) -> Result<UsersView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::coordinator::user_zone;
    use crate::api::login_session::acting_person;
    use service::timefmt::instant;

    let actor = acting_person()?;
    let db = database()?;
    let page = service::admin::users::UsersPage::from_address(&after, &before, "account list")
        .map_err(to_server_error)?;
    let overview = service::admin::users::users_overview(&db, &actor, &role, &page)
        .await
        .map_err(to_server_error)?;
    let zone = user_zone(actor.user())?;
    Ok(UsersView {
        pages: overview.users.links(),
        rows: overview
            .users
            .rows
            .into_iter()
            .map(|u| UserRowView {
                is_me: u.id == actor.id(),
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
        sites: overview
            .sites
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
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    let role =
        service::admin::users::change_role(&db, &actor, &client_info(), user_id, &role, &site_id)
            .await
            .map_err(to_server_error)?;
    Ok(format!("The role is now {}.", role.label()))
}

/// Deactivates (`active = false`) or reactivates `user_id`.
#[server(endpoint = "admin/users/active")]
pub async fn set_user_active(user_id: i32, active: bool) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::admin::users::set_active(&db, &actor, &client_info(), user_id, active)
        .await
        .map_err(to_server_error)?;
    Ok(if active {
        "The account is active again: the person can log in.".to_owned()
    } else {
        "The account is deactivated: the person cannot log in and their sessions have ended."
            .to_owned()
    })
}
