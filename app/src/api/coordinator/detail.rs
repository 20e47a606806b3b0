//! One request as the coordinator sees it: in words, with history, sessions and proposals.

use leptos::prelude::*;

use super::views::RequestDetailView;

#[server(endpoint = "coordinator/request")]
pub async fn coordinator_request(id: i32) -> Result<RequestDetailView, ServerFnError> {
    use super::views::{ChangeRequestView, HistoryView, ProposalRowView, SessionView};
    use super::{status_label, user_zone};
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;
    use service::ServiceError;
    use service::accounts::users::display_names;
    use service::proposals::request_proposals;
    use service::requests::staff_request_view;
    use service::status::{ProposalStatus, RequestStatus, SessionStatus};
    use service::timefmt::{instant, span_with_site};
    use service::zone::TimeZone;

    let actor = acting_person()?;
    let db = database()?;
    let view = staff_request_view(&db, &actor, id)
        .await
        .map_err(to_server_error)?;
    let zone = user_zone(actor.user())?;
    let site_zone = TimeZone::parse(&view.request.anchor_zone)
        .map_err(|e| to_server_error(ServiceError::Internal(e.to_string())))?;
    let site = service::sites::site_name(&db, view.request.site_id)
        .await
        .map_err(to_server_error)?;
    let sessions = service::proposals::request_sessions(&db, id)
        .await
        .map_err(to_server_error)?;
    let proposals = request_proposals(&db, id).await.map_err(to_server_error)?;
    let asks = service::change_requests::request_change_requests(&db, id)
        .await
        .map_err(to_server_error)?;
    let people = display_names(
        &db,
        view.history
            .iter()
            .filter_map(|c| c.changed_by)
            .chain(sessions.iter().map(|s| s.provider_id))
            .chain(proposals.iter().map(|p| p.provider_id))
            .chain(asks.iter().filter_map(|a| a.created_by))
            .chain(asks.iter().filter_map(|a| a.handled_by)),
    )
    .await
    .map_err(to_server_error)?;
    let name = |id: Option<i32>| {
        id.and_then(|i| people.get(&i).cloned())
            .unwrap_or_else(|| "—".to_owned())
    };
    let summary = view.describe().map_err(to_server_error)?;
    Ok(RequestDetailView {
        id,
        title: view.request.title.clone(),
        summary,
        site,
        site_zone: site_zone.name().to_owned(),
        status: view.status.as_str().to_owned(),
        status_label: status_label(view.status.as_str()).to_owned(),
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
                change: match c.from {
                    Some(from) => format!(
                        "{} → {}",
                        status_label(from.as_str()),
                        status_label(c.to.as_str())
                    ),
                    None => status_label(c.to.as_str()).to_owned(),
                },
                by: name(c.changed_by),
                reason: c.reason.clone(),
            })
            .collect(),
        sessions: sessions
            .iter()
            .map(|s| {
                let local = s.starts_at.with_timezone(&site_zone.tz());
                let status = SessionStatus::parse(&s.status).ok();
                SessionView {
                    id: s.id,
                    occurrence: s.occurrence,
                    when: span_with_site(s.starts_at, s.ends_at, zone, site_zone),
                    starts_utc: s
                        .starts_at
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    status: s.status.clone(),
                    provider: name(Some(s.provider_id)),
                    sequence: s.sequence,
                    site_date: local.format("%Y-%m-%d").to_string(),
                    site_time: local.format("%H:%M").to_string(),
                    // A session that has started is what happened; it no longer moves.
                    can_change: status.is_some_and(SessionStatus::holds_time)
                        && s.starts_at > chrono::Utc::now(),
                }
            })
            .collect(),
        proposals: proposals
            .iter()
            .map(|p| {
                let status = ProposalStatus::parse(&p.status).ok();
                ProposalRowView {
                    id: p.id,
                    provider: name(Some(p.provider_id)),
                    status: p.status.clone(),
                    score_percent: (p.score * 100.0).round() as u32,
                    decided: p.decided_at.map(|at| instant(at, zone)).unwrap_or_default(),
                    reason: p.decision_reason.clone(),
                    can_approve: status == Some(ProposalStatus::Accepted)
                        && view.status == RequestStatus::Proposed,
                    can_withdraw: matches!(
                        status,
                        Some(ProposalStatus::Sent | ProposalStatus::Accepted)
                    ) && view.status == RequestStatus::Proposed,
                }
            })
            .collect(),
        change_requests: asks
            .iter()
            .map(|a| {
                let session = sessions.iter().find(|s| s.id == a.session_id);
                let local = session.map(|s| s.starts_at.with_timezone(&site_zone.tz()));
                let kind = service::change_requests::ChangeKind::parse(&a.kind).ok();
                ChangeRequestView {
                    id: a.id,
                    session_id: a.session_id,
                    session: session.map(|s| s.occurrence).unwrap_or_default(),
                    session_when: session
                        .map(|s| span_with_site(s.starts_at, s.ends_at, zone, site_zone))
                        .unwrap_or_default(),
                    kind: a.kind.clone(),
                    what: kind.map(|k| k.label().to_owned()).unwrap_or_default(),
                    reason: a.reason.clone(),
                    wanted: a.wanted.clone(),
                    status: a.status.clone(),
                    status_label: match a.status.as_str() {
                        "open" => "Open",
                        "done" => "Done",
                        _ => "Declined",
                    }
                    .to_owned(),
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
            .collect(),
        can_propose: matches!(
            view.status,
            RequestStatus::Submitted | RequestStatus::Matching
        ),
        can_return_or_reject: matches!(
            view.status,
            RequestStatus::Submitted | RequestStatus::Matching
        ),
    })
}
