//! Topics as an administrator manages them: add, rename (and describe), retire and restore.
//! A retired topic is no longer offered on the intake form; requests that name it keep it.
//! Administrators only.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde_json::json;

use super::{ADMIN, AuditActor, FieldErrors, FinishFields};
use crate::access::Actor;
use crate::accounts::ClientInfo;
use crate::accounts::audit::{self, action};
use crate::entities::topic;
use crate::{Database, ServiceError};

/// A topic form that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicInput {
    pub name: String,
    pub description: String,
}

impl TopicInput {
    /// A name of 3–100 characters and a description of at most 500.
    pub fn parse(name: &str, description: &str) -> Result<Self, ServiceError> {
        let mut errors = FieldErrors::new();
        let name = name.trim().to_owned();
        if name.chars().count() < 3 {
            errors.add("name", "Enter a topic name of at least 3 characters.");
        } else if name.chars().count() > 100 {
            errors.add("name", "The name is too long: at most 100 characters.");
        }
        let description = description.trim().to_owned();
        if description.chars().count() > 500 {
            errors.add(
                "description",
                "The description is too long: at most 500 characters.",
            );
        }
        errors.finish(|| Self { name, description })
    }
}

async fn ensure_unique<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    except: Option<i32>,
) -> Result<(), ServiceError> {
    let mut query = topic::Entity::find()
        .filter(Func::lower(Expr::col(topic::Column::Name)).eq(name.to_lowercase()));
    if let Some(id) = except {
        query = query.filter(topic::Column::Id.ne(id));
    }
    if query.one(conn).await?.is_some() {
        return Err(ServiceError::field(
            "name",
            format!("A topic named “{name}” already exists."),
        ));
    }
    Ok(())
}

async fn free_slug<C: ConnectionTrait>(conn: &C, name: &str) -> Result<String, ServiceError> {
    let base: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if base.is_empty() {
        "topic".to_owned()
    } else {
        base
    };
    for n in 1..100 {
        let slug = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if topic::Entity::find()
            .filter(topic::Column::Slug.eq(slug.as_str()))
            .one(conn)
            .await?
            .is_none()
        {
            return Ok(slug);
        }
    }
    Err(ServiceError::Internal(format!("no free slug for {base}")))
}

/// Every topic, retired ones too, by name (administrators only).
pub async fn all_topics(db: &Database, actor: &Actor) -> Result<Vec<topic::Model>, ServiceError> {
    actor.require(ADMIN)?;
    crate::topics::list_topics(db).await
}

/// Adds a topic named `name`, offered at once (administrators only, checked before the form; a
/// form with mistakes or a name taken: 400); returns what was added.
pub async fn create_topic(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    name: &str,
    description: &str,
) -> Result<TopicInput, ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    let topic = TopicInput::parse(name, description)?;
    insert(db, actor, &topic).await?;
    Ok(topic)
}

async fn insert(
    db: &Database,
    actor: AuditActor<'_>,
    input: &TopicInput,
) -> Result<i32, ServiceError> {
    db.transaction(async |txn| {
        ensure_unique(txn, &input.name, None).await?;
        let row = topic::ActiveModel {
            slug: Set(free_slug(txn, &input.name).await?),
            name: Set(input.name.clone()),
            description: Set(input.description.clone()),
            retired_at: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        audit::record(
            txn,
            actor.entry(
                action::TOPIC_CREATED,
                "topic",
                row.id,
                json!({ "name": input.name }),
            ),
        )
        .await?;
        Ok(row.id)
    })
    .await
}

async fn load<C: ConnectionTrait>(conn: &C, topic_id: i32) -> Result<topic::Model, ServiceError> {
    topic::Entity::find_by_id(topic_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Topic #{topic_id}")))
}

/// Renames a topic and replaces its description; requests show the new name. Administrators
/// only, checked before the form; returns the saved values.
pub async fn update_topic(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    topic_id: i32,
    name: &str,
    description: &str,
) -> Result<TopicInput, ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    let topic = TopicInput::parse(name, description)?;
    rename(db, actor, topic_id, &topic).await?;
    Ok(topic)
}

async fn rename(
    db: &Database,
    actor: AuditActor<'_>,
    topic_id: i32,
    input: &TopicInput,
) -> Result<(), ServiceError> {
    db.transaction(async |txn| {
        let before = load(txn, topic_id).await?;
        ensure_unique(txn, &input.name, Some(topic_id)).await?;
        let mut row: topic::ActiveModel = before.clone().into();
        row.name = Set(input.name.clone());
        row.description = Set(input.description.clone());
        row.update(txn).await?;
        audit::record(
            txn,
            actor.entry(
                action::TOPIC_UPDATED,
                "topic",
                topic_id,
                json!({ "from": before.name, "to": input.name }),
            ),
        )
        .await?;
        Ok(())
    })
    .await
}

/// Retires (`retired = true`) or restores a topic (administrators only). Setting the state it
/// has changes nothing.
pub async fn set_retired(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    topic_id: i32,
    retired: bool,
) -> Result<(), ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    db.transaction(async |txn| {
        let before = load(txn, topic_id).await?;
        if before.retired_at.is_some() == retired {
            return Ok(());
        }
        let name = before.name.clone();
        let mut row: topic::ActiveModel = before.into();
        row.retired_at = Set(retired.then(Utc::now));
        row.update(txn).await?;
        audit::record(
            txn,
            actor.entry(
                if retired {
                    action::TOPIC_RETIRED
                } else {
                    action::TOPIC_RESTORED
                },
                "topic",
                topic_id,
                json!({ "name": name }),
            ),
        )
        .await?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        let topic = TopicInput::parse("  Victim services ", "").unwrap();
        assert_eq!(topic.name, "Victim services");
        let text = TopicInput::parse("ab", &"x".repeat(501))
            .unwrap_err()
            .to_string();
        assert!(
            text.contains("name: Enter a topic name of at least 3"),
            "{text}"
        );
        assert!(
            text.contains("description: The description is too long"),
            "{text}"
        );
    }
}
