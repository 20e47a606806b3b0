//! Messages when a coordinator takes something back: a proposal withdrawn (to the provider), a
//! request returned to the site for changes or rejected (to the site's contacts), each with the
//! coordinator's reason.

use super::doc::Doc;
use super::links::{Topic, link_for};
use super::session::finish;
use super::{Contact, Person, SiteFacts};
use crate::mail::OutgoingMessage;

/// A proposal the coordinator withdrew before it was approved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalWithdrawnFacts {
    pub proposal_id: i32,
    pub request_id: i32,
    pub title: String,
    pub site: SiteFacts,
    /// Empty when the coordinator gave none.
    pub reason: String,
    pub contact: Contact,
    /// The application's address; the link is built per recipient ([`super::links`]).
    pub app_url: String,
}

/// "Proposal withdrawn" to the provider: the tentative sessions are released. Key: the
/// proposal (a proposal is withdrawn at most once).
pub fn proposal_withdrawn(facts: &ProposalWithdrawnFacts, to: &Person) -> OutgoingMessage {
    let subject = format!("Withdrawn: {} — {}", facts.title, facts.site.name);
    let mut lines = vec![("Request".to_owned(), format!("#{}", facts.request_id))];
    let reason = facts.reason.trim();
    if !reason.is_empty() {
        lines.push(("Reason".to_owned(), reason.to_owned()));
    }
    let doc = Doc::new(to.greeting())
        .para(format!(
            "The coordinator withdrew the proposed assignment for \"{}\" at {}. The tentative \
             sessions are released from your calendar; you need not do anything.",
            facts.title, facts.site.name
        ))
        .facts(lines)
        .link(
            "See your proposals",
            link_for(
                &facts.app_url,
                to,
                Topic::Proposal {
                    request_id: facts.request_id,
                },
            ),
        )
        .contact(facts.contact.line());
    let key = format!("proposal_withdrawn:{}", facts.proposal_id);
    finish("proposal_withdrawn", &key, to, subject, &doc, None)
}

/// A request a coordinator returned to the site or rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestClosedFacts {
    pub request_id: i32,
    /// The `request_status_change` row that records the decision: a request returned, changed
    /// and returned again is a new event.
    pub change_id: i32,
    pub title: String,
    pub site: SiteFacts,
    pub reason: String,
    pub contact: Contact,
    /// The application's address; the link is built per recipient ([`super::links`]).
    pub app_url: String,
}

/// "Returned for changes" to a site contact, with the coordinator's reason. Key: the request
/// and the status change.
pub fn request_returned(facts: &RequestClosedFacts, to: &Person) -> OutgoingMessage {
    let subject = format!(
        "Returned for changes: {} (#{})",
        facts.title, facts.request_id
    );
    let doc = Doc::new(to.greeting())
        .para(format!(
            "A coordinator returned TTA request #{} from {} to you: it needs changes before a \
             provider can be found. Please read the reason, change the request and submit it \
             again.",
            facts.request_id, facts.site.name
        ))
        .facts(vec![
            ("Title".to_owned(), facts.title.clone()),
            ("Reason".to_owned(), facts.reason.trim().to_owned()),
        ])
        .link(
            "Open the request",
            link_for(
                &facts.app_url,
                to,
                Topic::Request {
                    request_id: facts.request_id,
                },
            ),
        )
        .contact(facts.contact.line());
    let key = format!("request_returned:{}:{}", facts.request_id, facts.change_id);
    finish("request_returned", &key, to, subject, &doc, None)
}

/// "Not accepted" to a site contact, with the coordinator's reason. Key: the request and the
/// status change.
pub fn request_rejected(facts: &RequestClosedFacts, to: &Person) -> OutgoingMessage {
    let subject = format!("Not accepted: {} (#{})", facts.title, facts.request_id);
    let doc = Doc::new(to.greeting())
        .para(format!(
            "A coordinator could not accept TTA request #{} from {}. No sessions will be \
             scheduled for it.",
            facts.request_id, facts.site.name
        ))
        .facts(vec![
            ("Title".to_owned(), facts.title.clone()),
            ("Reason".to_owned(), facts.reason.trim().to_owned()),
        ])
        .link(
            "Open the request",
            link_for(
                &facts.app_url,
                to,
                Topic::Request {
                    request_id: facts.request_id,
                },
            ),
        )
        .contact(facts.contact.line());
    let key = format!("request_rejected:{}:{}", facts.request_id, facts.change_id);
    finish("request_rejected", &key, to, subject, &doc, None)
}
