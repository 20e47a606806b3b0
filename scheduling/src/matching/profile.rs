//! The plain data matching works on: ids, a provider's profile and a request's needs.
//!
//! These are values the caller (the service layer) fills from the database; nothing here looks
//! anything up. Availability of a provider for a request's series comes separately, as an
//! [`AvailabilityFit`](super::availability::AvailabilityFit) computed by the slot engine.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::hours::WorkingHours;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Database id of a provider.
    ProviderId
);
id_type!(
    /// Database id of a TTA request.
    RequestId
);
id_type!(
    /// Database id of a site.
    SiteId
);
id_type!(
    /// Database id of a topic (a PSP core area).
    TopicId
);

/// Expertise level: 1 (working knowledge), 2 (experienced), 3 (expert).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Level(u8);

/// A level outside 1–3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("expertise level must be 1, 2 or 3, not {0}")]
pub struct LevelError(pub u8);

impl Level {
    /// Lowest level.
    pub const MIN: Level = Level(1);
    /// Highest level.
    pub const MAX: Level = Level(3);

    /// The level, if `value` is 1, 2 or 3.
    pub fn new(value: u8) -> Result<Self, LevelError> {
        if (1..=3).contains(&value) {
            Ok(Self(value))
        } else {
            Err(LevelError(value))
        }
    }

    /// The numeric level.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Level {
    type Error = LevelError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level.0
    }
}

/// How a request is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// At the site: the provider travels.
    OnSite,
    /// Over video.
    Virtual,
    /// Partly at the site, partly over video: the provider travels.
    Hybrid,
}

impl Modality {
    /// Whether this modality sends the provider to the site.
    pub fn needs_travel(self) -> bool {
        matches!(self, Self::OnSite | Self::Hybrid)
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::OnSite => "on-site",
            Self::Virtual => "virtual",
            Self::Hybrid => "hybrid",
        })
    }
}

/// A topic with its display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The topic's id.
    pub id: TopicId,
    /// Its name as coordinators know it, e.g. "Crime analysis".
    pub name: String,
}

/// A provider's expertise in one topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expertise {
    /// The topic.
    pub topic: TopicId,
    /// The provider's level in it.
    pub level: Level,
}

/// A site, as much as matching needs to know of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteRef {
    /// The site's id.
    pub id: SiteId,
    /// Its name, e.g. "Memphis".
    pub name: String,
    /// Its travel region, e.g. "South" (compared with providers' travel regions, ignoring case).
    pub region: String,
}

/// Everything about a provider that matching looks at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderProfile {
    /// The provider's id.
    pub id: ProviderId,
    /// Display name.
    pub name: String,
    /// Topics with levels.
    pub expertise: Vec<Expertise>,
    /// Modalities the provider offers.
    pub modalities: Vec<Modality>,
    /// Regions the provider is willing to travel to (ignoring case).
    pub travel_regions: Vec<String>,
    /// Most engagements the provider takes at once.
    pub engagement_capacity: u32,
    /// Engagements the provider holds now.
    pub current_engagements: u32,
    /// Hours per week the provider gives to TTA.
    pub weekly_hour_capacity: f64,
    /// Hours per week already booked.
    pub booked_weekly_hours: f64,
    /// The provider's weekly working hours, in the provider's zone.
    pub working_hours: WorkingHours,
    /// Sites the provider has served before.
    pub sites_served: Vec<SiteId>,
    /// Sites the provider must not serve (conflict of interest).
    pub conflicts: Vec<SiteId>,
}

impl ProviderProfile {
    /// The provider's level in `topic`, if any.
    pub fn level_in(&self, topic: TopicId) -> Option<Level> {
        self.expertise
            .iter()
            .filter(|e| e.topic == topic)
            .map(|e| e.level)
            .max()
    }

    /// Engagements the provider can still take.
    pub fn free_engagements(&self) -> u32 {
        self.engagement_capacity
            .saturating_sub(self.current_engagements)
    }
}

/// What a request asks for, as much as matching needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchRequest {
    /// The request's id.
    pub id: RequestId,
    /// The requesting site.
    pub site: SiteRef,
    /// Requested topics; a provider must cover every one.
    pub topics: Vec<Topic>,
    /// Minimum expertise level in each requested topic.
    pub min_level: Level,
    /// How the sessions are delivered.
    pub modality: Modality,
    /// The site's preferred hours, in the site's zone.
    pub preferred_hours: WorkingHours,
}
