//! The recommendations of an engagement's plan (a Diagnostic's violence reduction plan): each
//! under one PSP core area, with its text, the person at the site who owns it, its status, and
//! the TTA requests that answer it.
//!
//! Use cases: [`add_recommendation`], [`update_recommendation`] and [`link_request`]
//! (coordinators and administrators), [`set_recommendation_status`] (staff, and the contacts of
//! the recommendation's site). Forms are parsed here and refused field by field.

use std::collections::HashMap;

use chrono::Utc;
use contract::FieldErrors;
use contract::forms::RecommendationForm;
use contract::views::engagement::RecommendationLine;
use contract::vocabulary::{CoreArea, RecommendationStatus};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};

use crate::access::{Actor, STAFF, ensure_site};
use crate::accounts::Role;
use crate::entities::{engagement, recommendation, recommendation_request, tta_request};
use crate::{Database, ServiceError};

/// Longest recommendation text and owner name accepted.
const MAX_TEXT: usize = 4000;
const MAX_OWNER: usize = 200;

/// A recommendation as parsed from its form.
#[derive(Debug, PartialEq, Eq)]
struct Parsed {
    core_area: CoreArea,
    text: String,
    owner: String,
    status: RecommendationStatus,
}

/// Adds a recommendation to the engagement's plan; answers the plan's recommendations as they
/// now stand (the new one last).
pub async fn add_recommendation(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
    form: &RecommendationForm,
) -> Result<Vec<RecommendationLine>, ServiceError> {
    actor.require(STAFF)?;
    let parsed = parse_form(form)?;
    engagement::Entity::find_by_id(engagement_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Engagement #{engagement_id}")))?;
    recommendation::ActiveModel {
        id: NotSet,
        engagement_id: Set(engagement_id),
        core_area: Set(parsed.core_area.as_str().to_owned()),
        text: Set(parsed.text),
        owner: Set(parsed.owner),
        status: Set(parsed.status.as_str().to_owned()),
        created_at: Set(Utc::now()),
        carried_from: Set(None),
    }
    .insert(db.conn())
    .await?;
    recommendations_of(db.conn(), engagement_id).await
}

/// Rewrites a recommendation's core area, text, owner and status. Like every change here, it
/// answers the plan's recommendations as they now stand.
pub async fn update_recommendation(
    db: &Database,
    actor: &Actor,
    recommendation_id: i32,
    form: &RecommendationForm,
) -> Result<Vec<RecommendationLine>, ServiceError> {
    actor.require(STAFF)?;
    let parsed = parse_form(form)?;
    let row = find(db.conn(), recommendation_id).await?;
    let engagement_id = row.engagement_id;
    let mut row = row.into_active_model();
    row.core_area = Set(parsed.core_area.as_str().to_owned());
    row.text = Set(parsed.text);
    row.owner = Set(parsed.owner);
    row.status = Set(parsed.status.as_str().to_owned());
    row.update(db.conn()).await?;
    recommendations_of(db.conn(), engagement_id).await
}

/// Moves a recommendation to `status` (its stored text): staff, and the contacts of its site
/// (to anyone else it does not exist).
pub async fn set_recommendation_status(
    db: &Database,
    actor: &Actor,
    recommendation_id: i32,
    status: &str,
) -> Result<Vec<RecommendationLine>, ServiceError> {
    actor.require(&[Role::Coordinator, Role::Admin, Role::SiteContact])?;
    let not_found = || ServiceError::NotFound(format!("Recommendation #{recommendation_id}"));
    let row = find(db.conn(), recommendation_id).await?;
    let e = engagement::Entity::find_by_id(row.engagement_id)
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    ensure_site(actor.user(), e.site_id).map_err(|_| not_found())?;
    let status = RecommendationStatus::parse(status.trim()).map_err(|_| {
        ServiceError::InvalidFields(FieldErrors::single("status", "Choose a status."))
    })?;
    let mut row = row.into_active_model();
    row.status = Set(status.as_str().to_owned());
    row.update(db.conn()).await?;
    recommendations_of(db.conn(), e.id).await
}

/// Records that a TTA request answers the recommendation. The request must belong to the same
/// engagement (refused beside the `request_id` field otherwise); linking twice is harmless.
pub async fn link_request(
    db: &Database,
    actor: &Actor,
    recommendation_id: i32,
    request_id: i32,
) -> Result<Vec<RecommendationLine>, ServiceError> {
    actor.require(STAFF)?;
    let row = find(db.conn(), recommendation_id).await?;
    let request = tta_request::Entity::find_by_id(request_id)
        .one(db.conn())
        .await?
        .filter(|r| r.engagement_id == Some(row.engagement_id))
        .ok_or_else(|| {
            ServiceError::InvalidFields(FieldErrors::single(
                "request_id",
                format!(
                    "Request #{request_id} is not one of this engagement's requests: a \
                     recommendation is answered by requests of its own engagement."
                ),
            ))
        })?;
    recommendation_request::Entity::insert(recommendation_request::ActiveModel {
        recommendation_id: Set(row.id),
        request_id: Set(request.id),
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::columns([
            recommendation_request::Column::RecommendationId,
            recommendation_request::Column::RequestId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db.conn())
    .await?;
    recommendations_of(db.conn(), row.engagement_id).await
}

/// The engagement's recommendations with the requests that answer each.
pub(super) async fn recommendations_of(
    db: &impl ConnectionTrait,
    engagement_id: i32,
) -> Result<Vec<RecommendationLine>, ServiceError> {
    let rows = recommendation::Entity::find()
        .filter(recommendation::Column::EngagementId.eq(engagement_id))
        .order_by_asc(recommendation::Column::Id)
        .all(db)
        .await?;
    let links = recommendation_request::Entity::find()
        .filter(recommendation_request::Column::RecommendationId.is_in(rows.iter().map(|r| r.id)))
        .all(db)
        .await?;
    let titles: HashMap<i32, String> = tta_request::Entity::find()
        .filter(tta_request::Column::Id.is_in(links.iter().map(|l| l.request_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.title))
        .collect();
    // The engagement each carried-over recommendation came from.
    let sources: HashMap<i32, i32> = recommendation::Entity::find()
        .filter(recommendation::Column::Id.is_in(rows.iter().filter_map(|r| r.carried_from)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.engagement_id))
        .collect();
    let internal = |e: contract::vocabulary::UnknownTerm| ServiceError::Internal(e.to_string());
    let mut lines = Vec::with_capacity(rows.len());
    for r in rows {
        let mut requests: Vec<(i32, String)> = links
            .iter()
            .filter(|l| l.recommendation_id == r.id)
            .filter_map(|l| titles.get(&l.request_id).map(|t| (l.request_id, t.clone())))
            .collect();
        requests.sort();
        lines.push(RecommendationLine {
            id: r.id,
            core_area: CoreArea::parse(&r.core_area).map_err(internal)?,
            text: r.text,
            owner: r.owner,
            status: RecommendationStatus::parse(&r.status).map_err(internal)?,
            requests,
            carried_from: r.carried_from.and_then(|id| sources.get(&id).copied()),
        });
    }
    Ok(lines)
}

async fn find(
    db: &impl ConnectionTrait,
    recommendation_id: i32,
) -> Result<recommendation::Model, ServiceError> {
    recommendation::Entity::find_by_id(recommendation_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Recommendation #{recommendation_id}")))
}

fn parse_form(form: &RecommendationForm) -> Result<Parsed, ServiceError> {
    let mut errors = FieldErrors::new();
    let core_area = CoreArea::parse(form.core_area.trim()).ok();
    if core_area.is_none() {
        errors.add("core_area", "Choose the PSP core area it falls under.");
    }
    let text = form.text.trim().to_owned();
    if text.is_empty() {
        errors.add("text", "Write the recommendation.");
    } else if text.chars().count() > MAX_TEXT {
        errors.add("text", format!("Keep it under {MAX_TEXT} characters."));
    }
    let owner = form.owner.trim().to_owned();
    if owner.is_empty() {
        errors.add("owner", "Name the person at the site who owns it.");
    } else if owner.chars().count() > MAX_OWNER {
        errors.add(
            "owner",
            format!("Keep the name under {MAX_OWNER} characters."),
        );
    }
    let status = match form.status.trim() {
        "" => Some(RecommendationStatus::Open),
        text => RecommendationStatus::parse(text).ok(),
    };
    if status.is_none() {
        errors.add("status", "Choose a status.");
    }
    match (core_area, status) {
        (Some(core_area), Some(status)) if errors.is_empty() => Ok(Parsed {
            core_area,
            text,
            owner,
            status,
        }),
        _ => Err(ServiceError::InvalidFields(errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_form_reads_and_an_empty_status_is_open() {
        let form = RecommendationForm {
            core_area: "gun_violence".into(),
            text: " Stand up a shooting review. ".into(),
            owner: "Chief of Detectives".into(),
            status: String::new(),
        };
        assert_eq!(
            parse_form(&form).unwrap(),
            Parsed {
                core_area: CoreArea::GunViolence,
                text: "Stand up a shooting review.".into(),
                owner: "Chief of Detectives".into(),
                status: RecommendationStatus::Open,
            }
        );
    }

    #[test]
    fn every_missing_field_is_named() {
        let form = RecommendationForm {
            status: "finished".into(),
            ..RecommendationForm::default()
        };
        let ServiceError::InvalidFields(errors) = parse_form(&form).unwrap_err() else {
            panic!("field errors expected");
        };
        for name in ["core_area", "text", "owner", "status"] {
            assert!(errors.message_for(name).is_some(), "{name}: {errors:?}");
        }
    }
}
