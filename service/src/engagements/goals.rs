//! An engagement's measurable goals and the values recorded toward them.
//!
//! Use cases (each takes the acting person and checks role, then record):
//! - [`add_goal`]: a coordinator or administrator sets a goal (name, metric, unit, baseline,
//!   target, due date within the engagement's run);
//! - [`record_progress`]: the site's contacts (and staff) record the metric's value for a day,
//!   not in the future on the site's calendar and not before the engagement began;
//! - [`goals_of`]: the goals with their values and whether each is on track (staff, and the
//!   site's contacts).
//!
//! To anyone else an engagement or goal does not exist (404). The engagement's page carries the
//! goals ([`goal_views`]) and the portfolio counts those off track ([`off_track_by_engagement`]).

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use contract::forms::{GoalForm, ProgressForm};
use contract::views::engagement::{GoalPoint, GoalView};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::goal_forms::{Run, read_goal, read_progress};
use super::goal_track::GoalLine;
use crate::access::{Actor, STAFF, ensure_site};
use crate::accounts::Role;
use crate::entities::{engagement, engagement_goal, goal_progress, site};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Who reads goals and records values: the site's contacts and staff.
const READERS: &[Role] = &[Role::SiteContact, Role::Coordinator, Role::Admin];

/// Sets a new goal on the engagement and answers its goals as they now stand. Coordinators and
/// administrators only; a form with mistakes is refused with every field's message.
pub async fn add_goal(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
    form: &GoalForm,
) -> Result<Vec<GoalView>, ServiceError> {
    actor.require(STAFF)?;
    let e = engagement::Entity::find_by_id(engagement_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Engagement #{engagement_id}")))?;
    let goal = read_goal(
        form,
        Run {
            starts_on: e.starts_on,
            planned_end: e.planned_end,
        },
    )?;
    engagement_goal::ActiveModel {
        engagement_id: Set(e.id),
        name: Set(goal.name),
        metric: Set(goal.metric),
        unit: Set(goal.unit),
        baseline: Set(goal.baseline),
        target: Set(goal.target),
        due_on: Set(goal.due_on),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db.conn())
    .await?;
    goal_views(db.conn(), &e).await
}

/// Records the goal's metric for a day and answers the engagement's goals as they now stand.
/// The contacts of the engagement's site and staff; to anyone else the goal does not exist.
pub async fn record_progress(
    db: &Database,
    actor: &Actor,
    goal_id: i32,
    form: &ProgressForm,
) -> Result<Vec<GoalView>, ServiceError> {
    actor.require(READERS)?;
    let not_found = || ServiceError::NotFound(format!("Goal #{goal_id}"));
    let goal = engagement_goal::Entity::find_by_id(goal_id)
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    let e = engagement::Entity::find_by_id(goal.engagement_id)
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    ensure_site(actor.user(), e.site_id).map_err(|_| not_found())?;
    let today = site_today(db.conn(), e.site_id).await?;
    let progress = read_progress(form, e.starts_on, today)?;
    goal_progress::ActiveModel {
        goal_id: Set(goal.id),
        recorded_on: Set(progress.recorded_on),
        value: Set(progress.value),
        note: Set(progress.note),
        recorded_by: Set(Some(actor.id())),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db.conn())
    .await?;
    goal_views(db.conn(), &e).await
}

/// The engagement's goals with their values and whether each is on track: staff, and the
/// contacts of its site (to anyone else it does not exist).
pub async fn goals_of(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
) -> Result<Vec<GoalView>, ServiceError> {
    actor.require(READERS)?;
    let not_found = || ServiceError::NotFound(format!("Engagement #{engagement_id}"));
    let e = engagement::Entity::find_by_id(engagement_id)
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    ensure_site(actor.user(), e.site_id).map_err(|_| not_found())?;
    goal_views(db.conn(), &e).await
}

/// The goals of `e` as its page shows them, in the order they were set. Below the door: the
/// caller has checked who may read the engagement.
pub(super) async fn goal_views(
    db: &impl ConnectionTrait,
    e: &engagement::Model,
) -> Result<Vec<GoalView>, ServiceError> {
    let goals = engagement_goal::Entity::find()
        .filter(engagement_goal::Column::EngagementId.eq(e.id))
        .order_by_asc(engagement_goal::Column::Id)
        .all(db)
        .await?;
    let mut values = progress_by_goal(db, goals.iter().map(|g| g.id).collect()).await?;
    Ok(goals
        .into_iter()
        .map(|goal| {
            let points = values.remove(&goal.id).unwrap_or_default();
            view_of(goal, e.starts_on, points)
        })
        .collect())
}

/// How many goals of each engagement are off track (engagements with none are left out).
/// Below the door: for the coordinators' portfolio.
pub(super) async fn off_track_by_engagement(
    db: &impl ConnectionTrait,
) -> Result<HashMap<i32, u32>, ServiceError> {
    let goals = engagement_goal::Entity::find().all(db).await?;
    if goals.is_empty() {
        return Ok(HashMap::new());
    }
    let starts: HashMap<i32, NaiveDate> = engagement::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.starts_on))
        .collect();
    let mut values = progress_by_goal(db, goals.iter().map(|g| g.id).collect()).await?;
    let mut off_track = HashMap::new();
    for goal in goals {
        let Some(start) = starts.get(&goal.engagement_id) else {
            continue;
        };
        let points = values.remove(&goal.id).unwrap_or_default();
        if !line_of(&goal, *start).on_track(latest(&points)) {
            *off_track.entry(goal.engagement_id).or_insert(0) += 1;
        }
    }
    Ok(off_track)
}

/// Each goal's values, oldest first (by day, then in the order recorded).
async fn progress_by_goal(
    db: &impl ConnectionTrait,
    goal_ids: Vec<i32>,
) -> Result<HashMap<i32, Vec<goal_progress::Model>>, ServiceError> {
    if goal_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut by_goal: HashMap<i32, Vec<goal_progress::Model>> = HashMap::new();
    for value in goal_progress::Entity::find()
        .filter(goal_progress::Column::GoalId.is_in(goal_ids))
        .order_by_asc(goal_progress::Column::RecordedOn)
        .order_by_asc(goal_progress::Column::Id)
        .all(db)
        .await?
    {
        by_goal.entry(value.goal_id).or_default().push(value);
    }
    Ok(by_goal)
}

fn view_of(
    goal: engagement_goal::Model,
    starts_on: NaiveDate,
    points: Vec<goal_progress::Model>,
) -> GoalView {
    let on_track = line_of(&goal, starts_on).on_track(latest(&points));
    let day_of = |day: NaiveDate| i32::try_from((day - starts_on).num_days()).unwrap_or(i32::MAX);
    GoalView {
        id: goal.id,
        on_track,
        due: crate::timefmt::date(goal.due_on),
        due_day: day_of(goal.due_on),
        progress: points
            .into_iter()
            .map(|p| GoalPoint {
                on: crate::timefmt::date(p.recorded_on),
                day: day_of(p.recorded_on),
                value: p.value,
                note: p.note,
            })
            .collect(),
        name: goal.name,
        metric: goal.metric,
        unit: goal.unit,
        baseline: goal.baseline,
        target: goal.target,
    }
}

fn line_of(goal: &engagement_goal::Model, starts_on: NaiveDate) -> GoalLine {
    GoalLine {
        baseline: goal.baseline,
        target: goal.target,
        start: starts_on,
        due: goal.due_on,
    }
}

/// The newest value (the list is oldest first).
fn latest(points: &[goal_progress::Model]) -> Option<(NaiveDate, f64)> {
    points.last().map(|p| (p.recorded_on, p.value))
}

/// Today on the site's calendar.
async fn site_today(db: &impl ConnectionTrait, site_id: i32) -> Result<NaiveDate, ServiceError> {
    let site = site::Entity::find_by_id(site_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("site {site_id} is missing")))?;
    let zone =
        TimeZone::parse(&site.time_zone).map_err(|err| ServiceError::Internal(err.to_string()))?;
    Ok(zone.local(Utc::now()).date())
}
