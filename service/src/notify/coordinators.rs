//! Notices to coordinators of what waits for them: a provider accepted a proposal, a site asked
//! to change a session (a decline is [`super::proposal_declined`]). Only coordinators who chose
//! immediate e-mails get one per event; the others read it in their daily digest
//! ([`crate::mail::digest`]).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::NotifySettings;
use super::facts::{person, request, site_facts};
use super::preference::daily_readers;
use crate::ServiceError;
use crate::accounts::Role;
use crate::change_requests::ChangeKind;
use crate::entities::{app_user, change_request, proposal, tta_session};
use crate::mail::enqueue;
use crate::mail::messages::{
    ChangeAskedFacts, Person, ProposalAcceptedFacts, change_asked as change_message,
    proposal_accepted as accepted_message,
};

/// Every active coordinator who wants an e-mail per event, oldest account first.
pub(super) async fn immediate_coordinators<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<Person>, ServiceError> {
    let daily = daily_readers(conn).await?;
    app_user::Entity::find()
        .filter(app_user::Column::Role.eq(Role::Coordinator.as_str()))
        .filter(app_user::Column::Active.eq(true))
        .order_by_asc(app_user::Column::Id)
        .all(conn)
        .await?
        .iter()
        .filter(|u| !daily.contains(&u.id))
        .map(person)
        .collect()
}

async fn name_of<C: ConnectionTrait>(conn: &C, id: Option<i32>) -> Result<String, ServiceError> {
    let Some(id) = id else {
        return Ok("Someone".to_owned());
    };
    Ok(app_user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map_or_else(|| format!("Person #{id}"), |u| u.display_name))
}

/// Enqueues "accepted — ready to approve" to every coordinator who wants immediate e-mails.
/// Returns how many messages were written.
pub async fn proposal_accepted<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    proposal_id: i32,
) -> Result<usize, ServiceError> {
    let row = proposal::Entity::find_by_id(proposal_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Proposal #{proposal_id}")))?;
    let request = request(conn, row.request_id).await?;
    let facts = ProposalAcceptedFacts {
        proposal_id,
        request_id: request.id,
        title: request.title.clone(),
        site: site_facts(conn, request.site_id).await?,
        provider_name: name_of(conn, Some(row.provider_id)).await?,
        app_url: settings.public_url.clone(),
    };
    let mut written = 0;
    for coordinator in immediate_coordinators(conn).await? {
        written += usize::from(enqueue(conn, &accepted_message(&facts, &coordinator)).await?);
    }
    Ok(written)
}

/// Enqueues "change asked" to every coordinator who wants immediate e-mails. Returns how many
/// messages were written.
pub async fn change_asked<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    change_request_id: i32,
) -> Result<usize, ServiceError> {
    let ask = change_request::Entity::find_by_id(change_request_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Change request #{change_request_id}")))?;
    let request = request(conn, ask.request_id).await?;
    let occurrence = tta_session::Entity::find_by_id(ask.session_id)
        .one(conn)
        .await?
        .map_or(0, |s| s.occurrence);
    let facts = ChangeAskedFacts {
        change_request_id,
        request_id: request.id,
        title: request.title.clone(),
        site: site_facts(conn, request.site_id).await?,
        occurrence,
        what: ChangeKind::parse(&ask.kind)
            .map(|k| k.label().to_owned())
            .unwrap_or_default(),
        reason: ask.reason.clone(),
        wanted: ask.wanted.clone(),
        asked_by: name_of(conn, ask.created_by).await?,
        app_url: settings.public_url.clone(),
    };
    let mut written = 0;
    for coordinator in immediate_coordinators(conn).await? {
        written += usize::from(enqueue(conn, &change_message(&facts, &coordinator)).await?);
    }
    Ok(written)
}
