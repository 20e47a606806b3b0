//! Accounts: creating them, finding them by e-mail (case-insensitively), changing passwords,
//! deactivating.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use super::{DisplayName, EmailAddress, Password, Role, hashing};
use crate::entities::{app_user, login_session, site_contact};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Everything needed to create an account.
#[derive(Clone, Debug)]
pub struct NewUser {
    pub email: EmailAddress,
    pub display_name: DisplayName,
    pub time_zone: TimeZone,
    pub role: Role,
    /// PHC string from [`hashing::hash_password`]; `None` for an account that cannot log in yet.
    pub password_hash: Option<String>,
    /// Sites a site contact speaks for.
    pub site_ids: Vec<i32>,
}

/// Creates the account (and its site links) on `conn`, refusing an e-mail already in use.
pub async fn insert_user(
    conn: &impl ConnectionTrait,
    user: NewUser,
) -> Result<app_user::Model, ServiceError> {
    if find_on(conn, &user.email).await?.is_some() {
        return Err(ServiceError::Invalid(format!(
            "An account for {} already exists.",
            user.email
        )));
    }
    let now = Utc::now();
    let row = app_user::ActiveModel {
        email: Set(user.email.as_str().to_owned()),
        email_normalized: Set(user.email.normalized().to_owned()),
        display_name: Set(user.display_name.into_inner()),
        time_zone: Set(user.time_zone.name().to_owned()),
        role: Set(user.role.as_str().to_owned()),
        password_hash: Set(user.password_hash),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    for site_id in user.site_ids {
        site_contact::ActiveModel {
            site_id: Set(site_id),
            user_id: Set(row.id),
        }
        .insert(conn)
        .await?;
    }
    Ok(row)
}

/// Creates an account with a password.
pub async fn create_user(
    db: &Database,
    email: EmailAddress,
    display_name: &str,
    time_zone: TimeZone,
    role: Role,
    password: &Password,
) -> Result<app_user::Model, ServiceError> {
    let display_name = DisplayName::parse(display_name)?;
    let password_hash = Some(hashing::hash_password(password).await?);
    insert_user(
        db.conn(),
        NewUser {
            email,
            display_name,
            time_zone,
            role,
            password_hash,
            site_ids: Vec::new(),
        },
    )
    .await
}

async fn find_on(
    conn: &impl ConnectionTrait,
    email: &EmailAddress,
) -> Result<Option<app_user::Model>, ServiceError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::EmailNormalized.eq(email.normalized()))
        .one(conn)
        .await?)
}

/// The account with this e-mail address, whatever its case.
pub async fn find_by_email(
    db: &Database,
    email: &EmailAddress,
) -> Result<Option<app_user::Model>, ServiceError> {
    find_on(db.conn(), email).await
}

/// Replaces the password and ends every session of the account.
pub async fn set_password(
    db: &Database,
    user_id: i32,
    password: &Password,
) -> Result<(), ServiceError> {
    let hash = hashing::hash_password(password).await?;
    set_password_hash(db.conn(), user_id, hash).await
}

pub(crate) async fn set_password_hash(
    conn: &impl ConnectionTrait,
    user_id: i32,
    hash: String,
) -> Result<(), ServiceError> {
    let result = app_user::Entity::update_many()
        .col_expr(app_user::Column::PasswordHash, Some(hash).into())
        .col_expr(app_user::Column::UpdatedAt, Utc::now().into())
        .filter(app_user::Column::Id.eq(user_id))
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        return Err(ServiceError::NotFound(format!("User {user_id}")));
    }
    end_all_sessions(conn, user_id).await
}

/// Stops the account from logging in and ends its sessions.
pub async fn deactivate(db: &Database, user_id: i32) -> Result<(), ServiceError> {
    let result = app_user::Entity::update_many()
        .col_expr(app_user::Column::Active, false.into())
        .col_expr(app_user::Column::UpdatedAt, Utc::now().into())
        .filter(app_user::Column::Id.eq(user_id))
        .exec(db.conn())
        .await?;
    if result.rows_affected == 0 {
        return Err(ServiceError::NotFound(format!("User {user_id}")));
    }
    end_all_sessions(db.conn(), user_id).await
}

async fn end_all_sessions(conn: &impl ConnectionTrait, user_id: i32) -> Result<(), ServiceError> {
    login_session::Entity::delete_many()
        .filter(login_session::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Display names of the given users (missing ids are simply absent).
pub async fn display_names(
    db: &Database,
    ids: impl IntoIterator<Item = i32>,
) -> Result<std::collections::HashMap<i32, String>, ServiceError> {
    let ids: Vec<i32> = ids.into_iter().collect();
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}
