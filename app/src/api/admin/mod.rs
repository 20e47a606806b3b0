//! Server functions of the administration pages (admin role only): the e-mail outbox and the
//! audit log here; users, sites, topics and settings in their modules.

pub mod phases;
pub mod settings;
pub mod sites;
pub mod topics;
pub mod two_factor;
pub mod users;
pub mod webhooks;

use contract::views::paging::PageLinks;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRowView {
    pub id: i64,
    pub event: String,
    pub recipient: String,
    pub subject: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: String,
    pub created: String,
    pub sent: String,
    pub has_invite: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRowView {
    pub id: i64,
    pub when: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub ip: String,
}

/// The mail relay's state as `/admin/outbox` shows it (times in the reader's zone; empty when
/// never).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayView {
    /// Where messages go, e.g. `SMTP server smtp://relay.example.org:587 (StartTls)`; empty until
    /// a worker has reported.
    pub relay: String,
    /// An outage is open: no message has gone out since `failing_since`.
    pub failing: bool,
    pub failing_since: String,
    /// The last relay failure's short reason ("the relay refused the password (535)").
    pub reason: String,
    pub last_failure: String,
    pub last_success: String,
    /// When the workers try the relay again.
    pub next_try: String,
    /// Messages pending or being sent.
    pub waiting: i64,
}

/// What `/admin/outbox` shows: the relay's state, one page of messages, newest first, and the
/// pages beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    pub relay: RelayView,
    pub rows: Vec<OutboxRowView>,
    pub pages: PageLinks,
}

/// One page of outbox messages, newest first: `after` / `before` a position the outbox gave
/// (`pages.next`, `pages.previous`); both empty is the newest page.
#[server(endpoint = "admin/outbox")]
pub async fn admin_outbox(
    #[server(default)] after: String,
    #[server(default)] before: String,
) -> Result<OutboxView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::coordinator::user_zone;
    use crate::api::login_session::acting_person;
    use service::mail::OutboxPage;
    use service::timefmt::instant;

    let actor = acting_person()?;
    let db = database()?;
    let page = OutboxPage::from_address(&after, &before, "outbox").map_err(to_server_error)?;
    let messages = service::mail::outbox_messages(&db, &actor, &page)
        .await
        .map_err(to_server_error)?;
    let status = service::mail::relay_status(&db, &actor)
        .await
        .map_err(to_server_error)?;
    let zone = user_zone(actor.user())?;
    let when = |at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map(|at| instant(at, zone)).unwrap_or_default()
    };
    let state = status.state;
    let relay = RelayView {
        relay: state.relay.clone().unwrap_or_default(),
        failing: state.is_failing(),
        failing_since: when(state.failing_since),
        reason: state.reason.clone().unwrap_or_default(),
        last_failure: when(state.last_failure_at),
        last_success: when(state.last_success_at),
        next_try: when(state.retry_at.filter(|_| state.is_failing())),
        waiting: status.waiting,
    };
    let pages = messages.links();
    let rows = messages
        .rows
        .into_iter()
        .map(|m| OutboxRowView {
            id: m.id,
            event: m.event,
            recipient: m.recipient,
            subject: m.subject,
            status: m.status,
            attempts: m.attempts,
            last_error: m.last_error.unwrap_or_default(),
            created: instant(m.created_at, zone),
            sent: m.sent_at.map(|at| instant(at, zone)).unwrap_or_default(),
            has_invite: m.calendar_method.is_some(),
        })
        .collect();
    Ok(OutboxView { relay, rows, pages })
}

/// Queues a failed message again (audited).
#[server(endpoint = "admin/outbox/resend")]
pub async fn resend_message(id: i64) -> Result<(), ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::mail::resend(&db, &actor, id)
        .await
        .map_err(to_server_error)?;
    Ok(())
}

/// What `/admin/audit` shows: one page of events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub rows: Vec<AuditRowView>,
    /// The events matching the filters and the pages beside this one.
    pub pages: PageLinks,
    /// The zone the dates are read in, e.g. `America/New_York`.
    pub zone: String,
}

/// One page of the audit events matching the filters (each optional), newest first: actions
/// starting with `action`, done by user `actor` (an id) or by people whose name or e-mail
/// address contains `who`, on the days `from`…`to` (`YYYY-MM-DD`, the reader's zone); `after` /
/// `before` a position the log gave (`pages.next`, `pages.previous`).
#[server(endpoint = "admin/audit")]
pub async fn admin_audit(
    #[server(default)] action: String,
    #[server(default)] actor: String,
    #[server(default)] who: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] after: String,
    #[server(default)] before: String,
) -> Result<AuditView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::coordinator::user_zone;
    use crate::api::login_session::acting_person;
    use service::accounts::audit::{
        AuditFilter, AuditPage, action_prefix, actor_text, audit_log, period,
    };
    use service::accounts::users::display_names;
    use service::timefmt::instant;

    let reader = acting_person()?;
    // Administrators only, before any filter is read: nobody else learns what the filters
    // accept (`audit_log` checks again).
    reader
        .require(&[service::accounts::Role::Admin])
        .map_err(to_server_error)?;
    let zone = user_zone(reader.user())?;
    let actor_user_id = match actor.trim() {
        "" => None,
        text => Some(text.parse::<i32>().map_err(|_| {
            to_server_error(service::ServiceError::field(
                "actor",
                "This is not a person's number: type part of their name or e-mail under Who.",
            ))
        })?),
    };
    let today = zone.local(chrono::Utc::now()).date();
    let (from, until) = period(&from, &to, zone, today).map_err(to_server_error)?;
    let action_prefix = action_prefix(&action).map_err(to_server_error)?;
    let actor_matching = actor_text(&who).map_err(to_server_error)?;
    let page = AuditPage::from_address(&after, &before, "audit log").map_err(to_server_error)?;
    let db = database()?;
    let filter = AuditFilter {
        action_prefix,
        actor_user_id,
        actor_matching,
        from,
        until,
    };
    let events = audit_log(&db, &reader, &filter, &page)
        .await
        .map_err(to_server_error)?;
    let pages = events.links();
    let events = events.rows;
    let names = display_names(&db, events.iter().filter_map(|e| e.actor_user_id))
        .await
        .map_err(to_server_error)?;
    let rows = events
        .into_iter()
        .map(|e| AuditRowView {
            id: e.id,
            when: instant(e.created_at, zone),
            actor: e
                .actor_user_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_else(|| "—".to_owned()),
            action: e.action,
            subject: match e.subject_id {
                Some(id) => format!("{} {}", e.subject_type, id),
                None => e.subject_type,
            },
            detail: e.detail,
            ip: e.ip.unwrap_or_default(),
        })
        .collect();
    Ok(AuditView {
        rows,
        pages,
        zone: zone.name().to_owned(),
    })
}
