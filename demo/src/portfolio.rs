//! The programme's portfolio for the demo: every site's engagement at its own stage, so the
//! coordinators' portfolio, the sites' engagement pages and the providers' lists look like a
//! programme in its second year. Ten sites are in their three years of Operations coaching,
//! started from 1 to 33 months ago, their past phases dated as they happened (two with a phase
//! left overdue); Lansing and Springfield are Diagnostic sites (started four months and one
//! month ago); Toledo's Operations followed a Diagnostic that is closed.
//!
//! Written directly, below the door (nobody is told about demo data). Idempotent: a site that
//! already has an engagement of the kind keeps it.

use chrono::{Months, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use service::engagements::engagement_for_request_in;
use service::entities::{engagement, engagement_phase, site};
use service::intake::EngagementType;
use service::{Database, ServiceError};

/// `(site slug, kind, months since kick-off, a past phase left unfinished)`.
const STAGES: [(&str, EngagementType, u32, bool); 13] = [
    ("birmingham-al", EngagementType::Operations, 33, false),
    ("memphis-tn", EngagementType::Operations, 14, false),
    ("toledo-oh", EngagementType::Operations, 8, false),
    ("baton-rouge-la", EngagementType::Operations, 27, true),
    ("buffalo-ny", EngagementType::Operations, 20, false),
    ("cincinnati-oh", EngagementType::Operations, 30, false),
    ("houston-tx", EngagementType::Operations, 17, false),
    ("jackson-tn", EngagementType::Operations, 5, true),
    ("kansas-city-mo", EngagementType::Operations, 1, false),
    ("lansing-mi", EngagementType::Diagnostic, 4, false),
    ("springfield-il", EngagementType::Diagnostic, 1, false),
    // Toledo's Diagnostic came first; it is closed.
    ("toledo-oh", EngagementType::Diagnostic, 17, false),
    ("indianapolis-in", EngagementType::Operations, 24, false),
];

/// Opens the demo's engagements (where missing) and dates their phases.
pub async fn seed_demo_portfolio(db: &Database) -> Result<usize, ServiceError> {
    let today = Utc::now().date_naive();
    let mut opened = 0;
    for (slug, kind, months, overdue) in STAGES {
        let Some(site) = site::Entity::find()
            .filter(site::Column::Slug.eq(slug))
            .one(db.conn())
            .await?
        else {
            continue;
        };
        let exists = engagement::Entity::find()
            .filter(engagement::Column::SiteId.eq(site.id))
            .filter(engagement::Column::Kind.eq(kind.as_str()))
            .one(db.conn())
            .await?
            .is_some();
        if exists {
            continue;
        }
        let starts_on = first_monday_on_or_after(
            today
                .checked_sub_months(Months::new(months))
                .unwrap_or(today),
        );
        let closed_diagnostic = kind == EngagementType::Diagnostic && months > 12;
        db.transaction(async |txn| {
            let id = engagement_for_request_in(txn, site.id, kind, starts_on).await?;
            let status = if closed_diagnostic {
                "closed"
            } else if months >= 30 {
                "closing"
            } else {
                "active"
            };
            engagement::Entity::update_many()
                .col_expr(engagement::Column::Status, Expr::value(status))
                .col_expr(
                    engagement::Column::Notes,
                    Expr::value(notes(kind, closed_diagnostic)),
                )
                .filter(engagement::Column::Id.eq(id))
                .exec(txn)
                .await?;
            let phases = engagement_phase::Entity::find()
                .filter(engagement_phase::Column::EngagementId.eq(id))
                .order_by_asc(engagement_phase::Column::TargetEnd)
                .all(txn)
                .await?;
            let last_past = phases.iter().rposition(|p| p.target_end < today);
            for (index, phase) in phases.iter().enumerate() {
                let started = phase.target_start <= today;
                let finished = phase.target_end < today && !(overdue && Some(index) == last_past)
                    || closed_diagnostic;
                // Real phases slip a little: finished a few days after their target.
                let slip = chrono::Days::new(u64::from(phase.position.unsigned_abs() % 4) * 3);
                let actual_end = finished.then(|| (phase.target_end + slip).min(today));
                engagement_phase::Entity::update_many()
                    .col_expr(
                        engagement_phase::Column::ActualStart,
                        Expr::value((started || closed_diagnostic).then_some(phase.target_start)),
                    )
                    .col_expr(engagement_phase::Column::ActualEnd, Expr::value(actual_end))
                    .filter(engagement_phase::Column::Id.eq(phase.id))
                    .exec(txn)
                    .await?;
            }
            Ok(())
        })
        .await?;
        opened += 1;
    }
    Ok(opened)
}

fn notes(kind: EngagementType, closed: bool) -> &'static str {
    match (kind, closed) {
        (EngagementType::Diagnostic, true) => {
            "Diagnostic delivered its violence reduction plan; the Operations engagement builds on \
             its recommendations."
        }
        (EngagementType::Diagnostic, false) => {
            "Assessing violent and gun crime with the local working group."
        }
        (EngagementType::Operations, _) => {
            "Three years of coaching toward a lasting coordination structure."
        }
    }
}

fn first_monday_on_or_after(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let days = (7 - day.weekday().num_days_from_monday()) % 7;
    day + chrono::Days::new(u64::from(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kick_offs_fall_on_mondays() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(first_monday_on_or_after(day).to_string(), "2026-12-07");
        let monday = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(first_monday_on_or_after(monday), monday);
    }

    #[test]
    fn every_stage_names_a_demo_site() {
        let slugs: Vec<String> = crate::OPERATIONS_SITES
            .iter()
            .map(|(name, state, ..)| crate::slug_of(name, state))
            .collect();
        for (slug, ..) in STAGES {
            assert!(slugs.iter().any(|s| s == slug), "{slug}");
        }
    }
}
