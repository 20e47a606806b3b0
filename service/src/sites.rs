//! Listing and searching the sites that receive TTA.

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{Condition, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::site;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// What the site list shows for one site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteSummary {
    pub id: i32,
    pub name: String,
    pub state: String,
    pub zone: TimeZone,
    pub engagement_type: String,
}

/// Search text for the site list: matches name, state or zone, case-insensitively.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteSearch(String);

impl SiteSearch {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(text: &str) -> Result<Self, ServiceError> {
        let text = text.trim();
        if text.chars().count() > Self::MAX_CHARS {
            return Err(ServiceError::Invalid(format!(
                "Search text is too long: at most {} characters.",
                Self::MAX_CHARS
            )));
        }
        Ok(Self(text.to_lowercase()))
    }

    fn like_pattern(&self) -> Option<LikeExpr> {
        if self.0.is_empty() {
            return None;
        }
        let escaped = self
            .0
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        Some(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
    }
}

/// Sites whose name, state or zone contains the search text, by name.
pub async fn list_sites(
    db: &Database,
    search: &SiteSearch,
) -> Result<Vec<SiteSummary>, ServiceError> {
    let mut query = site::Entity::find().order_by_asc(site::Column::Name);
    if let Some(pattern) = search.like_pattern() {
        let lower_like =
            |column: site::Column| Func::lower(Expr::col(column)).like(pattern.clone());
        query = query.filter(
            Condition::any()
                .add(lower_like(site::Column::Name))
                .add(lower_like(site::Column::State))
                .add(lower_like(site::Column::TimeZone)),
        );
    }
    query
        .all(db.conn())
        .await?
        .into_iter()
        .map(summary_of)
        .collect()
}

/// One site by id.
pub async fn site_by_id(db: &Database, site_id: i32) -> Result<site::Model, ServiceError> {
    site::Entity::find_by_id(site_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Site #{site_id}")))
}

/// The sites with these ids, by name (unknown ids are skipped).
pub async fn sites_by_ids(db: &Database, ids: &[i32]) -> Result<Vec<site::Model>, ServiceError> {
    use sea_orm::ColumnTrait;
    Ok(site::Entity::find()
        .filter(site::Column::Id.is_in(ids.to_vec()))
        .order_by_asc(site::Column::Name)
        .all(db.conn())
        .await?)
}

fn summary_of(row: site::Model) -> Result<SiteSummary, ServiceError> {
    let zone = TimeZone::parse(&row.time_zone)
        .map_err(|e| ServiceError::Internal(format!("site {}: {e}", row.id)))?;
    Ok(SiteSummary {
        id: row.id,
        name: row.name,
        state: row.state,
        zone,
        engagement_type: row.engagement_type,
    })
}

/// "Memphis, TN" for a site id.
pub async fn site_name(db: &Database, site_id: i32) -> Result<String, ServiceError> {
    site_by_id(db, site_id)
        .await
        .map(|s| format!("{}, {}", s.name, s.state))
}

/// The names of a site's active contacts, oldest account first: who is e-mailed about its
/// sessions (with the provider).
pub async fn site_contact_names(db: &Database, site_id: i32) -> Result<Vec<String>, ServiceError> {
    use crate::entities::{app_user, site_contact};
    use sea_orm::ColumnTrait;
    let ids: Vec<i32> = site_contact::Entity::find()
        .filter(site_contact::Column::SiteId.eq(site_id))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|row| row.user_id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .filter(app_user::Column::Active.eq(true))
        .order_by_asc(app_user::Column::Id)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|u| u.display_name)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_trimmed_lowercased_and_bounded() {
        assert_eq!(
            SiteSearch::parse("  Memphis ").unwrap(),
            SiteSearch("memphis".into())
        );
        let err = SiteSearch::parse(&"x".repeat(101)).unwrap_err();
        assert!(err.is_client_error());
    }

    #[test]
    fn like_wildcards_typed_by_the_user_are_escaped() {
        assert!(SiteSearch::parse("").unwrap().like_pattern().is_none());
        let search = SiteSearch::parse("50%_a").unwrap();
        assert!(search.like_pattern().is_some());
    }
}
