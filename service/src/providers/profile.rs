//! Saving a provider's profile and weekly hours (whole replacement, in one transaction each).

use chrono::{Utc, Weekday};
use scheduling::Zone;
use scheduling::matching::Modality;
use sea_orm::sea_query::Expr;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::{
    app_user, conflict_of_interest, provider_expertise, provider_profile, weekly_hours,
};
use crate::{Database, ServiceError};

/// A provider's profile as saved.
#[derive(Clone, Debug, PartialEq)]
pub struct ProviderProfileInput {
    pub organisation: String,
    pub home_zone: Zone,
    pub modalities: Vec<Modality>,
    /// Census regions the provider travels to (`south`, `midwest`, …).
    pub travel_regions: Vec<String>,
    pub weekly_hour_capacity: u32,
    pub engagement_capacity: u32,
    pub bio: String,
    /// `(topic id, level 1–3)`.
    pub expertise: Vec<(i32, u8)>,
    /// Sites the provider must not serve, with the reason.
    pub conflicts: Vec<(i32, String)>,
}

/// One range of weekly hours on the provider's wall clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeeklyRange {
    pub weekday: Weekday,
    pub start_minute: u16,
    pub end_minute: u16,
}

fn internal(error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(error.to_string())
}

/// Creates or replaces the profile, expertise and conflicts of `user_id`; the home zone also
/// becomes the zone the person sees every time in.
pub async fn save_profile(
    db: &Database,
    user_id: i32,
    input: &ProviderProfileInput,
) -> Result<(), ServiceError> {
    if input.modalities.is_empty() {
        return Err(ServiceError::Invalid(
            "Choose at least one modality.".to_owned(),
        ));
    }
    if let Some((_, level)) = input
        .expertise
        .iter()
        .find(|(_, level)| !(1..=3).contains(level))
    {
        return Err(ServiceError::Invalid(format!(
            "Expertise level must be 1, 2 or 3, not {level}."
        )));
    }
    db.transaction(async |txn| {
        provider_profile::Entity::insert(provider_profile::ActiveModel {
        user_id: Set(user_id),
        organisation: Set(input.organisation.trim().to_owned()),
        home_zone: Set(input.home_zone.name().to_owned()),
        modalities: Set(serde_json::to_string(&input.modalities).map_err(internal)?),
        travel_regions: Set(serde_json::to_string(&input.travel_regions).map_err(internal)?),
        weekly_hour_capacity: Set(i32::try_from(input.weekly_hour_capacity).unwrap_or(i32::MAX)),
        engagement_capacity: Set(i32::try_from(input.engagement_capacity).unwrap_or(i32::MAX)),
        bio: Set(input.bio.trim().to_owned()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(provider_profile::Column::UserId)
            .update_columns([
                provider_profile::Column::Organisation,
                provider_profile::Column::HomeZone,
                provider_profile::Column::Modalities,
                provider_profile::Column::TravelRegions,
                provider_profile::Column::WeeklyHourCapacity,
                provider_profile::Column::EngagementCapacity,
                provider_profile::Column::Bio,
                provider_profile::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
        app_user::Entity::update_many()
            .col_expr(
                app_user::Column::TimeZone,
                Expr::value(input.home_zone.name()),
            )
            .filter(app_user::Column::Id.eq(user_id))
            .exec(txn)
            .await?;
        provider_expertise::Entity::delete_many()
            .filter(provider_expertise::Column::ProviderId.eq(user_id))
            .exec(txn)
            .await?;
        if !input.expertise.is_empty() {
            provider_expertise::Entity::insert_many(input.expertise.iter().map(
                |&(topic_id, level)| provider_expertise::ActiveModel {
                    provider_id: Set(user_id),
                    topic_id: Set(topic_id),
                    level: Set(i16::from(level)),
                },
            ))
            .exec_without_returning(txn)
            .await?;
        }
        conflict_of_interest::Entity::delete_many()
            .filter(conflict_of_interest::Column::ProviderId.eq(user_id))
            .exec(txn)
            .await?;
        if !input.conflicts.is_empty() {
            conflict_of_interest::Entity::insert_many(input.conflicts.iter().map(
                |(site_id, reason)| conflict_of_interest::ActiveModel {
                    provider_id: Set(user_id),
                    site_id: Set(*site_id),
                    reason: Set(reason.clone()),
                },
            ))
            .exec_without_returning(txn)
            .await?;
        }
        Ok(())
    })
    .await
}

/// Replaces `provider_id`'s open-ended weekly hours (hours valid over set dates are kept).
/// Ranges of one weekday may not overlap.
pub async fn replace_weekly_hours(
    db: &Database,
    provider_id: i32,
    ranges: &[WeeklyRange],
) -> Result<(), ServiceError> {
    for range in ranges {
        if range.start_minute >= range.end_minute || range.end_minute > 24 * 60 {
            return Err(ServiceError::Invalid(format!(
                "{}: a range must end after it starts, within the day.",
                range.weekday
            )));
        }
    }
    for (i, a) in ranges.iter().enumerate() {
        if let Some(b) = ranges[i + 1..].iter().find(|b| {
            b.weekday == a.weekday && a.start_minute < b.end_minute && b.start_minute < a.end_minute
        }) {
            return Err(ServiceError::Invalid(format!(
                "{}: the ranges {:02}:{:02}–{:02}:{:02} and {:02}:{:02}–{:02}:{:02} overlap.",
                a.weekday,
                a.start_minute / 60,
                a.start_minute % 60,
                a.end_minute / 60,
                a.end_minute % 60,
                b.start_minute / 60,
                b.start_minute % 60,
                b.end_minute / 60,
                b.end_minute % 60,
            )));
        }
    }
    db.transaction(async |txn| replace_weekly_hours_in(txn, provider_id, ranges).await)
        .await
}

/// [`replace_weekly_hours`] inside the caller's transaction, ranges already checked.
pub(crate) async fn replace_weekly_hours_in<C: ConnectionTrait>(
    conn: &C,
    provider_id: i32,
    ranges: &[WeeklyRange],
) -> Result<(), ServiceError> {
    weekly_hours::Entity::delete_many()
        .filter(weekly_hours::Column::ProviderId.eq(provider_id))
        .filter(weekly_hours::Column::ValidFrom.is_null())
        .filter(weekly_hours::Column::ValidUntil.is_null())
        .exec(conn)
        .await?;
    if !ranges.is_empty() {
        weekly_hours::Entity::insert_many(ranges.iter().map(|r| weekly_hours::ActiveModel {
            provider_id: Set(provider_id),
            weekday: Set(i16::try_from(r.weekday.num_days_from_monday()).unwrap_or(0)),
            start_minute: Set(i32::from(r.start_minute)),
            end_minute: Set(i32::from(r.end_minute)),
            valid_from: Set(None),
            valid_until: Set(None),
            ..Default::default()
        }))
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}
