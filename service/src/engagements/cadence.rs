//! Planning an engagement's cadence in one step (issue 16), from the engagement's page: the
//! coordinator lays out lines such as "monthly 90-minute virtual coaching with the liaison" for
//! the engagement's years, previews where the engine places every occurrence, and sends it all.
//!
//! Use cases (coordinators and administrators; anyone else 403):
//! - [`cadence_choices`]: the roles on the TTA team and the form's defaults;
//! - [`preview_cadence`]: every line's series placed in its provider's hours, time off,
//!   bookings, caps and buffers, the site's blackouts and federal holidays, on the site's clock
//!   across DST (the pure part is [`super::cadence_plan`]); nothing is written;
//! - [`send_cadence`]: the same plan again, checked against what the preview showed (409 naming
//!   the occurrence that moved), then in one transaction a request per line attached to the
//!   engagement, a proposal per line to its provider with the sessions booked tentatively and
//!   the proposal e-mail queued — the steps `proposals::propose` uses
//!   (`requests::store_request_in`, `proposals::book_proposal_in`).
//!
//! A role several people on the TTA team hold (the SME team) makes a **team line**: every
//! holder of the role, or those the line names (`providers`), delivers each session together.
//! Its times are placed free for all of them at once (collective availability), an occurrence
//! no time suits is shown naming who is busy, and sending books the team as
//! `teams::book_team` does (a proposal and a row per provider, tied as one joint session).
//! A team's line of on-site visits (the SME team on a visit) checks every visit day and travel
//! day for every member; an occurrence no date suits names the member and the day on the
//! site's calendar.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use contract::FieldErrors;
use contract::forms::CadenceForm;
use contract::status::EngagementStatus;
use contract::views::cadence::{
    AlternativeTime, CadenceChoices, CadenceHolder, CadenceLinePreview, CadencePreview,
    CadenceRole, CadenceSent, UnplacedOccurrence,
};
use contract::vocabulary::{TeamRole, TeamSide};
use scheduling::matching::{
    self, AvailabilityFit, Candidate, Level, MatchRequest, RequestId, SiteId, SiteRef,
    WeeklyWindow, WorkingHours,
};
use scheduling::{Outcome, SeriesPlan};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::cadence_line::{CadenceLine, LineBounds, MAX_LINES, line_field};
use super::cadence_plan::{LineInput, plan_cadence_lines};
use crate::access::{Actor, STAFF};
use crate::engine::{
    AdjustedPlan, Focus, PlanMove, SchedulingSettings, load_providers, site_blackouts,
};
use crate::entities::{
    app_user, engagement, engagement_member, session_team_member, site, tta_request,
};
use crate::intake::{EngagementType, RequestDraft};
use crate::notify::NotifySettings;
use crate::proposals::{book_proposal_in, proposal_sessions};
use crate::requests::store_request_in;
use crate::sessions::{NewSession, explain_double_booking};
use crate::teams::{TeamMemberBooking, book_team_in};
use crate::timefmt::span_with_site;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// How many of a line's first sessions the preview lists.
const FIRST_SHOWN: usize = 3;

/// The roles on the engagement's TTA team and the form's defaults. Staff only.
pub async fn cadence_choices(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
    now: DateTime<Utc>,
) -> Result<CadenceChoices, ServiceError> {
    actor.require(STAFF)?;
    let (e, zone) = engagement_and_zone(db, engagement_id).await?;
    let holders = tta_holders(db, engagement_id).await?;
    let today = zone.local(now).date();
    Ok(CadenceChoices {
        engagement_id,
        site_zone: zone.name().to_owned(),
        default_from: e.starts_on.max(today).to_string(),
        default_through: e.planned_end.to_string(),
        ends_on: e.planned_end.format("%-d %b %Y").to_string(),
        roles: TeamRole::TTA
            .iter()
            .map(|role| CadenceRole {
                role: *role,
                holders: holders
                    .get(role)
                    .map(|h| {
                        h.iter()
                            .map(|(user_id, name)| CadenceHolder {
                                user_id: *user_id,
                                name: name.clone(),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect(),
        closed: is_over(&e),
    })
}

/// Where the engine would place every line now; nothing is written. Staff only. Refused beside
/// the field: a line's mistakes, a role nobody on the team holds, a line past the engagement's
/// planned end.
pub async fn preview_cadence(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
    form: &CadenceForm,
    now: DateTime<Utc>,
) -> Result<CadencePreview, ServiceError> {
    actor.require(STAFF)?;
    let planned = plan(db, actor, engagement_id, form, now).await?;
    Ok(planned.preview())
}

/// Plans the cadence again and, if it still matches what the preview showed, creates a request
/// per line on the engagement and sends each line's sessions to its provider as a proposal, all
/// in one transaction. Staff only. Refused: an occurrence without a time (beside its line), a
/// plan that changed since the preview or a booking that raced it (409 naming the occurrence).
pub async fn send_cadence(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
    form: &CadenceForm,
    notify: &NotifySettings,
    now: DateTime<Utc>,
) -> Result<CadenceSent, ServiceError> {
    actor.require(STAFF)?;
    if form.previewed.trim().is_empty() {
        return Err(ServiceError::field(
            "previewed",
            "Preview the plan before sending it.",
        ));
    }
    let planned = plan(db, actor, engagement_id, form, now).await?;
    planned.same_as_previewed(&form.previewed)?;
    let mut incomplete = FieldErrors::new();
    for (index, plan) in planned.plans.iter().enumerate() {
        let missing = plan.occurrences.len() - plan.placed();
        if missing == 0 {
            continue;
        }
        let team = &planned.teams[index];
        let message = if team.len() > 1 {
            // A team's line: name who is busy for the first session without a time.
            let first = plan
                .occurrences
                .iter()
                .find(|o| o.slot().is_none())
                .and_then(|o| {
                    planned.team_notes[index]
                        .get(&o.engine.index)
                        .map(|note| format!(" Session {}: {note}", o.engine.index))
                })
                .unwrap_or_default();
            format!(
                "{missing} of {} sessions find no time free for all of {}.{first} Change the \
                 line's weekdays, window or dates, or name fewer providers for it.",
                plan.occurrences.len(),
                planned.team_names(index)
            )
        } else {
            format!(
                "{missing} of {} sessions have no time: choose one of the other times offered \
                 for each, or change the line.",
                plan.occurrences.len()
            )
        };
        incomplete.add(line_field(index, "plan"), message);
    }
    if !incomplete.is_empty() {
        return Err(ServiceError::InvalidFields(incomplete));
    }
    let kind = EngagementType::parse(&planned.engagement.kind).ok_or_else(|| {
        ServiceError::Internal(format!(
            "engagement {engagement_id}: kind '{}'",
            planned.engagement.kind
        ))
    })?;
    let scores = planned.scores()?;
    let mut booked: Vec<NewSession> = Vec::new();
    let outcome = db
        .transaction(async |txn| {
            let current = engagement::Entity::find_by_id(engagement_id)
                .one(txn)
                .await?
                .ok_or_else(|| ServiceError::NotFound(format!("Engagement #{engagement_id}")))?;
            if is_over(&current) {
                return Err(ServiceError::Conflict(
                    "The engagement was closed meanwhile; nothing was sent.".to_owned(),
                ));
            }
            let mut sent = CadenceSent::default();
            for (index, (line, plan)) in planned.lines.iter().zip(&planned.plans).enumerate() {
                let team = &planned.teams[index];
                let draft = line_draft(line, kind, plan.occurrences.len());
                let request_id = store_request_in(
                    txn,
                    planned.engagement.site_id,
                    Some(engagement_id),
                    Some(actor.id()),
                    &draft,
                    Some(notify),
                )
                .await?;
                let request = tta_request::Entity::find_by_id(request_id)
                    .one(txn)
                    .await?
                    .ok_or_else(|| ServiceError::NotFound(format!("Request #{request_id}")))?;
                let in_line = |e: ServiceError| match e {
                    ServiceError::Conflict(m) => ServiceError::Conflict(format!(
                        "“{}”: {m} Preview again to plan around it.",
                        line.title
                    )),
                    other => other,
                };
                if team.len() > 1 {
                    let occurrences = plan.proposed();
                    let members = team
                        .iter()
                        .map(|(id, name)| {
                            let (score, breakdown_json) = planned.score_for(index, *id)?;
                            Ok(TeamMemberBooking {
                                provider_id: *id,
                                name: name.clone(),
                                score,
                                breakdown_json,
                            })
                        })
                        .collect::<Result<Vec<_>, ServiceError>>()?;
                    let team_id = book_team_in(
                        txn,
                        &request,
                        &members,
                        &occurrences,
                        Some(actor.id()),
                        notify,
                        &planned.settings,
                    )
                    .await
                    .map_err(in_line)?;
                    let proposals = session_team_member::Entity::find()
                        .filter(session_team_member::Column::TeamId.eq(team_id))
                        .order_by_asc(session_team_member::Column::Position)
                        .all(txn)
                        .await?;
                    sent.sessions +=
                        u32::try_from(occurrences.len() * members.len()).unwrap_or(u32::MAX);
                    sent.requests.push(request_id);
                    sent.proposals
                        .extend(proposals.into_iter().map(|m| m.proposal_id));
                    continue;
                }
                let provider = &team[0];
                let sessions =
                    proposal_sessions(&request, provider.0, &plan.proposed(), &planned.settings)?;
                let (score, breakdown) = scores[index].clone();
                let proposal =
                    book_proposal_in(txn, &sessions, score, breakdown, Some(actor.id()), notify)
                        .await
                        .map_err(in_line)?;
                sent.sessions += u32::try_from(sessions.len()).unwrap_or(u32::MAX);
                booked.extend(sessions);
                sent.requests.push(request_id);
                sent.proposals.push(proposal);
            }
            Ok(sent)
        })
        .await;
    let mut sent = explain_double_booking(db, &booked, outcome).await?;
    let mut names: Vec<&str> = Vec::new();
    for (_, name) in planned.teams.iter().flatten() {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    sent.message = format!(
        "{} {} with {} sessions sent to {}. Each provider has been e-mailed; the sessions hold \
         their time until they answer.",
        sent.proposals.len(),
        if sent.proposals.len() == 1 {
            "proposal"
        } else {
            "proposals"
        },
        sent.sessions,
        names.join(", ")
    );
    Ok(sent)
}

/// The cadence planned: its engagement, lines, providers and the engine's plans.
struct Planned {
    engagement: engagement::Model,
    site: site::Model,
    zone: TimeZone,
    reader: TimeZone,
    settings: SchedulingSettings,
    lines: Vec<CadenceLine>,
    inputs: Vec<LineInput>,
    /// The providers of each line (id and name): one, or a team (by name) for a role several
    /// people hold.
    teams: Vec<Vec<(i32, String)>>,
    profiles: HashMap<i32, matching::ProviderProfile>,
    plans: Vec<AdjustedPlan>,
    /// For each team line: why an occurrence is not at its requested time, naming who is busy.
    team_notes: Vec<BTreeMap<u32, String>>,
}

async fn plan(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
    form: &CadenceForm,
    now: DateTime<Utc>,
) -> Result<Planned, ServiceError> {
    let (e, zone) = engagement_and_zone(db, engagement_id).await?;
    if is_over(&e) {
        return Err(ServiceError::field(
            "engagement_id",
            "This engagement is closed: nothing more can be planned for it.",
        ));
    }
    let site = site::Entity::find_by_id(e.site_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Site #{}", e.site_id)))?;
    let settings = SchedulingSettings::load(db).await?;
    let mut errors = FieldErrors::new();
    if form.lines.is_empty() {
        errors.add("lines", "Add at least one line to plan.");
    }
    if form.lines.len() > MAX_LINES {
        errors.add("lines", format!("Plan at most {MAX_LINES} lines at once."));
    }
    let bounds = LineBounds {
        starts_on: e.starts_on,
        planned_end: e.planned_end,
        today: zone.local(now).date(),
        granularity: settings.granularity_minutes,
    };
    let holders = tta_holders(db, engagement_id).await?;
    let mut lines = Vec::new();
    let mut teams: Vec<Vec<(i32, String)>> = Vec::new();
    for (index, line_form) in form.lines.iter().enumerate().take(MAX_LINES) {
        let Some(line) = CadenceLine::parse(index, line_form, bounds, &mut errors) else {
            continue;
        };
        match holders.get(&line.role).map(Vec::as_slice) {
            None | Some([]) => errors.add(
                line_field(index, "role"),
                format!(
                    "No one on the TTA team is the {} — add one under Team.",
                    line.role.label().to_lowercase()
                ),
            ),
            Some(held) => {
                if let Some(team) = chosen_team(index, line_form, &line, held, &mut errors) {
                    teams.push(team);
                    lines.push(line);
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::InvalidFields(errors));
    }
    let first = lines.iter().map(|l| l.from).min().unwrap_or(e.starts_on);
    let last = lines
        .iter()
        .map(|l| l.through)
        .max()
        .unwrap_or(e.planned_end);
    let mut ids: Vec<i32> = teams.iter().flatten().map(|p| p.0).collect();
    ids.sort_unstable();
    ids.dedup();
    let day_start = |d: chrono::NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .map_or(DateTime::<Utc>::MIN_UTC, |t| t.and_utc())
    };
    let focus = Focus {
        busy_window: (
            day_start(first - Duration::days(8)),
            day_start(last + Duration::days(9)),
        ),
        sites: vec![e.site_id],
    };
    let loaded = load_providers(db, Some(&ids), &settings, now, Some(&focus)).await?;
    let mut schedules = HashMap::new();
    let mut profiles = HashMap::new();
    for p in loaded {
        schedules.insert(p.id, p.schedule);
        profiles.insert(p.id, p.profile);
    }
    for (index, team) in teams.iter().enumerate() {
        for (id, name) in team {
            if !schedules.contains_key(id) {
                errors.add(
                    line_field(index, "role"),
                    format!(
                        "{name} cannot take sessions now (not an active provider with a \
                         profile); change the team under Team."
                    ),
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::InvalidFields(errors));
    }
    let blackouts = site_blackouts(db, e.site_id, first, last).await?;
    let inputs = lines
        .iter()
        .zip(&teams)
        .map(|(line, team)| {
            let lead = team.first().map_or(0, |(id, _)| *id);
            LineInput::new(line, lead, zone, blackouts.clone(), &settings)
                .map(|input| input.with_team(team.iter().skip(1).map(|(id, _)| *id).collect()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let names: HashMap<i32, String> = teams.iter().flatten().cloned().collect();
    let planned = plan_cadence_lines(&inputs, &mut schedules, now, &names)?;
    let (plans, team_notes) = planned
        .into_iter()
        .map(|line| (line.plan, line.team_notes))
        .unzip();
    let reader = TimeZone::parse(&actor.user().time_zone).unwrap_or(zone);
    Ok(Planned {
        engagement: e,
        site,
        zone,
        reader,
        settings,
        lines,
        inputs,
        teams,
        profiles,
        plans,
        team_notes,
    })
}

/// The providers of line `index` among `held` (the holders of its role, by name): one holder
/// alone; for several, those the line names in `providers` (ids), else all of them. Refused
/// beside `line_N_providers`: `none` (everyone unticked), an id that is not a holder of the
/// role, more than eight.
fn chosen_team(
    index: usize,
    form: &contract::forms::CadenceLineForm,
    line: &CadenceLine,
    held: &[(i32, String)],
    errors: &mut FieldErrors,
) -> Option<Vec<(i32, String)>> {
    /// Most providers delivering one line together (as for a team proposal).
    const MOST: usize = 8;
    let role = line.role.label().to_lowercase();
    let names = || {
        held.iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    // The form's word for "everyone unticked".
    if form.providers.trim() == "none" {
        errors.add(
            line_field(index, "providers"),
            format!(
                "Tick at least one of the {role}s on the TTA team to deliver this line: {}.",
                names()
            ),
        );
        return None;
    }
    let named: Vec<&str> = form
        .providers
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let team: Vec<(i32, String)> = if named.is_empty() {
        held.to_vec()
    } else {
        let mut team = Vec::new();
        for text in named {
            match text
                .parse::<i32>()
                .ok()
                .and_then(|id| held.iter().find(|(h, _)| *h == id))
            {
                Some(holder) if !team.contains(holder) => team.push(holder.clone()),
                Some(_) => {}
                None => {
                    errors.add(
                        line_field(index, "providers"),
                        format!("Choose among the {role}s on the TTA team: {}.", names()),
                    );
                    return None;
                }
            }
        }
        team.sort_by(|a, b| a.1.cmp(&b.1));
        team
    };
    if team.len() > MOST {
        errors.add(
            line_field(index, "providers"),
            format!(
                "{} people are the {role}; at most {MOST} deliver one line together — name \
                 them under providers.",
                team.len()
            ),
        );
        return None;
    }
    Some(team)
}

impl Planned {
    fn when(&self, slot: scheduling::Interval) -> String {
        span_with_site(slot.start(), slot.end(), self.reader, self.zone)
    }

    fn preview(&self) -> CadencePreview {
        let mut preview = CadencePreview::default();
        for (index, plan) in self.plans.iter().enumerate() {
            let line = &self.lines[index];
            let placed: Vec<scheduling::Interval> =
                plan.occurrences.iter().filter_map(|o| o.slot()).collect();
            let moved = plan
                .occurrences
                .iter()
                .filter(|o| o.chosen.is_some() || matches!(o.engine.outcome, Outcome::Moved { .. }))
                .count();
            let unplaced = plan
                .occurrences
                .iter()
                .filter(|o| o.slot().is_none())
                .map(|o| UnplacedOccurrence {
                    occurrence: o.engine.index,
                    wanted: self.when(o.engine.anchor),
                    reasons: match (
                        self.team_notes[index].get(&o.engine.index),
                        &o.engine.outcome,
                    ) {
                        // A team's line names the member in the way.
                        (Some(note), _) => vec![note.clone()],
                        (None, Outcome::Unplaced { reasons }) => {
                            reasons.iter().map(ToString::to_string).collect()
                        }
                        _ => Vec::new(),
                    },
                    alternatives: o
                        .alternatives
                        .iter()
                        .map(|slot| AlternativeTime {
                            starts_at: slot.interval.start().timestamp(),
                            label: self.when(slot.interval),
                        })
                        .collect(),
                })
                .collect();
            let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            preview.requested += count(plan.occurrences.len());
            preview.placed += count(placed.len());
            preview.lines.push(CadenceLinePreview {
                title: line.title.clone(),
                provider: format!("{} ({})", self.team_names(index), line.role.label()),
                requested: count(plan.occurrences.len()),
                placed: count(placed.len()),
                moved: count(moved),
                first: placed
                    .iter()
                    .take(FIRST_SHOWN)
                    .map(|s| self.when(*s))
                    .collect(),
                last: placed.last().map(|s| self.when(*s)).unwrap_or_default(),
                unplaced,
            });
        }
        preview.previewed = self
            .plans
            .iter()
            .map(|plan| PlanMove::write_list(&placements(plan)))
            .collect::<Vec<_>>()
            .join(";");
        preview.can_send = preview.requested == preview.placed && preview.requested > 0;
        preview
    }

    /// Refuses (409, naming the occurrence) when the plan differs from the one previewed.
    fn same_as_previewed(&self, previewed: &str) -> Result<(), ServiceError> {
        let again = || {
            ServiceError::Conflict(
                "The lines changed since the preview; preview again before sending.".to_owned(),
            )
        };
        let shown: Vec<&str> = previewed.split(';').collect();
        if shown.len() != self.plans.len() {
            return Err(again());
        }
        for (index, (plan, text)) in self.plans.iter().zip(shown).enumerate() {
            let before: BTreeMap<u32, DateTime<Utc>> = PlanMove::parse_list(text)
                .map_err(|_| again())?
                .into_iter()
                .map(|m| (m.occurrence, m.starts_at))
                .collect();
            let now: BTreeMap<u32, DateTime<Utc>> = placements(plan)
                .into_iter()
                .map(|m| (m.occurrence, m.starts_at))
                .collect();
            for (occurrence, start) in &before {
                if now.get(occurrence) != Some(start) {
                    let length = Duration::minutes(i64::from(self.lines[index].session_minutes));
                    return Err(ServiceError::Conflict(format!(
                        "Session {occurrence} of “{}” ({}) cannot be booked any more: {}'s \
                         calendar changed since the preview. Preview again to see the new times.",
                        self.lines[index].title,
                        span_with_site(*start, *start + length, self.reader, self.zone),
                        self.team_names(index)
                    )));
                }
            }
            if now.len() != before.len() {
                return Err(again());
            }
        }
        Ok(())
    }

    /// "Dana Reyes", or "Dana Reyes and Sam Ortiz" for a team's line.
    fn team_names(&self, index: usize) -> String {
        let names: Vec<&str> = self.teams[index].iter().map(|(_, n)| n.as_str()).collect();
        scheduling::join_names(&names)
    }

    /// Each line's score for its (first) provider; see [`Self::score_for`].
    fn scores(&self) -> Result<Vec<(f64, String)>, ServiceError> {
        (0..self.lines.len())
            .map(|index| {
                let lead = self.teams[index].first().map_or(0, |(id, _)| *id);
                self.score_for(index, lead)
            })
            .collect()
    }

    /// Line `index`'s score for `provider_id` (as a proposal records it): the matching
    /// engine's breakdown when the provider passes its hard rules for the line, else 0.
    fn score_for(&self, index: usize, provider_id: i32) -> Result<(f64, String), ServiceError> {
        let weights = self.settings.score_weights()?;
        let line = &self.lines[index];
        let Some(profile) = self.profiles.get(&provider_id) else {
            return Ok((0.0, "{}".to_owned()));
        };
        let input = &self.inputs[index];
        let series_plan = SeriesPlan {
            occurrences: self.plans[index]
                .occurrences
                .iter()
                .map(|o| o.engine.clone())
                .collect(),
        };
        let fit = AvailabilityFit::from_series(&series_plan, &input.series);
        let minute = |t: chrono::NaiveTime| {
            use chrono::Timelike;
            u16::try_from(t.hour() * 60 + t.minute()).unwrap_or(0)
        };
        let windows = line
            .weekdays
            .iter()
            .filter_map(|d| {
                WeeklyWindow::new(*d, minute(line.window_start), minute(line.window_end)).ok()
            })
            .collect();
        let wanted = MatchRequest {
            id: RequestId(0),
            site: SiteRef {
                id: SiteId(i64::from(self.site.id)),
                name: self.site.name.clone(),
                region: self.site.region.clone(),
            },
            topics: Vec::new(),
            min_level: Level::MIN,
            modality: line.modality.engine(),
            preferred_hours: WorkingHours::new(self.zone.tz(), windows),
        };
        let ranking = matching::rank_providers(
            &wanted,
            &[Candidate {
                profile,
                availability: Some(&fit),
            }],
            &weights,
        );
        match ranking.eligible.first() {
            Some(ranked) => Ok((
                ranked.breakdown.score,
                serde_json::to_string(&ranked.breakdown)
                    .map_err(|e| ServiceError::Internal(format!("score breakdown: {e}")))?,
            )),
            None => Ok((0.0, "{}".to_owned())),
        }
    }
}

/// The placed occurrences of `plan` as moves (`occurrence@start`), the preview's record.
fn placements(plan: &AdjustedPlan) -> Vec<PlanMove> {
    plan.occurrences
        .iter()
        .filter_map(|o| {
            o.slot().map(|slot| PlanMove {
                occurrence: o.engine.index,
                starts_at: slot.start(),
            })
        })
        .collect()
}

/// The request a line becomes: everything the coordinator chose, for the engagement's kind.
fn line_draft(line: &CadenceLine, kind: EngagementType, count: usize) -> RequestDraft {
    RequestDraft {
        title: line.title.clone(),
        topic_ids: Vec::new(),
        description: match line.visit {
            Some(visit) => format!(
                "Planned with the engagement's cadence: {count} on-site visits of {} days, {}, \
                 {}–{} on the site's clock{}.",
                visit.days(),
                line.cadence.label(),
                line.window_start.format("%H:%M"),
                line.window_end.format("%H:%M"),
                if visit.travel_days() {
                    ", travel days kept free"
                } else {
                    ""
                }
            ),
            None => format!(
                "Planned with the engagement's cadence: {} sessions, {}, {} minutes each, {}.",
                count,
                line.cadence.label(),
                line.session_minutes,
                line.modality.label()
            ),
        },
        engagement_type: kind,
        modality: line.modality,
        session_count: u32::try_from(count).unwrap_or(u32::MAX),
        cadence: line.cadence,
        // A visit's day length (its window), as an on-site request stores it.
        session_minutes: line.session_minutes,
        earliest_date: line.from,
        latest_date: line.through,
        preferred_weekdays: line.weekdays.clone(),
        preferred_start: line.window_start,
        preferred_end: line.window_end,
        expected_attendees: 0,
        minimum_level: 1,
        notes: String::new(),
        visit_days: line.visit.map_or(0, |v| v.days()),
        travel_days: line.visit.is_some_and(|v| v.travel_days()),
    }
}

fn is_over(e: &engagement::Model) -> bool {
    matches!(
        EngagementStatus::parse(&e.status),
        Ok(EngagementStatus::Closed | EngagementStatus::Closing)
    )
}

async fn engagement_and_zone(
    db: &Database,
    engagement_id: i32,
) -> Result<(engagement::Model, TimeZone), ServiceError> {
    let e = engagement::Entity::find_by_id(engagement_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Engagement #{engagement_id}")))?;
    let s = site::Entity::find_by_id(e.site_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Site #{}", e.site_id)))?;
    let zone = TimeZone::parse(&s.time_zone)
        .map_err(|err| ServiceError::Internal(format!("site {}: {err}", s.id)))?;
    Ok((e, zone))
}

/// Who holds each TTA role on the engagement's team: (user id, name), by name.
async fn tta_holders(
    db: &Database,
    engagement_id: i32,
) -> Result<HashMap<TeamRole, Vec<(i32, String)>>, ServiceError> {
    let members = engagement_member::Entity::find()
        .filter(engagement_member::Column::EngagementId.eq(engagement_id))
        .filter(engagement_member::Column::Side.eq(TeamSide::Tta.as_str()))
        .all(db.conn())
        .await?;
    let names: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(members.iter().map(|m| m.user_id)))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let mut holders: HashMap<TeamRole, Vec<(i32, String)>> = HashMap::new();
    for m in members {
        let Ok(role) = TeamRole::parse(&m.role) else {
            continue;
        };
        let name = names.get(&m.user_id).cloned().unwrap_or_default();
        holders.entry(role).or_default().push((m.user_id, name));
    }
    for list in holders.values_mut() {
        list.sort_by(|a, b| a.1.cmp(&b.1));
    }
    Ok(holders)
}
