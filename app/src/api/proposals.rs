//! Server functions of the provider's proposals inbox: the list, accept, decline with a reason.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One proposal as the provider's inbox shows it; times in the provider's zone with the site's
/// wall clock beside them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalCard {
    pub id: i32,
    /// `sent`, `accepted`, `declined` or `withdrawn`.
    pub status: String,
    pub title: String,
    pub site: String,
    pub site_zone: String,
    pub topics: Vec<String>,
    pub summary: String,
    pub description: String,
    pub sessions: Vec<String>,
    pub reason: String,
}

impl ProposalCard {
    /// Whether the provider can still accept or decline it.
    pub fn open(&self) -> bool {
        self.status == "sent"
    }

    pub fn status_label(&self) -> &'static str {
        match self.status.as_str() {
            "sent" => "Awaiting your answer",
            "accepted" => "Accepted, awaiting coordinator approval",
            "declined" => "Declined",
            "withdrawn" => "Withdrawn by the coordinator",
            _ => "Unknown",
        }
    }
}

/// The provider's proposals, newest first.
#[server(endpoint = "proposals/mine")]
pub async fn my_proposals() -> Result<Vec<ProposalCard>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;
    use service::ServiceError;
    use service::zone::TimeZone;

    let actor = acting_person()?;
    let user = actor.user();
    let db = database()?;
    let entries = service::proposals::provider_inbox(&db, &actor)
        .await
        .map_err(to_server_error)?;
    let zone = |name: &str| {
        TimeZone::parse(name).map_err(|e| to_server_error(ServiceError::Internal(e.to_string())))
    };
    let reader = zone(&user.time_zone)?;
    let mut cards = Vec::with_capacity(entries.len());
    for entry in entries {
        let site_zone = zone(&entry.site.time_zone)?;
        let request = &entry.view.request;
        cards.push(ProposalCard {
            id: entry.view.proposal.id,
            status: entry.view.status.as_str().to_owned(),
            title: request.title.clone(),
            site: format!("{}, {}", entry.site.name, entry.site.state),
            site_zone: format!(
                "{} ({})",
                service::intake::zone_common_name(site_zone.name()),
                site_zone.name()
            ),
            topics: entry.topics.iter().map(|t| t.name.clone()).collect(),
            summary: service::intake::describe_stored(request)
                .unwrap_or_else(|| request.title.clone()),
            description: request.description.clone(),
            sessions: entry
                .view
                .sessions
                .iter()
                .map(|s| {
                    service::timefmt::span_with_site(s.starts_at, s.ends_at, reader, site_zone)
                })
                .collect(),
            reason: entry.view.proposal.decision_reason.clone(),
        });
    }
    Ok(cards)
}

/// The provider accepts their proposal.
#[server(endpoint = "proposals/accept")]
pub async fn accept_proposal(id: i32) -> Result<(), ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::proposals::accept_proposal(&db, &actor, id)
        .await
        .map_err(to_server_error)
}

/// The provider declines their proposal, saying why.
#[server(endpoint = "proposals/decline")]
pub async fn decline_proposal(id: i32, reason: String) -> Result<(), ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::proposals::decline_proposal(
        &db,
        &actor,
        id,
        &reason,
        &crate::api::context::notify_settings()?,
    )
    .await
    .map_err(to_server_error)
}
