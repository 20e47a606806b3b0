//! The provider's profile form: what it shows (the stored profile as text) and what it accepts
//! (every field checked at once, each message naming its field), and saving it as the
//! provider's own — conflicts of interest, which coordinators record, are kept as they are.
//! Providers only, on their own profile: the use cases take the verified [`Actor`] and name no
//! other provider.

use scheduling::matching::Modality;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::form::{FieldError, field_errors};
use super::profile::{ProviderProfileInput, save_profile};
use crate::access::Actor;
use crate::accounts::Role;
use crate::entities::{conflict_of_interest, provider_expertise, provider_profile};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Census regions a provider may travel to: (stored name, label).
pub const TRAVEL_REGIONS: [(&str, &str); 4] = [
    ("northeast", "Northeast"),
    ("midwest", "Midwest"),
    ("south", "South"),
    ("west", "West"),
];

const MODALITIES: [(&str, Modality); 3] = [
    ("on_site", Modality::OnSite),
    ("virtual", Modality::Virtual),
    ("hybrid", Modality::Hybrid),
];

/// The profile form exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileForm {
    pub organisation: String,
    /// IANA name, e.g. `America/Phoenix`.
    pub home_zone: String,
    /// `on_site`, `virtual`, `hybrid`.
    pub modalities: Vec<String>,
    /// Names from [`TRAVEL_REGIONS`].
    pub travel_regions: Vec<String>,
    pub weekly_hour_capacity: String,
    pub engagement_capacity: String,
    /// `{topic id}:{level}`, level `0` (none) to `3`.
    pub expertise: Vec<String>,
    pub bio: String,
}

/// A profile that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileDraft {
    pub organisation: String,
    pub home_zone: TimeZone,
    pub modalities: Vec<Modality>,
    pub travel_regions: Vec<String>,
    pub weekly_hour_capacity: u32,
    pub engagement_capacity: u32,
    /// `(topic id, level 1–3)`.
    pub expertise: Vec<(i32, u8)>,
    pub bio: String,
}

fn whole_number(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

impl ProfileDraft {
    /// Checks every field against the known `topics` (ids); all mistakes at once.
    pub fn parse(form: &ProfileForm, topics: &[i32]) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, message: String| errors.push(FieldError::new(field, message));

        let organisation = form.organisation.trim().to_owned();
        if !(2..=200).contains(&organisation.chars().count()) {
            fail(
                "organisation",
                "Enter your organisation, 2 to 200 characters.".to_owned(),
            );
        }

        let zone_text = form.home_zone.trim();
        let home_zone = if zone_text.is_empty() {
            fail(
                "home_zone",
                "Choose your home time zone, e.g. America/Phoenix.".to_owned(),
            );
            None
        } else {
            match TimeZone::parse(zone_text) {
                Ok(zone) => Some(zone),
                Err(_) => {
                    fail(
                        "home_zone",
                        format!(
                            "'{zone_text}' is not an IANA time zone. Choose one from the list, \
                             e.g. America/Chicago (names are case-sensitive)."
                        ),
                    );
                    None
                }
            }
        };

        let mut modalities = Vec::new();
        for raw in &form.modalities {
            match MODALITIES.iter().find(|(name, _)| *name == raw.trim()) {
                Some((_, m)) if !modalities.contains(m) => modalities.push(*m),
                Some(_) => {}
                None => fail("modalities", format!("'{raw}' is not a modality.")),
            }
        }
        if form.modalities.is_empty() {
            fail(
                "modalities",
                "Choose at least one way you deliver sessions.".to_owned(),
            );
        }
        modalities.sort();

        let mut travel_regions: Vec<String> = Vec::new();
        for raw in &form.travel_regions {
            match TRAVEL_REGIONS.iter().find(|(name, _)| *name == raw.trim()) {
                Some((name, _)) if !travel_regions.iter().any(|r| r == name) => {
                    travel_regions.push((*name).to_owned());
                }
                Some(_) => {}
                None => fail("travel_regions", format!("'{raw}' is not a region.")),
            }
        }
        if travel_regions.is_empty() && modalities.iter().any(|m| m.needs_travel()) {
            fail(
                "travel_regions",
                "On-site and hybrid sessions need travel: choose the regions you travel to, \
                 or offer virtual sessions only."
                    .to_owned(),
            );
        }

        let weekly_hour_capacity =
            whole_number(&form.weekly_hour_capacity).filter(|n| (1..=60).contains(n));
        if weekly_hour_capacity.is_none() {
            fail(
                "weekly_hour_capacity",
                "Enter the hours a week you can give, a whole number from 1 to 60.".to_owned(),
            );
        }
        let engagement_capacity =
            whole_number(&form.engagement_capacity).filter(|n| (1..=20).contains(n));
        if engagement_capacity.is_none() {
            fail(
                "engagement_capacity",
                "Enter how many engagements you can run at once, from 1 to 20.".to_owned(),
            );
        }

        let mut expertise: Vec<(i32, u8)> = Vec::new();
        for raw in &form.expertise {
            let parsed = raw.split_once(':').and_then(|(t, l)| {
                Some((t.trim().parse::<i32>().ok()?, l.trim().parse::<u8>().ok()?))
            });
            match parsed {
                Some((topic, level)) if topics.contains(&topic) && level <= 3 => {
                    if level > 0 && !expertise.iter().any(|(t, _)| *t == topic) {
                        expertise.push((topic, level));
                    }
                }
                _ => fail(
                    "expertise",
                    format!("'{raw}' is not a core area with a level from 1 to 3."),
                ),
            }
        }
        if expertise.is_empty() {
            fail(
                "expertise",
                "Give your level in at least one core area: coordinators match requests by it."
                    .to_owned(),
            );
        }
        expertise.sort_unstable();

        let bio = form.bio.trim().to_owned();
        if bio.chars().count() > 2000 {
            fail("bio", "The bio can be at most 2,000 characters.".to_owned());
        }

        match (
            errors.is_empty(),
            home_zone,
            weekly_hour_capacity,
            engagement_capacity,
        ) {
            (true, Some(home_zone), Some(weekly_hour_capacity), Some(engagement_capacity)) => {
                Ok(Self {
                    organisation,
                    home_zone,
                    modalities,
                    travel_regions,
                    weekly_hour_capacity,
                    engagement_capacity,
                    expertise,
                    bio,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The provider's own stored profile as the form shows it, or `None` before the first save
/// (providers only).
pub async fn load_profile_form(
    db: &Database,
    actor: &Actor,
) -> Result<Option<ProfileForm>, ServiceError> {
    actor.require(&[Role::Provider])?;
    stored_form(db, actor.id()).await
}

/// The provider's own home zone from their profile, or `None` before the first save
/// (providers only).
pub async fn home_zone_of(db: &Database, actor: &Actor) -> Result<Option<TimeZone>, ServiceError> {
    load_profile_form(db, actor)
        .await?
        .map(|form| {
            TimeZone::parse(&form.home_zone)
                .map_err(|e| ServiceError::Internal(format!("provider {}: {e}", actor.id())))
        })
        .transpose()
}

/// The stored profile of `user_id` as the form shows it, or `None` before the first save.
async fn stored_form(db: &Database, user_id: i32) -> Result<Option<ProfileForm>, ServiceError> {
    let Some(profile) = provider_profile::Entity::find_by_id(user_id)
        .one(db.conn())
        .await?
    else {
        return Ok(None);
    };
    let internal = |e: serde_json::Error| ServiceError::Internal(format!("profile {user_id}: {e}"));
    let modalities: Vec<Modality> = serde_json::from_str(&profile.modalities).map_err(internal)?;
    let travel_regions: Vec<String> =
        serde_json::from_str(&profile.travel_regions).map_err(internal)?;
    let expertise = provider_expertise::Entity::find()
        .filter(provider_expertise::Column::ProviderId.eq(user_id))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|e| format!("{}:{}", e.topic_id, e.level))
        .collect();
    Ok(Some(ProfileForm {
        organisation: profile.organisation,
        home_zone: profile.home_zone,
        modalities: modalities
            .iter()
            .filter_map(|m| {
                MODALITIES
                    .iter()
                    .find(|(_, x)| x == m)
                    .map(|(n, _)| (*n).to_owned())
            })
            .collect(),
        travel_regions,
        weekly_hour_capacity: profile.weekly_hour_capacity.to_string(),
        engagement_capacity: profile.engagement_capacity.to_string(),
        expertise,
        bio: profile.bio,
    }))
}

/// Checks the form as typed against the topics and saves it as the provider's own profile,
/// keeping the conflicts of interest on record; returns what was saved. Providers only, checked
/// before the form; a form with mistakes: 400, a `field: message` line each.
pub async fn save_own_profile(
    db: &Database,
    actor: &Actor,
    form: &ProfileForm,
) -> Result<ProfileDraft, ServiceError> {
    actor.require(&[Role::Provider])?;
    let topics: Vec<i32> = crate::topics::list_topics(db)
        .await?
        .iter()
        .map(|t| t.id)
        .collect();
    let draft = ProfileDraft::parse(form, &topics).map_err(field_errors)?;
    save_draft(db, actor.id(), &draft).await?;
    Ok(draft)
}

/// Saves `draft` as `user_id`'s profile, keeping the conflicts of interest on record.
async fn save_draft(db: &Database, user_id: i32, draft: &ProfileDraft) -> Result<(), ServiceError> {
    let conflicts = conflict_of_interest::Entity::find()
        .filter(conflict_of_interest::Column::ProviderId.eq(user_id))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|c| (c.site_id, c.reason))
        .collect();
    save_profile(
        db,
        user_id,
        &ProviderProfileInput {
            organisation: draft.organisation.clone(),
            home_zone: draft.home_zone,
            modalities: draft.modalities.clone(),
            travel_regions: draft.travel_regions.clone(),
            weekly_hour_capacity: draft.weekly_hour_capacity,
            engagement_capacity: draft.engagement_capacity,
            bio: draft.bio.clone(),
            expertise: draft.expertise.clone(),
            conflicts,
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ProfileForm {
        ProfileForm {
            organisation: "Southwest Violence Reduction Institute".into(),
            home_zone: "America/Phoenix".into(),
            modalities: vec!["virtual".into(), "on_site".into()],
            travel_regions: vec!["west".into(), "south".into()],
            weekly_hour_capacity: "20".into(),
            engagement_capacity: "4".into(),
            expertise: vec!["4:3".into(), "3:0".into(), "8:2".into()],
            bio: "Coach.".into(),
        }
    }

    #[test]
    fn a_complete_profile_parses() {
        let draft = ProfileDraft::parse(&form(), &[3, 4, 8]).unwrap();
        assert_eq!(draft.home_zone.name(), "America/Phoenix");
        assert_eq!(draft.modalities, [Modality::OnSite, Modality::Virtual]);
        assert_eq!(draft.expertise, [(4, 3), (8, 2)]);
        assert_eq!(draft.travel_regions, ["west", "south"]);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = ProfileForm {
            organisation: " ".into(),
            home_zone: "America/Memphis".into(),
            modalities: vec!["hybrid".into()],
            travel_regions: vec![],
            weekly_hour_capacity: "0".into(),
            engagement_capacity: "many".into(),
            expertise: vec!["4:0".into(), "99:2".into()],
            bio: "x".repeat(2001),
        };
        let errors = ProfileDraft::parse(&bad, &[3, 4]).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "organisation",
                "home_zone",
                "travel_regions",
                "weekly_hour_capacity",
                "engagement_capacity",
                "expertise",
                "expertise",
                "bio"
            ]
        );
        assert!(
            errors[1]
                .message
                .contains("'America/Memphis' is not an IANA time zone")
        );
    }
}
