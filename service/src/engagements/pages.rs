//! The engagement read models: the coordinators' portfolio and one engagement's page.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime, Utc};
use contract::status::EngagementStatus;
use contract::views::engagement::{EngagementPage, PhaseLine, PortfolioRow};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::health::{PhaseProgress, phase_progress, quarter_of};
use crate::access::{Actor, STAFF, ensure_site};
use crate::accounts::Role;
use crate::entities::{engagement, engagement_phase, site, tta_request, tta_session};
use crate::intake::EngagementType;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Every engagement, open ones first by site, with its health today: the phase under way,
/// overdue phases, sessions of this quarter delivered against planned (on the site's
/// calendar). Coordinators and administrators only.
pub async fn portfolio(db: &Database, actor: &Actor) -> Result<Vec<PortfolioRow>, ServiceError> {
    actor.require(STAFF)?;
    let engagements = engagement::Entity::find()
        .order_by_asc(engagement::Column::SiteId)
        .order_by_asc(engagement::Column::StartsOn)
        .all(db.conn())
        .await?;
    let sites: HashMap<i32, site::Model> = site::Entity::find()
        .all(db.conn())
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut phases = phases_by_engagement(db, None).await?;
    let requests = tta_request::Entity::find().all(db.conn()).await?;
    // Only the sessions that can fall in some site's current quarter: every site's today is
    // within a day of UTC's, so the quarters around UTC's today, a day either side, hold them
    // (each is then matched against its own site's quarter below).
    let now = Utc::now();
    let utc_today = now.date_naive();
    let (earliest, _) = quarter_of(utc_today - chrono::Days::new(1));
    let (_, latest) = quarter_of(utc_today + chrono::Days::new(1));
    let sessions = tta_session::Entity::find()
        .filter(tta_session::Column::Status.ne("cancelled"))
        .filter(
            tta_session::Column::StartsAt.gte(
                (earliest - chrono::Days::new(1))
                    .and_time(NaiveTime::MIN)
                    .and_utc(),
            ),
        )
        .filter(
            tta_session::Column::StartsAt.lt((latest + chrono::Days::new(2))
                .and_time(NaiveTime::MIN)
                .and_utc()),
        )
        .all(db.conn())
        .await?;
    let engagement_of_request: HashMap<i32, i32> = requests
        .iter()
        .filter_map(|r| r.engagement_id.map(|e| (r.id, e)))
        .collect();
    let off_track = super::goals::off_track_by_engagement(db.conn()).await?;
    let tta_roles = super::team::tta_roles_by_engagement(db.conn()).await?;
    let mut rows = Vec::with_capacity(engagements.len());
    for e in engagements {
        let site = sites
            .get(&e.site_id)
            .ok_or_else(|| ServiceError::Internal(format!("engagement {} has no site", e.id)))?;
        let zone = TimeZone::parse(&site.time_zone)
            .map_err(|err| ServiceError::Internal(err.to_string()))?;
        let today = zone.local(now).date();
        let (quarter_start, quarter_end) = quarter_of(today);
        let own_phases = phases.remove(&e.id).unwrap_or_default();
        let mut overdue = 0;
        let mut current = None;
        for phase in &own_phases {
            let (progress, late) = phase_progress(phase, today);
            overdue += u32::from(late);
            if current.is_none() && progress == PhaseProgress::UnderWay {
                current = Some(phase.name.clone());
            }
        }
        let in_quarter: Vec<&tta_session::Model> = sessions
            .iter()
            .filter(|s| engagement_of_request.get(&s.request_id) == Some(&e.id))
            .filter(|s| {
                let day = zone.local(s.starts_at).date();
                day >= quarter_start && day <= quarter_end
            })
            .collect();
        rows.push(PortfolioRow {
            id: e.id,
            site: format!("{}, {}", site.name, site.state),
            kind: kind_label(&e.kind),
            status: status_of(&e)?,
            starts: crate::timefmt::date(e.starts_on),
            planned_end: crate::timefmt::date(e.planned_end),
            current_phase: current,
            overdue_phases: overdue,
            goals_off_track: off_track.get(&e.id).copied().unwrap_or(0),
            delivered_this_quarter: count(in_quarter.iter().filter(|s| s.ends_at <= now)),
            planned_this_quarter: count(in_quarter.iter()),
            requests: count(requests.iter().filter(|r| r.engagement_id == Some(e.id))),
            unstaffed_roles: unstaffed_of(&e.kind, tta_roles.get(&e.id)),
        });
    }
    rows.sort_by_key(|r| (r.status == EngagementStatus::Closed, r.site.clone()));
    Ok(rows)
}

/// One engagement's page: staff, and the contacts of its site (to anyone else it does not
/// exist).
pub async fn engagement_page(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
) -> Result<EngagementPage, ServiceError> {
    actor.require(&[
        Role::Coordinator,
        Role::Admin,
        Role::SiteContact,
        Role::Provider,
    ])?;
    let not_found = || ServiceError::NotFound(format!("Engagement #{engagement_id}"));
    let e = engagement::Entity::find_by_id(engagement_id)
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    if actor.role() == Role::Provider {
        // A provider reads the engagements whose TTA team they are on, and no other.
        if !super::team::serves(db.conn(), actor.id(), e.id).await? {
            return Err(not_found());
        }
    } else {
        ensure_site(actor.user(), e.site_id).map_err(|_| not_found())?;
    }
    let mut page = page_of(db, e).await?;
    page.can_add_goal = crate::access::is_staff(actor.user());
    page.can_record_progress = actor.role() != Role::Provider;
    page.can_manage_team = crate::access::is_staff(actor.user());
    page.can_steer = crate::access::is_staff(actor.user());
    page.can_update_recommendations = actor.role() != Role::Provider;
    Ok(page)
}

/// The engagements of every site the contact speaks for, newest first. Site contacts only.
pub async fn site_engagements(
    db: &Database,
    actor: &Actor,
) -> Result<Vec<EngagementPage>, ServiceError> {
    actor.require(&[Role::SiteContact])?;
    let engagements = engagement::Entity::find()
        .filter(engagement::Column::SiteId.is_in(actor.user().site_ids.clone()))
        .order_by_desc(engagement::Column::StartsOn)
        .all(db.conn())
        .await?;
    let mut pages = Vec::with_capacity(engagements.len());
    for e in engagements {
        pages.push(page_of(db, e).await?);
    }
    Ok(pages)
}

async fn page_of(db: &Database, e: engagement::Model) -> Result<EngagementPage, ServiceError> {
    let site = site::Entity::find_by_id(e.site_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("engagement {} has no site", e.id)))?;
    let zone =
        TimeZone::parse(&site.time_zone).map_err(|err| ServiceError::Internal(err.to_string()))?;
    let today = zone.local(Utc::now()).date();
    let phases = phases_by_engagement(db, Some(e.id))
        .await?
        .remove(&e.id)
        .unwrap_or_default();
    let requests = tta_request::Entity::find()
        .filter(tta_request::Column::EngagementId.eq(e.id))
        .order_by_asc(tta_request::Column::Id)
        .all(db.conn())
        .await?;
    let goals = super::goals::goal_views(db.conn(), &e).await?;
    let teams = super::team::teams_of(db.conn(), e.id).await?;
    let recommendations = super::recommendations::recommendations_of(db.conn(), e.id).await?;
    Ok(EngagementPage {
        id: e.id,
        site: format!("{}, {}", site.name, site.state),
        kind: kind_label(&e.kind),
        status: status_of(&e)?,
        starts: crate::timefmt::date(e.starts_on),
        planned_end: crate::timefmt::date(e.planned_end),
        phases: phases.iter().map(|p| phase_line(p, today)).collect(),
        requests: requests.into_iter().map(|r| (r.id, r.title)).collect(),
        site_team: teams.site_team,
        tta_team: teams.tta_team,
        recommendations,
        can_manage_team: false,
        can_steer: false,
        can_update_recommendations: false,
        notes: e.notes,
        goals,
        can_add_goal: false,
        can_record_progress: false,
    })
}

fn phase_line(phase: &engagement_phase::Model, today: NaiveDate) -> PhaseLine {
    let (progress, overdue) = phase_progress(phase, today);
    let month = |d: NaiveDate| d.format("%b %Y").to_string();
    PhaseLine {
        id: phase.id,
        position: phase.position,
        name: phase.name.clone(),
        target: format!(
            "{} – {}",
            month(phase.target_start),
            month(phase.target_end)
        ),
        progress: match progress {
            PhaseProgress::Finished(day) => format!("Finished {}", crate::timefmt::date(day)),
            PhaseProgress::UnderWay if overdue => "Under way, past its target".to_owned(),
            PhaseProgress::UnderWay => "Under way".to_owned(),
            PhaseProgress::NotStarted => "Not started".to_owned(),
        },
        overdue,
    }
}

async fn phases_by_engagement(
    db: &Database,
    only: Option<i32>,
) -> Result<HashMap<i32, Vec<engagement_phase::Model>>, ServiceError> {
    let mut query = engagement_phase::Entity::find()
        .order_by_asc(engagement_phase::Column::EngagementId)
        .order_by_asc(engagement_phase::Column::Position);
    if let Some(id) = only {
        query = query.filter(engagement_phase::Column::EngagementId.eq(id));
    }
    let mut by_engagement: HashMap<i32, Vec<engagement_phase::Model>> = HashMap::new();
    for phase in query.all(db.conn()).await? {
        by_engagement
            .entry(phase.engagement_id)
            .or_default()
            .push(phase);
    }
    Ok(by_engagement)
}

fn status_of(e: &engagement::Model) -> Result<EngagementStatus, ServiceError> {
    EngagementStatus::parse(&e.status).map_err(|err| ServiceError::Internal(err.to_string()))
}

fn kind_label(kind: &str) -> String {
    EngagementType::parse(kind)
        .map(|k| k.label().to_owned())
        .unwrap_or_else(|| kind.to_owned())
}

/// The TTA roles an engagement of `kind` needs that nobody in `held` holds, as labels.
fn unstaffed_of(kind: &str, held: Option<&Vec<contract::vocabulary::TeamRole>>) -> Vec<String> {
    let Some(kind) = EngagementType::parse(kind) else {
        return Vec::new();
    };
    let held = held.map(Vec::as_slice).unwrap_or_default();
    super::team::unstaffed_roles(kind, held)
        .into_iter()
        .map(|role| role.label().to_owned())
        .collect()
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}
