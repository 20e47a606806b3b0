//! Personal access tokens: a person makes a named token for the JSON API with scopes (`read`,
//! or `read` and `write`) and an optional expiry, reads its secret once, and may revoke it. The
//! secret is `tta_pat_` and 64 hex digits (32 random bytes); only its SHA-256 is stored, beside
//! the visible prefix. Making and revoking are written to the audit log. [`resolve_api_token`]
//! is the API's one way to an [`Actor`]: a live token of an active account.

use chrono::{DateTime, Duration, Utc};
use contract::views::api_tokens::{ApiTokenRow, NewApiToken};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use serde_json::json;

use crate::access::Actor;
use crate::accounts::audit::{self, AuditEntry, action};
use crate::accounts::login_sessions::current_user_of;
use crate::accounts::tokens::{random_token, token_hash};
use crate::entities::{api_token, app_user};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Every secret starts with this, so that scanners and people recognise it.
pub const SECRET_PREFIX: &str = "tta_pat_";
/// Characters of the secret kept visible (the prefix and 8 hex digits).
const VISIBLE: usize = SECRET_PREFIX.len() + 8;
/// Longest token name.
pub const MAX_NAME_CHARS: usize = 80;
/// Longest expiry, in days.
pub const MAX_EXPIRY_DAYS: i64 = 366;
/// Live tokens one person may hold at once.
pub const MAX_LIVE_TOKENS: u64 = 25;
/// `last_used_at` is written at most this often, so most calls only read.
const TOUCH_SECONDS: i64 = 60;

/// What a token allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scopes {
    Read,
    ReadWrite,
}

impl Scopes {
    /// The scope chosen on the page: `read` or `write` (which includes read).
    pub fn parse(text: &str) -> Result<Self, ServiceError> {
        match text.trim() {
            "read" => Ok(Self::Read),
            "write" | "read write" => Ok(Self::ReadWrite),
            _ => Err(ServiceError::field(
                "scope",
                "Choose what the token may do: read, or read and write.",
            )),
        }
    }

    fn stored(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::ReadWrite => "read write",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::ReadWrite => "read, write",
        }
    }

    pub fn can_write(self) -> bool {
        self == Self::ReadWrite
    }
}

/// The caller behind a live token: who (with the pages' roles and record rules) and what the
/// token allows.
#[derive(Clone, Debug)]
pub struct ApiCaller {
    pub actor: Actor,
    pub token_id: i32,
    pub scopes: Scopes,
}

impl ApiCaller {
    /// `Ok` when the token has the write scope; 403 otherwise.
    pub fn require_write(&self) -> Result<&Actor, ServiceError> {
        if self.scopes.can_write() {
            Ok(&self.actor)
        } else {
            Err(ServiceError::Forbidden(
                "This token may only read: make a token with the write scope to change data."
                    .to_owned(),
            ))
        }
    }
}

/// The form of the tokens page, as typed.
#[derive(Clone, Debug, Default)]
pub struct TokenForm<'a> {
    pub name: &'a str,
    /// `read` or `write`.
    pub scope: &'a str,
    /// Days until it stops working; empty for never.
    pub expires_in_days: &'a str,
}

/// Makes a token for the actor; its secret is in the answer and nowhere else.
pub async fn create_token(
    db: &Database,
    actor: &Actor,
    form: &TokenForm<'_>,
    ip: Option<&str>,
) -> Result<NewApiToken, ServiceError> {
    let name = form.name.trim().to_owned();
    let mut errors = contract::FieldErrors::new();
    if name.is_empty() {
        errors.add(
            "name",
            "Name the token after what will use it, e.g. Grant report.",
        );
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.add(
            "name",
            format!("A token's name has at most {MAX_NAME_CHARS} characters."),
        );
    }
    let scopes = match Scopes::parse(form.scope) {
        Ok(scopes) => Some(scopes),
        Err(_) => {
            errors.add(
                "scope",
                "Choose what the token may do: read, or read and write.",
            );
            None
        }
    };
    let expires_text = form.expires_in_days.trim();
    let expires_at = if expires_text.is_empty() || expires_text == "never" {
        None
    } else {
        match expires_text.parse::<i64>() {
            Ok(days) if (1..=MAX_EXPIRY_DAYS).contains(&days) => {
                Some(Utc::now() + Duration::days(days))
            }
            _ => {
                errors.add(
                    "expires_in_days",
                    format!("Give the days until it expires, 1 to {MAX_EXPIRY_DAYS}, or never."),
                );
                None
            }
        }
    };
    let Some(scopes) = scopes.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::InvalidFields(errors));
    };
    let secret = format!("{SECRET_PREFIX}{}", random_token()?);
    let prefix: String = secret.chars().take(VISIBLE).collect();
    let user_id = actor.id();
    let hash = token_hash(&secret);
    db.transaction(async |txn| {
        let live = api_token::Entity::find()
            .filter(api_token::Column::UserId.eq(user_id))
            .filter(api_token::Column::RevokedAt.is_null())
            .count(txn)
            .await?;
        if live >= MAX_LIVE_TOKENS {
            return Err(ServiceError::Conflict(format!(
                "You already have {MAX_LIVE_TOKENS} tokens: revoke one you no longer use first."
            )));
        }
        let token = api_token::ActiveModel {
            user_id: Set(user_id),
            name: Set(name.clone()),
            prefix: Set(prefix.clone()),
            token_hash: Set(hash),
            scopes: Set(scopes.stored().to_owned()),
            created_at: Set(Utc::now()),
            expires_at: Set(expires_at),
            last_used_at: Set(None),
            revoked_at: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(user_id),
                action: action::API_TOKEN_CREATED,
                subject_type: "api_token",
                subject_id: Some(token.id.to_string()),
                detail: json!({ "name": name, "prefix": prefix, "scopes": scopes.stored(),
                    "expires_at": expires_at }),
                ip,
            },
        )
        .await
    })
    .await?;
    Ok(NewApiToken { name, secret })
}

/// The actor's tokens, newest first, with dates in the actor's zone.
pub async fn my_tokens(db: &Database, actor: &Actor) -> Result<Vec<ApiTokenRow>, ServiceError> {
    let zone = TimeZone::parse(&actor.user().time_zone)
        .map_err(|e| ServiceError::Internal(format!("user {}: {e}", actor.id())))?;
    let now = Utc::now();
    let when = |at: Option<DateTime<Utc>>| {
        at.map_or_else(
            || "never".to_owned(),
            |at| crate::timefmt::instant(at, zone),
        )
    };
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(actor.id()))
        .order_by_desc(api_token::Column::Id)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|token| {
            let state = if token.revoked_at.is_some() {
                "revoked"
            } else if token.expires_at.is_some_and(|at| at <= now) {
                "expired"
            } else {
                "active"
            };
            ApiTokenRow {
                id: token.id,
                name: token.name.clone(),
                prefix: format!("{}…", token.prefix),
                scopes: stored_scopes(&token.scopes).label().to_owned(),
                created: crate::timefmt::instant(token.created_at, zone),
                expires: when(token.expires_at),
                last_used: when(token.last_used_at),
                state: state.to_owned(),
                can_revoke: token.revoked_at.is_none(),
            }
        })
        .collect())
}

/// Revokes one of the actor's own tokens (another person's is *not found*); it stops working at
/// once. Revoking a revoked token changes nothing.
pub async fn revoke_token(
    db: &Database,
    actor: &Actor,
    token_id: i32,
    ip: Option<&str>,
) -> Result<(), ServiceError> {
    let user_id = actor.id();
    db.transaction(async |txn| {
        let token = api_token::Entity::find_by_id(token_id)
            .one(txn)
            .await?
            .filter(|token| token.user_id == user_id)
            .ok_or_else(|| ServiceError::NotFound(format!("Token #{token_id}")))?;
        if token.revoked_at.is_some() {
            return Ok(());
        }
        let changed = api_token::Entity::update_many()
            .col_expr(api_token::Column::RevokedAt, Utc::now().into())
            .filter(api_token::Column::Id.eq(token_id))
            .filter(api_token::Column::RevokedAt.is_null())
            .exec(txn)
            .await?;
        if changed.rows_affected == 0 {
            return Ok(());
        }
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(user_id),
                action: action::API_TOKEN_REVOKED,
                subject_type: "api_token",
                subject_id: Some(token_id.to_string()),
                detail: json!({ "name": token.name, "prefix": token.prefix }),
                ip,
            },
        )
        .await
    })
    .await
}

fn stored_scopes(text: &str) -> Scopes {
    if text.split_whitespace().any(|scope| scope == "write") {
        Scopes::ReadWrite
    } else {
        Scopes::Read
    }
}

/// The caller of a live token: `None` for an unknown, revoked or expired secret, or one whose
/// account is deactivated.
pub async fn resolve_api_token(
    db: &Database,
    secret: &str,
) -> Result<Option<ApiCaller>, ServiceError> {
    let secret = secret.trim();
    if !secret.starts_with(SECRET_PREFIX) || secret.len() > 200 {
        return Ok(None);
    }
    let Some(token) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash(secret)))
        .one(db.conn())
        .await?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    if token.revoked_at.is_some() || token.expires_at.is_some_and(|at| at <= now) {
        return Ok(None);
    }
    let Some(user) = app_user::Entity::find_by_id(token.user_id)
        .one(db.conn())
        .await?
        .filter(|user| user.active)
    else {
        return Ok(None);
    };
    if token
        .last_used_at
        .is_none_or(|at| (now - at).num_seconds() >= TOUCH_SECONDS)
    {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, now.into())
            .filter(api_token::Column::Id.eq(token.id))
            .exec(db.conn())
            .await?;
    }
    Ok(Some(ApiCaller {
        actor: Actor::verified(current_user_of(db, user).await?),
        token_id: token.id,
        scopes: stored_scopes(&token.scopes),
    }))
}
