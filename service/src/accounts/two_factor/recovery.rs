//! Recovery codes: ten per person, each usable once instead of an authenticator code, shown
//! once when made and stored as argon2id hashes (as passwords are).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter,
};

use crate::ServiceError;
use crate::accounts::{Password, hashing};
use crate::entities::recovery_code;

/// Codes made at a time.
pub const COUNT: usize = 10;

/// Letters and digits that cannot be mistaken for one another.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Sixteen characters (about 79 bits) written as `abcd-efgh-jkmn-pqrs`.
fn new_code() -> Result<String, ServiceError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| ServiceError::Internal(format!("the OS random generator failed: {e}")))?;
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    Ok(chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// The code as compared: lower case, without spaces or hyphens; `None` unless it has the shape
/// of a recovery code.
pub fn normalise(text: &str) -> Option<String> {
    let text: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    (text.chars().count() == 16 && text.bytes().all(|b| ALPHABET.contains(&b))).then_some(text)
}

async fn hash(normalised: &str) -> Result<String, ServiceError> {
    // Sixteen random characters: long enough for the password rules the hasher takes.
    let as_password = Password::parse(normalised).map_err(|_| {
        ServiceError::Internal("a recovery code was refused as a secret".to_owned())
    })?;
    hashing::hash_password(&as_password).await
}

/// Ten new codes, hashed (hashing happens before any transaction: it takes time on purpose).
pub async fn generate() -> Result<(Vec<String>, Vec<String>), ServiceError> {
    let mut codes = Vec::with_capacity(COUNT);
    let mut hashes = Vec::with_capacity(COUNT);
    for _ in 0..COUNT {
        let code = new_code()?;
        let normalised = normalise(&code)
            .ok_or_else(|| ServiceError::Internal("a new recovery code is malformed".to_owned()))?;
        hashes.push(hash(&normalised).await?);
        codes.push(code);
    }
    Ok((codes, hashes))
}

/// Replaces every code of `user_id` with `hashes`.
pub async fn replace<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
    hashes: Vec<String>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    remove_all(conn, user_id).await?;
    for code_hash in hashes {
        recovery_code::ActiveModel {
            user_id: Set(user_id),
            code_hash: Set(code_hash),
            used_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

pub async fn remove_all<C: ConnectionTrait>(conn: &C, user_id: i32) -> Result<(), ServiceError> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Unused codes of `user_id`.
pub async fn unused_count<C: ConnectionTrait>(conn: &C, user_id: i32) -> Result<u64, ServiceError> {
    Ok(recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(conn)
        .await?)
}

/// Uses up the unused code of `user_id` that `normalised` matches: `true` when one did and this
/// call claimed it (a concurrent use of the same code claims it only once).
pub async fn use_code<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
    normalised: &str,
) -> Result<bool, ServiceError> {
    let unused = recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .all(conn)
        .await?;
    for row in unused {
        if hashing::verify_password(normalised, &row.code_hash).await? {
            let claimed = recovery_code::Entity::update_many()
                .col_expr(recovery_code::Column::UsedAt, Expr::value(Some(Utc::now())))
                .filter(recovery_code::Column::Id.eq(row.id))
                .filter(recovery_code::Column::UsedAt.is_null())
                .exec(conn)
                .await?;
            return Ok(claimed.rows_affected == 1);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_four_groups_and_normalise() {
        let code = new_code().unwrap();
        assert_eq!(code.len(), 19);
        assert_eq!(code.matches('-').count(), 3);
        let normalised = normalise(&code.to_uppercase()).unwrap();
        assert_eq!(normalised.len(), 16);
        assert!(normalise("123456").is_none());
        assert_ne!(new_code().unwrap(), code);
    }
}
