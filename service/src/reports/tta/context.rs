//! What every row of the TTA report looks up: sites (name and zone) and engagements (label, the
//! phase under way today and the phases' dates), loaded once per report.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{EntityTrait, QueryOrder};

use crate::engagements::{PhaseProgress, phase_progress};
use crate::entities::{engagement, engagement_phase, site};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// A site as the report names it.
pub struct SiteInfo {
    /// `Memphis, TN`.
    pub label: String,
    pub zone: TimeZone,
}

/// An engagement as the report names it.
pub struct EngagementInfo {
    /// `Operations engagement #3`.
    pub label: String,
    /// The phase under way today on the site's clock, `Closed`, or empty.
    pub phase_now: String,
    phases: Vec<engagement_phase::Model>,
}

impl EngagementInfo {
    /// The phase whose dates (actual where recorded, else target) hold `day`.
    pub fn phase_on(&self, day: NaiveDate) -> String {
        self.phases
            .iter()
            .find(|p| {
                let start = p.actual_start.unwrap_or(p.target_start);
                let end = p.actual_end.unwrap_or(p.target_end);
                start <= day && day <= end
            })
            .map(|p| p.name.clone())
            .unwrap_or_default()
    }
}

/// Sites and engagements by id.
pub struct Lookups {
    pub sites: HashMap<i32, SiteInfo>,
    pub engagements: HashMap<i32, EngagementInfo>,
}

impl Lookups {
    pub async fn load(db: &Database, now: DateTime<Utc>) -> Result<Self, ServiceError> {
        let mut sites = HashMap::new();
        for s in site::Entity::find().all(db.conn()).await? {
            let zone = TimeZone::parse(&s.time_zone)
                .map_err(|e| ServiceError::Internal(format!("site {}: {e}", s.id)))?;
            sites.insert(
                s.id,
                SiteInfo {
                    label: format!("{}, {}", s.name, s.state),
                    zone,
                },
            );
        }
        let mut phases: HashMap<i32, Vec<engagement_phase::Model>> = HashMap::new();
        for p in engagement_phase::Entity::find()
            .order_by_asc(engagement_phase::Column::Position)
            .all(db.conn())
            .await?
        {
            phases.entry(p.engagement_id).or_default().push(p);
        }
        let mut engagements = HashMap::new();
        for e in engagement::Entity::find().all(db.conn()).await? {
            let own = phases.remove(&e.id).unwrap_or_default();
            let today = sites
                .get(&e.site_id)
                .map_or(now.date_naive(), |s| s.zone.local(now).date());
            let phase_now = if e.status == "closed" {
                "Closed".to_owned()
            } else {
                own.iter()
                    .find(|p| phase_progress(p, today).0 == PhaseProgress::UnderWay)
                    .map(|p| p.name.clone())
                    .unwrap_or_default()
            };
            let kind = if e.kind == "diagnostic" {
                "Diagnostic"
            } else {
                "Operations"
            };
            engagements.insert(
                e.id,
                EngagementInfo {
                    label: format!("{kind} engagement #{}", e.id),
                    phase_now,
                    phases: own,
                },
            );
        }
        Ok(Self { sites, engagements })
    }

    pub fn site_label(&self, id: i32) -> String {
        self.sites
            .get(&id)
            .map_or_else(|| format!("Site #{id}"), |s| s.label.clone())
    }

    /// The engagement's label, phase now and phase on `day` (empty without an engagement).
    pub fn engagement_columns(&self, id: Option<i32>, day: NaiveDate) -> (String, String, String) {
        match id.and_then(|id| self.engagements.get(&id)) {
            Some(e) => (e.label.clone(), e.phase_now.clone(), e.phase_on(day)),
            None => Default::default(),
        }
    }
}
