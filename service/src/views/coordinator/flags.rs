//! What the coordinator may do next on a request's page, derived from the status machines
//! (`contract::status`) so the page never re-derives them. The use cases behind the buttons
//! check the same rules again when they run.

use chrono::{DateTime, Utc};

use crate::status::{ProposalStatus, RequestStatus, SessionStatus};

/// A provider may be proposed: the request may move to `proposed`.
pub fn can_propose(request: RequestStatus) -> bool {
    request.propose().is_ok()
}

/// The request may be returned to the site and may be rejected (both are offered together).
pub fn can_return_or_reject(request: RequestStatus) -> bool {
    request.return_to_site().is_ok() && request.reject().is_ok()
}

/// The provider accepted the proposal and the request, waiting on it, may be approved.
pub fn can_approve(proposal: ProposalStatus, request: RequestStatus) -> bool {
    proposal == ProposalStatus::Accepted && request.approve().is_ok()
}

/// The proposal may still be withdrawn and the request is waiting on it.
pub fn can_withdraw(proposal: ProposalStatus, request: RequestStatus) -> bool {
    proposal.withdraw().is_ok() && request == RequestStatus::Proposed
}

/// A session may be moved or cancelled: it holds the provider's time and has not started (a
/// session that has started is what happened).
pub fn can_change_session(
    session: SessionStatus,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    session.holds_time() && starts_at > now
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn allowing(rule: impl Fn(RequestStatus) -> bool) -> Vec<RequestStatus> {
        RequestStatus::ALL
            .iter()
            .copied()
            .filter(|&s| rule(s))
            .collect()
    }

    #[test]
    fn proposing_returning_and_rejecting_are_offered_while_submitted_or_matching() {
        use RequestStatus as R;
        assert_eq!(allowing(can_propose), [R::Submitted, R::Matching]);
        assert_eq!(allowing(can_return_or_reject), [R::Submitted, R::Matching]);
    }

    #[test]
    fn only_an_accepted_proposal_of_a_proposed_request_is_approved() {
        for &proposal in ProposalStatus::ALL {
            for &request in RequestStatus::ALL {
                assert_eq!(
                    can_approve(proposal, request),
                    proposal == ProposalStatus::Accepted && request == RequestStatus::Proposed,
                    "{proposal} / {request}"
                );
            }
        }
    }

    #[test]
    fn sent_and_accepted_proposals_of_a_proposed_request_are_withdrawn() {
        for &proposal in ProposalStatus::ALL {
            for &request in RequestStatus::ALL {
                let open = matches!(proposal, ProposalStatus::Sent | ProposalStatus::Accepted);
                assert_eq!(
                    can_withdraw(proposal, request),
                    open && request == RequestStatus::Proposed,
                    "{proposal} / {request}"
                );
            }
        }
    }

    #[test]
    fn booked_sessions_move_until_they_start() {
        let now = Utc::now();
        let (later, earlier) = (now + Duration::hours(1), now - Duration::hours(1));
        for &status in SessionStatus::ALL {
            let booked = matches!(status, SessionStatus::Tentative | SessionStatus::Confirmed);
            assert_eq!(can_change_session(status, later, now), booked, "{status}");
            assert!(!can_change_session(status, earlier, now), "{status}");
            assert!(!can_change_session(status, now, now), "{status}");
        }
    }
}
