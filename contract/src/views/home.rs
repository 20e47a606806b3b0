//! What each role's home page receives: "Needs your action" (things that wait for the reader)
//! and "Coming up" (their next sessions), each item already in words with the link to the
//! reader's own page for it. For coordinators and administrators also how their notices arrive.

use serde::{Deserialize, Serialize};

/// What waits for a coordinator on a request (the queue's and the home page's label).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WaitingOn {
    /// The provider accepted the proposal; the coordinator approves it.
    Accepted,
    /// The provider declined; the coordinator finds another.
    Declined,
    /// The site asked to move or cancel a session.
    ChangeAsked,
}

impl WaitingOn {
    pub const ALL: [WaitingOn; 3] = [Self::Accepted, Self::Declined, Self::ChangeAsked];

    /// What the coordinator reads: `Accepted — ready to approve`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Accepted => "Accepted — ready to approve",
            Self::Declined => "Declined — find another provider",
            Self::ChangeAsked => "Change asked",
        }
    }

    /// The name in a link's query string (`/coordinator?waiting=accepted`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::ChangeAsked => "change-asked",
        }
    }

    /// The kind [`as_str`](Self::as_str) names; `None` when it names none.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text.trim())
    }
}

/// How a person's notices of what waits for them arrive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// One e-mail per event, as it happens.
    #[default]
    Immediate,
    /// One digest a day, only when something waits.
    Daily,
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Immediate => "immediate",
            Self::Daily => "daily",
        }
    }

    /// The stored or typed name; `None` when it names neither.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "immediate" => Some(Self::Immediate),
            "daily" => Some(Self::Daily),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Immediate => "An e-mail for each event, as it happens",
            Self::Daily => "One daily digest, only when something waits",
        }
    }
}

/// One thing on a home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeItem {
    /// What kind of thing it is, e.g. `Accepted — ready to approve`, `Proposal to answer`.
    pub kind: String,
    /// The request's title.
    pub title: String,
    /// The site, the provider or the time, in words.
    pub detail: String,
    /// The reader's own page for it.
    pub href: String,
}

/// A role's home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeView {
    /// The reader's name, for the greeting.
    pub name: String,
    pub needs_action: Vec<HomeItem>,
    pub coming_up: Vec<HomeItem>,
    /// How the reader's notices arrive (coordinators and administrators; `None` for others).
    pub delivery: Option<Delivery>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivery_names_round_trip_and_unknown_ones_are_none() {
        for d in [Delivery::Immediate, Delivery::Daily] {
            assert_eq!(Delivery::parse(d.as_str()), Some(d));
        }
        assert_eq!(Delivery::parse("weekly"), None);
        assert_eq!(Delivery::default(), Delivery::Immediate);
    }
}
