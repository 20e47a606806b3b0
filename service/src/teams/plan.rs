//! The common plan of a team: the request's series placed for every provider at once.

use chrono::{DateTime, Utc};
use contract::views::team::{TeamOccurrenceLine, TeamPlanView};
use scheduling::{PreparedRequest, ProviderSchedule, TeamPlan, Zone, join_names};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::access::{Actor, STAFF};
use crate::engine::{Focus, SchedulingSettings, load_providers, session_request, site_calendar};
use crate::entities::{app_user, conflict_of_interest};
use crate::requests::request_view;
use crate::status::RequestStatus;
use crate::timefmt::span_with_site;
use crate::views::reader_zone;
use crate::{Database, ServiceError};

/// Fewest and most providers in one team.
const TEAM_SIZE: std::ops::RangeInclusive<usize> = 2..=8;

/// A team's plan with the providers it was made for.
#[derive(Clone, Debug)]
pub struct TeamSchedule {
    /// `(provider id, name)`, in the order given.
    pub members: Vec<(i32, String)>,
    pub plan: TeamPlan,
    pub site_zone: Zone,
    /// The request could be proposed now (open for matching).
    pub proposable: bool,
}

impl TeamSchedule {
    /// The members' names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.members.iter().map(|(_, n)| n.as_str()).collect()
    }

    /// "Dana Reyes and Sam Ortiz".
    pub fn with_names(&self) -> String {
        join_names(&self.names())
    }
}

/// Provider ids, comma-separated, as the page sends them: two to eight distinct providers.
pub fn parse_provider_ids(text: &str) -> Result<Vec<i32>, ServiceError> {
    let ids: Vec<i32> = text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<i32>().ok().filter(|id| *id > 0))
        .collect::<Option<_>>()
        .ok_or_else(|| {
            ServiceError::field(
                "providers",
                "The list of providers is malformed: give their ids, separated by commas.",
            )
        })?;
    let mut distinct = ids.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != ids.len() {
        return Err(ServiceError::field(
            "providers",
            "A provider is ticked twice; tick each provider once.",
        ));
    }
    if !TEAM_SIZE.contains(&ids.len()) {
        return Err(ServiceError::field(
            "providers",
            format!(
                "Tick {} to {} providers for a team.",
                TEAM_SIZE.start(),
                TEAM_SIZE.end()
            ),
        ));
    }
    Ok(ids)
}

/// The series of `request_id` planned for every provider of `provider_ids` together, after
/// checking each is an active provider without a conflict of interest with the site (400 naming
/// them otherwise). A step below the door: [`team_plan_page`] and
/// [`super::propose_team`] check the actor first.
pub async fn plan_team(
    db: &Database,
    request_id: i32,
    provider_ids: &[i32],
    now: DateTime<Utc>,
) -> Result<TeamSchedule, ServiceError> {
    let view = request_view(db, request_id).await?;
    let settings = SchedulingSettings::load(db).await?;
    let loaded = load_providers(
        db,
        Some(provider_ids),
        &settings,
        now,
        Some(&Focus::of_request(&view.request)),
    )
    .await?;
    let mut members = Vec::with_capacity(provider_ids.len());
    let mut schedules: Vec<ProviderSchedule> = Vec::with_capacity(provider_ids.len());
    let mut missing = Vec::new();
    for id in provider_ids {
        match loaded.iter().find(|p| p.id == *id) {
            Some(provider) => {
                members.push((provider.id, provider.name.clone()));
                schedules.push(provider.schedule.clone());
            }
            None => missing.push(*id),
        }
    }
    if !missing.is_empty() {
        let names: Vec<String> = app_user::Entity::find()
            .filter(app_user::Column::Id.is_in(missing.clone()))
            .all(db.conn())
            .await?
            .into_iter()
            .map(|u| u.display_name)
            .collect();
        let names = if names.is_empty() {
            format!("Provider #{}", missing[0])
        } else {
            join_names(&names.iter().map(String::as_str).collect::<Vec<_>>())
        };
        return Err(ServiceError::field(
            "providers",
            format!(
                "{names} cannot be proposed: only active providers who have not left the \
                 programme can join a team."
            ),
        ));
    }
    let conflicted: Vec<i32> = conflict_of_interest::Entity::find()
        .filter(conflict_of_interest::Column::ProviderId.is_in(provider_ids.to_vec()))
        .filter(conflict_of_interest::Column::SiteId.eq(view.request.site_id))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|c| c.provider_id)
        .collect();
    if !conflicted.is_empty() {
        let names: Vec<&str> = members
            .iter()
            .filter(|(id, _)| conflicted.contains(id))
            .map(|(_, n)| n.as_str())
            .collect();
        return Err(ServiceError::Invalid(format!(
            "{} cannot serve this site (a conflict of interest is recorded).",
            join_names(&names)
        )));
    }
    let calendar = site_calendar(db, &view.request).await?;
    let series = session_request(&view.request, &settings)?;
    let refs: Vec<&ProviderSchedule> = schedules.iter().collect();
    let prepared = PreparedRequest::new(&calendar, &series, now);
    // A request for on-site visits: every day of every visit checked for every member.
    let plan = match crate::engine::visit_shape(&view.request)? {
        Some(shape) => prepared.place_team_visits(&refs, shape),
        None => prepared.place_team_series(&refs),
    };
    Ok(TeamSchedule {
        members,
        plan,
        site_zone: calendar.zone(),
        proposable: matches!(
            view.status,
            RequestStatus::Submitted | RequestStatus::Matching
        ),
    })
}

/// The coordinator's view of a team's common plan for `request_id` (providers as
/// comma-separated ids). Coordinators and administrators only.
pub async fn team_plan_page(
    db: &Database,
    actor: &Actor,
    request_id: i32,
    providers: &str,
    now: DateTime<Utc>,
) -> Result<TeamPlanView, ServiceError> {
    actor.require(STAFF)?;
    let ids = parse_provider_ids(providers)?;
    let schedule = plan_team(db, request_id, &ids, now).await?;
    let zone = reader_zone(actor)?;
    let names = schedule.names();
    let occurrences: Vec<TeamOccurrenceLine> = schedule
        .plan
        .occurrences
        .iter()
        .map(|o| TeamOccurrenceLine {
            index: o.index,
            when: o
                .slot()
                .map(|s| span_with_site(s.start(), s.end(), zone, schedule.site_zone))
                .unwrap_or_default(),
            placed: o.slot().is_some(),
            note: o.explain(&names),
        })
        .collect();
    let placed = u32::try_from(occurrences.iter().filter(|o| o.placed).count()).unwrap_or(0);
    let requested = u32::try_from(occurrences.len()).unwrap_or(0);
    Ok(TeamPlanView {
        providers: names.iter().map(|n| (*n).to_owned()).collect(),
        with_names: schedule.with_names(),
        requested,
        placed,
        site_zone: schedule.site_zone.name().to_owned(),
        can_send: schedule.proposable && placed == requested && requested > 0,
        occurrences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_lists_are_read_or_refused() {
        assert_eq!(parse_provider_ids(" 3, 7,").ok(), Some(vec![3, 7]));
        for (bad, says) in [
            ("3", "Tick 2 to 8"),
            ("3,3", "twice"),
            ("3,x", "malformed"),
            ("3,-1", "malformed"),
            ("", "Tick 2 to 8"),
        ] {
            assert!(
                parse_provider_ids(bad)
                    .is_err_and(|e| e.to_string().starts_with("providers: ")
                        && e.to_string().contains(says)),
                "{bad}"
            );
        }
    }
}
