//! The people and goals of the demo's engagements: each engagement's TTA team from the three
//! demo providers (two left short of a required role, so the portfolio has something to flag;
//! Memphis's left to the coordinator), the demo contacts as their sites' leads, and measurable
//! goals with a value recorded each month since the kick-off — most on course, two behind it
//! (Houston's left to be set).
//!
//! Written directly, below the door. Idempotent: an engagement that already has members or
//! goals keeps them.

use chrono::{Months, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use service::accounts::EmailAddress;
use service::accounts::users::find_by_email;
use service::entities::{engagement, engagement_goal, engagement_member, goal_progress, site};
use service::{Database, ServiceError};

/// The three demo providers, by e-mail.
const PHOENIX: &str = "provider.phoenix@tta.example.gov";
const DENVER: &str = "provider.denver@tta.example.gov";
const HONOLULU: &str = "provider.honolulu@tta.example.gov";

/// `(provider e-mail, TTA role)`.
type Member = (&'static str, &'static str);

/// `(site slug, kind, its TTA team, goals behind their course)`. Memphis's team is left for the
/// coordinator to form (the demo's walk-through and browser tests do).
const TEAMS: [(&str, &str, &[Member], bool); 12] = [
    (
        "birmingham-al",
        "operations",
        &[
            (PHOENIX, "strategic_site_liaison"),
            (DENVER, "subject_matter_expert"),
        ],
        false,
    ),
    (
        "indianapolis-in",
        "operations",
        &[
            (DENVER, "strategic_site_liaison"),
            (HONOLULU, "subject_matter_expert"),
        ],
        false,
    ),
    (
        "toledo-oh",
        "operations",
        &[
            (HONOLULU, "strategic_site_liaison"),
            (PHOENIX, "subject_matter_expert"),
        ],
        false,
    ),
    (
        "baton-rouge-la",
        "operations",
        &[
            (DENVER, "strategic_site_liaison"),
            (PHOENIX, "subject_matter_expert"),
        ],
        true,
    ),
    (
        "buffalo-ny",
        "operations",
        &[(HONOLULU, "strategic_site_liaison"), (DENVER, "coach")],
        false,
    ),
    (
        "cincinnati-oh",
        "operations",
        &[
            (PHOENIX, "strategic_site_liaison"),
            (DENVER, "subject_matter_expert"),
        ],
        false,
    ),
    (
        "houston-tx",
        "operations",
        &[
            (DENVER, "strategic_site_liaison"),
            (PHOENIX, "subject_matter_expert"),
        ],
        false,
    ),
    (
        "jackson-tn",
        "operations",
        &[
            (HONOLULU, "strategic_site_liaison"),
            (DENVER, "subject_matter_expert"),
        ],
        true,
    ),
    // Just kicked off: nobody named as subject-matter expert yet.
    (
        "kansas-city-mo",
        "operations",
        &[(PHOENIX, "strategic_site_liaison")],
        false,
    ),
    (
        "lansing-mi",
        "diagnostic",
        &[
            (DENVER, "strategic_site_liaison"),
            (PHOENIX, "crime_analyst"),
        ],
        false,
    ),
    // Started a month ago: its team is still being formed.
    (
        "springfield-il",
        "diagnostic",
        &[(HONOLULU, "strategic_site_liaison")],
        false,
    ),
    (
        "toledo-oh",
        "diagnostic",
        &[
            (HONOLULU, "strategic_site_liaison"),
            (PHOENIX, "crime_analyst"),
        ],
        false,
    ),
];

/// The site contacts who lead their site's team.
const LEADS: [(&str, &str); 2] = [
    ("houston-tx", "contact.houston@tta.example.gov"),
    ("buffalo-ny", "contact.buffalo@tta.example.gov"),
];

/// Adds the teams, leads and goals the demo's engagements lack.
pub async fn seed_demo_people(db: &Database) -> Result<(), ServiceError> {
    let today = Utc::now().date_naive();
    for (index, (slug, kind, members, behind)) in TEAMS.into_iter().enumerate() {
        let Some(e) = engagement_of(db, slug, kind).await? else {
            continue;
        };
        let has_members = engagement_member::Entity::find()
            .filter(engagement_member::Column::EngagementId.eq(e.id))
            .count(db.conn())
            .await?
            > 0;
        if !has_members {
            for (email, role) in members {
                if let Some(user) = find_by_email(db, &EmailAddress::parse(email)?).await? {
                    add_member(db, e.id, user.id, "tta", role).await?;
                }
            }
            if let Some((_, lead)) = LEADS.iter().find(|(s, _)| *s == slug)
                && kind == "operations"
                && let Some(user) = find_by_email(db, &EmailAddress::parse(lead)?).await?
            {
                add_member(db, e.id, user.id, "site", "lead").await?;
            }
        }
        let has_goals = engagement_goal::Entity::find()
            .filter(engagement_goal::Column::EngagementId.eq(e.id))
            .count(db.conn())
            .await?
            > 0;
        // Houston is setting its goals again with its new leadership (the demo's walk-through
        // and browser tests set one).
        if !has_goals && kind == "operations" && slug != "houston-tx" {
            let base = 24.0 + f64::from(u32::try_from(index).unwrap_or(0)) * 3.0;
            add_goal_with_progress(
                db,
                &e,
                today,
                GoalPlan {
                    name: "Fewer non-fatal shootings",
                    metric: "Non-fatal shootings per month",
                    unit: "shootings",
                    baseline: base,
                    target: (base * 0.7).round(),
                    pace: if behind { 0.35 } else { 1.1 },
                },
            )
            .await?;
            add_goal_with_progress(
                db,
                &e,
                today,
                GoalPlan {
                    name: "More homicides cleared",
                    metric: "Homicide clearance rate",
                    unit: "%",
                    baseline: 42.0,
                    target: 60.0,
                    pace: if behind { 0.5 } else { 1.0 },
                },
            )
            .await?;
        }
    }
    Ok(())
}

async fn engagement_of(
    db: &Database,
    slug: &str,
    kind: &str,
) -> Result<Option<engagement::Model>, ServiceError> {
    let Some(site) = site::Entity::find()
        .filter(site::Column::Slug.eq(slug))
        .one(db.conn())
        .await?
    else {
        return Ok(None);
    };
    Ok(engagement::Entity::find()
        .filter(engagement::Column::SiteId.eq(site.id))
        .filter(engagement::Column::Kind.eq(kind))
        .one(db.conn())
        .await?)
}

async fn add_member(
    db: &Database,
    engagement_id: i32,
    user_id: i32,
    side: &str,
    role: &str,
) -> Result<(), ServiceError> {
    engagement_member::Entity::insert(engagement_member::ActiveModel {
        engagement_id: Set(engagement_id),
        user_id: Set(user_id),
        side: Set(side.to_owned()),
        role: Set(role.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec_without_returning(db.conn())
    .await?;
    Ok(())
}

/// A goal and how fast the site moves toward it (1.0: exactly on the straight line).
struct GoalPlan {
    name: &'static str,
    metric: &'static str,
    unit: &'static str,
    baseline: f64,
    target: f64,
    pace: f64,
}

/// The goal, due two years after the kick-off, with a value on each month's first day since.
async fn add_goal_with_progress(
    db: &Database,
    e: &engagement::Model,
    today: NaiveDate,
    plan: GoalPlan,
) -> Result<(), ServiceError> {
    let due_on = e
        .starts_on
        .checked_add_months(Months::new(24))
        .unwrap_or(e.planned_end)
        .min(e.planned_end);
    let goal = engagement_goal::Entity::insert(engagement_goal::ActiveModel {
        engagement_id: Set(e.id),
        name: Set(plan.name.to_owned()),
        metric: Set(plan.metric.to_owned()),
        unit: Set(plan.unit.to_owned()),
        baseline: Set(plan.baseline),
        target: Set(plan.target),
        due_on: Set(due_on),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db.conn())
    .await?;
    let span = (due_on - e.starts_on).num_days().max(1) as f64;
    let mut month = 1;
    while let Some(day) = e.starts_on.checked_add_months(Months::new(month)) {
        if day > today || day > due_on {
            break;
        }
        let share = ((day - e.starts_on).num_days() as f64 / span * plan.pace).min(1.0);
        let value = plan.baseline + (plan.target - plan.baseline) * share;
        goal_progress::Entity::insert(goal_progress::ActiveModel {
            goal_id: Set(goal.last_insert_id),
            recorded_on: Set(day),
            value: Set((value * 10.0).round() / 10.0),
            note: Set(String::new()),
            recorded_by: Set(None),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec_without_returning(db.conn())
        .await?;
        month += 1;
    }
    Ok(())
}
