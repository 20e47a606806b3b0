//! The words a status reads as on a page, per reader: a site contact, a coordinator and a
//! provider say the same status differently ("Returned to you" / "Returned to site").

use super::{ProposalStatus, RequestStatus, SessionStatus};

impl RequestStatus {
    /// How the site contact who asked reads the status.
    pub fn label_for_site(self) -> &'static str {
        match self {
            Self::Submitted => "Submitted",
            Self::Matching => "Finding a provider",
            Self::Proposed => "Provider proposed",
            Self::Approved => "Approved",
            Self::Scheduled => "Scheduled",
            Self::Completed => "Completed",
            Self::Returned => "Returned to you",
            Self::Rejected => "Not accepted",
            Self::Cancelled => "Cancelled",
        }
    }

    /// How coordinators and administrators read the status.
    pub fn label_for_staff(self) -> &'static str {
        match self {
            Self::Submitted => "Submitted",
            Self::Matching => "Matching",
            Self::Proposed => "Proposed to provider",
            Self::Approved => "Approved",
            Self::Scheduled => "Scheduled",
            Self::Completed => "Completed",
            Self::Returned => "Returned to site",
            Self::Rejected => "Rejected",
            Self::Cancelled => "Cancelled",
        }
    }
}

impl SessionStatus {
    /// How every reader reads a session's status.
    pub fn label(self) -> &'static str {
        match self {
            Self::Tentative => "Tentative",
            Self::Confirmed => "Confirmed",
            Self::Cancelled => "Cancelled",
            Self::Completed => "Completed",
        }
    }
}

impl ProposalStatus {
    /// How the provider the proposal was sent to reads its status.
    pub fn label_for_provider(self) -> &'static str {
        match self {
            Self::Sent => "Awaiting your answer",
            Self::Accepted => "Accepted, awaiting coordinator approval",
            Self::Declined => "Declined",
            Self::Withdrawn => "Withdrawn by the coordinator",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_capitalised_words_never_the_stored_text() {
        let labels = RequestStatus::ALL
            .iter()
            .flat_map(|s| [s.label_for_site(), s.label_for_staff()])
            .chain(SessionStatus::ALL.iter().map(|s| s.label()))
            .chain(ProposalStatus::ALL.iter().map(|s| s.label_for_provider()));
        for label in labels {
            assert!(
                label.starts_with(|c: char| c.is_ascii_uppercase()),
                "{label}"
            );
        }
        assert_eq!(RequestStatus::Returned.label_for_site(), "Returned to you");
        assert_eq!(
            RequestStatus::Returned.label_for_staff(),
            "Returned to site"
        );
    }

    #[test]
    fn statuses_travel_as_their_stored_text() {
        for &status in RequestStatus::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(
                serde_json::from_str::<RequestStatus>(&json).unwrap(),
                status
            );
        }
        for &status in SessionStatus::ALL {
            assert_eq!(
                serde_json::to_string(&status).unwrap(),
                format!("\"{status}\"")
            );
        }
        for &status in ProposalStatus::ALL {
            assert_eq!(
                serde_json::to_string(&status).unwrap(),
                format!("\"{status}\"")
            );
        }
    }
}
