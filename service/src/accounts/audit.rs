//! The audit log: one row per security-relevant event, written in the caller's transaction.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use serde_json::Value;

use crate::ServiceError;
use crate::entities::audit_event;
use crate::paging::{Keyset, PAGE_SIZE, Page, Position, Slice};

/// Action names written to `audit_event.action`.
pub mod action {
    pub const LOGIN_SUCCEEDED: &str = "login.succeeded";
    pub const LOGIN_FAILED: &str = "login.failed";
    pub const LOGIN_LOCKED_OUT: &str = "login.locked_out";
    pub const LOGOUT: &str = "logout";
    pub const INVITATION_CREATED: &str = "invitation.created";
    pub const INVITATION_ACCEPTED: &str = "invitation.accepted";
    pub const INVITATION_RESENT: &str = "invitation.resent";
    pub const INVITATION_REVOKED: &str = "invitation.revoked";
    pub const PASSWORD_RESET_REQUESTED: &str = "password_reset.requested";
    pub const PASSWORD_RESET_COMPLETED: &str = "password_reset.completed";
    pub const USER_CREATED: &str = "user.created";
    pub const USER_ROLE_CHANGED: &str = "user.role_changed";
    pub const USER_DEACTIVATED: &str = "user.deactivated";
    pub const USER_REACTIVATED: &str = "user.reactivated";
    pub const SITE_CREATED: &str = "site.created";
    pub const SITE_UPDATED: &str = "site.updated";
    pub const BLACKOUT_ADDED: &str = "blackout.added";
    pub const BLACKOUT_REMOVED: &str = "blackout.removed";
    pub const TOPIC_CREATED: &str = "topic.created";
    pub const TOPIC_UPDATED: &str = "topic.updated";
    pub const TOPIC_RETIRED: &str = "topic.retired";
    pub const TOPIC_RESTORED: &str = "topic.restored";
    pub const SETTINGS_UPDATED: &str = "settings.updated";
    pub const PHASE_TEMPLATE_ADDED: &str = "phase_template.added";
    pub const PHASE_TEMPLATE_UPDATED: &str = "phase_template.updated";
    pub const PHASE_TEMPLATE_REMOVED: &str = "phase_template.removed";
    pub const PHASE_TEMPLATE_MOVED: &str = "phase_template.moved";
    pub const API_TOKEN_CREATED: &str = "api_token.created";
    pub const API_TOKEN_REVOKED: &str = "api_token.revoked";
}

/// One event to record.
#[derive(Clone, Debug)]
pub struct AuditEntry<'a> {
    pub actor_user_id: Option<i32>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: Option<String>,
    pub detail: Value,
    pub ip: Option<&'a str>,
}

/// Appends `entry` to the audit log.
pub async fn record(
    conn: &impl ConnectionTrait,
    entry: AuditEntry<'_>,
) -> Result<(), ServiceError> {
    audit_event::ActiveModel {
        actor_user_id: Set(entry.actor_user_id),
        action: Set(entry.action.to_owned()),
        subject_type: Set(entry.subject_type.to_owned()),
        subject_id: Set(entry.subject_id),
        detail: Set(entry.detail.to_string()),
        ip: Set(entry.ip.map(|ip| ip.chars().take(64).collect())),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Longest action filter: action names are short (`password_reset.requested`).
pub const MAX_ACTION_CHARS: usize = 64;

/// How far ahead of today the period's days may reach, in months.
const PERIOD_MONTHS_AHEAD: u32 = 60;

/// The action filter as typed (`login.`): `None` when empty. At most [`MAX_ACTION_CHARS`]
/// letters, digits, `.`, `_` and `-`, as action names are written; anything else is refused
/// with a message for the `action` field before it reaches the database.
pub fn action_prefix(text: &str) -> Result<Option<String>, ServiceError> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > MAX_ACTION_CHARS {
        return Err(crate::ServiceError::field(
            "action",
            format!(
                "An action filter has at most {MAX_ACTION_CHARS} characters: type the start \
                 of an action's name, e.g. login."
            ),
        ));
    }
    if !text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err(crate::ServiceError::field(
            "action",
            "Actions are written with letters, digits, dots and underscores, e.g. login. or \
             user.role_changed.",
        ));
    }
    Ok(Some(text))
}

/// The audit log's "Who" filter as typed: part of a person's name or e-mail address (empty: anyone).
/// Refused beside `who` when longer than 100 characters or holding control characters.
pub fn actor_text(text: &str) -> Result<Option<String>, ServiceError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > 100 || text.chars().any(char::is_control) {
        return Err(ServiceError::field(
            "who",
            "Type part of a name or an e-mail address (at most 100 characters).",
        ));
    }
    Ok(Some(text.to_owned()))
}

/// Which audit events to list; every part is optional and they combine.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Actions starting with this text (e.g. `login.`), as [`action_prefix`] accepts it.
    pub action_prefix: Option<String>,
    pub actor_user_id: Option<i32>,
    /// Events by people whose name or e-mail address contains this text (any case), as
    /// [`actor_text`] accepts it.
    pub actor_matching: Option<String>,
    /// Events at or after this instant.
    pub from: Option<chrono::DateTime<Utc>>,
    /// Events before this instant.
    pub until: Option<chrono::DateTime<Utc>>,
}

/// Where an event stands in the log's order (newest first): its instant, then its id.
pub type AuditPosition = Position<chrono::DateTime<Utc>, i64>;

/// Which page of the audit log.
pub type AuditPage = Page<chrono::DateTime<Utc>, i64>;

/// One page of the events matching `filter`, newest first (instant, then id), with their
/// count and the positions of the pages beside it: the audit-log page. Administrators only.
pub async fn audit_log(
    db: &crate::Database,
    reader: &crate::access::Actor,
    filter: &AuditFilter,
    page: &AuditPage,
) -> Result<Slice<audit_event::Model, chrono::DateTime<Utc>, i64>, ServiceError> {
    reader.require(&[super::Role::Admin])?;
    let keyset = Keyset {
        key: audit_event::Column::CreatedAt,
        id: audit_event::Column::Id,
        order: sea_orm::Order::Desc,
    };
    Ok(
        crate::paging::fetch(db.conn(), filtered(filter), keyset, page, PAGE_SIZE, |e| {
            AuditPosition {
                key: e.created_at,
                id: e.id,
            }
        })
        .await?,
    )
}

/// The newest `limit` events matching `filter`, unchecked: for tests.
pub async fn list(
    db: &crate::Database,
    filter: &AuditFilter,
    limit: u64,
) -> Result<Vec<audit_event::Model>, ServiceError> {
    use sea_orm::{QueryOrder, QuerySelect};
    Ok(filtered(filter)
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(db.conn())
        .await?)
}

/// The events matching `filter`, in no order.
fn filtered(filter: &AuditFilter) -> sea_orm::Select<audit_event::Entity> {
    use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut query = audit_event::Entity::find();
    if let Some(prefix) = filter.action_prefix.as_deref().filter(|p| !p.is_empty()) {
        // `_` and `%` are literal here, not LIKE wildcards.
        let escaped = prefix
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = LikeExpr::new(format!("{escaped}%")).escape('\\');
        query = query.filter(Expr::col(audit_event::Column::Action).like(pattern));
    }
    if let Some(actor) = filter.actor_user_id {
        query = query.filter(audit_event::Column::ActorUserId.eq(actor));
    }
    if let Some(text) = filter.actor_matching.as_deref().filter(|t| !t.is_empty()) {
        use crate::entities::app_user;
        use sea_orm::sea_query::{Func, Query};
        // Inside the text, `_` and `%` are literal, not LIKE wildcards.
        let escaped = text
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = || LikeExpr::new(format!("%{escaped}%")).escape('\\');
        let people = Query::select()
            .column(app_user::Column::Id)
            .from(app_user::Entity)
            .cond_where(
                sea_orm::Condition::any()
                    .add(
                        Expr::expr(Func::lower(Expr::col(app_user::Column::DisplayName)))
                            .like(pattern()),
                    )
                    .add(Expr::col(app_user::Column::EmailNormalized).like(pattern())),
            )
            .to_owned();
        query = query.filter(audit_event::Column::ActorUserId.in_subquery(people));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_event::Column::CreatedAt.gte(from));
    }
    if let Some(until) = filter.until {
        query = query.filter(audit_event::Column::CreatedAt.lt(until));
    }
    query
}

/// The instants `[from, until)` of the days `from`…`to` (`YYYY-MM-DD`, either may be empty) on
/// `zone`'s calendar, for [`AuditFilter`]. Days lie from 1 January 2000 to five years after
/// `today`. Mistakes come back as `from:`/`to:` field lines.
#[allow(clippy::type_complexity)]
pub fn period(
    from: &str,
    to: &str,
    zone: crate::zone::TimeZone,
    today: chrono::NaiveDate,
) -> Result<(Option<chrono::DateTime<Utc>>, Option<chrono::DateTime<Utc>>), ServiceError> {
    use chrono::{Duration, Months, NaiveDate, NaiveTime};
    let earliest = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
    let latest = today
        .checked_add_months(Months::new(PERIOD_MONTHS_AHEAD))
        .unwrap_or(today);
    let mut errors = crate::admin::FieldErrors::new();
    use crate::admin::FinishFields;
    let mut day = |field: &'static str, text: &str| match text.trim() {
        "" => None,
        text if text.chars().count() > 10 => {
            errors.add(
                field,
                "This is not a date: enter one, for example 15 March 2027.",
            );
            None
        }
        text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) if (earliest..=latest).contains(&date) => Some(date),
            Ok(_) => {
                errors.add(
                    field,
                    format!("'{text}' is out of range: enter a day from {earliest} to {latest}."),
                );
                None
            }
            Err(_) => {
                errors.add(
                    field,
                    format!("'{text}' is not a date: enter one, for example 15 March 2027."),
                );
                None
            }
        },
    };
    let (first, last) = (day("from", from), day("to", to));
    if let (Some(first), Some(last)) = (first, last)
        && last < first
    {
        errors.add(
            "to",
            format!("The end date ({last}) is before the start date ({first}): swap them."),
        );
    }
    let midnight = |date: NaiveDate| zone.to_utc(date.and_time(NaiveTime::MIN));
    errors.finish(|| {
        (
            first.map(midnight),
            last.map(|d| midnight(d + Duration::days(1))),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2027, 1, 20).unwrap()
    }

    #[test]
    fn a_period_is_whole_days_on_the_readers_calendar() {
        let zone = crate::zone::TimeZone::parse("America/New_York").unwrap();
        let period = |from, to| period(from, to, zone, today());
        let (from, until) = period("2027-01-10", "2027-01-10").unwrap();
        assert_eq!(
            from,
            Some(Utc.with_ymd_and_hms(2027, 1, 10, 5, 0, 0).unwrap())
        );
        assert_eq!(
            until,
            Some(Utc.with_ymd_and_hms(2027, 1, 11, 5, 0, 0).unwrap())
        );
        assert_eq!(period("", "").unwrap(), (None, None));
        let text = period("10/01/2027", "2027-01-01").unwrap_err().to_string();
        assert!(text.contains("from: '10/01/2027' is not a date"), "{text}");
        let text = period("2027-01-10", "2027-01-01").unwrap_err().to_string();
        assert!(
            text.contains("to: The end date (2027-01-01) is before"),
            "{text}"
        );
    }

    #[test]
    fn period_days_lie_within_a_sensible_range() {
        let zone = crate::zone::TimeZone::parse("America/New_York").unwrap();
        let text = period("1999-12-31", "+262143-12-31", zone, today())
            .unwrap_err()
            .to_string();
        assert!(
            text.contains(
                "from: '1999-12-31' is out of range: enter a day from 2000-01-01 to 2032-01-20"
            ),
            "{text}"
        );
        assert!(text.contains("to: This is not a date"), "{text}");
        let text = period("", "9999-12-31", zone, today())
            .unwrap_err()
            .to_string();
        assert!(text.contains("to: '9999-12-31' is out of range"), "{text}");
        assert!(period("2000-01-01", "2032-01-20", zone, today()).is_ok());
    }

    #[test]
    fn action_filters_are_short_words() {
        assert_eq!(action_prefix("  ").unwrap(), None);
        assert_eq!(
            action_prefix(" Login. ").unwrap().as_deref(),
            Some("login.")
        );
        let long = action_prefix(&"a".repeat(60_000)).unwrap_err().to_string();
        assert!(
            long.starts_with("action: An action filter has at most 64"),
            "{long}"
        );
        let odd = action_prefix("login%").unwrap_err().to_string();
        assert!(odd.starts_with("action: Actions are written with"), "{odd}");
    }
}
