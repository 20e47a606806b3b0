//! One request as the coordinator sees it: in words, with its history, sessions, proposals and
//! the site's asks to change sessions, and what the coordinator may do next.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use contract::views::coordinator::{
    ChangeRequestView, HistoryView, ProposalRowView, RequestDetailView, SessionView,
};

use super::candidates::percent;
use super::flags::{
    can_approve, can_change_session, can_propose, can_return_or_reject, can_withdraw,
};
use super::move_times::move_times_of;
use crate::access::Actor;
use crate::change_requests::{ChangeKind, request_change_requests};
use crate::entities::{app_user, peer_exchange, site_contact};
use crate::proposals::{request_proposals, request_sessions};
use crate::requests::staff_request_view;
use crate::sites::sites_by_ids;
use crate::status::{ProposalStatus, RequestStatus, SessionStatus};
use crate::timefmt::{instant, span_with_site};
use crate::views::{reader_zone, stored_zone, utc_text};
use crate::{Database, ServiceError};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The page of request `id` at `now`, times in the coordinator's zone with the site's beside
/// them. Coordinators and administrators only (403); an unknown request is not found.
pub async fn request_page(
    db: &Database,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<RequestDetailView, ServiceError> {
    let view = staff_request_view(db, actor, id).await?;
    let zone = reader_zone(actor)?;
    let site_zone = stored_zone(&view.request.anchor_zone)?;
    let site_id = view.request.site_id;
    let sessions = request_sessions(db, id).await?;
    let proposals = request_proposals(db, id).await?;
    let asks = request_change_requests(db, id).await?;
    // A peer exchange's visiting site is named on the page and told of cancellations.
    let visiting = peer_exchange::Entity::find_by_id(id)
        .one(db.conn())
        .await?
        .map(|e| e.visiting_site_id);
    let site_ids: Vec<i32> = std::iter::once(site_id).chain(visiting).collect();
    let sites: HashMap<i32, String> = sites_by_ids(db, &site_ids)
        .await?
        .into_iter()
        .map(|s| (s.id, format!("{}, {}", s.name, s.state)))
        .collect();
    let site = sites
        .get(&site_id)
        .cloned()
        .ok_or_else(|| ServiceError::NotFound(format!("Site #{site_id}")))?;
    // A confirmed session's cancellation is e-mailed to its provider and the site's contacts
    // (and, for a peer exchange, the visiting site's contacts too): read only when one is shown.
    let any_confirmed = sessions
        .iter()
        .any(|s| s.status == SessionStatus::Confirmed.as_str());
    let contact_rows = if any_confirmed {
        site_contact::Entity::find()
            .filter(site_contact::Column::SiteId.is_in(site_ids.clone()))
            .all(db.conn())
            .await?
    } else {
        Vec::new()
    };
    let users = users_by_id(
        db,
        view.history
            .iter()
            .filter_map(|c| c.changed_by)
            .chain(sessions.iter().map(|s| s.provider_id))
            .chain(proposals.iter().map(|p| p.provider_id))
            .chain(asks.iter().filter_map(|a| a.created_by))
            .chain(asks.iter().filter_map(|a| a.handled_by))
            .chain(contact_rows.iter().map(|c| c.user_id)),
    )
    .await?;
    let name = |id: Option<i32>| {
        id.and_then(|i| users.get(&i).map(|(name, _)| name.clone()))
            .unwrap_or_else(|| "—".to_owned())
    };
    let stored = |what: &str, id: i32, e: &dyn std::fmt::Display| {
        ServiceError::Internal(format!("{what} {id}: {e}"))
    };
    let summary = view.describe()?;
    let status = view.status;
    let site_wall_clock = |at: DateTime<Utc>| site_zone.local(at);
    // The host site's active contacts, oldest account first, then the visiting site's.
    let contacts: Vec<String> = site_ids
        .iter()
        .flat_map(|site| {
            let mut ids: Vec<i32> = contact_rows
                .iter()
                .filter(|c| c.site_id == *site)
                .map(|c| c.user_id)
                .collect();
            ids.sort_unstable();
            ids.into_iter()
        })
        .filter_map(|user| {
            users
                .get(&user)
                .filter(|(_, active)| *active)
                .map(|(name, _)| name.clone())
        })
        .collect();
    let told = |provider: String| {
        let mut names = vec![provider];
        names.extend(
            contacts
                .iter()
                .filter(|c| !names.contains(c))
                .cloned()
                .collect::<Vec<_>>(),
        );
        names
    };

    let joint = crate::teams::joint_names(
        db.conn(),
        &sessions.iter().map(|s| s.id).collect::<Vec<_>>(),
    )
    .await?;
    let session_views = sessions
        .iter()
        .map(|s| {
            let session_status =
                SessionStatus::parse(&s.status).map_err(|e| stored("session", s.id, &e))?;
            let local = site_wall_clock(s.starts_at);
            Ok(SessionView {
                id: s.id,
                occurrence: s.occurrence,
                when: crate::timefmt::session_when(
                    &view.request,
                    s.starts_at,
                    s.ends_at,
                    zone,
                    site_zone,
                ),
                starts_utc: utc_text(s.starts_at),
                status: session_status,
                provider: crate::teams::provider_label(name(Some(s.provider_id)), &joint, s.id),
                sequence: s.sequence,
                site_date: local.format("%Y-%m-%d").to_string(),
                site_time: local.format("%H:%M").to_string(),
                can_change: can_change_session(session_status, s.starts_at, now),
                told_on_cancel: if session_status == SessionStatus::Confirmed {
                    told(name(Some(s.provider_id)))
                } else {
                    Vec::new()
                },
                meeting_url: crate::meeting::meeting_url(s),
            })
        })
        .collect::<Result<Vec<_>, ServiceError>>()?;
    let proposal_views = proposals
        .iter()
        .map(|p| {
            let proposal_status =
                ProposalStatus::parse(&p.status).map_err(|e| stored("proposal", p.id, &e))?;
            Ok(ProposalRowView {
                id: p.id,
                provider_id: p.provider_id,
                provider: name(Some(p.provider_id)),
                status: proposal_status,
                sent_score_percent: percent(p.score),
                decided: p.decided_at.map(|at| instant(at, zone)).unwrap_or_default(),
                reason: p.decision_reason.clone(),
                can_approve: can_approve(proposal_status, status),
                can_withdraw: can_withdraw(proposal_status, status),
            })
        })
        .collect::<Result<Vec<_>, ServiceError>>()?;
    let change_requests = asks
        .iter()
        .map(|a| {
            let session = sessions.iter().find(|s| s.id == a.session_id);
            let local = session.map(|s| site_wall_clock(s.starts_at));
            ChangeRequestView {
                id: a.id,
                session_id: a.session_id,
                session: session.map(|s| s.occurrence).unwrap_or_default(),
                session_when: session
                    .map(|s| span_with_site(s.starts_at, s.ends_at, zone, site_zone))
                    .unwrap_or_default(),
                kind: a.kind.clone(),
                what: ChangeKind::parse(&a.kind)
                    .map(|k| k.label().to_owned())
                    .unwrap_or_default(),
                reason: a.reason.clone(),
                wanted: a.wanted.clone(),
                status: a.status.clone(),
                status_label: ask_status_label(&a.status).to_owned(),
                asked: instant(a.created_at, zone),
                asked_by: name(a.created_by),
                handled: a.handled_at.map(|at| instant(at, zone)).unwrap_or_default(),
                handled_by: a.handled_by.map(|id| name(Some(id))).unwrap_or_default(),
                note: a.outcome_note.clone(),
                site_date: local
                    .map(|l| l.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                site_time: local
                    .map(|l| l.format("%H:%M").to_string())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let move_times = move_times_of(db, &view.request, &sessions, zone, now).await?;
    let teams = crate::teams::teams_of(db, id, status).await?;
    Ok(RequestDetailView {
        id,
        title: view.request.title.clone(),
        summary,
        site_zone: site_zone.name().to_owned(),
        status,
        topics: view.topics.iter().map(|t| t.name.clone()).collect(),
        description: view.request.description.clone(),
        notes: view.request.notes.clone(),
        attendees: view.request.expected_attendees,
        minimum_level: view.request.minimum_level,
        submitted: instant(view.request.created_at, zone),
        history: view
            .history
            .iter()
            .map(|c| HistoryView {
                when: instant(c.at, zone),
                change: history_change(c.from, c.to),
                by: name(c.changed_by),
                reason: c.reason.clone(),
            })
            .collect(),
        sessions: session_views,
        proposals: proposal_views,
        change_requests,
        can_propose: can_propose(status),
        can_return_or_reject: can_return_or_reject(status),
        peer_exchange: visiting.map(|v| {
            format!(
                "Peer exchange: {} visits {}.",
                sites.get(&v).cloned().unwrap_or_default(),
                site
            )
        }),
        move_times,
        teams,
        site,
    })
}

/// The accounts among `ids`: each one's display name and whether it is active; no statement
/// when there are none.
async fn users_by_id(
    db: &Database,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, (String, bool)>, ServiceError> {
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|u| (u.id, (u.display_name, u.active)))
        .collect())
}

/// One step of the history as staff read it: `Matching → Proposed to provider`.
fn history_change(from: Option<RequestStatus>, to: RequestStatus) -> String {
    match from {
        Some(from) => format!("{} → {}", from.label_for_staff(), to.label_for_staff()),
        None => to.label_for_staff().to_owned(),
    }
}

/// How an ask's stored status (`open`, `done`, `declined`) reads to the coordinator.
fn ask_status_label(status: &str) -> &'static str {
    match status {
        "open" => "Open",
        "done" => "Done",
        _ => "Declined",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_steps_read_in_staff_words() {
        assert_eq!(
            history_change(Some(RequestStatus::Matching), RequestStatus::Proposed),
            "Matching → Proposed to provider"
        );
        assert_eq!(history_change(None, RequestStatus::Submitted), "Submitted");
        assert_eq!(ask_status_label("open"), "Open");
        assert_eq!(ask_status_label("declined"), "Declined");
    }
}
