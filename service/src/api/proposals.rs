//! The API's proposals and their state (sent, accepted, declined, withdrawn): listed a page at a
//! time (by id), by request and status, and read one by one. Coordinators and administrators
//! see every proposal, a provider their own; site contacts are refused, as on the pages (they
//! follow their request's status and sessions).

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::query::{Mistakes, parse_id, parse_status};
use super::{Cursor, Page, PageSize};
use crate::access::Actor;
use crate::accounts::Role;
use crate::entities::proposal;
use crate::status::ProposalStatus;
use crate::{Database, ServiceError};

const READERS: &[Role] = &[Role::Provider, Role::Coordinator, Role::Admin];

/// The list's filters, as typed in the query string.
#[derive(Clone, Debug, Default)]
pub struct ProposalQuery<'a> {
    pub request_id: Option<&'a str>,
    pub status: Option<&'a str>,
    pub cursor: Option<&'a str>,
    pub limit: Option<&'a str>,
}

/// One page of the proposals the caller may see, oldest first.
pub async fn list_proposals(
    db: &Database,
    actor: &Actor,
    query: &ProposalQuery<'_>,
) -> Result<Page<proposal::Model>, ServiceError> {
    let user = actor.require(READERS)?.user();
    let mut mistakes = Mistakes::default();
    let request_id = mistakes.take(parse_id(query.request_id, "request_id"));
    let status = mistakes.take(parse_status(query.status, ProposalStatus::parse));
    let cursor = mistakes.take(Cursor::parse(query.cursor, false));
    let size = mistakes.take(PageSize::parse(query.limit).map(Some));
    mistakes.finish()?;
    let size = size.unwrap_or_default();
    let mut select = proposal::Entity::find();
    if user.role == Role::Provider {
        select = select.filter(proposal::Column::ProviderId.eq(user.id));
    }
    if let Some(request_id) = request_id {
        select = select.filter(proposal::Column::RequestId.eq(request_id));
    }
    if let Some(status) = status {
        select = select.filter(proposal::Column::Status.eq(status.as_str()));
    }
    if let Some(cursor) = cursor {
        select = select.filter(proposal::Column::Id.gt(cursor.id));
    }
    let rows = select
        .order_by_asc(proposal::Column::Id)
        .limit(size.get() + 1)
        .all(db.conn())
        .await?;
    Ok(Page::from_rows(rows, size, |p| Cursor::after_id(p.id)))
}

/// One proposal the caller may see (another provider's: *not found*).
pub async fn read_proposal(
    db: &Database,
    actor: &Actor,
    proposal_id: i32,
) -> Result<proposal::Model, ServiceError> {
    let user = actor.require(READERS)?.user();
    proposal::Entity::find_by_id(proposal_id)
        .one(db.conn())
        .await?
        .filter(|p| user.role != Role::Provider || p.provider_id == user.id)
        .ok_or_else(|| ServiceError::NotFound(format!("Proposal #{proposal_id}")))
}
