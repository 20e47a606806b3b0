//! A provider's engagements: the ones whose TTA team they are on, their role in each, and their
//! next session there.

use std::collections::HashMap;

use chrono::Utc;
use contract::status::EngagementStatus;
use contract::views::engagement::ServingLine;
use contract::vocabulary::{TeamRole, TeamSide};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::access::Actor;
use crate::accounts::Role;
use crate::entities::{engagement, engagement_member, site, tta_request, tta_session};
use crate::intake::EngagementType;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// The engagements the acting provider serves, open ones first, with their role and the next
/// session of that engagement's requests they give (in their own zone). Providers only.
pub async fn provider_engagements(
    db: &Database,
    actor: &Actor,
) -> Result<Vec<ServingLine>, ServiceError> {
    actor.require(&[Role::Provider])?;
    let internal = |text: String| ServiceError::Internal(text);
    let memberships = engagement_member::Entity::find()
        .filter(engagement_member::Column::UserId.eq(actor.id()))
        .filter(engagement_member::Column::Side.eq(TeamSide::Tta.as_str()))
        .all(db.conn())
        .await?;
    let ids: Vec<i32> = memberships.iter().map(|m| m.engagement_id).collect();
    let engagements: HashMap<i32, engagement::Model> = engagement::Entity::find()
        .filter(engagement::Column::Id.is_in(ids.clone()))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let sites: HashMap<i32, site::Model> = site::Entity::find()
        .filter(site::Column::Id.is_in(engagements.values().map(|e| e.site_id)))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let engagement_of_request: HashMap<i32, i32> = tta_request::Entity::find()
        .filter(tta_request::Column::EngagementId.is_in(ids))
        .all(db.conn())
        .await?
        .into_iter()
        .filter_map(|r| r.engagement_id.map(|e| (r.id, e)))
        .collect();
    let upcoming = tta_session::Entity::find()
        .filter(tta_session::Column::ProviderId.eq(actor.id()))
        .filter(tta_session::Column::RequestId.is_in(engagement_of_request.keys().copied()))
        .filter(tta_session::Column::Status.is_in(["tentative", "confirmed"]))
        .filter(tta_session::Column::StartsAt.gt(Utc::now()))
        .order_by_asc(tta_session::Column::StartsAt)
        .all(db.conn())
        .await?;
    let zone = TimeZone::parse(&actor.user().time_zone).map_err(|e| internal(e.to_string()))?;
    let mut lines = Vec::with_capacity(memberships.len());
    for m in memberships {
        let Some(e) = engagements.get(&m.engagement_id) else {
            continue;
        };
        let site = sites
            .get(&e.site_id)
            .ok_or_else(|| internal(format!("engagement {} has no site", e.id)))?;
        let next = upcoming
            .iter()
            .find(|s| engagement_of_request.get(&s.request_id) == Some(&e.id))
            .map(|s| crate::timefmt::instant(s.starts_at, zone));
        lines.push(ServingLine {
            engagement_id: e.id,
            site: format!("{}, {}", site.name, site.state),
            kind: EngagementType::parse(&e.kind)
                .map(|k| k.label().to_owned())
                .unwrap_or_else(|| e.kind.clone()),
            status: EngagementStatus::parse(&e.status).map_err(|err| internal(err.to_string()))?,
            role: TeamRole::parse(&m.role).map_err(|err| internal(err.to_string()))?,
            next_session: next,
        });
    }
    lines.sort_by_key(|l| (l.status == EngagementStatus::Closed, l.site.clone()));
    Ok(lines)
}
