//! Proposals: a coordinator offers a request's whole series to one provider (the sessions are
//! booked tentatively, holding the provider's time); the provider accepts or declines; the
//! coordinator approves an accepted proposal, confirming every session in one transaction.

mod decide;
mod inbox;
mod propose;
mod queries;
mod send;

pub use decide::{
    accept_proposal, accept_proposal_notifying, approve_proposal, decline_proposal,
    withdraw_proposal,
};
pub(crate) use decide::{live_proposals, release_in, set_sessions};
pub use inbox::{InboxEntry, provider_inbox};
pub use propose::{BatchRowOutcome, propose, propose_batch};
pub use queries::{
    ProposalView, proposal_view, provider_proposals, request_proposals, request_sessions,
};
pub use send::{ProposedOccurrence, book_proposal};
pub(crate) use send::{book_proposal_in, proposal_sessions};
