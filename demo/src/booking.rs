//! Booking a demo engagement directly: its sessions at one wall-clock time on given dates, and
//! the request's way through the statuses, in one transaction and without e-mails (nobody is
//! told about demo data).

use chrono::{Duration, NaiveDate, NaiveTime};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use service::engine::SchedulingSettings;
use service::entities::tta_session;
use service::requests::transition_in;
use service::sessions::{NewSession, explain_double_booking, insert_sessions};
use service::status::{RequestTransition, SessionStatus};
use service::zone::TimeZone;
use service::{Database, ServiceError};

/// One confirmed session of `request_id` with `provider_id` per date, each at `start` on `zone`'s
/// wall clock for `minutes`, numbered from 1, with the programme's buffers.
pub(super) fn demo_sessions(
    request_id: i32,
    provider_id: i32,
    zone: TimeZone,
    dates: &[NaiveDate],
    start: NaiveTime,
    minutes: i64,
    settings: &SchedulingSettings,
) -> Vec<NewSession> {
    dates
        .iter()
        .zip(1..)
        .map(|(day, occurrence)| {
            let starts_at = zone.to_utc(day.and_time(start));
            NewSession {
                request_id,
                provider_id,
                proposal_id: None,
                occurrence,
                starts_at,
                ends_at: starts_at + Duration::minutes(minutes),
                buffer_before: Duration::minutes(i64::from(settings.buffer_before_minutes)),
                buffer_after: Duration::minutes(i64::from(settings.buffer_after_minutes)),
                anchor_zone: zone,
                location: String::new(),
                virtual_link: String::new(),
                status: SessionStatus::Confirmed,
            }
        })
        .collect()
}

/// Takes `request_id` through `steps` and books `sessions`, then marks them `finally` when given
/// (e.g. completed, for an engagement already delivered); all in one transaction.
pub(super) async fn book_demo_engagement(
    db: &Database,
    request_id: i32,
    steps: &[RequestTransition],
    sessions: &[NewSession],
    finally: Option<SessionStatus>,
) -> Result<(), ServiceError> {
    let result = db
        .transaction(async |txn| {
            for step in steps {
                transition_in(txn, request_id, *step, None, "").await?;
            }
            insert_sessions(txn, sessions).await?;
            if let Some(status) = finally {
                tta_session::Entity::update_many()
                    .col_expr(tta_session::Column::Status, Expr::value(status.as_str()))
                    .filter(tta_session::Column::RequestId.eq(request_id))
                    .exec(txn)
                    .await?;
            }
            Ok(())
        })
        .await;
    explain_double_booking(db, sessions, result).await
}
