//! The provider's profile: load it with the form's choices, save it (every field checked, each
//! mistake named).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The profile form exactly as typed (what the browser sends).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileFields {
    pub organisation: String,
    pub home_zone: String,
    pub modalities: Vec<String>,
    pub travel_regions: Vec<String>,
    pub weekly_hour_capacity: String,
    pub engagement_capacity: String,
    /// `{topic id}:{level}`, level 0 (none) to 3.
    pub expertise: Vec<String>,
    pub bio: String,
}

impl ProfileFields {
    /// The level given for `topic`, `0` when none.
    pub fn level_of(&self, topic: i32) -> u8 {
        self.expertise
            .iter()
            .filter_map(|e| e.split_once(':'))
            .find(|(t, _)| t.parse::<i32>().ok() == Some(topic))
            .and_then(|(_, l)| l.parse().ok())
            .unwrap_or(0)
    }
}

/// A core area offered for expertise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaChoice {
    pub id: i32,
    pub name: String,
    pub description: String,
}

/// Everything the profile page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfilePage {
    /// `false` before the first save: the page then proposes the browser's zone.
    pub has_profile: bool,
    pub fields: ProfileFields,
    pub areas: Vec<AreaChoice>,
    /// IANA zones to choose from.
    pub zones: Vec<String>,
    /// `(name, label)` of the Census regions.
    pub regions: Vec<(String, String)>,
}

/// The provider's profile (empty fields before the first save) and the form's choices.
#[server(endpoint = "provider/profile")]
pub async fn my_profile() -> Result<ProfilePage, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let stored = service::providers::load_profile_form(&db, &actor)
        .await
        .map_err(to_server_error)?;
    let areas = service::topics::list_topics(&db)
        .await
        .map_err(to_server_error)?
        .into_iter()
        .map(|t| AreaChoice {
            id: t.id,
            name: t.name,
            description: t.description,
        })
        .collect();
    let has_profile = stored.is_some();
    let fields = stored.map_or_else(
        || ProfileFields {
            weekly_hour_capacity: "20".to_owned(),
            engagement_capacity: "3".to_owned(),
            modalities: vec!["virtual".to_owned()],
            ..ProfileFields::default()
        },
        |f| ProfileFields {
            organisation: f.organisation,
            home_zone: f.home_zone,
            modalities: f.modalities,
            travel_regions: f.travel_regions,
            weekly_hour_capacity: f.weekly_hour_capacity,
            engagement_capacity: f.engagement_capacity,
            expertise: f.expertise,
            bio: f.bio,
        },
    );
    Ok(ProfilePage {
        has_profile,
        fields,
        areas,
        zones: service::providers::zone_choices()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        regions: service::providers::TRAVEL_REGIONS
            .iter()
            .map(|(n, l)| ((*n).to_owned(), (*l).to_owned()))
            .collect(),
    })
}

/// Saves the provider's profile; a form with mistakes is refused (400) with every field's
/// message. Answers the saved home zone's label.
#[server(endpoint = "provider/profile/save")]
pub async fn save_my_profile(form: ProfileFields) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;
    use service::providers::ProfileForm;

    let actor = acting_person()?;
    let db = database()?;
    let typed = ProfileForm {
        organisation: form.organisation,
        home_zone: form.home_zone,
        modalities: form.modalities,
        travel_regions: form.travel_regions,
        weekly_hour_capacity: form.weekly_hour_capacity,
        engagement_capacity: form.engagement_capacity,
        expertise: form.expertise,
        bio: form.bio,
    };
    let draft = service::providers::save_own_profile(&db, &actor, &typed)
        .await
        .map_err(to_server_error)?;
    Ok(service::providers::zone_label(
        draft.home_zone,
        chrono::Utc::now(),
    ))
}
