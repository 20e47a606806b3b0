//! "Request received": to the site's contacts (and whoever submitted it) and to every active
//! coordinator.

use sea_orm::ConnectionTrait;

use super::NotifySettings;
use super::facts::{
    contact, coordinators, distinct, request, site_contacts, site_facts, topics, user,
};
use crate::ServiceError;
use crate::mail::enqueue;
use crate::mail::messages::{RequestReceivedFacts, request_received as message};

/// Enqueues "request received" for `request_id`; returns how many messages were written.
pub async fn request_received<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    request_id: i32,
) -> Result<usize, ServiceError> {
    let request = request(conn, request_id).await?;
    let site = site_facts(conn, request.site_id).await?;
    let submitter = match request.requested_by {
        Some(id) => user(conn, id).await?,
        None => None,
    };
    let facts = RequestReceivedFacts {
        request_id: request.id,
        title: request.title.clone(),
        submitted_by: submitter
            .as_ref()
            .map_or_else(|| site.name.clone(), |p| p.name.clone()),
        site,
        topics: topics(conn, request.id).await?,
        modality: request.modality.replace('_', "-"),
        session_count: request.session_count,
        cadence: request.cadence.clone(),
        earliest_date: request.earliest_date,
        latest_date: request.latest_date,
        contact: contact(conn, settings).await?,
        app_url: settings.public_url.clone(),
    };
    let recipients = distinct(
        site_contacts(conn, request.site_id)
            .await?
            .into_iter()
            .chain(submitter)
            .chain(coordinators(conn).await?),
    );
    let mut written = 0;
    for person in &recipients {
        written += usize::from(enqueue(conn, &message(&facts, person)).await?);
    }
    Ok(written)
}
