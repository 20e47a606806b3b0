//! A site's blackout dates: days on which the slot engine places no session at that site
//! (beside the US federal holidays it always skips). Dates are the site's own calendar days.
//! Administrators only.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;

use super::{AuditActor, FieldErrors};
use crate::access::Actor;
use crate::accounts::ClientInfo;
use crate::accounts::audit::{self, action};
use crate::entities::{blackout_date, site};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Longest reason kept.
const MAX_REASON_CHARS: usize = 200;

/// A blackout form that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewBlackout {
    pub date: NaiveDate,
    pub reason: String,
}

impl NewBlackout {
    /// `date` as `YYYY-MM-DD`, not before `today` (the site's date); a reason of 1–200
    /// characters.
    pub fn parse(date: &str, reason: &str, today: NaiveDate) -> Result<Self, ServiceError> {
        let mut errors = FieldErrors::new();
        let date = match NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
            Ok(date) if date < today => {
                errors.add(
                    "date",
                    format!(
                        "Choose today ({today}) or a later date: past dates cannot be blacked out."
                    ),
                );
                None
            }
            Ok(date) => Some(date),
            Err(_) if date.trim().is_empty() => {
                errors.add("date", "Enter the date, for example 15 March 2027.");
                None
            }
            Err(_) => {
                errors.add(
                    "date",
                    format!(
                        "'{}' is not a date: enter one, for example 15 March 2027.",
                        date.trim()
                    ),
                );
                None
            }
        };
        let reason = reason.trim().to_owned();
        if reason.is_empty() {
            errors.add(
                "reason",
                "Say why no session can happen that day, e.g. “City holiday”.",
            );
        } else if reason.chars().count() > MAX_REASON_CHARS {
            errors.add(
                "reason",
                format!("The reason is too long: at most {MAX_REASON_CHARS} characters."),
            );
        }
        match date {
            Some(date) if errors.is_empty() => Ok(Self { date, reason }),
            _ => Err(ServiceError::InvalidFields(errors)),
        }
    }
}

async fn site_of(db: &Database, site_id: i32) -> Result<site::Model, ServiceError> {
    site::Entity::find_by_id(site_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Site #{site_id}")))
}

/// The date on the site's wall clock at `now`.
pub(crate) async fn site_today(
    db: &Database,
    site_id: i32,
    now: DateTime<Utc>,
) -> Result<NaiveDate, ServiceError> {
    let site = site_of(db, site_id).await?;
    let zone = TimeZone::parse(&site.time_zone)
        .map_err(|e| ServiceError::Internal(format!("site {site_id}: {e}")))?;
    Ok(now.with_timezone(&zone.tz()).date_naive())
}

/// The site's blackout dates, earliest first (the caller checked the role).
pub(crate) async fn list_blackouts(
    db: &Database,
    site_id: i32,
) -> Result<Vec<blackout_date::Model>, ServiceError> {
    Ok(blackout_date::Entity::find()
        .filter(blackout_date::Column::SiteId.eq(site_id))
        .order_by_asc(blackout_date::Column::Date)
        .all(db.conn())
        .await?)
}

/// Adds a blackout date (`YYYY-MM-DD`, not before the site's date at `now`) with its reason to
/// the site; returns what was added. Administrators only, checked before the form. Refused: an
/// unknown site (404), a form with mistakes or a date the site already blacks out (400).
pub async fn add_blackout(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    site_id: i32,
    date: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<NewBlackout, ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    let today = site_today(db, site_id, now).await?;
    let blackout = NewBlackout::parse(date, reason, today)?;
    insert(db, actor, site_id, &blackout).await?;
    Ok(blackout)
}

async fn insert(
    db: &Database,
    actor: AuditActor<'_>,
    site_id: i32,
    blackout: &NewBlackout,
) -> Result<i32, ServiceError> {
    db.transaction(async |txn| {
        let taken = blackout_date::Entity::find()
            .filter(blackout_date::Column::SiteId.eq(site_id))
            .filter(blackout_date::Column::Date.eq(blackout.date))
            .one(txn)
            .await?;
        if let Some(existing) = taken {
            return Err(ServiceError::field(
                "date",
                format!(
                    "{} is already a blackout date of this site ({}).",
                    blackout.date, existing.reason
                ),
            ));
        }
        let row = blackout_date::ActiveModel {
            site_id: Set(Some(site_id)),
            date: Set(blackout.date),
            reason: Set(blackout.reason.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        audit::record(
            txn,
            actor.entry(
                action::BLACKOUT_ADDED,
                "site",
                site_id,
                json!({ "blackout_id": row.id, "date": blackout.date, "reason": blackout.reason }),
            ),
        )
        .await?;
        Ok(row.id)
    })
    .await
}

/// Removes blackout `blackout_id` of site `site_id` (administrators only; another site's is
/// "not found").
pub async fn remove_blackout(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    site_id: i32,
    blackout_id: i32,
) -> Result<(), ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    db.transaction(async |txn| {
        let row = blackout_date::Entity::find_by_id(blackout_id)
            .filter(blackout_date::Column::SiteId.eq(site_id))
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Blackout date #{blackout_id}")))?;
        blackout_date::Entity::delete_by_id(blackout_id)
            .exec(txn)
            .await?;
        audit::record(
            txn,
            actor.entry(
                action::BLACKOUT_REMOVED,
                "site",
                site_id,
                json!({ "blackout_id": blackout_id, "date": row.date, "reason": row.reason }),
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

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
    }

    #[test]
    fn date_and_reason_are_checked_together() {
        let ok = NewBlackout::parse("2027-01-15", " Office move ", day(10)).unwrap();
        assert_eq!(ok.date, day(15));
        assert_eq!(ok.reason, "Office move");
        let text = NewBlackout::parse("15/01/2027", "", day(10))
            .unwrap_err()
            .to_string();
        assert!(text.contains("date: '15/01/2027' is not a date"), "{text}");
        assert!(text.contains("reason: Say why"), "{text}");
        let past = NewBlackout::parse("2027-01-09", "x", day(10))
            .unwrap_err()
            .to_string();
        assert!(past.contains("date: Choose today (2027-01-10)"), "{past}");
    }
}
