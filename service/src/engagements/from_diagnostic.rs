//! Opening a site's Operations engagement from its Diagnostic's plan (staff): the Operations
//! engagement is opened as any other ([`super::open::open_in`], laid out from the templates,
//! one open per site and kind), and the plan's recommendations not yet done (open or in
//! progress) are **copied** into it, in the same transaction, each copy naming its source
//! (`recommendation.carried_from`). Copies rather than moves: the Diagnostic's record — its
//! recommendations, their statuses and the requests that answered them — stays as delivered,
//! and the Operations engagement works its own copies from there.
//!
//! Use cases: [`operations_offer`] (what the Diagnostic's page offers) and
//! [`open_operations_from_plan`].

use chrono::{DateTime, Utc};
use contract::FieldErrors;
use contract::forms::OperationsFromPlanForm;
use contract::views::engagement::OperationsOffer;
use contract::vocabulary::{CoreArea, RecommendationStatus};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::lifecycle::{parse_date, site_today};
use super::open::open_in;
use crate::access::{Actor, STAFF};
use crate::entities::{engagement, recommendation, site};
use crate::intake::EngagementType;
use crate::{Database, ServiceError};

/// What a Diagnostic engagement's page offers staff: the recommendations that would be carried
/// over and the site's Operations engagement already open, if any. `None` for an Operations
/// engagement. Coordinators and administrators only.
pub async fn operations_offer(
    db: &Database,
    actor: &Actor,
    diagnostic_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<OperationsOffer>, ServiceError> {
    actor.require(STAFF)?;
    let diagnostic = find(db.conn(), diagnostic_id).await?;
    if diagnostic.kind != EngagementType::Diagnostic.as_str() {
        return Ok(None);
    }
    let site = site_of(db.conn(), &diagnostic).await?;
    let carried = still_to_do(db.conn(), diagnostic_id)
        .await?
        .into_iter()
        .map(|r| {
            let area =
                CoreArea::parse(&r.core_area).map_or(r.core_area.clone(), |a| a.label().to_owned());
            format!("{area}: {}", r.text)
        })
        .collect();
    Ok(Some(OperationsOffer {
        diagnostic_id,
        carried,
        open_operations: open_operations(db.conn(), diagnostic.site_id).await?,
        suggested_start: site_today(&site, now)?.format("%Y-%m-%d").to_string(),
    }))
}

/// Opens the site's Operations engagement from the Diagnostic's plan, starting on the form's
/// date (planned when after today on the site's calendar, active otherwise), and copies the
/// plan's recommendations still to do into it; answers the new engagement's id. Refused: an
/// Operations engagement named as the plan (400), a plan with nothing left to carry (400), a
/// missing or far-off date (beside `starts_on`), and a site whose Operations engagement is
/// already open (409, naming it). Coordinators and administrators only.
pub async fn open_operations_from_plan(
    db: &Database,
    actor: &Actor,
    form: &OperationsFromPlanForm,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    actor.require(STAFF)?;
    let diagnostic_id = form
        .diagnostic_id
        .trim()
        .parse::<i32>()
        .map_err(|_| ServiceError::NotFound("The Diagnostic engagement".to_owned()))?;
    let diagnostic = find(db.conn(), diagnostic_id).await?;
    if diagnostic.kind != EngagementType::Diagnostic.as_str() {
        return Err(ServiceError::Invalid(format!(
            "Engagement #{diagnostic_id} is an Operations engagement: an Operations engagement \
             opens from a Diagnostic's plan."
        )));
    }
    let site = site_of(db.conn(), &diagnostic).await?;
    let today = site_today(&site, now)?;
    let mut errors = FieldErrors::new();
    let starts_on = parse_date(&mut errors, "starts_on", &form.starts_on, true);
    let Some(starts_on) = starts_on else {
        return Err(ServiceError::InvalidFields(errors));
    };
    if starts_on.signed_duration_since(today).num_days() > 2 * 366 {
        return Err(ServiceError::field(
            "starts_on",
            "Start within two years: a later kick-off is not planned yet.",
        ));
    }
    let status = if starts_on > today {
        "planned"
    } else {
        "active"
    };
    db.transaction(async |txn| {
        let carried = still_to_do(txn, diagnostic_id).await?;
        if carried.is_empty() {
            return Err(ServiceError::Invalid(
                "Every recommendation of this plan is done or dropped: there is nothing to carry \
                 over. An administrator can open an Operations engagement from the site's page."
                    .to_owned(),
            ));
        }
        let Some(id) = open_in(txn, site.id, EngagementType::Operations, starts_on, status).await?
        else {
            let open = open_operations(txn, site.id).await?;
            return Err(ServiceError::Conflict(format!(
                "{}, {} already has an open Operations engagement{}: close it before opening \
                 another from this plan.",
                site.name,
                site.state,
                open.map(|id| format!(" (#{id})")).unwrap_or_default()
            )));
        };
        let created = Utc::now();
        let copies: Vec<recommendation::ActiveModel> = carried
            .into_iter()
            .map(|r| recommendation::ActiveModel {
                engagement_id: Set(id),
                core_area: Set(r.core_area),
                text: Set(r.text),
                owner: Set(r.owner),
                status: Set(r.status),
                created_at: Set(created),
                carried_from: Set(Some(r.id)),
                ..Default::default()
            })
            .collect();
        recommendation::Entity::insert_many(copies)
            .exec_without_returning(txn)
            .await?;
        Ok(id)
    })
    .await
}

/// The plan's recommendations still to do (open or in progress), in the order they were made.
async fn still_to_do(
    db: &impl ConnectionTrait,
    engagement_id: i32,
) -> Result<Vec<recommendation::Model>, ServiceError> {
    Ok(recommendation::Entity::find()
        .filter(recommendation::Column::EngagementId.eq(engagement_id))
        .filter(recommendation::Column::Status.is_in([
            RecommendationStatus::Open.as_str(),
            RecommendationStatus::InProgress.as_str(),
        ]))
        .order_by_asc(recommendation::Column::Id)
        .all(db)
        .await?)
}

async fn open_operations(
    db: &impl ConnectionTrait,
    site_id: i32,
) -> Result<Option<i32>, ServiceError> {
    Ok(engagement::Entity::find()
        .filter(engagement::Column::SiteId.eq(site_id))
        .filter(engagement::Column::Kind.eq(EngagementType::Operations.as_str()))
        .filter(engagement::Column::Status.ne("closed"))
        .one(db)
        .await?
        .map(|e| e.id))
}

async fn find(
    db: &impl ConnectionTrait,
    engagement_id: i32,
) -> Result<engagement::Model, ServiceError> {
    engagement::Entity::find_by_id(engagement_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Engagement #{engagement_id}")))
}

async fn site_of(
    db: &impl ConnectionTrait,
    e: &engagement::Model,
) -> Result<site::Model, ServiceError> {
    site::Entity::find_by_id(e.site_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("engagement {} has no site", e.id)))
}
