//! Attaching a request to its engagement: the site's engagement of the request's type that is
//! not closed, or a new one laid out from the phase templates.

use chrono::{Months, NaiveDate};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, Statement,
};

use crate::ServiceError;
use crate::entities::{engagement, engagement_phase, phase_template};
use crate::intake::EngagementType;

/// How long an engagement of `kind` is planned to run.
pub fn planned_months(kind: EngagementType) -> u32 {
    match kind {
        EngagementType::Operations => 36,
        EngagementType::Diagnostic => 9,
    }
}

/// The id of the engagement a new request of `kind` for `site_id` joins, opening one that starts
/// on `starts_on` when the site has none open. Runs inside the request's transaction; two
/// first requests at once open one engagement (the partial unique index on open engagements
/// refuses the second insert, which then reads the first's).
pub async fn engagement_for_request_in(
    txn: &DatabaseTransaction,
    site_id: i32,
    kind: EngagementType,
    starts_on: NaiveDate,
) -> Result<i32, ServiceError> {
    if let Some(open) = open_engagement(txn, site_id, kind).await? {
        return Ok(open);
    }
    match open_in(txn, site_id, kind, starts_on, "active").await? {
        Some(id) => Ok(id),
        // Another request opened it a moment ago.
        None => open_engagement(txn, site_id, kind).await?.ok_or_else(|| {
            ServiceError::Conflict(
                "The site's engagement changed while the request was saved; submit it again."
                    .to_owned(),
            )
        }),
    }
}

/// Opens an engagement of `kind` for `site_id` starting on `starts_on` with `status`, its phases
/// laid out from the templates; `None` when the site already has one of that kind open (the
/// partial unique index decides, so two at once open one).
pub(crate) async fn open_in(
    txn: &DatabaseTransaction,
    site_id: i32,
    kind: EngagementType,
    starts_on: NaiveDate,
    status: &str,
) -> Result<Option<i32>, ServiceError> {
    let planned_end = starts_on
        .checked_add_months(Months::new(planned_months(kind)))
        .ok_or_else(|| ServiceError::Invalid("The start date is too far ahead.".to_owned()))?;
    let backend = txn.get_database_backend();
    let (p, d) = match backend {
        DbBackend::Postgres => (["$1", "$2", "$3"], ["CAST($4 AS date)", "CAST($5 AS date)"]),
        _ => (["?", "?", "?"], ["?", "?"]),
    };
    let inserted = txn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "INSERT INTO engagement (site_id, kind, status, starts_on, planned_end, notes, created_at) \
                 VALUES ({}, {}, {}, {}, {}, '', CURRENT_TIMESTAMP) \
                 ON CONFLICT (site_id, kind) WHERE status <> 'closed' DO NOTHING RETURNING id",
                p[0], p[1], p[2], d[0], d[1]
            ),
            // In the order the placeholders appear (SQLite's `?` are positional).
            [
                site_id.into(),
                kind.as_str().into(),
                status.into(),
                starts_on.format("%Y-%m-%d").to_string().into(),
                planned_end.format("%Y-%m-%d").to_string().into(),
            ],
        ))
        .await?;
    let Some(row) = inserted else {
        return Ok(None);
    };
    let id: i32 = row.try_get("", "id")?;
    lay_out_phases(txn, id, kind, starts_on).await?;
    Ok(Some(id))
}

async fn open_engagement(
    txn: &DatabaseTransaction,
    site_id: i32,
    kind: EngagementType,
) -> Result<Option<i32>, ServiceError> {
    Ok(engagement::Entity::find()
        .filter(engagement::Column::SiteId.eq(site_id))
        .filter(engagement::Column::Kind.eq(kind.as_str()))
        .filter(engagement::Column::Status.ne("closed"))
        .one(txn)
        .await?
        .map(|e| e.id))
}

/// The phases of a new engagement, from the templates of its kind.
async fn lay_out_phases(
    txn: &DatabaseTransaction,
    engagement_id: i32,
    kind: EngagementType,
    starts_on: NaiveDate,
) -> Result<(), ServiceError> {
    let templates = phase_template::Entity::find()
        .filter(phase_template::Column::Kind.eq(kind.as_str()))
        .order_by_asc(phase_template::Column::Position)
        .all(txn)
        .await?;
    let month = |n: i32| {
        starts_on
            .checked_add_months(Months::new(u32::try_from(n).unwrap_or(0)))
            .unwrap_or(starts_on)
    };
    let rows: Vec<engagement_phase::ActiveModel> = templates
        .iter()
        .map(|t| {
            let start = month(t.start_month);
            let end = month(t.start_month + t.months)
                .pred_opt()
                .unwrap_or(start)
                .max(start);
            engagement_phase::ActiveModel {
                engagement_id: Set(engagement_id),
                position: Set(t.position),
                name: Set(t.name.clone()),
                target_start: Set(start),
                target_end: Set(end),
                ..Default::default()
            }
        })
        .collect();
    if !rows.is_empty() {
        engagement_phase::Entity::insert_many(rows)
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}
