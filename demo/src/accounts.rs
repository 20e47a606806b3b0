//! Demo accounts, one or more per role, all with the documented [`DEMO_PASSWORD`]. Idempotent:
//! an existing account is left as it is.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use service::accounts::users::{NewUser, insert_user};
use service::accounts::{DisplayName, EmailAddress, Password, Role, hashing, users};
use service::entities::site;
use service::zone::TimeZone;
use service::{Database, ServiceError};

/// The password of every demo account (12+ characters, not on the common list).
pub const DEMO_PASSWORD: &str = "demo-password-2026";

/// (e-mail, name, role, zone, site slug for site contacts).
pub const DEMO_ACCOUNTS: [(&str, &str, Role, &str, Option<&str>); 9] = [
    (
        "admin@tta.example.gov",
        "Avery Admin",
        Role::Admin,
        "America/New_York",
        None,
    ),
    (
        "coordinator@tta.example.gov",
        "Casey Coordinator",
        Role::Coordinator,
        "America/New_York",
        None,
    ),
    (
        "provider.phoenix@tta.example.gov",
        "Priya Patel",
        Role::Provider,
        "America/Phoenix",
        None,
    ),
    (
        "provider.denver@tta.example.gov",
        "Dan Morales",
        Role::Provider,
        "America/Denver",
        None,
    ),
    (
        "provider.honolulu@tta.example.gov",
        "Leilani Kahale",
        Role::Provider,
        "Pacific/Honolulu",
        None,
    ),
    (
        "contact.memphis@tta.example.gov",
        "Morgan Memphis",
        Role::SiteContact,
        "America/Chicago",
        Some("memphis-tn"),
    ),
    (
        "contact.houston@tta.example.gov",
        "Harper Houston",
        Role::SiteContact,
        "America/Chicago",
        Some("houston-tx"),
    ),
    (
        "contact.buffalo@tta.example.gov",
        "Blake Buffalo",
        Role::SiteContact,
        "America/New_York",
        Some("buffalo-ny"),
    ),
    // A provider who has not filled in a profile yet (so matching never proposes them): the
    // administrator's browser tests change this account's role and nobody else's.
    (
        "robin.reyes@tta.example.gov",
        "Robin Reyes",
        Role::Provider,
        "America/Los_Angeles",
        None,
    ),
];

/// Creates the demo accounts that do not exist yet; returns how many exist now.
pub async fn seed_demo_accounts(db: &Database) -> Result<usize, ServiceError> {
    let password = Password::parse(DEMO_PASSWORD)?;
    let mut count = 0;
    for (email, name, role, zone, site_slug) in DEMO_ACCOUNTS {
        count += 1;
        let email = EmailAddress::parse(email)?;
        if users::find_by_email(db, &email).await?.is_some() {
            continue;
        }
        let site_ids = match site_slug {
            Some(slug) => site::Entity::find()
                .filter(site::Column::Slug.eq(slug))
                .one(db.conn())
                .await?
                .map(|s| vec![s.id])
                .ok_or_else(|| ServiceError::Internal(format!("demo site {slug} missing")))?,
            None => Vec::new(),
        };
        insert_user(
            db.conn(),
            NewUser {
                email,
                display_name: DisplayName::parse(name)?,
                time_zone: TimeZone::parse(zone)
                    .map_err(|e| ServiceError::Internal(e.to_string()))?,
                role,
                password_hash: Some(hashing::hash_password(&password).await?),
                site_ids,
            },
        )
        .await?;
    }
    Ok(count)
}
