//! A host site's contact asks for a peer exchange on the new-request form ("This is a peer
//! exchange with …", another site of the programme). Site contacts only, for the sites they
//! speak for: naming a host they do not speak for is *not found*, whatever site they name as
//! visiting.

use chrono::Utc;
use contract::FieldErrors;
use contract::forms::IntakeForm;
use contract::views::peer_exchange::SiteOption;
use sea_orm::EntityTrait;

use super::{site_option, store_exchange, visiting_site};
use crate::access::{Actor, ensure_site};
use crate::accounts::Role;
use crate::entities::site;
use crate::intake::RequestDraft;
use crate::notify::NotifySettings;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// The sites of the programme a contact's site may host, by name: every site they do not
/// speak for.
pub async fn partner_sites(db: &Database, actor: &Actor) -> Result<Vec<SiteOption>, ServiceError> {
    actor.require(&[Role::SiteContact])?;
    let mut sites = site::Entity::find().all(db.conn()).await?;
    sites.retain(|s| !actor.user().site_ids.contains(&s.id));
    sites.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(sites.iter().map(site_option).collect())
}

/// Submits the intake form for `site_id`: an ordinary request when `visiting_site_id` is empty
/// ([`crate::requests::submit_request`]), else a peer exchange hosted by `site_id` with that
/// site visiting. Refused: a visiting site that is the host or unknown (beside
/// `visiting_site_id`), with the form's own mistakes at once.
pub async fn submit_request(
    db: &Database,
    actor: &Actor,
    site_id: i32,
    form: &IntakeForm,
    visiting_site_id: &str,
    notify: &NotifySettings,
) -> Result<i32, ServiceError> {
    if visiting_site_id.trim().is_empty() {
        return crate::requests::submit_request(db, actor, site_id, form, notify).await;
    }
    actor.require(&[Role::SiteContact])?;
    ensure_site(actor.user(), site_id)?;
    let host = crate::sites::site_by_id(db, site_id).await?;
    let today = TimeZone::parse(&host.time_zone)
        .map(|z| Utc::now().with_timezone(&z.tz()).date_naive())
        .unwrap_or_else(|_| Utc::now().date_naive());
    let mut errors = FieldErrors::new();
    let visiting = visiting_site(db.conn(), host.id, visiting_site_id)
        .await
        .map_err(|mistakes| {
            for m in mistakes.iter() {
                errors.add(m.field.clone(), m.message.clone());
            }
        })
        .ok();
    let draft = RequestDraft::parse(form, today)
        .map_err(|mistakes| {
            for m in mistakes {
                errors.add(m.field, m.message);
            }
        })
        .ok();
    match (visiting, draft) {
        (Some(visiting), Some(draft)) => {
            store_exchange(
                db,
                host.id,
                visiting.id,
                actor.id(),
                Some(actor.id()),
                &draft,
                notify,
            )
            .await
        }
        _ => Err(ServiceError::InvalidFields(errors)),
    }
}
