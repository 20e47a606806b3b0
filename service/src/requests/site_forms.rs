//! What a site contact does with requests: the intake form's choices, the form described back in
//! words, submitting it, and the requests of their sites. Site contacts only (others: 403), and
//! only for the sites they speak for (others: not found); every use case checks both itself,
//! before reading the form.

use chrono::Utc;

use super::submit::store_request;
use super::{RequestSummary, site_requests};
use crate::access::{Actor, ensure_site};
use crate::accounts::Role;
use crate::entities::{site, topic};
use crate::intake::{FieldError, IntakeForm, RequestDraft};
use crate::notify::NotifySettings;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

const SITE_CONTACT: &[Role] = &[Role::SiteContact];

/// The choices of the intake form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntakeChoices {
    /// The sites the contact speaks for, by name.
    pub sites: Vec<site::Model>,
    /// The topics offered (not retired), by name.
    pub topics: Vec<topic::Model>,
}

/// One request of the contact's sites, with its site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteRequest {
    pub site: site::Model,
    pub request: RequestSummary,
}

/// The sites the contact speaks for and the topics offered.
pub async fn intake_choices(db: &Database, actor: &Actor) -> Result<IntakeChoices, ServiceError> {
    actor.require(SITE_CONTACT)?;
    let sites = crate::sites::sites_by_ids(db, &actor.user().site_ids).await?;
    let topics = crate::topics::offered_topics(db).await?;
    Ok(IntakeChoices { sites, topics })
}

/// The site `site_id` after checking that the contact speaks for it.
async fn own_site(db: &Database, actor: &Actor, site_id: i32) -> Result<site::Model, ServiceError> {
    actor.require(SITE_CONTACT)?;
    ensure_site(actor.user(), site_id)?;
    crate::sites::site_by_id(db, site_id).await
}

/// Parses the form against today's date on the site's wall clock.
fn parse(form: &IntakeForm, zone: &str) -> Result<RequestDraft, Vec<FieldError>> {
    let today = TimeZone::parse(zone)
        .map(|z| Utc::now().with_timezone(&z.tz()).date_naive())
        .unwrap_or_else(|_| Utc::now().date_naive());
    RequestDraft::parse(form, today)
}

/// All field errors as one [`ServiceError::InvalidFields`].
fn invalid(errors: Vec<FieldError>) -> ServiceError {
    ServiceError::InvalidFields(errors.into())
}

/// The one-sentence summary of the form as typed for site `site_id`, or `None` while it is
/// incomplete or invalid.
pub async fn describe_form(
    db: &Database,
    actor: &Actor,
    site_id: i32,
    form: &IntakeForm,
) -> Result<Option<String>, ServiceError> {
    let site = own_site(db, actor, site_id).await?;
    Ok(parse(form, &site.time_zone)
        .ok()
        .map(|draft| crate::intake::describe(&draft, &site.time_zone)))
}

/// Submits the form as typed for site `site_id` (see [`store_request`]); returns the new
/// request's id. Refused: a form with mistakes (400, a `field: message` line each).
pub async fn submit_request(
    db: &Database,
    actor: &Actor,
    site_id: i32,
    form: &IntakeForm,
    notify: &NotifySettings,
) -> Result<i32, ServiceError> {
    let site = own_site(db, actor, site_id).await?;
    let draft = parse(form, &site.time_zone).map_err(invalid)?;
    store_request(db, site_id, Some(actor.id()), &draft, notify).await
}

/// The requests of every site the contact speaks for, newest first.
pub async fn my_requests(db: &Database, actor: &Actor) -> Result<Vec<SiteRequest>, ServiceError> {
    actor.require(SITE_CONTACT)?;
    let mut rows = Vec::new();
    for site in crate::sites::sites_by_ids(db, &actor.user().site_ids).await? {
        ensure_site(actor.user(), site.id)?;
        for request in site_requests(db, site.id).await? {
            rows.push(SiteRequest {
                site: site.clone(),
                request,
            });
        }
    }
    rows.sort_by(|a, b| {
        b.request
            .created_at
            .cmp(&a.request.created_at)
            .then(b.request.id.cmp(&a.request.id))
    });
    Ok(rows)
}
