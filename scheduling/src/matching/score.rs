//! The soft score of an eligible provider for a request: a weighted sum of five parts, each in
//! `[0, 1]` and each reported with its value, weight and a sentence a coordinator reads.
//!
//! - **Expertise**: mean of the provider's level in the requested topics, divided by 3.
//! - **Continuity**: 1 if the provider has served this site before, else 0.
//! - **Time zone**: share of the site's preferred weekly hours that fall in the provider's
//!   working hours ([`super::hours::overlap`]).
//! - **Load balance**: `1 − booked / capacity` of the provider's weekly hours.
//! - **Availability**: mean of how close the series lands to the preferred times and how early
//!   it starts ([`AvailabilityFit::value`]).

use serde::{Deserialize, Serialize};

use super::availability::AvailabilityFit;
use super::hours::overlap;
use super::profile::{Level, MatchRequest, ProviderProfile};
use super::weights::ScoreWeights;

/// The parts of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Expertise level in the requested topics.
    Expertise,
    /// Has served the site before.
    Continuity,
    /// Working hours overlap the site's preferred hours.
    TimeZone,
    /// Spare weekly hours.
    LoadBalance,
    /// How well the series fits the provider's free time.
    Availability,
}

/// One part of a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScorePart {
    /// Which part.
    pub part: Part,
    /// Its value in `[0, 1]`.
    pub value: f64,
    /// Its normalised weight.
    pub weight: f64,
    /// `value × weight`: what it adds to the score.
    pub contribution: f64,
    /// Why the value is what it is.
    pub explanation: String,
}

/// A score with its parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreBreakdown {
    /// The score in `[0, 1]`: the sum of the contributions.
    pub score: f64,
    /// The parts, in the order of [`Part`].
    pub parts: Vec<ScorePart>,
}

/// Scores an eligible provider (hard rules are checked elsewhere).
pub fn score(
    request: &MatchRequest,
    provider: &ProviderProfile,
    fit: &AvailabilityFit,
    weights: &ScoreWeights,
) -> ScoreBreakdown {
    let (expertise, expertise_text) = expertise(request, provider);
    let (continuity, continuity_text) = continuity(request, provider);
    let (time_zone, time_zone_text) = time_zone(request, provider);
    let (load, load_text) = load_balance(provider);
    let availability_text = availability_text(fit);
    let parts = vec![
        part(
            Part::Expertise,
            expertise,
            weights.expertise(),
            expertise_text,
        ),
        part(
            Part::Continuity,
            continuity,
            weights.continuity(),
            continuity_text,
        ),
        part(
            Part::TimeZone,
            time_zone,
            weights.time_zone(),
            time_zone_text,
        ),
        part(Part::LoadBalance, load, weights.load_balance(), load_text),
        part(
            Part::Availability,
            fit.value(),
            weights.availability(),
            availability_text,
        ),
    ];
    let score = parts
        .iter()
        .map(|p| p.contribution)
        .sum::<f64>()
        .clamp(0.0, 1.0);
    ScoreBreakdown { score, parts }
}

fn part(part: Part, value: f64, weight: f64, explanation: String) -> ScorePart {
    let value = value.clamp(0.0, 1.0);
    ScorePart {
        part,
        value,
        weight,
        contribution: value * weight,
        explanation,
    }
}

fn expertise(request: &MatchRequest, provider: &ProviderProfile) -> (f64, String) {
    if request.topics.is_empty() {
        return (1.0, "No topics requested".to_owned());
    }
    let levels: Vec<(String, u8)> = request
        .topics
        .iter()
        .map(|t| {
            (
                t.name.clone(),
                provider.level_in(t.id).map_or(0, Level::get),
            )
        })
        .collect();
    let mean = levels.iter().map(|(_, l)| f64::from(*l)).sum::<f64>() / levels.len() as f64;
    let listed: Vec<String> = levels
        .iter()
        .map(|(name, level)| format!("level {level} in {name}"))
        .collect();
    let max = f64::from(Level::MAX.get());
    (
        mean / max,
        format!(
            "{} (mean {:.1} of {max})",
            capitalise(&listed.join(", ")),
            mean
        ),
    )
}

fn continuity(request: &MatchRequest, provider: &ProviderProfile) -> (f64, String) {
    let site = &request.site.name;
    if provider.sites_served.contains(&request.site.id) {
        (1.0, format!("Has served {site} before"))
    } else {
        (0.0, format!("Has not served {site} before"))
    }
}

fn time_zone(request: &MatchRequest, provider: &ProviderProfile) -> (f64, String) {
    let o = overlap(&provider.working_hours, &request.preferred_hours);
    if o.site_minutes == 0 {
        return (1.0, "The site states no preferred hours".to_owned());
    }
    let fraction = o.fraction();
    let text = format!(
        "Works {} of the site's {} preferred weekly hours ({:.0}%; {} vs {})",
        hours(o.shared_minutes),
        hours(o.site_minutes),
        fraction * 100.0,
        provider.working_hours.zone().name(),
        request.preferred_hours.zone().name(),
    );
    (fraction, text)
}

fn load_balance(provider: &ProviderProfile) -> (f64, String) {
    let capacity = provider.weekly_hour_capacity;
    let booked = provider.booked_weekly_hours.max(0.0);
    if capacity.is_nan() || capacity <= 0.0 || !booked.is_finite() {
        return (0.0, "No weekly hours available".to_owned());
    }
    let used = (booked / capacity).clamp(0.0, 1.0);
    (
        1.0 - used,
        format!(
            "{booked:.1} of {capacity:.1} weekly hours booked ({:.0}%)",
            used * 100.0
        ),
    )
}

fn availability_text(fit: &AvailabilityFit) -> String {
    let closeness = if fit.mean_shift_minutes == 0 {
        "Sessions land on the preferred times".to_owned()
    } else {
        format!(
            "Sessions on average {} min from the preferred times (tolerance {} min)",
            fit.mean_shift_minutes, fit.tolerance_minutes
        )
    };
    let start = if fit.start_delay_days == 0 {
        "series starts as early as possible".to_owned()
    } else {
        format!(
            "series starts {} day(s) into a {}-day window",
            fit.start_delay_days, fit.window_days
        )
    };
    format!("{closeness}; {start}")
}

fn hours(minutes: u32) -> String {
    let h = f64::from(minutes) / 60.0;
    if minutes.is_multiple_of(60) {
        format!("{h:.0} h")
    } else {
        format!("{h:.1} h")
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
