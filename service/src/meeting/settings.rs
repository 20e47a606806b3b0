//! The use cases: read and save a provider's or an engagement's setting (re-linking the future
//! sessions it governs), and replace one session's link.

use std::collections::HashMap;

use chrono::Utc;
use contract::meeting::{MeetingLinkForm, MeetingLinkView};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::assign::{Choice, effective, engagement_row, meets_online, provider_row};
use super::link::MeetingUrl;
use crate::access::{Actor, STAFF, visible_session};
use crate::accounts::Role;
use crate::entities::{engagement, meeting_setting, tta_request, tta_session};
use crate::notify::{self, NotifySettings};
use crate::status::SessionStatus;
use crate::{Database, ServiceError};

/// `meeting_setting.mode` of a fixed link.
pub(super) const FIXED: &str = "fixed";
/// `meeting_setting.mode` of a generated room per occurrence.
const GENERATED: &str = "generated";
/// The engagement form's "each provider's own setting" (no row).
const PROVIDER: &str = "provider";

/// Whose setting a row is.
#[derive(Clone, Copy, Debug)]
enum Owner {
    Provider(i32),
    Engagement(i32),
}

/// The provider's own setting (a generated room per session until they choose). Providers only.
pub async fn provider_meeting_setting(
    db: &Database,
    actor: &Actor,
    notify: &NotifySettings,
) -> Result<MeetingLinkView, ServiceError> {
    actor.require(&[Role::Provider])?;
    let row = provider_row(db.conn(), actor.id()).await?;
    Ok(view(row.as_ref(), GENERATED, false, notify))
}

/// Saves the provider's setting and re-links their future confirmed virtual and hybrid sessions
/// it governs (not those of an engagement with its own setting); everyone invited to a session
/// whose link changed gets one updated invite. A fixed link that is not an https address is
/// refused (400 naming `link`). Providers only. Returns how many sessions got a new link.
pub async fn save_provider_meeting_setting(
    db: &Database,
    actor: &Actor,
    form: &MeetingLinkForm,
    notify: &NotifySettings,
) -> Result<usize, ServiceError> {
    actor.require(&[Role::Provider])?;
    let choice = parse(form, false)?;
    let provider_id = actor.id();
    db.transaction(async |txn| {
        store(
            txn,
            Owner::Provider(provider_id),
            choice.as_ref(),
            provider_id,
        )
        .await?;
        let sessions = future_sessions(txn, Owner::Provider(provider_id)).await?;
        relink(txn, notify, sessions).await
    })
    .await
}

/// An engagement's setting (`provider`: each provider's own until a coordinator chooses).
/// Coordinators and administrators; an unknown engagement is not found.
pub async fn engagement_meeting_setting(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
    notify: &NotifySettings,
) -> Result<MeetingLinkView, ServiceError> {
    actor.require(STAFF)?;
    find_engagement(db.conn(), engagement_id).await?;
    let row = engagement_row(db.conn(), engagement_id).await?;
    Ok(view(row.as_ref(), PROVIDER, true, notify))
}

/// Saves an engagement's setting (overriding its providers'; `provider` removes it) and
/// re-links the engagement's future confirmed virtual and hybrid sessions whose link it
/// changes, with one updated invite to everyone invited. Coordinators and administrators.
/// Returns how many sessions got a new link.
pub async fn save_engagement_meeting_setting(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
    form: &MeetingLinkForm,
    notify: &NotifySettings,
) -> Result<usize, ServiceError> {
    actor.require(STAFF)?;
    let choice = parse(form, true)?;
    let actor_id = actor.id();
    db.transaction(async |txn| {
        find_engagement(txn, engagement_id).await?;
        store(
            txn,
            Owner::Engagement(engagement_id),
            choice.as_ref(),
            actor_id,
        )
        .await?;
        let sessions = future_sessions(txn, Owner::Engagement(engagement_id)).await?;
        relink(txn, notify, sessions).await
    })
    .await
}

/// Replaces the link of session `session_id` (`meeting_url`, an https address): its provider,
/// coordinators and administrators, for a virtual or hybrid session that has not started and is
/// tentative or confirmed. A confirmed session's sequence is raised and everyone invited gets
/// the updated invite, once. Answers whether the link changed (the same link again: `false`,
/// nothing sent).
pub async fn set_session_meeting_link(
    db: &Database,
    actor: &Actor,
    session_id: i32,
    meeting_url: &str,
    notify: &NotifySettings,
) -> Result<bool, ServiceError> {
    actor.require(&[Role::Provider, Role::Coordinator, Role::Admin])?;
    visible_session(db, actor.user(), session_id).await?;
    let link = MeetingUrl::parse(meeting_url, "meeting_url")?;
    db.transaction(async |txn| {
        let session = tta_session::Entity::find_by_id(session_id)
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Session #{session_id}")))?;
        let request = tta_request::Entity::find_by_id(session.request_id)
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Session #{session_id}")))?;
        if !meets_online(&request) {
            return Err(ServiceError::field(
                "meeting_url",
                "An on-site session has no meeting link.",
            ));
        }
        let status = SessionStatus::parse(&session.status)
            .map_err(|e| ServiceError::Internal(format!("session {session_id}: {e}")))?;
        if !status.holds_time() || session.starts_at <= Utc::now() {
            return Err(ServiceError::Conflict(format!(
                "Session #{session_id} is {status} or has started; its link can no longer change."
            )));
        }
        if session.virtual_link == link.as_str() {
            return Ok(false);
        }
        if status == SessionStatus::Confirmed {
            update_link(txn, &session, link.as_str()).await?;
            notify::meeting_link_changed(txn, notify, &[session.id]).await?;
        } else {
            tta_session::Entity::update_many()
                .col_expr(tta_session::Column::VirtualLink, Expr::value(link.as_str()))
                .col_expr(tta_session::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(tta_session::Column::Id.eq(session.id))
                .exec(txn)
                .await?;
        }
        Ok(true)
    })
    .await
}

/// The form's choice: `None` for an engagement following its providers.
fn parse(form: &MeetingLinkForm, for_engagement: bool) -> Result<Option<Choice>, ServiceError> {
    match form.mode.trim() {
        GENERATED => Ok(Some(Choice::Generated)),
        FIXED => Ok(Some(Choice::Fixed(
            MeetingUrl::parse(&form.link, "link")?.as_str().to_owned(),
        ))),
        PROVIDER if for_engagement => Ok(None),
        _ => Err(ServiceError::field(
            "mode",
            if for_engagement {
                "Choose each provider's own setting, a room per session, or a fixed link."
            } else {
                "Choose a room per session or a fixed link."
            },
        )),
    }
}

fn view(
    row: Option<&meeting_setting::Model>,
    unset: &str,
    for_engagement: bool,
    notify: &NotifySettings,
) -> MeetingLinkView {
    MeetingLinkView {
        form: row.map_or_else(
            || MeetingLinkForm {
                mode: unset.to_owned(),
                link: String::new(),
            },
            |r| MeetingLinkForm {
                mode: r.mode.clone(),
                link: r.link.clone(),
            },
        ),
        room_base: notify.meeting_room_base.as_str().to_owned(),
        for_engagement,
    }
}

async fn find_engagement<C: ConnectionTrait>(
    conn: &C,
    engagement_id: i32,
) -> Result<engagement::Model, ServiceError> {
    engagement::Entity::find_by_id(engagement_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Engagement #{engagement_id}")))
}

/// Writes (or, for `None`, removes) `owner`'s setting.
async fn store<C: ConnectionTrait>(
    txn: &C,
    owner: Owner,
    choice: Option<&Choice>,
    actor_id: i32,
) -> Result<(), ServiceError> {
    let existing = match owner {
        Owner::Provider(id) => provider_row(txn, id).await?,
        Owner::Engagement(id) => engagement_row(txn, id).await?,
    };
    let Some(choice) = choice else {
        if let Some(row) = existing {
            meeting_setting::Entity::delete_by_id(row.id)
                .exec(txn)
                .await?;
        }
        return Ok(());
    };
    let (mode, link) = match choice {
        Choice::Generated => (GENERATED, String::new()),
        Choice::Fixed(link) => (FIXED, link.clone()),
    };
    let now = Utc::now();
    match existing {
        Some(row) => {
            let mut row: meeting_setting::ActiveModel = row.into();
            row.mode = Set(mode.to_owned());
            row.link = Set(link);
            row.updated_by = Set(Some(actor_id));
            row.updated_at = Set(now);
            row.update(txn).await?;
        }
        None => {
            let (provider_id, engagement_id) = match owner {
                Owner::Provider(id) => (Some(id), None),
                Owner::Engagement(id) => (None, Some(id)),
            };
            meeting_setting::ActiveModel {
                provider_id: Set(provider_id),
                engagement_id: Set(engagement_id),
                mode: Set(mode.to_owned()),
                link: Set(link),
                updated_by: Set(Some(actor_id)),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await
            .map_err(|_| {
                ServiceError::Conflict(
                    "The meeting link setting was saved by someone else just now; reload the \
                     page and save again."
                        .to_owned(),
                )
            })?;
        }
    }
    Ok(())
}

/// The confirmed virtual or hybrid sessions of `owner` (the provider's, or the engagement's
/// requests') that have not started, with their request.
async fn future_sessions<C: ConnectionTrait>(
    txn: &C,
    owner: Owner,
) -> Result<Vec<(tta_session::Model, tta_request::Model)>, ServiceError> {
    let future = tta_session::Entity::find()
        .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
        .filter(tta_session::Column::StartsAt.gt(Utc::now()))
        .order_by_asc(tta_session::Column::StartsAt);
    let (sessions, requests) = match owner {
        Owner::Provider(id) => {
            let sessions = future
                .filter(tta_session::Column::ProviderId.eq(id))
                .all(txn)
                .await?;
            let ids: Vec<i32> = sessions.iter().map(|s| s.request_id).collect();
            let requests = tta_request::Entity::find()
                .filter(tta_request::Column::Id.is_in(ids))
                .all(txn)
                .await?;
            (sessions, requests)
        }
        Owner::Engagement(id) => {
            let requests = tta_request::Entity::find()
                .filter(tta_request::Column::EngagementId.eq(id))
                .all(txn)
                .await?;
            let ids: Vec<i32> = requests.iter().map(|r| r.id).collect();
            let sessions = future
                .filter(tta_session::Column::RequestId.is_in(ids))
                .all(txn)
                .await?;
            (sessions, requests)
        }
    };
    let requests: HashMap<i32, tta_request::Model> = requests
        .into_iter()
        .filter(meets_online)
        .map(|r| (r.id, r))
        .collect();
    Ok(sessions
        .into_iter()
        .filter_map(|s| requests.get(&s.request_id).cloned().map(|r| (s, r)))
        .collect())
}

/// Gives each of `sessions` the link its setting now says, where that differs from its link:
/// sequence raised, guarded against a concurrent change; then one message per person and series
/// with the updated invites. A team's providers at the same time keep sharing one new room.
async fn relink<C: ConnectionTrait>(
    txn: &C,
    notify: &NotifySettings,
    sessions: Vec<(tta_session::Model, tta_request::Model)>,
) -> Result<usize, ServiceError> {
    let mut choices: HashMap<(Option<i32>, i32), Choice> = HashMap::new();
    let mut new_rooms: HashMap<(i32, chrono::DateTime<Utc>), String> = HashMap::new();
    let mut changed = Vec::new();
    for (session, request) in sessions {
        let key = (request.engagement_id, session.provider_id);
        let choice = match choices.get(&key) {
            Some(choice) => choice.clone(),
            None => {
                let choice = effective(txn, request.engagement_id, session.provider_id).await?;
                choices.insert(key, choice.clone());
                choice
            }
        };
        let Some(mut link) = choice.replacement(&session.virtual_link, &notify.meeting_room_base)
        else {
            continue;
        };
        if choice == Choice::Generated {
            link = new_rooms
                .entry((session.request_id, session.starts_at))
                .or_insert(link)
                .clone();
        }
        update_link(txn, &session, &link).await?;
        changed.push(session.id);
    }
    notify::meeting_link_changed(txn, notify, &changed).await?;
    Ok(changed.len())
}

/// Stores `link` on a confirmed session with its sequence raised; a concurrent change (another
/// sequence by now) is a 409.
async fn update_link<C: ConnectionTrait>(
    txn: &C,
    session: &tta_session::Model,
    link: &str,
) -> Result<(), ServiceError> {
    let updated = tta_session::Entity::update_many()
        .col_expr(tta_session::Column::VirtualLink, Expr::value(link))
        .col_expr(
            tta_session::Column::Sequence,
            Expr::value(session.sequence + 1),
        )
        .col_expr(tta_session::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(tta_session::Column::Id.eq(session.id))
        .filter(tta_session::Column::Sequence.eq(session.sequence))
        .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
        .exec(txn)
        .await?;
    if updated.rows_affected == 1 {
        Ok(())
    } else {
        Err(ServiceError::Conflict(format!(
            "Session #{} changed at the same time; reload the page and try again.",
            session.id
        )))
    }
}
