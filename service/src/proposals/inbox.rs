//! A provider's proposals inbox: each proposal with its site and topics, ready to show.

use crate::access::Actor;
use crate::accounts::Role;
use crate::entities::{site, topic};
use crate::proposals::{ProposalView, provider_proposals};
use crate::requests::request_view;
use crate::sites::site_by_id;
use crate::{Database, ServiceError};

/// One proposal as the provider's inbox shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct InboxEntry {
    pub view: ProposalView,
    pub site: site::Model,
    pub topics: Vec<topic::Model>,
}

/// The provider's proposals, newest first, each with its site and topics.
pub async fn provider_inbox(db: &Database, actor: &Actor) -> Result<Vec<InboxEntry>, ServiceError> {
    let provider_id = actor.require(&[Role::Provider])?.id();
    let mut entries = Vec::new();
    for view in provider_proposals(db, provider_id).await? {
        let site = site_by_id(db, view.request.site_id).await?;
        let topics = request_view(db, view.request.id).await?.topics;
        entries.push(InboxEntry { view, site, topics });
    }
    Ok(entries)
}
