//! Why a provider is excluded from a request: one named reason per broken hard rule, with text a
//! coordinator reads ("why not her?").

use std::fmt;

use serde::{Deserialize, Serialize};

use super::profile::Modality;

/// How many slot-engine reasons are quoted in [`Exclusion::CannotPlaceSeries`]'s text.
const QUOTED_REASONS: usize = 2;

/// A hard rule a provider breaks for a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Exclusion {
    /// Does not cover a requested topic at the minimum level.
    MissingTopic {
        /// Topic name.
        topic: String,
        /// Required level.
        min_level: u8,
        /// The provider's level in it, if any.
        has_level: Option<u8>,
    },
    /// Does not offer the requested modality.
    ModalityNotOffered {
        /// The requested modality.
        modality: Modality,
    },
    /// On-site or hybrid, and the provider does not travel to the site's region.
    WillNotTravel {
        /// The site's region.
        region: String,
    },
    /// The provider has a conflict of interest with the site.
    ConflictOfInterest {
        /// The site's name.
        site: String,
    },
    /// The provider holds as many engagements as they take.
    AtCapacity {
        /// Engagements held.
        current: u32,
        /// Engagement capacity.
        capacity: u32,
    },
    /// The slot engine could not place the whole series in the provider's free time.
    CannotPlaceSeries {
        /// Sessions that could not be placed.
        missing: u32,
        /// Sessions in the series.
        required: u32,
        /// The slot engine's reasons.
        reasons: Vec<String>,
    },
    /// The caller supplied no availability summary for this provider.
    AvailabilityUnknown,
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingTopic {
                topic,
                min_level,
                has_level,
            } => {
                write!(f, "Does not cover topic '{topic}' at level ≥ {min_level}")?;
                match has_level {
                    Some(level) => write!(f, " (has level {level})"),
                    None => Ok(()),
                }
            }
            Self::ModalityNotOffered { modality } => {
                write!(f, "Does not offer {modality} delivery")
            }
            Self::WillNotTravel { region } => write!(f, "Not willing to travel to {region}"),
            Self::ConflictOfInterest { site } => write!(f, "Conflict of interest with {site}"),
            Self::AtCapacity { current, capacity } => {
                write!(f, "At capacity ({current}/{capacity} engagements)")
            }
            Self::CannotPlaceSeries {
                missing,
                required,
                reasons,
            } => {
                write!(f, "Cannot place {missing} of {required} sessions")?;
                if !reasons.is_empty() {
                    let quoted: Vec<&str> = reasons
                        .iter()
                        .take(QUOTED_REASONS)
                        .map(String::as_str)
                        .collect();
                    write!(f, ": {}", quoted.join("; "))?;
                    if reasons.len() > QUOTED_REASONS {
                        write!(f, "; and {} more", reasons.len() - QUOTED_REASONS)?;
                    }
                }
                Ok(())
            }
            Self::AvailabilityUnknown => {
                f.write_str("Availability for the series has not been checked")
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_well() {
        let missing = Exclusion::MissingTopic {
            topic: "Crime analysis".into(),
            min_level: 2,
            has_level: Some(1),
        };
        assert_eq!(
            missing.to_string(),
            "Does not cover topic 'Crime analysis' at level ≥ 2 (has level 1)"
        );
        let travel = Exclusion::WillNotTravel {
            region: "Midwest".into(),
        };
        assert_eq!(travel.to_string(), "Not willing to travel to Midwest");
        assert_eq!(
            Exclusion::AtCapacity {
                current: 3,
                capacity: 3
            }
            .to_string(),
            "At capacity (3/3 engagements)"
        );
        let series = Exclusion::CannotPlaceSeries {
            missing: 2,
            required: 6,
            reasons: vec![
                "Mar 4: time off".into(),
                "Mar 18: holiday".into(),
                "x".into(),
            ],
        };
        assert_eq!(
            series.to_string(),
            "Cannot place 2 of 6 sessions: Mar 4: time off; Mar 18: holiday; and 1 more"
        );
        assert_eq!(
            Exclusion::ModalityNotOffered {
                modality: Modality::OnSite
            }
            .to_string(),
            "Does not offer on-site delivery"
        );
    }
}
