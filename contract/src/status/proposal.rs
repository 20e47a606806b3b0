//! A proposal sent to a provider: they accept or decline it, or the coordinator withdraws it.

use super::{IllegalTransition, status_names};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    Sent,
    Accepted,
    Declined,
    Withdrawn,
}

status_names!(ProposalStatus, "proposal", {
    Sent => "sent",
    Accepted => "accepted",
    Declined => "declined",
    Withdrawn => "withdrawn",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProposalTransition {
    Accept,
    Decline,
    Withdraw,
}

impl ProposalStatus {
    pub fn apply(self, transition: ProposalTransition) -> Result<Self, IllegalTransition> {
        match (self, transition) {
            (Self::Sent, ProposalTransition::Accept) => Ok(Self::Accepted),
            (Self::Sent, ProposalTransition::Decline) => Ok(Self::Declined),
            (Self::Sent | Self::Accepted, ProposalTransition::Withdraw) => Ok(Self::Withdrawn),
            _ => Err(IllegalTransition {
                kind: "proposal",
                from: self.as_str(),
                transition: match transition {
                    ProposalTransition::Accept => "accept",
                    ProposalTransition::Decline => "decline",
                    ProposalTransition::Withdraw => "withdraw",
                },
            }),
        }
    }

    pub fn accept(self) -> Result<Self, IllegalTransition> {
        self.apply(ProposalTransition::Accept)
    }
    pub fn decline(self) -> Result<Self, IllegalTransition> {
        self.apply(ProposalTransition::Decline)
    }
    pub fn withdraw(self) -> Result<Self, IllegalTransition> {
        self.apply(ProposalTransition::Withdraw)
    }
}

#[cfg(test)]
mod tests {
    use super::ProposalStatus as P;

    #[test]
    fn a_decided_proposal_cannot_be_decided_again() {
        assert_eq!(P::Sent.accept(), Ok(P::Accepted));
        assert_eq!(P::Sent.decline(), Ok(P::Declined));
        assert!(P::Accepted.decline().is_err());
        assert!(P::Declined.accept().is_err());
        assert_eq!(
            P::Declined.withdraw().unwrap_err().to_string(),
            "cannot withdraw a proposal that is declined"
        );
    }
}
