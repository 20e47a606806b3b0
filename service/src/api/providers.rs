//! The API's providers for a request (coordinators and administrators only, as the request
//! page's candidates): every active provider ranked, eligible ones with their score, excluded
//! ones with the rules they break; and one provider's free time for the request — the series
//! placed occurrence by occurrence in their free time, as the engine would book it now.

use chrono::{DateTime, Utc};

use crate::access::{Actor, STAFF};
use crate::engine::{candidates, plan_series};
use crate::{Database, ServiceError};

/// One provider of the ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct ProviderCandidate {
    pub provider_id: i32,
    pub name: String,
    pub eligible: bool,
    /// In `[0, 1]`; absent for excluded providers.
    pub score: Option<f64>,
    /// Why an excluded provider cannot serve the request.
    pub reasons: Vec<String>,
}

/// One occurrence of the series in a provider's free time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreeOccurrence {
    pub occurrence: u32,
    /// The placed session, or `None` when nothing fits (then `reasons` say why).
    pub slot: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub shift_minutes: Option<i64>,
    pub reasons: Vec<String>,
}

/// The series in one provider's free time, with both zones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderFreeTime {
    pub provider_id: i32,
    pub provider_zone: String,
    pub site_zone: String,
    pub occurrences: Vec<FreeOccurrence>,
}

/// Every active provider ranked for `request_id`: eligible best first, then the excluded.
pub async fn request_candidates(
    db: &Database,
    actor: &Actor,
    request_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<ProviderCandidate>, ServiceError> {
    // Shared with the ranking cache: read, not copied whole.
    let ranked = candidates(db, actor, request_id, now).await?;
    let ranking = &ranked.ranking;
    let eligible = ranking.eligible.iter().map(|p| ProviderCandidate {
        provider_id: i32::try_from(p.provider.0).unwrap_or_default(),
        score: Some(p.score()),
        name: p.name.clone(),
        eligible: true,
        reasons: Vec::new(),
    });
    let excluded = ranking.excluded.iter().map(|p| ProviderCandidate {
        provider_id: i32::try_from(p.provider.0).unwrap_or_default(),
        name: p.name.clone(),
        eligible: false,
        score: None,
        reasons: p.reasons.iter().map(ToString::to_string).collect(),
    });
    Ok(eligible.chain(excluded).collect())
}

/// `provider_id`'s free time for `request_id`'s series.
pub async fn provider_free_time(
    db: &Database,
    actor: &Actor,
    request_id: i32,
    provider_id: i32,
    now: DateTime<Utc>,
) -> Result<ProviderFreeTime, ServiceError> {
    actor.require(STAFF)?;
    let (plan, provider_zone, site_zone) = plan_series(db, request_id, provider_id, now).await?;
    Ok(ProviderFreeTime {
        provider_id,
        provider_zone: provider_zone.name().to_owned(),
        site_zone: site_zone.name().to_owned(),
        occurrences: plan
            .occurrences
            .iter()
            .map(|o| FreeOccurrence {
                occurrence: o.index,
                slot: o.slot().map(|s| (s.start(), s.end())),
                shift_minutes: o.shift_minutes(),
                reasons: match &o.outcome {
                    scheduling::Outcome::Unplaced { reasons } => {
                        reasons.iter().map(ToString::to_string).collect()
                    }
                    _ => Vec::new(),
                },
            })
            .collect(),
    })
}
