//! What the demo's time-zone stories share: the March change to daylight time their series
//! straddle, and the Phoenix provider with a site and topic they are about.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use service::accounts::EmailAddress;
use service::accounts::users::find_by_email;
use service::entities::{app_user, site, topic};
use service::{Database, ServiceError};

/// The US change to daylight time (second Sunday of March) of the first March at least 30 days
/// after `today`.
pub(super) fn next_spring_change(today: NaiveDate) -> Option<NaiveDate> {
    let mut year = today.year();
    loop {
        let march = NaiveDate::from_ymd_opt(year, 3, 1)?;
        if march - today >= Duration::days(30) {
            return NaiveDate::from_weekday_of_month_opt(year, 3, Weekday::Sun, 2);
        }
        year += 1;
    }
}

/// The site with `site_slug`, the gun-violence topic and Priya Patel (America/Phoenix), when the
/// demo data has all three.
pub(super) async fn phoenix_story_parties(
    db: &Database,
    site_slug: &str,
) -> Result<Option<(site::Model, topic::Model, app_user::Model)>, ServiceError> {
    let site = site::Entity::find()
        .filter(site::Column::Slug.eq(site_slug))
        .one(db.conn())
        .await?;
    let topic = topic::Entity::find()
        .filter(topic::Column::Slug.eq("gun-violence"))
        .one(db.conn())
        .await?;
    let provider = find_by_email(
        db,
        &EmailAddress::parse("provider.phoenix@tta.example.gov")?,
    )
    .await?;
    Ok(site.zip(topic).zip(provider).map(|((s, t), p)| (s, t, p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_change_is_the_second_sunday_of_the_first_march_a_month_away() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            next_spring_change(day("2026-11-29")),
            Some(day("2027-03-14"))
        );
        assert_eq!(
            next_spring_change(day("2027-02-15")),
            Some(day("2028-03-12"))
        );
        assert_eq!(
            next_spring_change(day("2027-01-30")),
            Some(day("2027-03-14"))
        );
    }
}
