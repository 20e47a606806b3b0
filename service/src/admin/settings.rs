//! The programme-wide scheduling settings as an administrator edits them: every field checked
//! against its range with a message naming the range, then saved as the JSON of the
//! `scheduling` row of the `setting` table, which the engine reads on every use.

use chrono::Utc;
use scheduling::matching::{RawWeights, ScoreWeights};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::json;

use super::{ADMIN, AuditActor, FieldErrors, FinishFields};
use crate::access::Actor;
use crate::accounts::ClientInfo;
use crate::accounts::audit::{self, action};
use crate::engine::{SETTINGS_KEY, SchedulingSettings};
use crate::entities::setting;
use crate::{Database, ServiceError};

pub use contract::forms::SettingsForm;

/// The steps a slot search may use, in minutes.
pub const GRANULARITIES: [u32; 5] = [5, 10, 15, 30, 60];

/// `(field, what, min, max, unit)` of every whole-number setting.
const RANGES: [(&str, u32, u32, &str); 6] = [
    ("buffer_before_minutes", 0, 240, "minutes"),
    ("buffer_after_minutes", 0, 240, "minutes"),
    ("minimum_notice_hours", 0, 2_160, "hours"),
    ("tolerance_business_days", 0, 10, "business days"),
    ("max_sessions_per_day", 1, 12, "sessions"),
    ("max_hours_per_week", 1, 80, "hours"),
];

/// Largest relative weight of a score part.
pub const MAX_WEIGHT: f64 = 100.0;

fn whole(errors: &mut FieldErrors, field: &'static str, text: &str) -> u32 {
    let Some(&(_, min, max, unit)) = RANGES.iter().find(|(f, ..)| *f == field) else {
        return 0;
    };
    match text.trim().parse::<u32>() {
        Ok(value) if (min..=max).contains(&value) => value,
        Ok(_) | Err(_) if text.trim().is_empty() => {
            errors.add(
                field,
                format!("Enter a whole number of {unit} from {min} to {max}."),
            );
            0
        }
        Ok(value) => {
            errors.add(
                field,
                format!(
                    "{value} is out of range: enter a whole number of {unit} from {min} to {max}."
                ),
            );
            0
        }
        Err(_) => {
            errors.add(
                field,
                format!(
                    "'{}' is not a whole number: enter a whole number of {unit} from {min} to {max}.",
                    text.trim()
                ),
            );
            0
        }
    }
}

fn weight(errors: &mut FieldErrors, field: &'static str, text: &str) -> f64 {
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() && (0.0..=MAX_WEIGHT).contains(&value) => value,
        _ => {
            errors.add(
                field,
                format!(
                    "Enter a number from 0 to {MAX_WEIGHT} (e.g. 30 or 0.3): weights are relative, \
                     only their proportions count."
                ),
            );
            0.0
        }
    }
}

/// The form showing `settings`.
pub fn settings_form_of(settings: &SchedulingSettings) -> SettingsForm {
    SettingsForm {
        buffer_before_minutes: settings.buffer_before_minutes.to_string(),
        buffer_after_minutes: settings.buffer_after_minutes.to_string(),
        minimum_notice_hours: settings.minimum_notice_hours.to_string(),
        tolerance_business_days: settings.tolerance_business_days.to_string(),
        granularity_minutes: settings.granularity_minutes.to_string(),
        max_sessions_per_day: settings.max_sessions_per_day.to_string(),
        max_hours_per_week: settings.max_hours_per_week.to_string(),
        weight_expertise: settings.weights.expertise.to_string(),
        weight_continuity: settings.weights.continuity.to_string(),
        weight_time_zone: settings.weights.time_zone.to_string(),
        weight_load_balance: settings.weights.load_balance.to_string(),
        weight_availability: settings.weights.availability.to_string(),
    }
}

/// Checks every field of the form against its range, returning all mistakes at once.
pub fn parse_settings(form: &SettingsForm) -> Result<SchedulingSettings, ServiceError> {
    let mut errors = FieldErrors::new();
    let buffer_before_minutes = whole(
        &mut errors,
        "buffer_before_minutes",
        &form.buffer_before_minutes,
    );
    let buffer_after_minutes = whole(
        &mut errors,
        "buffer_after_minutes",
        &form.buffer_after_minutes,
    );
    let minimum_notice_hours = whole(
        &mut errors,
        "minimum_notice_hours",
        &form.minimum_notice_hours,
    );
    let tolerance_business_days = whole(
        &mut errors,
        "tolerance_business_days",
        &form.tolerance_business_days,
    );
    let granularity_minutes = match form.granularity_minutes.trim().parse::<u32>() {
        Ok(step) if GRANULARITIES.contains(&step) => step,
        _ => {
            errors.add(
                "granularity_minutes",
                "Choose a step of 5, 10, 15, 30 or 60 minutes.",
            );
            15
        }
    };
    let max_sessions_per_day = whole(
        &mut errors,
        "max_sessions_per_day",
        &form.max_sessions_per_day,
    );
    let max_hours_per_week = whole(&mut errors, "max_hours_per_week", &form.max_hours_per_week);
    let weights = RawWeights {
        expertise: weight(&mut errors, "weight_expertise", &form.weight_expertise),
        continuity: weight(&mut errors, "weight_continuity", &form.weight_continuity),
        time_zone: weight(&mut errors, "weight_time_zone", &form.weight_time_zone),
        load_balance: weight(
            &mut errors,
            "weight_load_balance",
            &form.weight_load_balance,
        ),
        availability: weight(
            &mut errors,
            "weight_availability",
            &form.weight_availability,
        ),
    };
    if errors.is_empty() && ScoreWeights::new(weights).is_err() {
        errors.add(
            "weight_expertise",
            "At least one weight must be above 0: the score needs something to rank by.",
        );
    }
    errors.finish(|| SchedulingSettings {
        buffer_before_minutes,
        buffer_after_minutes,
        minimum_notice_hours,
        tolerance_business_days,
        granularity_minutes,
        max_sessions_per_day,
        max_hours_per_week,
        weights,
    })
}

/// The stored settings as the form shows them (the defaults when none were saved);
/// administrators only.
pub async fn current_settings(db: &Database, actor: &Actor) -> Result<SettingsForm, ServiceError> {
    actor.require(ADMIN)?;
    Ok(settings_form_of(&SchedulingSettings::load(db).await?))
}

/// Checks the form as typed (administrators only, checked before the form; every mistake: 400)
/// and saves the settings for every later ranking and plan; the audit log keeps the values
/// before and after.
pub async fn save_settings(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    form: &SettingsForm,
) -> Result<(), ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    let settings = &parse_settings(form)?;
    let value = serde_json::to_string(settings)
        .map_err(|e| ServiceError::Internal(format!("settings: {e}")))?;
    db.transaction(async |txn| {
        let before = setting::Entity::find_by_id(SETTINGS_KEY.to_owned())
            .one(txn)
            .await?
            .map(|row| row.value);
        setting::Entity::insert(setting::ActiveModel {
            key: Set(SETTINGS_KEY.to_owned()),
            value: Set(value.clone()),
            updated_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
        let parse = |text: Option<String>| {
            text.and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        };
        audit::record(
            txn,
            actor.entry(
                action::SETTINGS_UPDATED,
                "setting",
                SETTINGS_KEY,
                json!({ "before": parse(before), "after": parse(Some(value)) }),
            ),
        )
        .await?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_round_trip_through_the_form() {
        let defaults = SchedulingSettings::default();
        assert_eq!(
            parse_settings(&settings_form_of(&defaults)).unwrap(),
            defaults
        );
    }

    #[test]
    fn each_field_names_its_range() {
        let mut form = settings_form_of(&SchedulingSettings::default());
        form.buffer_before_minutes = "300".into();
        form.minimum_notice_hours = "soon".into();
        form.granularity_minutes = "7".into();
        form.max_sessions_per_day = "0".into();
        form.weight_continuity = "-1".into();
        let text = parse_settings(&form).unwrap_err().to_string();
        assert!(
            text.contains("buffer_before_minutes: 300 is out of range: enter a whole number of minutes from 0 to 240."),
            "{text}"
        );
        assert!(
            text.contains("minimum_notice_hours: 'soon' is not a whole number"),
            "{text}"
        );
        assert!(
            text.contains("granularity_minutes: Choose a step"),
            "{text}"
        );
        assert!(
            text.contains("max_sessions_per_day: 0 is out of range"),
            "{text}"
        );
        assert!(
            text.contains("weight_continuity: Enter a number from 0 to 100"),
            "{text}"
        );
    }

    #[test]
    fn all_zero_weights_are_refused() {
        let mut form = settings_form_of(&SchedulingSettings::default());
        for field in [
            &mut form.weight_expertise,
            &mut form.weight_continuity,
            &mut form.weight_time_zone,
            &mut form.weight_load_balance,
            &mut form.weight_availability,
        ] {
            *field = "0".into();
        }
        let text = parse_settings(&form).unwrap_err().to_string();
        assert!(
            text.contains("At least one weight must be above 0"),
            "{text}"
        );
    }
}
