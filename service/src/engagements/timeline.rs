//! An engagement's sessions over time, as its page shows them to the site, staff and the TTA
//! team ([`engagement_timeline`]): the next five sessions in the reader's zone, and the
//! three-year timeline — per calendar quarter on the *site's* clock (a session at 23:30 on
//! 31 March in Chicago is a first-quarter session, though it is April in UTC), the sessions
//! delivered against those planned, with the phases along it and today marked.
//!
//! Counting: a session is *planned* in the quarter its start falls in unless it is cancelled;
//! it is *delivered* once completed, or confirmed and over.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use contract::views::engagement::{
    EngagementTimeline, NextSessionLine, TimelinePhase, TimelineQuarter,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::health::{PhaseProgress, phase_progress, quarter_of};
use crate::access::{Actor, ensure_site};
use crate::accounts::Role;
use crate::entities::{app_user, engagement, engagement_phase, site, tta_request, tta_session};
use crate::mail::messages::Person;
use crate::mail::messages::links::{Topic, path_for};
use crate::status::SessionStatus;
use crate::timefmt::span_with_site;
use crate::views::{reader_zone, stored_zone};
use crate::{Database, ServiceError};

/// How many sessions "Next sessions" lists.
const NEXT: u64 = 5;

/// The engagement's next sessions and its timeline on `now`: staff, the contacts of its site and
/// the providers on its TTA team (to anyone else it does not exist).
pub async fn engagement_timeline(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
    now: DateTime<Utc>,
) -> Result<EngagementTimeline, ServiceError> {
    let e = readable(db, actor, engagement_id).await?;
    let site = site::Entity::find_by_id(e.site_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("engagement {} has no site", e.id)))?;
    let site_zone = stored_zone(&site.time_zone)?;
    let today = site_zone.local(now).date();
    let request_ids: Vec<i32> = tta_request::Entity::find()
        .filter(tta_request::Column::EngagementId.eq(e.id))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let sessions = tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.is_in(request_ids.clone()))
        .filter(tta_session::Column::Status.ne(SessionStatus::Cancelled.as_str()))
        .all(db.conn())
        .await?;
    let counted: Vec<(NaiveDate, bool)> = sessions
        .iter()
        .map(|s| (site_zone.local(s.starts_at).date(), delivered(s, now)))
        .collect();
    let phases = engagement_phase::Entity::find()
        .filter(engagement_phase::Column::EngagementId.eq(e.id))
        .order_by_asc(engagement_phase::Column::Position)
        .all(db.conn())
        .await?;
    let first = counted
        .iter()
        .map(|(day, _)| *day)
        .chain([e.starts_on])
        .min()
        .unwrap_or(e.starts_on);
    let last = counted
        .iter()
        .map(|(day, _)| *day)
        .chain([e.planned_end])
        .max()
        .unwrap_or(e.planned_end);
    let spans = quarters_between(first, last);
    let start = spans.first().map_or(first, |(from, _)| *from);
    let end = spans.last().map_or(last, |(_, to)| *to);
    let day_of = |d: NaiveDate| i32::try_from((d - start).num_days()).unwrap_or(i32::MAX);
    let tallies = tally(&spans, &counted);
    let quarters: Vec<TimelineQuarter> = spans
        .iter()
        .zip(tallies)
        .map(|(&(from, to), (delivered, planned))| TimelineQuarter {
            label: quarter_label(from),
            months: format!("{} – {}", from.format("%b"), to.format("%b %Y")),
            start_day: day_of(from),
            days: day_of(to) - day_of(from) + 1,
            delivered,
            planned,
            current: from <= today && today <= to,
        })
        .collect();
    let month = |d: NaiveDate| d.format("%b %Y").to_string();
    let phases: Vec<TimelinePhase> = phases
        .iter()
        .map(|p| {
            let (progress, overdue) = phase_progress(p, today);
            TimelinePhase {
                name: p.name.clone(),
                target: format!("{} – {}", month(p.target_start), month(p.target_end)),
                start_day: day_of(p.target_start),
                end_day: day_of(p.target_end) + 1,
                finished: matches!(progress, PhaseProgress::Finished(_)),
                overdue,
            }
        })
        .collect();
    let total_days = day_of(end) + 1;
    let today_day = (start <= today && today <= end).then(|| day_of(today));
    let summary = summary(&quarters, today);
    Ok(EngagementTimeline {
        engagement_id: e.id,
        next_sessions: next_sessions(db, actor, &request_ids, &site, now).await?,
        quarters,
        phases,
        total_days,
        today_day,
        today: crate::timefmt::date(today),
        site_zone: site.time_zone,
        summary,
    })
}

/// The engagement `engagement_id` if `actor` may read it: staff, the contacts of its site, and
/// the providers on its TTA team; to anyone else it is not found.
pub(super) async fn readable(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
) -> Result<engagement::Model, ServiceError> {
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
        if !super::team::serves(db.conn(), actor.id(), e.id).await? {
            return Err(not_found());
        }
    } else {
        ensure_site(actor.user(), e.site_id).map_err(|_| not_found())?;
    }
    Ok(e)
}

/// Whether a (not cancelled) session counts as delivered on `now`.
fn delivered(session: &tta_session::Model, now: DateTime<Utc>) -> bool {
    match SessionStatus::parse(&session.status) {
        Ok(SessionStatus::Completed) => true,
        Ok(SessionStatus::Confirmed) => session.ends_at <= now,
        _ => false,
    }
}

/// The next [`NEXT`] tentative or confirmed sessions not yet over, in the reader's zone with the
/// site's clock beside it, each linking to the reader's own page about it.
async fn next_sessions(
    db: &Database,
    actor: &Actor,
    request_ids: &[i32],
    site: &site::Model,
    now: DateTime<Utc>,
) -> Result<Vec<NextSessionLine>, ServiceError> {
    let sessions = tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.is_in(request_ids.iter().copied()))
        .filter(tta_session::Column::Status.is_in([
            SessionStatus::Tentative.as_str(),
            SessionStatus::Confirmed.as_str(),
        ]))
        .filter(tta_session::Column::EndsAt.gt(now))
        .order_by_asc(tta_session::Column::StartsAt)
        .order_by_asc(tta_session::Column::Id)
        .limit(NEXT)
        .all(db.conn())
        .await?;
    let titles: HashMap<i32, String> = tta_request::Entity::find()
        .filter(tta_request::Column::Id.is_in(sessions.iter().map(|s| s.request_id)))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| (r.id, r.title))
        .collect();
    let providers: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(sessions.iter().map(|s| s.provider_id)))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let zone = reader_zone(actor)?;
    let site_zone = stored_zone(&site.time_zone)?;
    let user = actor.user();
    let reader = Person {
        name: user.display_name.clone(),
        email: user.email.clone(),
        zone: user
            .time_zone
            .parse::<Tz>()
            .map_err(|_| ServiceError::Internal(format!("user {}: unknown zone", user.id)))?,
        role: user.role,
    };
    sessions
        .into_iter()
        .map(|s| {
            let status = SessionStatus::parse(&s.status)
                .map_err(|e| ServiceError::Internal(e.to_string()))?;
            Ok(NextSessionLine {
                session_id: s.id,
                title: titles.get(&s.request_id).cloned().unwrap_or_default(),
                occurrence: s.occurrence,
                when: span_with_site(s.starts_at, s.ends_at, zone, site_zone),
                status,
                provider: providers.get(&s.provider_id).cloned().unwrap_or_default(),
                // A request's page for the site and staff, the week holding it for a provider.
                href: path_for(
                    &reader,
                    Topic::Session {
                        request_id: s.request_id,
                        starts_at: s.starts_at,
                    },
                ),
            })
        })
        .collect()
}

/// The calendar quarters from the one holding `first` to the one holding `last`, each as its
/// first and last day.
pub(crate) fn quarters_between(first: NaiveDate, last: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut quarters = Vec::new();
    let mut day = first;
    while day <= last {
        let (from, to) = quarter_of(day);
        quarters.push((from, to));
        match to.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    quarters
}

/// `(delivered, planned)` per quarter of `quarters`, of sessions given as the site's day they
/// start on and whether they were delivered.
fn tally(quarters: &[(NaiveDate, NaiveDate)], sessions: &[(NaiveDate, bool)]) -> Vec<(u32, u32)> {
    quarters
        .iter()
        .map(|&(from, to)| {
            sessions
                .iter()
                .filter(|(day, _)| from <= *day && *day <= to)
                .fold((0, 0), |(delivered, planned), (_, held)| {
                    (delivered + u32::from(*held), planned + 1)
                })
        })
        .collect()
}

/// `Q1 2027` for a quarter starting on `first`.
fn quarter_label(first: NaiveDate) -> String {
    format!("Q{} {}", first.month0() / 3 + 1, first.year())
}

/// The timeline in one sentence: how many sessions are delivered of those planned, over which
/// quarters, and where today falls.
fn summary(quarters: &[TimelineQuarter], today: NaiveDate) -> String {
    let delivered: u32 = quarters.iter().map(|q| q.delivered).sum();
    let planned: u32 = quarters.iter().map(|q| q.planned).sum();
    let (Some(first), Some(last)) = (quarters.first(), quarters.last()) else {
        return "No quarter to show.".to_owned();
    };
    let now = match quarters.iter().find(|q| q.current) {
        Some(q) => format!(
            "today ({}) is in {}, with {} of {} delivered",
            crate::timefmt::date(today),
            q.label,
            q.delivered,
            q.planned
        ),
        None => format!(
            "today ({}) is outside the engagement's quarters",
            crate::timefmt::date(today)
        ),
    };
    format!(
        "{delivered} of {planned} planned {} delivered from {} to {}; {now}.",
        if planned == 1 { "session" } else { "sessions" },
        first.label,
        last.label
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn three_years_from_mid_quarter_span_thirteen_quarters() {
        let quarters = quarters_between(day("2027-02-10"), day("2030-02-10"));
        assert_eq!(quarters.len(), 13);
        assert_eq!(quarters[0], (day("2027-01-01"), day("2027-03-31")));
        assert_eq!(quarters[12], (day("2030-01-01"), day("2030-03-31")));
        assert_eq!(quarter_label(quarters[12].0), "Q1 2030");
        assert_eq!(quarter_label(day("2027-10-01")), "Q4 2027");
    }

    #[test]
    fn sessions_are_counted_in_the_quarter_of_their_local_day() {
        let quarters = quarters_between(day("2027-01-01"), day("2027-06-30"));
        let sessions = [
            (day("2027-03-31"), true),
            (day("2027-04-01"), false),
            (day("2027-01-01"), true),
            (day("2027-05-20"), false),
            (day("2027-07-01"), false),
        ];
        assert_eq!(tally(&quarters, &sessions), vec![(2, 2), (0, 2)]);
    }

    #[test]
    fn the_summary_names_the_totals_and_todays_quarter() {
        let quarter = |label: &str, delivered, planned, current| TimelineQuarter {
            label: label.to_owned(),
            months: String::new(),
            start_day: 0,
            days: 90,
            delivered,
            planned,
            current,
        };
        let text = summary(
            &[
                quarter("Q1 2027", 3, 3, false),
                quarter("Q2 2027", 1, 4, true),
            ],
            day("2027-05-02"),
        );
        assert_eq!(
            text,
            "4 of 7 planned sessions delivered from Q1 2027 to Q2 2027; today (Sun 2 May 2027) \
             is in Q2 2027, with 1 of 4 delivered."
        );
    }
}
