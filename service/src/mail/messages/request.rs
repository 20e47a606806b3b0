//! Messages about requests: received (to the site contact and to coordinators) and a proposed
//! assignment (to the provider).

use chrono::{DateTime, NaiveDate, Utc};

use super::doc::Doc;
use super::links::{Topic, link_for};
use super::session::finish;
use super::{Contact, Person, SiteFacts, join_names};
use crate::accounts::Role;
use crate::mail::OutgoingMessage;
use crate::timefmt::{date, instant, span_with_site};

/// A request just submitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestReceivedFacts {
    pub request_id: i32,
    pub title: String,
    pub site: SiteFacts,
    pub submitted_by: String,
    pub topics: Vec<String>,
    pub modality: String,
    pub session_count: i32,
    pub cadence: String,
    pub earliest_date: NaiveDate,
    pub latest_date: NaiveDate,
    pub contact: Contact,
    /// The application's address; the link is built per recipient ([`super::links`]).
    pub app_url: String,
}

/// An assignment proposed to a provider, with the proposed session times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalFacts {
    pub proposal_id: i32,
    pub request_id: i32,
    pub title: String,
    pub site: SiteFacts,
    pub topics: Vec<String>,
    pub modality: String,
    /// Proposed (start, end) of each session, in order.
    pub sessions: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    pub respond_by: Option<DateTime<Utc>>,
    pub contact: Contact,
    /// The application's address; the link is built per recipient ([`super::links`]).
    pub app_url: String,
    /// The other providers of a team proposal (each accepts or declines their own), empty for
    /// one provider.
    pub co_providers: Vec<String>,
}

/// "Request received" to the site contact or a coordinator. The site's contacts are told it
/// reached the queue and that they will hear back, with whom to ask; a coordinator or
/// administrator reads it as new work in their queue, with a link to their own page of it and
/// no "contact us" line (they are the contact). Key: the request.
pub fn request_received(facts: &RequestReceivedFacts, to: &Person) -> OutgoingMessage {
    let for_staff = matches!(to.role, Role::Coordinator | Role::Admin);
    let subject = if for_staff {
        format!(
            "New request from {}: {} (#{})",
            facts.site.name, facts.title, facts.request_id
        )
    } else {
        format!("Request received: {} (#{})", facts.title, facts.request_id)
    };
    let opening = if for_staff {
        format!(
            "A new request from {} (#{}) is in the queue, waiting for a provider.",
            facts.site.name, facts.request_id
        )
    } else {
        format!(
            "TTA request #{} from {} was received and is in the coordinators' queue. \
             You will hear from us when a provider and schedule are proposed.",
            facts.request_id, facts.site.name
        )
    };
    let doc = Doc::new(to.greeting())
        .para(opening)
        .facts(vec![
            ("Title".to_owned(), facts.title.clone()),
            ("Submitted by".to_owned(), facts.submitted_by.clone()),
            ("Topics".to_owned(), facts.topics.join(", ")),
            ("Modality".to_owned(), facts.modality.clone()),
            (
                "Sessions".to_owned(),
                format!("{} ({})", facts.session_count, facts.cadence),
            ),
            (
                "Between".to_owned(),
                format!(
                    "{} and {} ({} time)",
                    date(facts.earliest_date),
                    date(facts.latest_date),
                    facts.site.zone.name()
                ),
            ),
        ])
        .link(
            if for_staff {
                "Find a provider"
            } else {
                "Follow the request"
            },
            link_for(
                &facts.app_url,
                to,
                Topic::Request {
                    request_id: facts.request_id,
                },
            ),
        );
    let doc = if for_staff {
        doc
    } else {
        doc.contact(facts.contact.line())
    };
    let key = format!("request_received:{}", facts.request_id);
    finish("request_received", &key, to, subject, &doc, None)
}

/// "Proposed assignment" to a provider, times in the provider's zone with the site's beside
/// them. Key: the proposal.
pub fn proposal(facts: &ProposalFacts, to: &Person) -> OutgoingMessage {
    let subject = format!("Proposed assignment: {} — {}", facts.title, facts.site.name);
    let mut doc = Doc::new(to.greeting())
        .para(format!(
            "You are proposed as provider for \"{}\" at {} ({}). Please accept or decline.",
            facts.title, facts.site.name, facts.modality
        ))
        .facts(vec![
            ("Request".to_owned(), format!("#{}", facts.request_id)),
            ("Topics".to_owned(), facts.topics.join(", ")),
        ]);
    if !facts.co_providers.is_empty() {
        doc = doc.para(format!(
            "You are proposed as a team with {}: each of you accepts or declines, and the \
             sessions are confirmed once all of you have accepted.",
            join_names(&facts.co_providers)
        ));
    }
    doc = doc.list(
        facts
            .sessions
            .iter()
            .enumerate()
            .map(|(i, (start, end))| {
                format!(
                    "Session {}: {}",
                    i + 1,
                    span_with_site(*start, *end, to.zone, facts.site.zone)
                )
            })
            .collect(),
    );
    if let Some(by) = facts.respond_by {
        doc = doc.para(format!("Please answer by {}.", instant(by, to.zone)));
    }
    let doc = doc
        .link(
            "Accept or decline",
            link_for(
                &facts.app_url,
                to,
                Topic::Proposal {
                    request_id: facts.request_id,
                },
            ),
        )
        .contact(facts.contact.line());
    let key = format!("proposal:{}", facts.proposal_id);
    finish("proposal", &key, to, subject, &doc, None)
}

/// A provider declined a proposal; the request is back in matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalDeclinedFacts {
    pub proposal_id: i32,
    pub request_id: i32,
    pub title: String,
    pub site: SiteFacts,
    pub provider_name: String,
    pub reason: String,
    /// The application's address; the link is built per recipient ([`super::links`]).
    pub app_url: String,
}

/// "Proposal declined" to a coordinator, with the provider's reason. Key: the proposal.
pub fn proposal_declined(facts: &ProposalDeclinedFacts, to: &Person) -> OutgoingMessage {
    let subject = format!(
        "Declined: {} — {} (#{})",
        facts.title, facts.provider_name, facts.request_id
    );
    let doc = Doc::new(to.greeting())
        .para(format!(
            "{} declined the proposed assignment for \"{}\" at {}. The tentative sessions are \
             released and the request is back in matching.",
            facts.provider_name, facts.title, facts.site.name
        ))
        .facts(vec![
            ("Request".to_owned(), format!("#{}", facts.request_id)),
            ("Reason".to_owned(), facts.reason.trim().to_owned()),
        ])
        .link(
            "Find another provider",
            link_for(
                &facts.app_url,
                to,
                Topic::Proposal {
                    request_id: facts.request_id,
                },
            ),
        );
    let key = format!("proposal_declined:{}", facts.proposal_id);
    finish("proposal_declined", &key, to, subject, &doc, None)
}
