//! An engagement is planned until its kick-off, active while it runs, closing while its last
//! phase winds down, and closed at the end (a new engagement of the same kind may then begin).

use super::status_names;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EngagementStatus {
    Planned,
    Active,
    Closing,
    Closed,
}

status_names!(EngagementStatus, "engagement", {
    Planned => "planned",
    Active => "active",
    Closing => "closing",
    Closed => "closed",
});

impl EngagementStatus {
    /// How every reader reads it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Planned => "Planned",
            Self::Active => "Active",
            Self::Closing => "Closing",
            Self::Closed => "Closed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EngagementStatus as E;

    #[test]
    fn names_round_trip() {
        for &status in E::ALL {
            assert_eq!(E::parse(status.as_str()), Ok(status));
            assert!(status.label().starts_with(|c: char| c.is_ascii_uppercase()));
        }
        assert!(E::parse("open").is_err());
    }
}
