//! The coaching side of the TTA report: sessions of requests' series that were delivered
//! (completed, or confirmed and over by now), one row per delivery. A team's joint session —
//! one row per provider with the same team and occurrence — is one delivery with every provider
//! named; an on-site visit is one row however many days it spans; a peer exchange names both
//! sites.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::context::Lookups;
use super::evaluation::session_ratings;
use super::period::ReportPeriod;
use super::row::TtaRow;
use crate::entities::{
    peer_exchange, request_topic, team_session, topic, tta_request, tta_session,
};
use crate::{Database, ServiceError};

/// The report's rows for coaching sessions, visits and peer exchanges in `period`.
pub async fn session_rows(
    db: &Database,
    lookups: &Lookups,
    period: ReportPeriod,
    now: DateTime<Utc>,
) -> Result<Vec<TtaRow>, ServiceError> {
    // A day either side of the period in UTC covers every site's clock; each session is then
    // kept by its start date on its own site's clock.
    let (Some(from), Some(until)) = (
        (period.first() - Duration::days(1)).and_hms_opt(0, 0, 0),
        (period.last() + Duration::days(2)).and_hms_opt(0, 0, 0),
    ) else {
        return Ok(Vec::new());
    };
    let sessions = tta_session::Entity::find()
        .filter(tta_session::Column::StartsAt.gte(from.and_utc()))
        .filter(tta_session::Column::StartsAt.lt(until.and_utc()))
        .filter(tta_session::Column::Status.is_in(["completed", "confirmed"]))
        .order_by_asc(tta_session::Column::StartsAt)
        .order_by_asc(tta_session::Column::Id)
        .all(db.conn())
        .await?;
    let sessions: Vec<tta_session::Model> = sessions
        .into_iter()
        .filter(|s| s.status == "completed" || s.ends_at <= now)
        .collect();
    if sessions.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = sessions.iter().map(|s| s.id).collect();
    let request_ids: Vec<i32> = sessions.iter().map(|s| s.request_id).collect();
    let requests: HashMap<i32, tta_request::Model> = tta_request::Entity::find()
        .filter(tta_request::Column::Id.is_in(request_ids.clone()))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let topic_names: HashMap<i32, String> = topic::Entity::find()
        .all(db.conn())
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let mut areas: HashMap<i32, Vec<String>> = HashMap::new();
    for link in request_topic::Entity::find()
        .filter(request_topic::Column::RequestId.is_in(request_ids.clone()))
        .all(db.conn())
        .await?
    {
        if let Some(name) = topic_names.get(&link.topic_id) {
            areas.entry(link.request_id).or_default().push(name.clone());
        }
    }
    areas.values_mut().for_each(|names| names.sort());
    let visiting: HashMap<i32, i32> = peer_exchange::Entity::find()
        .filter(peer_exchange::Column::RequestId.is_in(request_ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|p| (p.request_id, p.visiting_site_id))
        .collect();
    let teams: HashMap<i32, (i32, i32)> = team_session::Entity::find()
        .filter(team_session::Column::SessionId.is_in(ids.clone()))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|t| (t.session_id, (t.team_id, t.occurrence)))
        .collect();
    let names =
        crate::accounts::users::display_names(db, sessions.iter().map(|s| s.provider_id)).await?;
    let ratings = session_ratings(db, &ids).await?;

    // One delivery per solo session, or per team and occurrence.
    let mut deliveries: BTreeMap<(i32, i32, i32), Vec<&tta_session::Model>> = BTreeMap::new();
    let mut first_of: HashMap<(i32, i32), (i32, i32, i32)> = HashMap::new();
    for s in &sessions {
        let key = match teams.get(&s.id) {
            Some(team) => *first_of.entry(*team).or_insert((0, s.id, team.0)),
            None => (1, s.id, 0),
        };
        deliveries.entry(key).or_default().push(s);
    }
    let mut rows = Vec::new();
    for members in deliveries.values() {
        let Some(first) = members.first() else {
            continue;
        };
        let Some(request) = requests.get(&first.request_id) else {
            continue;
        };
        let Some(site) = lookups.sites.get(&request.site_id) else {
            continue;
        };
        let start = site.zone.local(first.starts_at);
        if !period.holds(start.date()) {
            continue;
        }
        let end = site.zone.local(
            members
                .iter()
                .map(|s| s.ends_at)
                .max()
                .unwrap_or(first.ends_at),
        );
        let visiting_site = visiting.get(&request.id).copied();
        let kind = if visiting_site.is_some() {
            "Peer exchange"
        } else if request.visit_days > 0 {
            "On-site visit"
        } else {
            "Coaching session"
        };
        let mut sites = vec![site.label.clone()];
        sites.extend(visiting_site.map(|v| lookups.site_label(v)));
        let mut providers: Vec<String> = members
            .iter()
            .map(|s| names.get(&s.provider_id).cloned().unwrap_or_default())
            .collect();
        providers.dedup();
        let (count, total) = members
            .iter()
            .filter_map(|s| ratings.get(&s.id))
            .fold((0, 0), |(n, sum), (rn, rsum)| (n + rn, sum + rsum));
        let (engagement, phase_now, phase_then) =
            lookups.engagement_columns(request.engagement_id, start.date());
        rows.push(TtaRow {
            id: format!("S-{}", first.id),
            kind: kind.to_owned(),
            title: request.title.clone(),
            mode: mode_label(&request.modality).to_owned(),
            start,
            end,
            zone: site.zone.name().to_owned(),
            zone_abbreviation: site.zone.abbreviation(first.starts_at),
            audience: if visiting_site.is_some() {
                "Staff of two sites (peer exchange)".to_owned()
            } else {
                "Staff of one site".to_owned()
            },
            host_site: site.label.clone(),
            sites,
            location: first.location.clone(),
            registered: None,
            attended: None,
            expected: Some(i64::from(request.expected_attendees)),
            engagement,
            phase_now,
            phase_then,
            core_areas: areas.get(&request.id).cloned().unwrap_or_default(),
            providers,
            evaluations: count,
            mean_rating: (count > 0).then(|| total as f64 / count as f64),
        });
    }
    Ok(rows)
}

/// A request's modality as the report writes it.
fn mode_label(modality: &str) -> &'static str {
    match modality {
        "on_site" => "On-site",
        "hybrid" => "Hybrid",
        _ => "Virtual",
    }
}
