//! Messages that tell a coordinator something waits for them: a provider accepted a proposal
//! (to approve), a site asked to move or cancel a session, and the daily digest for those who
//! chose one instead of an e-mail per event.

use chrono::NaiveDate;

use super::doc::Doc;
use super::links::{Topic, link_for};
use super::session::finish;
use super::{Person, SiteFacts};
use crate::mail::OutgoingMessage;

/// A provider accepted a proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalAcceptedFacts {
    pub proposal_id: i32,
    pub request_id: i32,
    pub title: String,
    pub site: SiteFacts,
    pub provider_name: String,
    /// The application's address; the link is built per recipient ([`super::links`]).
    pub app_url: String,
}

/// "Accepted — ready to approve" to a coordinator. Key: the proposal.
pub fn proposal_accepted(facts: &ProposalAcceptedFacts, to: &Person) -> OutgoingMessage {
    let subject = format!(
        "Ready to approve: {} — {} accepted (#{})",
        facts.title, facts.provider_name, facts.request_id
    );
    let doc = Doc::new(to.greeting())
        .para(format!(
            "{} accepted the proposed assignment for \"{}\" at {}. Approve it to confirm the \
             sessions and send the calendar invitations.",
            facts.provider_name, facts.title, facts.site.name
        ))
        .facts(vec![(
            "Request".to_owned(),
            format!("#{}", facts.request_id),
        )])
        .link(
            "Review and approve",
            link_for(
                &facts.app_url,
                to,
                Topic::Proposal {
                    request_id: facts.request_id,
                },
            ),
        );
    let key = format!("proposal_accepted:{}", facts.proposal_id);
    finish("proposal_accepted", &key, to, subject, &doc, None)
}

/// A site asked to move or cancel a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeAskedFacts {
    pub change_request_id: i32,
    pub request_id: i32,
    pub title: String,
    pub site: SiteFacts,
    /// 1-based position of the session in its series.
    pub occurrence: i32,
    /// What the site asks, e.g. `Reschedule this session`.
    pub what: String,
    pub reason: String,
    /// For a reschedule: when would suit the site instead, as they typed it.
    pub wanted: String,
    /// Who asked.
    pub asked_by: String,
    pub app_url: String,
}

/// "Change asked" to a coordinator. Key: the ask.
pub fn change_asked(facts: &ChangeAskedFacts, to: &Person) -> OutgoingMessage {
    let subject = format!(
        "Change asked: {} — session {} (#{})",
        facts.title, facts.occurrence, facts.request_id
    );
    let mut details = vec![
        ("Request".to_owned(), format!("#{}", facts.request_id)),
        ("Session".to_owned(), facts.occurrence.to_string()),
        ("Asked".to_owned(), facts.what.clone()),
        ("Reason".to_owned(), facts.reason.trim().to_owned()),
    ];
    if !facts.wanted.trim().is_empty() {
        details.push(("Would suit".to_owned(), facts.wanted.trim().to_owned()));
    }
    let doc = Doc::new(to.greeting())
        .para(format!(
            "{} of {} asked for a change to a session of \"{}\".",
            facts.asked_by, facts.site.name, facts.title
        ))
        .facts(details)
        .link(
            "Answer the request",
            link_for(
                &facts.app_url,
                to,
                Topic::Request {
                    request_id: facts.request_id,
                },
            ),
        );
    let key = format!("change_asked:{}", facts.change_request_id);
    finish("change_asked", &key, to, subject, &doc, None)
}

/// One line of a digest: what waits, on which request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestLine {
    /// `Accepted — ready to approve`.
    pub kind: String,
    pub request_id: i32,
    pub title: String,
    pub site: String,
    /// The provider, or what the site asked.
    pub detail: String,
}

/// What waits for one coordinator on one day of their calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestFacts {
    /// The day on the coordinator's own calendar.
    pub day: NaiveDate,
    pub lines: Vec<DigestLine>,
    pub app_url: String,
}

/// The daily digest to a coordinator. Key: the coordinator and the day, so it is sent once a day.
pub fn coordinator_digest(facts: &DigestFacts, to: &Person) -> OutgoingMessage {
    let count = facts.lines.len();
    let subject = format!(
        "Waiting for you: {count} {} ({})",
        if count == 1 { "item" } else { "items" },
        facts.day.format("%a %-d %b %Y")
    );
    let doc = Doc::new(to.greeting())
        .para("These wait for a coordinator today:")
        .list(
            facts
                .lines
                .iter()
                .map(|l| {
                    format!(
                        "{}: \"{}\" (#{}) at {} — {}",
                        l.kind, l.title, l.request_id, l.site, l.detail
                    )
                })
                .collect(),
        )
        .link(
            "Open what needs your action",
            format!("{}/", facts.app_url.trim_end_matches('/')),
        );
    let key = format!("coordinator_digest:{}", facts.day.format("%Y-%m-%d"));
    finish("coordinator_digest", &key, to, subject, &doc, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Role;
    use chrono_tz::Tz;

    fn coordinator() -> Person {
        Person {
            name: "Casey Coordinator".to_owned(),
            email: "casey@example.org".to_owned(),
            zone: Tz::America__New_York,
            role: Role::Coordinator,
        }
    }

    fn digest(day: u32, lines: usize) -> DigestFacts {
        DigestFacts {
            day: NaiveDate::from_ymd_opt(2027, 1, day).unwrap(),
            lines: (0..lines)
                .map(|i| DigestLine {
                    kind: "Accepted — ready to approve".to_owned(),
                    request_id: i32::try_from(i).unwrap() + 1,
                    title: format!("Coaching {i}"),
                    site: "Memphis, TN".to_owned(),
                    detail: "Priya Patel".to_owned(),
                })
                .collect(),
            app_url: "https://tta.example.gov/".to_owned(),
        }
    }

    #[test]
    fn a_digest_is_keyed_by_day_and_lists_every_line() {
        let to = coordinator();
        let monday = coordinator_digest(&digest(4, 2), &to);
        assert_eq!(monday.subject, "Waiting for you: 2 items (Mon 4 Jan 2027)");
        assert!(monday.text.contains("Coaching 0") && monday.text.contains("Coaching 1"));
        assert!(
            monday
                .text
                .lines()
                .any(|l| l.trim_end().ends_with("https://tta.example.gov/"))
        );
        assert!(!monday.text.contains("gov//"));
        assert_eq!(
            coordinator_digest(&digest(4, 1), &to).dedup_key,
            monday.dedup_key
        );
        assert_ne!(
            coordinator_digest(&digest(5, 2), &to).dedup_key,
            monday.dedup_key
        );
        assert_eq!(
            coordinator_digest(&digest(5, 1), &to).subject,
            "Waiting for you: 1 item (Tue 5 Jan 2027)"
        );
    }

    #[test]
    fn a_change_ask_names_the_wanted_time_only_when_given() {
        let facts = ChangeAskedFacts {
            change_request_id: 9,
            request_id: 7,
            title: "Gun violence coaching".to_owned(),
            site: SiteFacts {
                name: "Memphis".to_owned(),
                zone: Tz::America__Chicago,
            },
            occurrence: 2,
            what: "Reschedule this session".to_owned(),
            reason: "Training day".to_owned(),
            wanted: "The Thursday after".to_owned(),
            asked_by: "Sam Site".to_owned(),
            app_url: "https://tta.example.gov".to_owned(),
        };
        let message = change_asked(&facts, &coordinator());
        assert!(message.text.contains("The Thursday after"));
        assert!(
            message
                .text
                .contains("https://tta.example.gov/coordinator/requests/7")
        );
        let cancel = ChangeAskedFacts {
            wanted: String::new(),
            ..facts
        };
        assert!(
            !change_asked(&cancel, &coordinator())
                .text
                .contains("Would suit")
        );
    }
}
