//! A provider who leaves the programme: the coordinator's overview of providers with their
//! booked work, the remaining engagements of one provider (future tentative and confirmed
//! sessions grouped by request), and marking a provider as leaving (no longer ranked for
//! requests; reversible). Handing the sessions over is [`crate::sessions::reassign_engagement`].

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::access::{Actor, STAFF};
use crate::accounts::Role;
use crate::accounts::audit::{self, AuditEntry};
use crate::entities::{app_user, provider_profile, site, tta_request, tta_session};
use crate::status::SessionStatus;
use crate::{Database, ServiceError};

/// Audit actions of this module and of reassignment.
pub mod action {
    pub const PROVIDER_DEPARTED: &str = "provider.departed";
    pub const PROVIDER_RETURNED: &str = "provider.returned";
    pub const SESSIONS_REASSIGNED: &str = "sessions.reassigned";
}

/// One provider with their booked work from now on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderOverview {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub zone: String,
    /// The account can log in.
    pub active: bool,
    /// When a coordinator marked them as leaving.
    pub departed_at: Option<DateTime<Utc>>,
    pub confirmed_sessions: u32,
    pub tentative_sessions: u32,
    /// Requests with a future tentative or confirmed session of theirs.
    pub engagements: u32,
}

/// Every provider with a profile, by name, with their future sessions counted.
pub async fn provider_overview(
    db: &Database,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<ProviderOverview>, ServiceError> {
    actor.require(STAFF)?;
    let profiles: HashMap<i32, provider_profile::Model> = provider_profile::Entity::find()
        .all(db.conn())
        .await?
        .into_iter()
        .map(|p| (p.user_id, p))
        .collect();
    let users = app_user::Entity::find()
        .filter(app_user::Column::Role.eq(Role::Provider.as_str()))
        .order_by_asc(app_user::Column::DisplayName)
        .order_by_asc(app_user::Column::Id)
        .all(db.conn())
        .await?;
    let sessions = future_sessions(db, None, now).await?;
    let mut counts: HashMap<i32, (u32, u32, Vec<i32>)> = HashMap::new();
    for s in &sessions {
        let entry = counts.entry(s.provider_id).or_default();
        if s.status == SessionStatus::Confirmed.as_str() {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
        if !entry.2.contains(&s.request_id) {
            entry.2.push(s.request_id);
        }
    }
    Ok(users
        .into_iter()
        .filter_map(|u| {
            let profile = profiles.get(&u.id)?;
            let (confirmed, tentative, requests) = counts.remove(&u.id).unwrap_or_default();
            Some(ProviderOverview {
                id: u.id,
                name: u.display_name,
                email: u.email,
                zone: profile.home_zone.clone(),
                active: u.active,
                departed_at: profile.departed_at,
                confirmed_sessions: confirmed,
                tentative_sessions: tentative,
                engagements: u32::try_from(requests.len()).unwrap_or(u32::MAX),
            })
        })
        .collect())
}

/// One request's remaining sessions with a provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Engagement {
    pub request: tta_request::Model,
    pub site_name: String,
    /// Future tentative and confirmed sessions, in series order.
    pub sessions: Vec<tta_session::Model>,
}

impl Engagement {
    /// Whether every remaining session is confirmed (an approved series that can be handed
    /// over); tentative ones belong to a proposal still open.
    pub fn is_confirmed(&self) -> bool {
        self.sessions
            .iter()
            .all(|s| s.status == SessionStatus::Confirmed.as_str())
    }
}

/// The provider (with a profile) `provider_id`, and their remaining engagements, soonest first.
pub async fn remaining_engagements(
    db: &Database,
    actor: &Actor,
    provider_id: i32,
    now: DateTime<Utc>,
) -> Result<(ProviderOverview, Vec<Engagement>), ServiceError> {
    let overview = provider_overview(db, actor, now)
        .await?
        .into_iter()
        .find(|p| p.id == provider_id)
        .ok_or_else(|| ServiceError::NotFound(format!("Provider #{provider_id}")))?;
    let sessions = future_sessions(db, Some(provider_id), now).await?;
    let mut by_request: BTreeMap<i32, Vec<tta_session::Model>> = BTreeMap::new();
    for s in sessions {
        by_request.entry(s.request_id).or_default().push(s);
    }
    let requests: HashMap<i32, tta_request::Model> = tta_request::Entity::find()
        .filter(tta_request::Column::Id.is_in(by_request.keys().copied().collect::<Vec<_>>()))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let sites: HashMap<i32, String> = site::Entity::find()
        .all(db.conn())
        .await?
        .into_iter()
        .map(|s| (s.id, format!("{}, {}", s.name, s.state)))
        .collect();
    let mut engagements: Vec<Engagement> = by_request
        .into_iter()
        .filter_map(|(request_id, mut sessions)| {
            let request = requests.get(&request_id)?.clone();
            sessions.sort_by_key(|s| (s.occurrence, s.starts_at));
            Some(Engagement {
                site_name: sites.get(&request.site_id).cloned().unwrap_or_default(),
                request,
                sessions,
            })
        })
        .collect();
    engagements.sort_by_key(|e| e.sessions.first().map(|s| s.starts_at));
    Ok((overview, engagements))
}

/// Future tentative and confirmed sessions (of one provider, or all).
async fn future_sessions(
    db: &Database,
    provider_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Vec<tta_session::Model>, ServiceError> {
    let mut query = tta_session::Entity::find()
        .filter(tta_session::Column::StartsAt.gt(now))
        .filter(tta_session::Column::Status.is_in([
            SessionStatus::Tentative.as_str(),
            SessionStatus::Confirmed.as_str(),
        ]));
    if let Some(id) = provider_id {
        query = query.filter(tta_session::Column::ProviderId.eq(id));
    }
    Ok(query
        .order_by_asc(tta_session::Column::StartsAt)
        .all(db.conn())
        .await?)
}

/// [`set_departed`] with the choice as the form sends it (`true`: leaves, `false`: stays); any
/// other text is refused before anything changes. Coordinators and administrators only.
pub async fn set_departed_as_chosen(
    db: &Database,
    actor: &Actor,
    provider_id: i32,
    choice: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    actor.require(STAFF)?;
    let departed = match choice.trim() {
        "true" => true,
        "false" => false,
        _ => {
            return Err(ServiceError::field(
                "departed",
                "Choose whether the provider leaves or stays.",
            ));
        }
    };
    set_departed(db, actor, provider_id, departed, now).await
}

/// Marks the provider as leaving (`departed`: no longer ranked for any request) or takes them
/// back, with an audit entry. Their booked sessions are not touched: hand them over first.
/// Coordinators and administrators only.
pub async fn set_departed(
    db: &Database,
    actor: &Actor,
    provider_id: i32,
    departed: bool,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    actor.require(STAFF)?;
    let actor = actor.id();
    db.transaction(async |txn| {
        let updated = provider_profile::Entity::update_many()
            .col_expr(
                provider_profile::Column::DepartedAt,
                Expr::value(departed.then_some(now)),
            )
            .filter(provider_profile::Column::UserId.eq(provider_id))
            .exec(txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(ServiceError::NotFound(format!("Provider #{provider_id}")));
        }
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(actor),
                action: if departed {
                    action::PROVIDER_DEPARTED
                } else {
                    action::PROVIDER_RETURNED
                },
                subject_type: "provider",
                subject_id: Some(provider_id.to_string()),
                detail: json!({}),
                ip: None,
            },
        )
        .await
    })
    .await
}
