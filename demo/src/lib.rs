//! Demo and load data of TTA Scheduler (`tta seed-demo`, `tta generate-load`).
//!
//! The demo story — the twelve PSP Operations sites, the PSP core-area topics, an account per
//! role, provider profiles, requests, a proposal and booked, changed and delivered engagements —
//! and the bulk load data are written through `service`'s steps below the door (those that take
//! no `Actor`, such as `proposals::book_proposal` and `requests::seed_request`), never through
//! a use case: nobody is acting, and nobody is told by e-mail. The running app needs none of this
//! at request time; only the seed commands and the tests use it.
//!
//! Seeding is idempotent: rows are matched by slug, e-mail or title and updated in place or left
//! as they are, so running it again changes nothing and never duplicates.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};

use service::entities::{site, topic};
use service::zone::TimeZone;
use service::{Database, ServiceError};

mod accounts;
mod booking;
mod confirmed_series;
mod delivered;
mod engagements;
mod load;
mod portfolio;
mod portfolio_people;
mod proposal;
mod providers;
mod story;

pub use accounts::{DEMO_ACCOUNTS, DEMO_PASSWORD};
pub use confirmed_series::DEMO_CONFIRMED_TITLE;
pub use delivered::DEMO_DELIVERED_TITLE;
pub use engagements::{DEMO_ANALYSIS_TITLE, DEMO_TECHNOLOGY_TITLE};
pub use load::{LoadReport, generate_load};
pub use proposal::DEMO_PROPOSAL_TITLE;

/// One Operations site of the PSP backgrounder: (name, state, IANA zone of its city, Census
/// region used for travel rules).
pub const OPERATIONS_SITES: [(&str, &str, &str, &str); 12] = [
    ("Birmingham", "AL", "America/Chicago", "south"),
    (
        "Indianapolis",
        "IN",
        "America/Indiana/Indianapolis",
        "midwest",
    ),
    ("Memphis", "TN", "America/Chicago", "south"),
    ("Toledo", "OH", "America/New_York", "midwest"),
    ("Baton Rouge", "LA", "America/Chicago", "south"),
    ("Buffalo", "NY", "America/New_York", "northeast"),
    ("Cincinnati", "OH", "America/New_York", "midwest"),
    ("Houston", "TX", "America/Chicago", "south"),
    ("Jackson", "TN", "America/Chicago", "south"),
    ("Kansas City", "MO", "America/Chicago", "midwest"),
    ("Lansing", "MI", "America/Detroit", "midwest"),
    ("Springfield", "IL", "America/Chicago", "midwest"),
];

/// The PSP core areas: (slug, name, description).
pub const CORE_AREAS: [(&str, &str, &str); 8] = [
    (
        "criminal-justice-collaboration",
        "Criminal-justice collaboration",
        "Coordination among federal, state, local and tribal law enforcement, prosecutors and probation.",
    ),
    (
        "community-engagement",
        "Community engagement",
        "Building trust and partnership between agencies and the communities they serve.",
    ),
    (
        "crime-analysis",
        "Crime analysis",
        "Crime trend analysis and intelligence-driven enforcement strategies.",
    ),
    (
        "gun-violence",
        "Gun violence",
        "Comprehensive gun crime intelligence programmes and violence reduction.",
    ),
    (
        "constitutional-policing",
        "Constitutional policing",
        "Policies, training and accountability for lawful, fair policing.",
    ),
    (
        "federal-partnerships",
        "Federal partnerships",
        "Working with US Attorneys' Offices and federal agencies on violent crime.",
    ),
    (
        "technology",
        "Technology",
        "Technology to support crime reduction: data systems, forensics, real-time centres.",
    ),
    (
        "investigations",
        "Investigations",
        "Homicide and non-fatal shooting investigations, case management and clearance.",
    ),
];

/// What a seeding run wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub sites: usize,
    pub topics: usize,
}

/// Everything of the demo: sites, topics, accounts for each role, provider profiles with hours,
/// every site's engagement at its own stage, an open request, a proposal, two confirmed
/// engagements with Buffalo, a confirmed series across the March DST change and a delivered
/// engagement with Houston (feedback, reports).
pub async fn seed_demo(db: &Database) -> Result<SeedReport, ServiceError> {
    let report = seed_reference_data(db).await?;
    accounts::seed_demo_accounts(db).await?;
    // Before any request (the providers' seeding adds one), so requests join engagements
    // already under way.
    portfolio::seed_demo_portfolio(db).await?;
    portfolio_people::seed_demo_people(db).await?;
    providers::seed_demo_providers(db).await?;
    proposal::seed_demo_proposal(db).await?;
    engagements::seed_demo_engagements(db).await?;
    confirmed_series::seed_confirmed_series(db).await?;
    delivered::seed_delivered_engagement(db).await?;
    Ok(report)
}

/// Inserts or refreshes the twelve Operations sites and the PSP core-area topics only.
pub async fn seed_reference_data(db: &Database) -> Result<SeedReport, ServiceError> {
    let now = Utc::now();
    let mut sites = Vec::with_capacity(OPERATIONS_SITES.len());
    for (name, state, zone, region) in OPERATIONS_SITES {
        let zone = TimeZone::parse(zone).map_err(|e| ServiceError::Internal(e.to_string()))?;
        sites.push(site::ActiveModel {
            slug: Set(slug_of(name, state)),
            name: Set(name.to_owned()),
            state: Set(state.to_owned()),
            time_zone: Set(zone.name().to_owned()),
            engagement_type: Set("operations".to_owned()),
            created_at: Set(now),
            region: Set(region.to_owned()),
            ..Default::default()
        });
    }
    site::Entity::insert_many(sites)
        .on_conflict(
            OnConflict::column(site::Column::Slug)
                .update_columns([
                    site::Column::Name,
                    site::Column::State,
                    site::Column::TimeZone,
                    site::Column::EngagementType,
                    site::Column::Region,
                ])
                .to_owned(),
        )
        .exec_without_returning(db.conn())
        .await?;

    let topics = CORE_AREAS.map(|(slug, name, description)| topic::ActiveModel {
        slug: Set(slug.to_owned()),
        name: Set(name.to_owned()),
        description: Set(description.to_owned()),
        ..Default::default()
    });
    topic::Entity::insert_many(topics)
        .on_conflict(
            OnConflict::column(topic::Column::Slug)
                .update_columns([topic::Column::Name, topic::Column::Description])
                .to_owned(),
        )
        .exec_without_returning(db.conn())
        .await?;

    Ok(SeedReport {
        sites: OPERATIONS_SITES.len(),
        topics: CORE_AREAS.len(),
    })
}

/// `Baton Rouge`, `LA` → `baton-rouge-la`.
fn slug_of(name: &str, state: &str) -> String {
    format!("{name}-{state}").to_lowercase().replace(' ', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_zone_is_a_real_iana_zone() {
        for (_, _, zone, _) in OPERATIONS_SITES {
            assert!(TimeZone::parse(zone).is_ok(), "{zone}");
        }
    }

    #[test]
    fn slugs_are_lowercase_and_hyphenated() {
        assert_eq!(slug_of("Baton Rouge", "LA"), "baton-rouge-la");
    }
}
