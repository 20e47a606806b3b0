//! The report queries. Counting happens in the database (GROUP BY), so a report costs a few
//! queries whatever the number of sessions.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QuerySelect, RelationTrait,
};

use super::table::Table;
use crate::access::{Actor, STAFF};
use crate::entities::{
    feedback, provider_profile, request_status_change, request_topic, site, topic, tta_request,
    tta_session,
};
use crate::{Database, ServiceError};

/// A half-open period of UTC instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

impl Period {
    /// From the start of `first` to the end of `last` (UTC days); refused when reversed or over
    /// ten years.
    pub fn of_dates(first: NaiveDate, last: NaiveDate) -> Result<Self, ServiceError> {
        if last < first {
            return Err(ServiceError::Invalid(
                "The end of the period is before its start.".to_owned(),
            ));
        }
        if (last - first).num_days() > 3660 {
            return Err(ServiceError::Invalid(
                "A report covers at most ten years.".to_owned(),
            ));
        }
        let from = first.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
        let until = last
            .succ_opt()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc());
        match (from, until) {
            (Some(from), Some(until)) => Ok(Self { from, until }),
            _ => Err(ServiceError::Invalid(
                "The period's dates are out of range.".to_owned(),
            )),
        }
    }

    fn weeks(&self) -> f64 {
        ((self.until - self.from).num_hours() as f64 / (24.0 * 7.0)).max(1.0 / 7.0)
    }
}

/// Which report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportKind {
    SessionsBySite,
    SessionsByTopic,
    SessionsByProvider,
    Turnaround,
    Utilisation,
    Feedback,
}

impl ReportKind {
    pub const ALL: [ReportKind; 6] = [
        Self::SessionsBySite,
        Self::SessionsByTopic,
        Self::SessionsByProvider,
        Self::Turnaround,
        Self::Utilisation,
        Self::Feedback,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SessionsBySite => "sessions-by-site",
            Self::SessionsByTopic => "sessions-by-topic",
            Self::SessionsByProvider => "sessions-by-provider",
            Self::Turnaround => "turnaround",
            Self::Utilisation => "utilisation",
            Self::Feedback => "feedback",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

#[derive(Debug, FromQueryResult)]
struct Grouped {
    key: i32,
    status: String,
    /// 1 when the sessions of the group have ended by now, else 0.
    ended: i32,
    n: i64,
}

/// Builds one report for `period`, for coordinators and administrators (others: 403). Reports
/// count every site's work, so no record rule narrows them further.
pub async fn report(
    db: &Database,
    actor: &Actor,
    kind: ReportKind,
    period: Period,
) -> Result<Table, ServiceError> {
    actor.require(STAFF)?;
    match kind {
        ReportKind::SessionsBySite => sessions_by(db, period, Dimension::Site).await,
        ReportKind::SessionsByTopic => sessions_by(db, period, Dimension::Topic).await,
        ReportKind::SessionsByProvider => sessions_by(db, period, Dimension::Provider).await,
        ReportKind::Turnaround => turnaround(db, period).await,
        ReportKind::Utilisation => utilisation(db, period).await,
        ReportKind::Feedback => feedback_averages(db, period).await,
    }
}

#[derive(Clone, Copy)]
enum Dimension {
    Site,
    Topic,
    Provider,
}

async fn sessions_by(
    db: &Database,
    period: Period,
    dimension: Dimension,
) -> Result<Table, ServiceError> {
    // Each dimension only decides the joins and the grouping key; the counting is shared.
    let (query, key) = {
        let base = tta_session::Entity::find()
            .select_only()
            .filter(tta_session::Column::StartsAt.gte(period.from))
            .filter(tta_session::Column::StartsAt.lt(period.until))
            .filter(tta_session::Column::Status.is_in(["completed", "confirmed", "tentative"]));
        match dimension {
            Dimension::Site => (
                base.join(JoinType::InnerJoin, tta_session::Relation::Request.def()),
                Expr::col((tta_request::Entity, tta_request::Column::SiteId)),
            ),
            Dimension::Topic => (
                base.join(JoinType::InnerJoin, tta_session::Relation::Request.def())
                    .join(
                        JoinType::InnerJoin,
                        request_topic::Relation::Request.def().rev(),
                    ),
                Expr::col((request_topic::Entity, request_topic::Column::TopicId)),
            ),
            Dimension::Provider => (
                base,
                Expr::col((tta_session::Entity, tta_session::Column::ProviderId)),
            ),
        }
    };
    // Ended by now: a confirmed session that is over was delivered, whether or not anyone has
    // marked it completed yet.
    let ended: Expr = Expr::case(tta_session::Column::EndsAt.lte(Utc::now()), 1)
        .finally(0)
        .into();
    let grouped: Vec<Grouped> = query
        .column_as(key.clone(), "key")
        .column_as(tta_session::Column::Status, "status")
        .column_as(ended, "ended")
        .column_as(
            Expr::expr(Func::count(Expr::col((
                tta_session::Entity,
                tta_session::Column::Id,
            )))),
            "n",
        )
        .group_by(key)
        .group_by(tta_session::Column::Status)
        // By the output column: PostgreSQL would see the same CASE with its own parameter as
        // another expression.
        .group_by(Expr::col(sea_orm::sea_query::Alias::new("ended")))
        .into_model::<Grouped>()
        .all(db.conn())
        .await?;
    let (names, heading): (HashMap<i32, String>, &str) = match dimension {
        Dimension::Site => (
            site::Entity::find()
                .all(db.conn())
                .await?
                .into_iter()
                .map(|s| (s.id, format!("{}, {}", s.name, s.state)))
                .collect(),
            "Site",
        ),
        Dimension::Topic => (
            topic::Entity::find()
                .all(db.conn())
                .await?
                .into_iter()
                .map(|t| (t.id, t.name))
                .collect(),
            "Topic",
        ),
        Dimension::Provider => (
            crate::accounts::users::display_names(db, grouped.iter().map(|r| r.key)).await?,
            "Provider",
        ),
    };
    // Delivered, scheduled (confirmed, still ahead) and awaiting approval (tentative: proposed
    // and accepted, not yet approved, so not yet on anyone's calendar).
    let mut totals: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for row in grouped {
        let name = names
            .get(&row.key)
            .cloned()
            .unwrap_or_else(|| format!("#{}", row.key));
        let entry = totals.entry(name).or_default();
        match (row.status.as_str(), row.ended == 1) {
            ("completed", _) | ("confirmed", true) => entry.0 += row.n,
            ("tentative", _) => entry.2 += row.n,
            _ => entry.1 += row.n,
        }
    }
    Ok(Table {
        title: format!("Sessions by {}", heading.to_lowercase()),
        columns: vec![
            heading.to_owned(),
            "Delivered".to_owned(),
            "Scheduled".to_owned(),
            "Awaiting approval".to_owned(),
            "Total".to_owned(),
        ],
        rows: totals
            .into_iter()
            .map(|(name, (done, planned, tentative))| {
                vec![
                    name,
                    done.to_string(),
                    planned.to_string(),
                    tentative.to_string(),
                    (done + planned + tentative).to_string(),
                ]
            })
            .collect(),
        chart_column: Some(4),
    })
}

#[derive(Debug, FromQueryResult)]
struct Approval {
    request_id: i32,
    changed_at: DateTime<Utc>,
}

async fn turnaround(db: &Database, period: Period) -> Result<Table, ServiceError> {
    let approvals: Vec<Approval> = request_status_change::Entity::find()
        .select_only()
        .column(request_status_change::Column::RequestId)
        .column(request_status_change::Column::ChangedAt)
        .filter(request_status_change::Column::ToStatus.eq("approved"))
        .filter(request_status_change::Column::ChangedAt.gte(period.from))
        .filter(request_status_change::Column::ChangedAt.lt(period.until))
        .into_model::<Approval>()
        .all(db.conn())
        .await?;
    let requests: HashMap<i32, tta_request::Model> = tta_request::Entity::find()
        .filter(
            tta_request::Column::Id
                .is_in(approvals.iter().map(|a| a.request_id).collect::<Vec<_>>()),
        )
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let sites: HashMap<i32, String> = site::Entity::find()
        .all(db.conn())
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut by_site: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for approval in approvals {
        if let Some(request) = requests.get(&approval.request_id) {
            let days = (approval.changed_at - request.created_at).num_minutes() as f64 / 1440.0;
            by_site
                .entry(sites.get(&request.site_id).cloned().unwrap_or_default())
                .or_default()
                .push(days);
        }
    }
    Ok(Table {
        title: "Request turnaround (submitted → approved)".to_owned(),
        columns: vec![
            "Site".into(),
            "Requests approved".into(),
            "Average days".into(),
            "Median days".into(),
            "Longest days".into(),
        ],
        rows: by_site
            .into_iter()
            .map(|(site, mut days)| {
                days.sort_by(f64::total_cmp);
                let n = days.len();
                let average = days.iter().sum::<f64>() / n as f64;
                let median = if n % 2 == 1 {
                    days[n / 2]
                } else {
                    (days[n / 2 - 1] + days[n / 2]) / 2.0
                };
                vec![
                    site,
                    n.to_string(),
                    format!("{average:.1}"),
                    format!("{median:.1}"),
                    format!("{:.1}", days[n - 1]),
                ]
            })
            .collect(),
        chart_column: Some(2),
    })
}

#[derive(Debug, FromQueryResult)]
struct Booked {
    provider_id: i32,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

async fn utilisation(db: &Database, period: Period) -> Result<Table, ServiceError> {
    let sessions: Vec<Booked> = tta_session::Entity::find()
        .select_only()
        .column(tta_session::Column::ProviderId)
        .column(tta_session::Column::StartsAt)
        .column(tta_session::Column::EndsAt)
        .filter(tta_session::Column::StartsAt.gte(period.from))
        .filter(tta_session::Column::StartsAt.lt(period.until))
        .filter(tta_session::Column::Status.is_in(["completed", "confirmed", "tentative"]))
        .into_model::<Booked>()
        .all(db.conn())
        .await?;
    let mut hours: HashMap<i32, f64> = HashMap::new();
    for s in &sessions {
        *hours.entry(s.provider_id).or_default() +=
            (s.ends_at - s.starts_at).num_minutes() as f64 / 60.0;
    }
    let profiles = provider_profile::Entity::find().all(db.conn()).await?;
    let names =
        crate::accounts::users::display_names(db, profiles.iter().map(|p| p.user_id)).await?;
    let weeks = period.weeks();
    let mut rows: Vec<Vec<String>> = profiles
        .iter()
        .map(|p| {
            let booked = hours.get(&p.user_id).copied().unwrap_or(0.0);
            let capacity = f64::from(p.weekly_hour_capacity.max(0)) * weeks;
            let percent = if capacity > 0.0 {
                booked / capacity * 100.0
            } else {
                0.0
            };
            vec![
                names.get(&p.user_id).cloned().unwrap_or_default(),
                format!("{booked:.1}"),
                format!("{capacity:.1}"),
                format!("{percent:.0}"),
            ]
        })
        .collect();
    rows.sort();
    Ok(Table {
        title: "Provider utilisation against weekly capacity".to_owned(),
        columns: vec![
            "Provider".into(),
            "Booked hours".into(),
            "Capacity hours".into(),
            "Utilisation %".into(),
        ],
        rows,
        chart_column: Some(3),
    })
}

#[derive(Debug, FromQueryResult)]
struct Rating {
    provider_id: i32,
    n: i64,
    total: i64,
}

async fn feedback_averages(db: &Database, period: Period) -> Result<Table, ServiceError> {
    let ratings: Vec<Rating> = feedback::Entity::find()
        .select_only()
        .join(JoinType::InnerJoin, feedback::Relation::Session.def())
        .column_as(tta_session::Column::ProviderId, "provider_id")
        .column_as(
            Expr::expr(Func::count(Expr::col((
                feedback::Entity,
                feedback::Column::Id,
            )))),
            "n",
        )
        .column_as(
            Expr::expr(Func::sum(Expr::col((
                feedback::Entity,
                feedback::Column::Usefulness,
            )))),
            "total",
        )
        .filter(feedback::Column::CreatedAt.gte(period.from))
        .filter(feedback::Column::CreatedAt.lt(period.until))
        .group_by(tta_session::Column::ProviderId)
        .into_model::<Rating>()
        .all(db.conn())
        .await?;
    let names =
        crate::accounts::users::display_names(db, ratings.iter().map(|r| r.provider_id)).await?;
    let mut rows: Vec<Vec<String>> = ratings
        .into_iter()
        .map(|r| {
            let average = if r.n > 0 {
                r.total as f64 / r.n as f64
            } else {
                0.0
            };
            vec![
                names.get(&r.provider_id).cloned().unwrap_or_default(),
                r.n.to_string(),
                format!("{average:.2}"),
            ]
        })
        .collect();
    rows.sort();
    Ok(Table {
        title: "Feedback (usefulness 1–5)".to_owned(),
        columns: vec!["Provider".into(), "Ratings".into(), "Average".into()],
        rows,
        chart_column: Some(2),
    })
}
