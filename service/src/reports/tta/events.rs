//! The group-event side of the TTA report: trainings, webinars, workshops and summits that took
//! place (not cancelled, over by now), one row each, with their audience, seats and attendance.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::context::Lookups;
use super::evaluation::event_ratings;
use super::period::ReportPeriod;
use super::row::TtaRow;
use crate::entities::{event_registration, group_event, group_event_site, topic};
use crate::events::{Audience, EventKind};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// The report's rows for group events held in `period`.
pub async fn event_rows(
    db: &Database,
    lookups: &Lookups,
    period: ReportPeriod,
    now: DateTime<Utc>,
) -> Result<Vec<TtaRow>, ServiceError> {
    let (Some(from), Some(until)) = (
        (period.first() - Duration::days(1)).and_hms_opt(0, 0, 0),
        (period.last() + Duration::days(2)).and_hms_opt(0, 0, 0),
    ) else {
        return Ok(Vec::new());
    };
    let events: Vec<group_event::Model> = group_event::Entity::find()
        .filter(group_event::Column::StartsAt.gte(from.and_utc()))
        .filter(group_event::Column::StartsAt.lt(until.and_utc()))
        .filter(group_event::Column::Status.ne("cancelled"))
        .filter(group_event::Column::EndsAt.lte(now))
        .order_by_asc(group_event::Column::StartsAt)
        .all(db.conn())
        .await?;
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = events.iter().map(|e| e.id).collect();
    let mut audience_sites: HashMap<i32, Vec<i32>> = HashMap::new();
    for link in group_event_site::Entity::find()
        .filter(group_event_site::Column::EventId.is_in(ids.clone()))
        .all(db.conn())
        .await?
    {
        audience_sites
            .entry(link.event_id)
            .or_default()
            .push(link.site_id);
    }
    // (seated, present, attendance recorded for anyone)
    let mut seats: HashMap<i32, (i64, i64, bool)> = HashMap::new();
    for r in event_registration::Entity::find()
        .filter(event_registration::Column::EventId.is_in(ids.clone()))
        .all(db.conn())
        .await?
    {
        let entry = seats.entry(r.event_id).or_default();
        entry.0 += i64::from(r.status == "registered");
        entry.1 += i64::from(r.attendance.as_deref() == Some("present"));
        entry.2 |= r.attendance.is_some();
    }
    let topics: HashMap<i32, String> = topic::Entity::find()
        .all(db.conn())
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let names =
        crate::accounts::users::display_names(db, events.iter().filter_map(|e| e.provider_id))
            .await?;
    let ratings = event_ratings(db, &ids).await?;
    let mut rows = Vec::new();
    for event in events {
        let zone = match lookups.sites.get(&event.host_site_id) {
            Some(site) => site.zone,
            None => TimeZone::parse(&event.time_zone)
                .map_err(|e| ServiceError::Internal(format!("event {}: {e}", event.id)))?,
        };
        let start = zone.local(event.starts_at);
        if !period.holds(start.date()) {
            continue;
        }
        let host = lookups.site_label(event.host_site_id);
        let (audience, sites) = match Audience::parse(&event.audience) {
            Some(Audience::All) => (
                "All programme sites".to_owned(),
                vec!["All programme sites".to_owned()],
            ),
            Some(Audience::Sites) => {
                let mut sites = vec![host.clone()];
                let mut others: Vec<String> = audience_sites
                    .get(&event.id)
                    .into_iter()
                    .flatten()
                    .filter(|id| **id != event.host_site_id)
                    .map(|id| lookups.site_label(*id))
                    .collect();
                others.sort();
                sites.extend(others);
                (format!("Staff of {} sites", sites.len()), sites)
            }
            _ => ("Staff of the host site".to_owned(), vec![host.clone()]),
        };
        let mode = match (
            event.location.trim().is_empty(),
            event.virtual_link.trim().is_empty(),
        ) {
            (true, false) => "Virtual",
            (false, false) => "Hybrid",
            _ => "On-site",
        };
        let (seated, present, taken) = seats.get(&event.id).copied().unwrap_or_default();
        let (evaluations, mean_rating) = ratings.get(&event.id).copied().unwrap_or((0, None));
        let (engagement, phase_now, phase_then) =
            lookups.engagement_columns(event.engagement_id, start.date());
        rows.push(TtaRow {
            id: format!("E-{}", event.id),
            kind: EventKind::label_of(&event.kind),
            title: event.title.clone(),
            mode: mode.to_owned(),
            start,
            end: zone.local(event.ends_at),
            zone: zone.name().to_owned(),
            zone_abbreviation: zone.abbreviation(event.starts_at),
            audience,
            host_site: host,
            sites,
            location: event.location.clone(),
            registered: Some(seated),
            attended: taken.then_some(present),
            expected: None,
            engagement,
            phase_now,
            phase_then,
            core_areas: event
                .topic_id
                .and_then(|t| topics.get(&t).cloned())
                .into_iter()
                .collect(),
            providers: event
                .provider_id
                .and_then(|p| names.get(&p).cloned())
                .into_iter()
                .collect(),
            evaluations,
            mean_rating,
        });
    }
    Ok(rows)
}
