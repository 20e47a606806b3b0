//! The provider's proposals inbox: each proposal with its request in words and its sessions in
//! the provider's zone, the site's wall clock beside them, and whether it can still be answered.

use contract::views::provider::ProposalCard;

use crate::access::Actor;
use crate::intake::{describe_stored, zone_common_name};
use crate::proposals::provider_inbox;
use crate::status::ProposalStatus;
use crate::views::{reader_zone, stored_zone};
use crate::{Database, ServiceError};

/// The acting provider's proposals, newest first. Providers only, and only their own.
pub async fn proposals_page(
    db: &Database,
    actor: &Actor,
) -> Result<Vec<ProposalCard>, ServiceError> {
    let entries = provider_inbox(db, actor).await?;
    let reader = reader_zone(actor)?;
    // A team proposal's sessions name the other providers.
    let ids: Vec<i32> = entries
        .iter()
        .flat_map(|e| e.view.sessions.iter().map(|s| s.id))
        .collect();
    let joint = crate::teams::joint_names(db.conn(), &ids).await?;
    let own_name = actor.user().display_name.clone();
    entries
        .into_iter()
        .map(|entry| {
            let site_zone = stored_zone(&entry.site.time_zone)?;
            let request = &entry.view.request;
            Ok(ProposalCard {
                id: entry.view.proposal.id,
                status: entry.view.status,
                can_answer: can_answer(entry.view.status),
                title: request.title.clone(),
                site: format!("{}, {}", entry.site.name, entry.site.state),
                site_zone: format!(
                    "{} ({})",
                    zone_common_name(site_zone.name()),
                    site_zone.name()
                ),
                topics: entry.topics.iter().map(|t| t.name.clone()).collect(),
                summary: describe_stored(request).unwrap_or_else(|| request.title.clone()),
                description: request.description.clone(),
                sessions: entry
                    .view
                    .sessions
                    .iter()
                    .map(|s| {
                        let when = crate::timefmt::session_when(
                            request,
                            s.starts_at,
                            s.ends_at,
                            reader,
                            site_zone,
                        );
                        match crate::teams::others_of(&joint, s.id, &own_name) {
                            Some(with) => format!("{when}, {with}"),
                            None => when,
                        }
                    })
                    .collect(),
                reason: entry.view.proposal.decision_reason.clone(),
            })
        })
        .collect()
}

/// The provider may still accept or decline: both answers are open from this status.
pub fn can_answer(status: ProposalStatus) -> bool {
    status.accept().is_ok() && status.decline().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_sent_proposal_is_answered() {
        let open: Vec<ProposalStatus> = ProposalStatus::ALL
            .iter()
            .copied()
            .filter(|&s| can_answer(s))
            .collect();
        assert_eq!(open, [ProposalStatus::Sent]);
    }
}
