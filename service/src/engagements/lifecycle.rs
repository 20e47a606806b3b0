//! An engagement's life: an administrator opens one for a newly selected site (laid out from the
//! templates), staff record when each phase actually started and finished, and close the
//! engagement — deciding, when sessions are still ahead, whether they are cancelled (with the
//! usual cancelling invites) or kept.

use chrono::{DateTime, NaiveDate, Utc};
use contract::FieldErrors;
use contract::forms::{CloseEngagementForm, OpenEngagementForm, PhaseDatesForm};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::open::open_in;
use crate::access::{Actor, STAFF};
use crate::accounts::Role;
use crate::admin::FinishFields;
use crate::entities::{engagement, engagement_phase, site, tta_request, tta_session};
use crate::intake::EngagementType;
use crate::notify::NotifySettings;
use crate::status::SessionStatus;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Opens an engagement for a site from the templates of its kind: planned when it starts after
/// today on the site's calendar, active otherwise. Administrators only. A site with an open
/// engagement of that kind is refused (409) naming it.
pub async fn open_engagement(
    db: &Database,
    actor: &Actor,
    form: &OpenEngagementForm,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    actor.require(&[Role::Admin])?;
    let mut errors = FieldErrors::new();
    let site_id = form.site_id.trim().parse::<i32>().ok();
    if site_id.is_none() {
        errors.add("site_id", "Choose one of the listed sites.");
    }
    let kind = EngagementType::parse(form.kind.trim());
    if kind.is_none() {
        errors.add("kind", "Choose Diagnostic or Operations.");
    }
    let starts_on = parse_date(&mut errors, "starts_on", &form.starts_on, true);
    let (Some(site_id), Some(kind), Some(starts_on)) = (site_id, kind, starts_on) else {
        return Err(ServiceError::InvalidFields(errors));
    };
    let site = site::Entity::find_by_id(site_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::field("site_id", "Choose one of the listed sites."))?;
    let today = site_today(&site, now)?;
    if starts_on.signed_duration_since(today).num_days() > 2 * 366 {
        return Err(ServiceError::field(
            "starts_on",
            "Start within two years: a later kick-off is not planned yet.",
        ));
    }
    let status = if starts_on > today {
        "planned"
    } else {
        "active"
    };
    db.transaction(async |txn| {
        open_in(txn, site_id, kind, starts_on, status)
            .await?
            .ok_or_else(|| {
                ServiceError::Conflict(format!(
                    "{}, {} already has an open {} engagement: close it before opening another.",
                    site.name,
                    site.state,
                    kind.label()
                ))
            })
    })
    .await
}

/// Records when a phase actually started and finished (either may be left empty). Refused, each
/// beside its field: unreadable dates, an end before the start, a date before the engagement
/// began or after today on the site's calendar. Coordinators and administrators only.
pub async fn record_phase_dates(
    db: &Database,
    actor: &Actor,
    form: &PhaseDatesForm,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    actor.require(STAFF)?;
    let phase_id = form
        .phase_id
        .trim()
        .parse::<i32>()
        .map_err(|_| ServiceError::field("phase_id", "Choose one of the listed phases."))?;
    let phase = engagement_phase::Entity::find_by_id(phase_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Phase #{phase_id}")))?;
    let engagement = engagement::Entity::find_by_id(phase.engagement_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Engagement #{}", phase.engagement_id)))?;
    let site = site::Entity::find_by_id(engagement.site_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| {
            ServiceError::Internal(format!("engagement {} has no site", engagement.id))
        })?;
    let today = site_today(&site, now)?;
    let mut errors = FieldErrors::new();
    let start = parse_date(&mut errors, "actual_start", &form.actual_start, false);
    let end = parse_date(&mut errors, "actual_end", &form.actual_end, false);
    for (field, date) in [("actual_start", start), ("actual_end", end)] {
        if let Some(date) = date {
            if date > today {
                errors.add(
                    field,
                    format!(
                        "{} is after today on the site's calendar: record it once it has happened.",
                        crate::timefmt::date(date)
                    ),
                );
            } else if date < engagement.starts_on {
                errors.add(
                    field,
                    format!(
                        "{} is before the engagement began ({}).",
                        crate::timefmt::date(date),
                        crate::timefmt::date(engagement.starts_on)
                    ),
                );
            }
        }
    }
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        errors.add(
            "actual_end",
            format!(
                "The phase cannot finish ({}) before it started ({}).",
                crate::timefmt::date(end),
                crate::timefmt::date(start)
            ),
        );
    }
    errors.finish(|| ())?;
    engagement_phase::Entity::update_many()
        .col_expr(engagement_phase::Column::ActualStart, Expr::value(start))
        .col_expr(engagement_phase::Column::ActualEnd, Expr::value(end))
        .filter(engagement_phase::Column::Id.eq(phase_id))
        .exec(db.conn())
        .await?;
    Ok(())
}

/// Closes an engagement. Its sessions still ahead are cancelled (`cancel`: the provider and the
/// site are sent the cancelling invites) or kept (`keep`); with sessions ahead and no choice the
/// close is refused, saying how many. Closing a closed engagement is a conflict (409).
/// Coordinators and administrators only.
pub async fn close_engagement(
    db: &Database,
    actor: &Actor,
    form: &CloseEngagementForm,
    notify: &NotifySettings,
    now: DateTime<Utc>,
) -> Result<usize, ServiceError> {
    actor.require(STAFF)?;
    let engagement_id = form
        .engagement_id
        .trim()
        .parse::<i32>()
        .map_err(|_| ServiceError::NotFound("The engagement".to_owned()))?;
    let cancel = match form.future_sessions.trim() {
        "cancel" => Some(true),
        "keep" => Some(false),
        "" => None,
        _ => {
            return Err(ServiceError::field(
                "future_sessions",
                "Choose whether the sessions still ahead are cancelled or kept.",
            ));
        }
    };
    db.transaction(async |txn| {
        let requests: Vec<i32> = tta_request::Entity::find()
            .filter(tta_request::Column::EngagementId.eq(engagement_id))
            .all(txn)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        let ahead: Vec<tta_session::Model> = tta_session::Entity::find()
            .filter(tta_session::Column::RequestId.is_in(requests))
            .filter(tta_session::Column::StartsAt.gt(now))
            .filter(tta_session::Column::Status.is_in([
                SessionStatus::Tentative.as_str(),
                SessionStatus::Confirmed.as_str(),
            ]))
            .all(txn)
            .await?;
        let cancel = match (ahead.len(), cancel) {
            (0, _) => false,
            (n, None) => {
                return Err(ServiceError::field(
                    "future_sessions",
                    format!(
                        "{n} {} still ahead: choose whether to cancel {} or keep {}.",
                        if n == 1 { "session is" } else { "sessions are" },
                        if n == 1 { "it" } else { "them" },
                        if n == 1 { "it" } else { "them" },
                    ),
                ));
            }
            (_, Some(cancel)) => cancel,
        };
        let closed = engagement::Entity::update_many()
            .col_expr(engagement::Column::Status, Expr::value("closed"))
            .filter(engagement::Column::Id.eq(engagement_id))
            .filter(engagement::Column::Status.ne("closed"))
            .exec(txn)
            .await?;
        if closed.rows_affected != 1 {
            let exists = engagement::Entity::find_by_id(engagement_id)
                .one(txn)
                .await?
                .is_some();
            return Err(if exists {
                ServiceError::Conflict("The engagement is already closed.".to_owned())
            } else {
                ServiceError::NotFound(format!("Engagement #{engagement_id}"))
            });
        }
        let mut cancelled = 0;
        if cancel {
            // One cancellation per person and series, every confirmed session's CANCEL attached.
            let mut were_confirmed = Vec::new();
            for session in &ahead {
                let (_, was) = crate::sessions::cancel_quietly_in(txn, session.id).await?;
                if was == SessionStatus::Confirmed {
                    were_confirmed.push(session.id);
                }
                cancelled += 1;
            }
            crate::notify::sessions_cancelled(
                txn,
                notify,
                &were_confirmed,
                false,
                "The engagement has closed.",
            )
            .await?;
        }
        Ok(cancelled)
    })
    .await
}

pub(super) fn site_today(
    site: &site::Model,
    now: DateTime<Utc>,
) -> Result<NaiveDate, ServiceError> {
    let zone =
        TimeZone::parse(&site.time_zone).map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok(zone.local(now).date())
}

/// A `YYYY-MM-DD` date; empty is `None` (a mistake when `required`).
pub(super) fn parse_date(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    required: bool,
) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        if required {
            errors.add(field, "Enter the date.");
        }
        return None;
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) if (2000..=2100).contains(&chrono::Datelike::year(&date)) => Some(date),
        _ => {
            errors.add(field, "Enter a date such as 2027-03-15.");
            None
        }
    }
}
