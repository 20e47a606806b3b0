//! Who reads which reasons of a request's history.
//!
//! A reason is written for someone. A coordinator's reason for returning or rejecting a request
//! (or for cancelling it) is written to the site, which reads it. Every other reason is internal
//! to the programme — above all a provider's reason for declining a proposal, and a coordinator's
//! note to a provider when withdrawing one (both recorded on the `proposed → matching` step):
//! coordinators and administrators read them; the site contact reads, on that step, only that
//! the provider could not take it and that the coordinator is finding another.

use super::StatusChange;
use crate::accounts::Role;
use crate::status::RequestStatus;

/// What a site contact reads on the step where a proposal came back (declined or withdrawn).
pub const PROVIDER_UNAVAILABLE: &str = "The proposed provider could not take this on. The \
     coordinator is finding another provider.";

impl StatusChange {
    /// Whether this step's reason was written for the site to read.
    pub fn reason_is_for_the_site(&self) -> bool {
        matches!(
            self.to,
            RequestStatus::Returned | RequestStatus::Rejected | RequestStatus::Cancelled
        )
    }

    /// This step as someone with `role` may read it: coordinators and administrators read every
    /// reason; anyone else reads only the reasons written to the site, and
    /// [`PROVIDER_UNAVAILABLE`] where a proposal came back.
    pub fn as_read_by(self, role: Role) -> Self {
        if matches!(role, Role::Coordinator | Role::Admin) || self.reason_is_for_the_site() {
            return self;
        }
        let proposal_came_back =
            self.from == Some(RequestStatus::Proposed) && self.to == RequestStatus::Matching;
        Self {
            reason: if proposal_came_back {
                PROVIDER_UNAVAILABLE.to_owned()
            } else {
                String::new()
            },
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;

    fn step(from: RequestStatus, to: RequestStatus, reason: &str) -> StatusChange {
        StatusChange {
            from: Some(from),
            to,
            changed_by: Some(7),
            reason: reason.to_owned(),
            at: Utc::now(),
        }
    }

    #[test]
    fn a_decline_reason_is_for_coordinators_and_admins_only() {
        let declined = step(
            RequestStatus::Proposed,
            RequestStatus::Matching,
            "Conflict with another engagement",
        );
        for role in [Role::Coordinator, Role::Admin] {
            assert_eq!(declined.clone().as_read_by(role), declined);
        }
        for role in [Role::SiteContact, Role::Provider] {
            let read = declined.clone().as_read_by(role);
            assert_eq!(read.reason, PROVIDER_UNAVAILABLE);
            assert_eq!((read.from, read.to), (declined.from, declined.to));
        }
    }

    #[test]
    fn reasons_written_to_the_site_stay() {
        for to in [RequestStatus::Returned, RequestStatus::Rejected] {
            let closed = step(RequestStatus::Submitted, to, "Add the dates you prefer.");
            assert_eq!(closed.clone().as_read_by(Role::SiteContact), closed);
        }
        let other = step(
            RequestStatus::Submitted,
            RequestStatus::Matching,
            "internal",
        );
        assert_eq!(other.as_read_by(Role::SiteContact).reason, "");
    }
}
