//! Each role's home page: "Needs your action" and "Coming up", one use case per role and
//! [`home_overview`] choosing by the reader's role. Every item links to the reader's own page
//! for it ([`crate::mail::messages::links`], the same pages their e-mails open).
//!
//! - Coordinators and administrators: what waits for them ([`crate::waiting`]: accepted
//!   proposals to approve, declines, change asks) and requests whose sessions are not placed
//!   yet; coming up, the programme's next confirmed sessions.
//! - Providers: proposals to answer; coming up, their next sessions.
//! - Site contacts: requests returned to them, sessions of the last [`RATE_WITHIN_DAYS`] days
//!   they have not rated; coming up, their sites' next sessions.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use contract::views::home::{HomeItem, HomeView, WaitingOn};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::access::{Actor, STAFF};
use crate::accounts::Role;
use crate::entities::{feedback, proposal, site, tta_request, tta_session};
use crate::mail::messages::Person;
use crate::mail::messages::links::{Topic, path_for};
use crate::status::{ProposalStatus, RequestStatus, SessionStatus};
use crate::timefmt::{span, span_with_site};
use crate::views::reader_zone;
use crate::{Database, ServiceError};

/// How many sessions "Coming up" lists.
pub const COMING_UP: u64 = 10;
/// Sessions that ended longer ago than this are no longer asked to be rated.
pub const RATE_WITHIN_DAYS: i64 = 30;

/// The acting person's home page at `now`, by their role.
pub async fn home_overview(
    db: &Database,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<HomeView, ServiceError> {
    match actor.role() {
        Role::Coordinator | Role::Admin => coordinator_home(db, actor, now).await,
        Role::Provider => provider_home(db, actor, now).await,
        Role::SiteContact => site_home(db, actor, now).await,
    }
}

/// The reader as links see them.
fn reader(actor: &Actor) -> Result<Person, ServiceError> {
    let user = actor.user();
    Ok(Person {
        name: user.display_name.clone(),
        email: user.email.clone(),
        zone: user
            .time_zone
            .parse::<Tz>()
            .map_err(|_| ServiceError::Internal(format!("user {}: unknown zone", user.id)))?,
        role: user.role,
    })
}

/// Sessions as "Coming up" items for `to`, with their requests' titles and sites; sessions of
/// `host_clock` (peer exchanges the reader's site visits) carry the host site's clock beside.
async fn session_items(
    db: &Database,
    actor: &Actor,
    sessions: Vec<tta_session::Model>,
    host_clock: &[i32],
) -> Result<Vec<HomeItem>, ServiceError> {
    let to = reader(actor)?;
    let zone = reader_zone(actor)?;
    let request_ids: Vec<i32> = sessions.iter().map(|s| s.request_id).collect();
    let requests: HashMap<i32, tta_request::Model> = tta_request::Entity::find()
        .filter(tta_request::Column::Id.is_in(request_ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let sites = site_names(db).await?;
    Ok(sessions
        .into_iter()
        .map(|s| {
            let request = requests.get(&s.request_id);
            let site = request
                .and_then(|r| sites.get(&r.site_id).cloned())
                .unwrap_or_default();
            let status = SessionStatus::parse(&s.status)
                .map_or_else(|_| String::new(), |st| format!(" · {}", st.label()));
            let when = |starts_at, ends_at| match request.filter(|r| host_clock.contains(&r.id)) {
                Some(r) => crate::views::stored_zone(&r.anchor_zone).map_or_else(
                    |_| span(starts_at, ends_at, zone),
                    |host| span_with_site(starts_at, ends_at, zone, host),
                ),
                None => span(starts_at, ends_at, zone),
            };
            // A visit of several days reads day by day, each with its own hours.
            let days = request
                .and_then(|r| crate::views::stored_zone(&r.anchor_zone).ok())
                .map(|site_zone| crate::engine::worked_days(s.starts_at, s.ends_at, site_zone))
                .unwrap_or_default();
            let (kind, time) = if days.is_empty() {
                (
                    format!("Session {}", s.occurrence),
                    when(s.starts_at, s.ends_at),
                )
            } else {
                (
                    format!("Visit {} ({} days)", s.occurrence, days.len()),
                    days.iter()
                        .enumerate()
                        .map(|(i, d)| format!("day {}: {}", i + 1, when(d.start(), d.end())))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            };
            HomeItem {
                kind,
                title: request.map(|r| r.title.clone()).unwrap_or_default(),
                detail: format!("{time} · {site}{status}"),
                href: path_for(
                    &to,
                    Topic::Session {
                        request_id: s.request_id,
                        starts_at: s.starts_at,
                    },
                ),
            }
        })
        .collect())
}

async fn site_names(db: &Database) -> Result<HashMap<i32, String>, ServiceError> {
    Ok(site::Entity::find()
        .all(db.conn())
        .await?
        .into_iter()
        .map(|s| (s.id, format!("{}, {}", s.name, s.state)))
        .collect())
}

/// The coordinator's (or administrator's) home page.
pub async fn coordinator_home(
    db: &Database,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<HomeView, ServiceError> {
    actor.require(STAFF)?;
    let to = reader(actor)?;
    let waiting = crate::waiting::waiting_for_coordinators(db.conn()).await?;
    let declined: Vec<i32> = waiting
        .iter()
        .filter(|w| w.waiting_on == WaitingOn::Declined)
        .map(|w| w.request_id)
        .collect();
    let mut needs_action: Vec<HomeItem> = waiting
        .iter()
        .map(|w| HomeItem {
            kind: w.waiting_on.label().to_owned(),
            title: w.title.clone(),
            detail: format!("{} · {}", w.site, w.detail),
            href: path_for(
                &to,
                Topic::Request {
                    request_id: w.request_id,
                },
            ),
        })
        .collect();
    let sites = site_names(db).await?;
    let unplaced = tta_request::Entity::find()
        .filter(tta_request::Column::Status.is_in([
            RequestStatus::Submitted.as_str(),
            RequestStatus::Matching.as_str(),
        ]))
        .order_by_asc(tta_request::Column::CreatedAt)
        .all(db.conn())
        .await?;
    needs_action.extend(
        unplaced
            .into_iter()
            .filter(|r| !declined.contains(&r.id))
            .map(|r| HomeItem {
                kind: "Sessions to place".to_owned(),
                detail: format!(
                    "{} · {} sessions",
                    sites.get(&r.site_id).cloned().unwrap_or_default(),
                    r.session_count
                ),
                href: path_for(&to, Topic::Request { request_id: r.id }),
                title: r.title,
            }),
    );
    if actor.role() == Role::Admin
        && let Some(outage) = relay_outage(db, actor).await?
    {
        needs_action.insert(0, outage);
    }
    let next = next_confirmed(db, sea_orm::Condition::all(), now).await?;
    Ok(HomeView {
        name: actor.user().display_name.clone(),
        needs_action,
        coming_up: session_items(db, actor, next, &[]).await?,
        delivery: Some(crate::notify::delivery_of(db.conn(), actor.id()).await?),
    })
}

/// An administrator's first item while the mail relay fails: since when and why, with a link to
/// the outbox page that tells the rest (see [`crate::mail::relay`]).
async fn relay_outage(db: &Database, actor: &Actor) -> Result<Option<HomeItem>, ServiceError> {
    let state = crate::mail::relay_state(db).await?;
    let Some(since) = state.failing_since else {
        return Ok(None);
    };
    let zone = reader_zone(actor)?;
    Ok(Some(HomeItem {
        kind: "E-mail relay failing".to_owned(),
        title: format!(
            "No e-mail has gone out since {}",
            crate::timefmt::instant(since, zone)
        ),
        detail: format!(
            "{}; the messages wait with their attempts kept",
            state.reason.unwrap_or_else(|| "the relay fails".to_owned())
        ),
        href: "/admin/outbox".to_owned(),
    }))
}

/// The provider's home page: their proposals to answer and their next sessions.
pub async fn provider_home(
    db: &Database,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<HomeView, ServiceError> {
    actor.require(&[Role::Provider])?;
    let to = reader(actor)?;
    let proposals = proposal::Entity::find()
        .filter(proposal::Column::ProviderId.eq(actor.id()))
        .filter(proposal::Column::Status.eq(ProposalStatus::Sent.as_str()))
        .order_by_asc(proposal::Column::CreatedAt)
        .all(db.conn())
        .await?;
    let requests: HashMap<i32, tta_request::Model> = tta_request::Entity::find()
        .filter(tta_request::Column::Id.is_in(proposals.iter().map(|p| p.request_id)))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let sites = site_names(db).await?;
    let needs_action = proposals
        .iter()
        .filter_map(|p| {
            let request = requests.get(&p.request_id)?;
            Some(HomeItem {
                kind: "Proposal to answer".to_owned(),
                title: request.title.clone(),
                detail: format!(
                    "{} · {} sessions",
                    sites.get(&request.site_id).cloned().unwrap_or_default(),
                    request.session_count
                ),
                href: path_for(
                    &to,
                    Topic::Proposal {
                        request_id: request.id,
                    },
                ),
            })
        })
        .collect();
    let next = next_confirmed(
        db,
        sea_orm::Condition::all().add(tta_session::Column::ProviderId.eq(actor.id())),
        now,
    )
    .await?;
    Ok(HomeView {
        name: actor.user().display_name.clone(),
        needs_action,
        coming_up: session_items(db, actor, next, &[]).await?,
        delivery: None,
    })
}

/// The site contact's home page: requests returned to them, sessions to rate and their sites'
/// next sessions.
pub async fn site_home(
    db: &Database,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<HomeView, ServiceError> {
    actor.require(&[Role::SiteContact])?;
    let to = reader(actor)?;
    let zone = reader_zone(actor)?;
    let site_ids = actor.user().site_ids.clone();
    let requests: HashMap<i32, tta_request::Model> = tta_request::Entity::find()
        .filter(tta_request::Column::SiteId.is_in(site_ids.clone()))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let sites = site_names(db).await?;
    let site_of = |r: &tta_request::Model| sites.get(&r.site_id).cloned().unwrap_or_default();
    let mut returned: Vec<&tta_request::Model> = requests
        .values()
        .filter(|r| r.status == RequestStatus::Returned.as_str())
        .collect();
    returned.sort_by_key(|r| (r.updated_at, r.id));
    let mut needs_action: Vec<HomeItem> = returned
        .into_iter()
        .map(|r| HomeItem {
            kind: "Returned to you".to_owned(),
            title: r.title.clone(),
            detail: format!(
                "{} · answer the coordinator's question and resubmit",
                site_of(r)
            ),
            href: path_for(&to, Topic::Request { request_id: r.id }),
        })
        .collect();
    let request_ids: Vec<i32> = requests.keys().copied().collect();
    let ended = tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.is_in(request_ids.clone()))
        .filter(tta_session::Column::Status.is_in([
            SessionStatus::Confirmed.as_str(),
            SessionStatus::Completed.as_str(),
        ]))
        .filter(tta_session::Column::EndsAt.lte(now))
        .filter(tta_session::Column::EndsAt.gt(now - Duration::days(RATE_WITHIN_DAYS)))
        .order_by_asc(tta_session::Column::StartsAt)
        .all(db.conn())
        .await?;
    let rated: Vec<i32> = feedback::Entity::find()
        .filter(feedback::Column::UserId.eq(actor.id()))
        .filter(feedback::Column::SessionId.is_in(ended.iter().map(|s| s.id)))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|f| f.session_id)
        .collect();
    needs_action.extend(
        ended
            .iter()
            .filter(|s| !rated.contains(&s.id))
            .filter_map(|s| {
                let request = requests.get(&s.request_id)?;
                Some(HomeItem {
                    kind: "Session to rate".to_owned(),
                    title: format!("{} — session {}", request.title, s.occurrence),
                    detail: format!(
                        "{} · {}",
                        span(s.starts_at, s.ends_at, zone),
                        site_of(request)
                    ),
                    href: path_for(
                        &to,
                        Topic::Session {
                            request_id: s.request_id,
                            starts_at: s.starts_at,
                        },
                    ),
                })
            }),
    );
    // The peer exchanges their sites visit come up too, with the host's clock beside.
    let visited = crate::access::visited_request_ids(db.conn(), &site_ids).await?;
    let next = next_confirmed(
        db,
        sea_orm::Condition::all().add(
            tta_session::Column::RequestId
                .is_in(request_ids.into_iter().chain(visited.iter().copied())),
        ),
        now,
    )
    .await?;
    Ok(HomeView {
        name: actor.user().display_name.clone(),
        needs_action,
        coming_up: session_items(db, actor, next, &visited).await?,
        delivery: None,
    })
}

/// The next [`COMING_UP`] confirmed sessions after `now` among those `which` selects, soonest
/// first.
async fn next_confirmed(
    db: &Database,
    which: sea_orm::Condition,
    now: DateTime<Utc>,
) -> Result<Vec<tta_session::Model>, ServiceError> {
    Ok(tta_session::Entity::find()
        .filter(which)
        .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
        .filter(tta_session::Column::StartsAt.gt(now))
        .order_by_asc(tta_session::Column::StartsAt)
        .limit(COMING_UP)
        .all(db.conn())
        .await?)
}
