//! Sites as an administrator manages them: the form (name, state, IANA zone, default engagement
//! type, Census region) parsed into a [`SiteInput`], the list, one site with its blackout dates,
//! creating and editing. Administrators only.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde_json::json;

use chrono::NaiveDate;

use super::{ADMIN, AuditActor, FieldErrors};
use crate::access::Actor;
use crate::accounts::ClientInfo;
use crate::accounts::audit::{self, action};
use crate::entities::{blackout_date, site};
use crate::intake::EngagementType;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// USPS codes of the states, DC and the inhabited territories.
const STATE_CODES: [&str; 56] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP",
];

/// A USPS two-letter state (or DC, territory) code, upper case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateCode(String);

impl StateCode {
    pub fn parse(text: &str) -> Result<Self, String> {
        let code = text.trim().to_uppercase();
        if code.is_empty() {
            return Err("Enter the two-letter state code, e.g. TN.".to_owned());
        }
        if STATE_CODES.contains(&code.as_str()) {
            Ok(Self(code))
        } else {
            Err(format!(
                "'{}' is not a US state code: use the two-letter postal code, e.g. TN.",
                text.trim()
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The Census region of a site, used by providers' travel rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Northeast,
    Midwest,
    South,
    West,
}

impl Region {
    pub const ALL: [Region; 4] = [Self::Northeast, Self::Midwest, Self::South, Self::West];

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == text.trim())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Northeast => "northeast",
            Self::Midwest => "midwest",
            Self::South => "south",
            Self::West => "west",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Northeast => "Northeast",
            Self::Midwest => "Midwest",
            Self::South => "South",
            Self::West => "West",
        }
    }
}

/// The site form exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteForm {
    pub name: String,
    pub state: String,
    pub time_zone: String,
    pub engagement_type: String,
    pub region: String,
}

/// A site form that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteInput {
    pub name: String,
    pub state: StateCode,
    pub zone: TimeZone,
    pub engagement_type: EngagementType,
    pub region: Region,
}

impl SiteInput {
    /// Checks every field, returning all mistakes at once.
    pub fn parse(form: &SiteForm) -> Result<Self, ServiceError> {
        let mut errors = FieldErrors::new();
        let name = form.name.trim().to_owned();
        if name.is_empty() {
            errors.add("name", "Enter the site's name, usually its city.");
        } else if name.chars().count() > 100 {
            errors.add("name", "The name is too long: at most 100 characters.");
        }
        let state = StateCode::parse(&form.state).map_err(|m| errors.add("state", m));
        let zone_text = form.time_zone.trim();
        let zone = if zone_text.is_empty() {
            errors.add(
                "time_zone",
                "Enter the site's IANA time zone, e.g. America/Chicago.",
            );
            None
        } else {
            match TimeZone::parse(zone_text) {
                Ok(zone) => Some(zone),
                Err(_) => {
                    errors.add(
                        "time_zone",
                        format!(
                            "'{zone_text}' is not an IANA time zone: use a name such as \
                             America/Chicago or America/New_York."
                        ),
                    );
                    None
                }
            }
        };
        let engagement_type = EngagementType::parse(&form.engagement_type);
        if engagement_type.is_none() {
            errors.add("engagement_type", "Choose Operations or Diagnostic.");
        }
        let region = Region::parse(&form.region);
        if region.is_none() {
            errors.add(
                "region",
                "Choose the Census region: Northeast, Midwest, South or West.",
            );
        }
        match (state, zone, engagement_type, region) {
            (Ok(state), Some(zone), Some(engagement_type), Some(region)) if errors.is_empty() => {
                Ok(Self {
                    name,
                    state,
                    zone,
                    engagement_type,
                    region,
                })
            }
            _ => Err(ServiceError::InvalidFields(errors)),
        }
    }

    /// `Gary, IN`.
    pub fn label(&self) -> String {
        format!("{}, {}", self.name, self.state.as_str())
    }
}

/// Every site, by name (administrators only).
pub async fn all_sites(db: &Database, actor: &Actor) -> Result<Vec<site::Model>, ServiceError> {
    actor.require(ADMIN)?;
    Ok(site::Entity::find()
        .order_by_asc(site::Column::Name)
        .order_by_asc(site::Column::State)
        .all(db.conn())
        .await?)
}

/// Refuses a name and state another site (not `except`) already has, whatever the case.
async fn ensure_unique<C: ConnectionTrait>(
    conn: &C,
    input: &SiteInput,
    except: Option<i32>,
) -> Result<(), ServiceError> {
    let mut query = site::Entity::find()
        .filter(Func::lower(Expr::col(site::Column::Name)).eq(input.name.to_lowercase()))
        .filter(site::Column::State.eq(input.state.as_str()));
    if let Some(id) = except {
        query = query.filter(site::Column::Id.ne(id));
    }
    if query.one(conn).await?.is_some() {
        return Err(ServiceError::field(
            "name",
            format!("A site named {} already exists.", input.label()),
        ));
    }
    Ok(())
}

/// A slug no site has yet: `baton-rouge-la`, else `baton-rouge-la-2`, …
async fn free_slug<C: ConnectionTrait>(
    conn: &C,
    input: &SiteInput,
) -> Result<String, ServiceError> {
    let base: String = format!("{}-{}", input.name, input.state.as_str())
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    for n in 1..100 {
        let slug = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if site::Entity::find()
            .filter(site::Column::Slug.eq(slug.as_str()))
            .one(conn)
            .await?
            .is_none()
        {
            return Ok(slug);
        }
    }
    Err(ServiceError::Internal(format!("no free slug for {base}")))
}

fn detail(input: &SiteInput) -> serde_json::Value {
    json!({
        "name": input.name,
        "state": input.state.as_str(),
        "time_zone": input.zone.name(),
        "engagement_type": input.engagement_type.as_str(),
        "region": input.region.as_str(),
    })
}

/// What the page of one site shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteDetail {
    pub site: site::Model,
    /// Today on the site's calendar, the earliest date a blackout may take.
    pub today: NaiveDate,
    /// Earliest first.
    pub blackouts: Vec<blackout_date::Model>,
}

/// Site `site_id` with its blackout dates (administrators only; an unknown site: 404).
pub async fn site_detail(
    db: &Database,
    actor: &Actor,
    site_id: i32,
) -> Result<SiteDetail, ServiceError> {
    actor.require(ADMIN)?;
    let site = crate::sites::site_by_id(db, site_id).await?;
    let blackouts = super::blackouts::list_blackouts(db, site_id).await?;
    let today = super::blackouts::site_today(db, site_id, Utc::now()).await?;
    Ok(SiteDetail {
        site,
        today,
        blackouts,
    })
}

/// Creates a site from the form as typed (administrators only, checked before the form; every
/// mistake of the form: 400); returns its id.
pub async fn create_site(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    form: &SiteForm,
) -> Result<i32, ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    let input = &SiteInput::parse(form)?;
    db.transaction(async |txn| {
        ensure_unique(txn, input, None).await?;
        let row = site::ActiveModel {
            slug: Set(free_slug(txn, input).await?),
            name: Set(input.name.clone()),
            state: Set(input.state.as_str().to_owned()),
            time_zone: Set(input.zone.name().to_owned()),
            engagement_type: Set(input.engagement_type.as_str().to_owned()),
            region: Set(input.region.as_str().to_owned()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        audit::record(
            txn,
            actor.entry(action::SITE_CREATED, "site", row.id, detail(input)),
        )
        .await?;
        Ok(row.id)
    })
    .await
}

/// Changes a site from the form as typed (administrators only, checked before the form); returns
/// the saved values. Requests already made keep the zone they were anchored in.
pub async fn update_site(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    site_id: i32,
    form: &SiteForm,
) -> Result<SiteInput, ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    let input = SiteInput::parse(form)?;
    let saved = input.clone();
    let input = &input;
    db.transaction(async |txn| {
        let before = site::Entity::find_by_id(site_id)
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Site #{site_id}")))?;
        ensure_unique(txn, input, Some(site_id)).await?;
        let mut row: site::ActiveModel = before.clone().into();
        row.name = Set(input.name.clone());
        row.state = Set(input.state.as_str().to_owned());
        row.time_zone = Set(input.zone.name().to_owned());
        row.engagement_type = Set(input.engagement_type.as_str().to_owned());
        row.region = Set(input.region.as_str().to_owned());
        row.update(txn).await?;
        audit::record(
            txn,
            actor.entry(
                action::SITE_UPDATED,
                "site",
                site_id,
                json!({
                    "before": {
                        "name": before.name,
                        "state": before.state,
                        "time_zone": before.time_zone,
                        "engagement_type": before.engagement_type,
                        "region": before.region,
                    },
                    "after": detail(input),
                }),
            ),
        )
        .await?;
        Ok(())
    })
    .await?;
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SiteForm {
        SiteForm {
            name: " Gary ".into(),
            state: "in".into(),
            time_zone: "America/Chicago".into(),
            engagement_type: "diagnostic".into(),
            region: "midwest".into(),
        }
    }

    #[test]
    fn a_good_form_is_parsed_into_domain_values() {
        let site = SiteInput::parse(&form()).unwrap();
        assert_eq!(site.name, "Gary");
        assert_eq!(site.state.as_str(), "IN");
        assert_eq!(site.zone.name(), "America/Chicago");
        assert_eq!(site.engagement_type, EngagementType::Diagnostic);
        assert_eq!(site.region, Region::Midwest);
    }

    #[test]
    fn every_mistake_is_named_with_its_field() {
        let bad = SiteForm {
            name: "  ".into(),
            state: "XX".into(),
            time_zone: "America/Gary".into(),
            engagement_type: "other".into(),
            region: "".into(),
        };
        let text = SiteInput::parse(&bad).unwrap_err().to_string();
        assert!(text.contains("name: Enter the site's name"), "{text}");
        assert!(
            text.contains("state: 'XX' is not a US state code"),
            "{text}"
        );
        assert!(
            text.contains("time_zone: 'America/Gary' is not an IANA time zone"),
            "{text}"
        );
        assert!(text.contains("engagement_type: Choose"), "{text}");
        assert!(text.contains("region: Choose the Census region"), "{text}");
    }
}
