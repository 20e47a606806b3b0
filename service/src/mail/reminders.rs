//! Messages that fall due with time: reminders before a session (default 24 hours before its
//! UTC start), feedback requests after it and the coordinators' daily digests
//! ([`super::digest`]). Called on every poll of the worker; idempotent,
//! because each message's deduplication key names the session (and, for reminders, its start
//! instant: a rescheduled session gets a fresh reminder).

use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, Statement,
};

use super::enqueue;
use super::messages::{
    Contact, EngagementFacts, FeedbackFacts, Person, ReminderFacts, SessionFacts, SiteFacts,
    feedback_request, reminder,
};
use crate::accounts::Role;
use crate::entities::{site, tta_request, tta_session};
use crate::status::SessionStatus;
use crate::{Database, ServiceError};

/// What the time-driven messages need to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReminderSettings {
    /// How long before a session's start the reminder goes out.
    pub lead: Duration,
    /// Feedback is asked for sessions that ended within this window (not older ones).
    pub feedback_window: Duration,
    /// Who to contact (the programme's coordinators).
    pub contact: Contact,
    /// Organizer written into invites.
    pub organizer: Contact,
    /// Base address of the application, e.g. `https://tta.example.org`.
    pub app_url: String,
}

/// Enqueues every reminder and feedback request due at `now` that is not already in the
/// outbox; returns how many messages were written.
///
/// Every instance's worker runs this on every poll. Each message is an `INSERT … ON CONFLICT DO
/// NOTHING` on its deduplication key, so two instances that find the same session due write
/// one row between them (the second waits for the first's commit, then writes nothing); the
/// sessions are taken in id order, so two such transactions take the keys in the same order and
/// never wait on each other in a cycle (a deadlock PostgreSQL would end by failing one).
pub async fn enqueue_due(
    db: &Database,
    now: DateTime<Utc>,
    settings: &ReminderSettings,
) -> Result<usize, ServiceError> {
    let lead = chrono::Duration::from_std(settings.lead).unwrap_or(chrono::Duration::hours(24));
    let window =
        chrono::Duration::from_std(settings.feedback_window).unwrap_or(chrono::Duration::days(7));
    let upcoming = tta_session::Entity::find()
        .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
        .filter(tta_session::Column::StartsAt.gt(now))
        .filter(tta_session::Column::StartsAt.lte(now + lead))
        .order_by_asc(tta_session::Column::Id)
        .all(db.conn())
        .await?;
    let ended = tta_session::Entity::find()
        .filter(tta_session::Column::Status.is_in([
            SessionStatus::Confirmed.as_str(),
            SessionStatus::Completed.as_str(),
        ]))
        .filter(tta_session::Column::EndsAt.lte(now))
        .filter(tta_session::Column::EndsAt.gt(now - window))
        .order_by_asc(tta_session::Column::Id)
        .all(db.conn())
        .await?;
    let digests = super::digest::enqueue_digests(db, now, &settings.app_url).await?
        + crate::events::reminders::enqueue_due(db, now, lead, settings).await?
        + crate::events::evaluation::enqueue_invitations(db, now, settings).await?;
    if upcoming.is_empty() && ended.is_empty() {
        return Ok(digests);
    }
    let timed = db
        .transaction(async |txn| {
            let mut written = 0;
            for session in &upcoming {
                let Some((engagement, contacts)) = engagement(txn, session, settings).await? else {
                    continue;
                };
                let facts = ReminderFacts {
                    engagement: engagement.clone(),
                    session: session_facts(session),
                };
                for person in std::iter::once(&engagement.provider).chain(contacts.iter()) {
                    written += usize::from(enqueue(txn, &reminder(&facts, person)).await?);
                }
            }
            for session in &ended {
                let Some((engagement, contacts)) = engagement(txn, session, settings).await? else {
                    continue;
                };
                let facts = FeedbackFacts {
                    engagement,
                    session: session_facts(session),
                };
                for person in &contacts {
                    written += usize::from(enqueue(txn, &feedback_request(&facts, person)).await?);
                }
            }
            Ok(written)
        })
        .await?;
    Ok(timed + digests)
}

pub(crate) fn session_facts(session: &tta_session::Model) -> SessionFacts {
    SessionFacts {
        calendar_uid: session.calendar_uid.clone(),
        sequence: session.sequence,
        occurrence: session.occurrence,
        starts_at: session.starts_at,
        ends_at: session.ends_at,
        location: session.location.clone(),
        virtual_link: session.virtual_link.clone(),
    }
}

/// The request, site, provider and site contacts of `session`; `None` when the provider is
/// missing (nobody to remind).
async fn engagement<C: ConnectionTrait>(
    conn: &C,
    session: &tta_session::Model,
    settings: &ReminderSettings,
) -> Result<Option<(EngagementFacts, Vec<Person>)>, ServiceError> {
    let Some(request) = tta_request::Entity::find_by_id(session.request_id)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let Some(site) = site::Entity::find_by_id(request.site_id).one(conn).await? else {
        return Ok(None);
    };
    let site_zone = parse_zone(&site.time_zone)?;
    let provider = people(conn, PROVIDER_SQL, session.provider_id).await?;
    let Some(provider) = provider.into_iter().next() else {
        return Ok(None);
    };
    let contacts = people(conn, CONTACTS_SQL, site.id).await?;
    Ok(Some((
        EngagementFacts {
            request_id: request.id,
            title: request.title,
            site: SiteFacts {
                name: site.name,
                zone: site_zone,
            },
            provider,
            contact: settings.contact.clone(),
            organizer: settings.organizer.clone(),
            app_url: settings.app_url.clone(),
            co_providers: crate::notify::co_providers(conn, request.id, session.provider_id)
                .await?,
        },
        contacts,
    )))
}

const PROVIDER_SQL: &str =
    "SELECT email, display_name, time_zone, role FROM app_user WHERE id = ? AND active";
const CONTACTS_SQL: &str = "SELECT u.email, u.display_name, u.time_zone, u.role FROM site_contact sc \
     JOIN app_user u ON u.id = sc.user_id WHERE sc.site_id = ? AND u.active ORDER BY u.id";

async fn people<C: ConnectionTrait>(
    conn: &C,
    sql: &str,
    id: i32,
) -> Result<Vec<Person>, ServiceError> {
    let backend = conn.get_database_backend();
    let sql = if backend == DbBackend::Postgres {
        sql.replace('?', "$1")
    } else {
        sql.to_owned()
    };
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(backend, sql, [id.into()]))
        .await?;
    rows.iter()
        .map(|row| {
            Ok(Person {
                email: row.try_get("", "email")?,
                name: row.try_get("", "display_name")?,
                zone: parse_zone(&row.try_get::<String>("", "time_zone")?)?,
                role: Role::parse(&row.try_get::<String>("", "role")?).map_err(|_| {
                    ServiceError::Internal("an account with an unknown role".to_owned())
                })?,
            })
        })
        .collect()
}

fn parse_zone(name: &str) -> Result<Tz, ServiceError> {
    name.parse::<Tz>()
        .map_err(|_| ServiceError::Internal(format!("unknown time zone '{name}' in the database")))
}
