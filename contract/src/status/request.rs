//! The life of a TTA request, from submission to completion.
//!
//! ```text
//! submitted ─start_matching→ matching ─propose→ proposed ─approve→ approved ─schedule→ scheduled ─complete→ completed
//!     │  ╰──────────────propose──────────────╯     │ ╰─provider_declined→ matching
//!     ╰─ return_to_site (from submitted/matching/proposed) → returned ─resubmit→ submitted
//!        reject (from submitted/matching/returned) → rejected;  cancel (any open status) → cancelled
//! ```

use super::{IllegalTransition, status_names};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Submitted,
    Matching,
    Proposed,
    Approved,
    Scheduled,
    Completed,
    Returned,
    Rejected,
    Cancelled,
}

status_names!(RequestStatus, "request", {
    Submitted => "submitted",
    Matching => "matching",
    Proposed => "proposed",
    Approved => "approved",
    Scheduled => "scheduled",
    Completed => "completed",
    Returned => "returned",
    Rejected => "rejected",
    Cancelled => "cancelled",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestTransition {
    StartMatching,
    Propose,
    ProviderDeclined,
    Approve,
    Schedule,
    Complete,
    ReturnToSite,
    Resubmit,
    Reject,
    Cancel,
}

impl RequestTransition {
    pub fn verb(self) -> &'static str {
        match self {
            Self::StartMatching => "start matching",
            Self::Propose => "propose",
            Self::ProviderDeclined => "record a declined proposal for",
            Self::Approve => "approve",
            Self::Schedule => "schedule",
            Self::Complete => "complete",
            Self::ReturnToSite => "return to the site",
            Self::Resubmit => "resubmit",
            Self::Reject => "reject",
            Self::Cancel => "cancel",
        }
    }
}

impl RequestStatus {
    /// Whether nothing can happen to the request any more.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Completed | Self::Rejected | Self::Cancelled)
    }

    /// The status after `transition`, or why it is not allowed.
    pub fn apply(self, transition: RequestTransition) -> Result<Self, IllegalTransition> {
        use RequestStatus as S;
        use RequestTransition as T;
        let next = match (self, transition) {
            (S::Submitted, T::StartMatching) => S::Matching,
            (S::Submitted | S::Matching, T::Propose) => S::Proposed,
            (S::Proposed, T::ProviderDeclined) => S::Matching,
            (S::Proposed, T::Approve) => S::Approved,
            (S::Approved, T::Schedule) => S::Scheduled,
            (S::Scheduled, T::Complete) => S::Completed,
            (S::Submitted | S::Matching | S::Proposed, T::ReturnToSite) => S::Returned,
            (S::Returned, T::Resubmit) => S::Submitted,
            (S::Submitted | S::Matching | S::Returned, T::Reject) => S::Rejected,
            (status, T::Cancel) if !status.is_closed() => S::Cancelled,
            _ => {
                return Err(IllegalTransition {
                    kind: "request",
                    from: self.as_str(),
                    transition: transition.verb(),
                });
            }
        };
        Ok(next)
    }

    pub fn start_matching(self) -> Result<Self, IllegalTransition> {
        self.apply(RequestTransition::StartMatching)
    }
    pub fn propose(self) -> Result<Self, IllegalTransition> {
        self.apply(RequestTransition::Propose)
    }
    pub fn provider_declined(self) -> Result<Self, IllegalTransition> {
        self.apply(RequestTransition::ProviderDeclined)
    }
    pub fn approve(self) -> Result<Self, IllegalTransition> {
        self.apply(RequestTransition::Approve)
    }
    pub fn schedule(self) -> Result<Self, IllegalTransition> {
        self.apply(RequestTransition::Schedule)
    }
    pub fn complete(self) -> Result<Self, IllegalTransition> {
        self.apply(RequestTransition::Complete)
    }
    pub fn return_to_site(self) -> Result<Self, IllegalTransition> {
        self.apply(RequestTransition::ReturnToSite)
    }
    pub fn resubmit(self) -> Result<Self, IllegalTransition> {
        self.apply(RequestTransition::Resubmit)
    }
    pub fn reject(self) -> Result<Self, IllegalTransition> {
        self.apply(RequestTransition::Reject)
    }
    pub fn cancel(self) -> Result<Self, IllegalTransition> {
        self.apply(RequestTransition::Cancel)
    }
}

#[cfg(test)]
mod tests {
    use super::RequestStatus as S;
    use super::RequestTransition as T;

    const ALL_TRANSITIONS: [T; 10] = [
        T::StartMatching,
        T::Propose,
        T::ProviderDeclined,
        T::Approve,
        T::Schedule,
        T::Complete,
        T::ReturnToSite,
        T::Resubmit,
        T::Reject,
        T::Cancel,
    ];

    #[test]
    fn the_happy_path_reaches_completed() {
        let done = S::Submitted
            .start_matching()
            .and_then(S::propose)
            .and_then(S::approve)
            .and_then(S::schedule)
            .and_then(S::complete);
        assert_eq!(done, Ok(S::Completed));
    }

    #[test]
    fn exactly_the_listed_transitions_are_allowed() {
        let allowed: Vec<(S, T)> = S::ALL
            .iter()
            .flat_map(|&s| ALL_TRANSITIONS.iter().map(move |&t| (s, t)))
            .filter(|&(s, t)| s.apply(t).is_ok())
            .collect();
        // 1 + 2 + 1 + 1 + 1 + 1 + 3 + 1 + 3 transitions, plus cancel from the 6 open statuses.
        assert_eq!(allowed.len(), 14 + 6, "{allowed:?}");
    }

    #[test]
    fn closed_requests_refuse_everything_with_a_readable_reason() {
        for closed in [S::Completed, S::Rejected, S::Cancelled] {
            for transition in ALL_TRANSITIONS {
                assert!(closed.apply(transition).is_err());
            }
        }
        let err = S::Completed.cancel().unwrap_err();
        assert_eq!(err.to_string(), "cannot cancel a request that is completed");
    }

    #[test]
    fn names_round_trip() {
        for &status in S::ALL {
            assert_eq!(S::parse(status.as_str()), Ok(status));
        }
        assert!(S::parse("done").is_err());
    }
}
