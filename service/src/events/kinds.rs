//! The words of group events: their kind, audience and a registration's status, each parsed
//! from and stored as a short text.

/// What kind of group event it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Training,
    Webinar,
    Workshop,
    Summit,
}

impl EventKind {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "training" => Some(Self::Training),
            "webinar" => Some(Self::Webinar),
            "workshop" => Some(Self::Workshop),
            "summit" => Some(Self::Summit),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Training => "training",
            Self::Webinar => "webinar",
            Self::Workshop => "workshop",
            Self::Summit => "summit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Training => "Training",
            Self::Webinar => "Webinar",
            Self::Workshop => "Workshop",
            Self::Summit => "Summit",
        }
    }

    /// The label of a stored kind (the stored text itself if unknown).
    pub fn label_of(stored: &str) -> String {
        Self::parse(stored).map_or_else(|| stored.to_owned(), |k| k.label().to_owned())
    }
}

/// Whose staff the event is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// The host site only.
    Site,
    /// The host and the sites listed in `group_event_site`.
    Sites,
    /// Every site of the programme.
    All,
}

impl Audience {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "site" => Some(Self::Site),
            "sites" => Some(Self::Sites),
            "all" => Some(Self::All),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Site => "site",
            Self::Sites => "sites",
            Self::All => "all",
        }
    }
}

/// Where a registration stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegistrationStatus {
    /// Holds a seat.
    Registered,
    /// Waits for a seat, in arrival order.
    Waitlisted,
    /// Cancelled by the participant (or the event was cancelled).
    Cancelled,
}

impl RegistrationStatus {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "registered" => Some(Self::Registered),
            "waitlisted" => Some(Self::Waitlisted),
            "cancelled" => Some(Self::Cancelled),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::Waitlisted => "waitlisted",
            Self::Cancelled => "cancelled",
        }
    }
}

/// `1st`, `2nd`, `3rd`, `11th`, `22nd`.
pub(crate) fn ordinal(n: i32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_ordinals_read_right() {
        for kind in ["training", "webinar", "workshop", "summit"] {
            assert_eq!(EventKind::parse(kind).map(EventKind::as_str), Some(kind));
        }
        assert_eq!(EventKind::parse("party"), None);
        assert_eq!(Audience::parse("all"), Some(Audience::All));
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(23), "23rd");
    }
}
