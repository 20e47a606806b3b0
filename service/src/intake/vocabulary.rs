//! The closed vocabularies of a request: engagement type, modality and cadence.

use std::fmt;

macro_rules! vocabulary {
    ($(#[$doc:meta])* $type:ident { $($variant:ident => ($text:literal, $label:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $type { $($variant),+ }

        impl $type {
            pub const ALL: &'static [$type] = &[$($type::$variant),+];

            /// The stored and submitted form, e.g. `on_site`.
            pub fn as_str(self) -> &'static str {
                match self { $($type::$variant => $text),+ }
            }

            /// What a person reads, e.g. `on-site`.
            pub fn label(self) -> &'static str {
                match self { $($type::$variant => $label),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text.trim() {
                    $($text => Some($type::$variant),)+
                    _ => None,
                }
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

vocabulary!(
    /// PSP's two levels of assistance.
    EngagementType {
        Diagnostic => ("diagnostic", "Diagnostic"),
        Operations => ("operations", "Operations"),
    }
);

vocabulary!(
    /// Where a session happens.
    Modality {
        OnSite => ("on_site", "on-site"),
        Virtual => ("virtual", "virtual"),
        Hybrid => ("hybrid", "hybrid"),
    }
);

vocabulary!(
    /// How often the sessions of a series recur.
    Cadence {
        Once => ("once", "one-time"),
        Weekly => ("weekly", "weekly"),
        Biweekly => ("biweekly", "biweekly"),
        Monthly => ("monthly", "monthly"),
        Quarterly => ("quarterly", "quarterly"),
    }
);

impl Modality {
    /// The matching engine's modality of the same name.
    pub fn engine(self) -> scheduling::matching::Modality {
        match self {
            Self::OnSite => scheduling::matching::Modality::OnSite,
            Self::Virtual => scheduling::matching::Modality::Virtual,
            Self::Hybrid => scheduling::matching::Modality::Hybrid,
        }
    }
}

impl Cadence {
    /// The engine's cadence of the same name.
    pub fn engine(self) -> scheduling::Cadence {
        match self {
            Self::Once => scheduling::Cadence::Once,
            Self::Weekly => scheduling::Cadence::Weekly,
            Self::Biweekly => scheduling::Cadence::Biweekly,
            Self::Monthly => scheduling::Cadence::Monthly,
            Self::Quarterly => scheduling::Cadence::Quarterly,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_round_trips() {
        for &m in Modality::ALL {
            assert_eq!(Modality::parse(m.as_str()), Some(m));
        }
        for &c in Cadence::ALL {
            assert_eq!(Cadence::parse(c.as_str()), Some(c));
        }
        assert_eq!(
            EngagementType::parse("operations"),
            Some(EngagementType::Operations)
        );
        assert_eq!(Modality::parse("in person"), None);
    }
}
