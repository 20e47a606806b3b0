//! Peer exchanges (issue 16): a session or short series between a **host site** and a
//! **visiting site** of the programme, e.g. Memphis hosts Houston's gun-crime unit, usually
//! facilitated by a provider. An exchange is an ordinary request of the host (its site, its
//! engagement, its wall clock; brokered as every request is: ranking, plan, proposal,
//! acceptance, approval) with a `peer_exchange` row naming the visiting site.
//!
//! - Who arranges one: a coordinator for any two sites ([`arrange`]), or a contact of the host
//!   site on the new-request form ([`submit_request`]: "This is a peer exchange with …").
//! - Who reads it: the host's contacts and staff as any request; the visiting site's contacts
//!   read it and its sessions, in their own zone with the host's clock beside, and act on
//!   nothing ([`crate::access::readable_request`]). A third site's contacts: not found.
//! - Who is told: the schedule's e-mails (confirmed, moved, cancelled) reach both sites'
//!   contacts, each with a link to their own page ([`visiting_contacts`]).

mod arrange;
mod host;
mod reading;

pub use arrange::{arrange, arrange_choices};
pub use host::{partner_sites, submit_request};
pub use reading::{exchange_line, exchange_lines, visiting_contacts, visiting_rows};

use chrono::Utc;
use contract::FieldErrors;
use contract::views::peer_exchange::SiteOption;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::entities::{peer_exchange, site};
use crate::intake::{RequestDraft, zone_common_name};
use crate::notify::{self, NotifySettings};
use crate::{Database, ServiceError};

/// A site as the forms offer it.
pub(crate) fn site_option(s: &site::Model) -> SiteOption {
    SiteOption {
        id: s.id,
        name: format!("{}, {}", s.name, s.state),
        zone_label: format!("{} ({})", zone_common_name(&s.time_zone), s.time_zone),
    }
}

/// The visiting site named by `raw` for host `host_id`: a site of the programme other than the
/// host, else a mistake beside the field `visiting_site_id`.
pub(crate) async fn visiting_site<C: ConnectionTrait>(
    conn: &C,
    host_id: i32,
    raw: &str,
) -> Result<site::Model, FieldErrors> {
    let field = "visiting_site_id";
    let Ok(id) = raw.trim().parse::<i32>() else {
        return Err(FieldErrors::single(field, "Choose the visiting site."));
    };
    if id == host_id {
        return Err(FieldErrors::single(
            field,
            "The visiting site must be another site than the host.",
        ));
    }
    match site::Entity::find_by_id(id).one(conn).await {
        Ok(Some(site)) => Ok(site),
        _ => Err(FieldErrors::single(
            field,
            "Choose a visiting site of the programme.",
        )),
    }
}

/// Stores `draft` as a request of `host_id` with `visiting_id` visiting, and queues "request
/// received", in one transaction. Returns the request's id. A step below the door: [`arrange`]
/// and [`submit_request`] check who may do it.
pub(crate) async fn store_exchange(
    db: &Database,
    host_id: i32,
    visiting_id: i32,
    arranged_by: i32,
    requested_by: Option<i32>,
    draft: &RequestDraft,
    notify_settings: &NotifySettings,
) -> Result<i32, ServiceError> {
    db.transaction(async |txn| {
        let request_id =
            crate::requests::store_request_in(txn, host_id, None, requested_by, draft, None)
                .await?;
        peer_exchange::ActiveModel {
            request_id: Set(request_id),
            visiting_site_id: Set(visiting_id),
            arranged_by: Set(Some(arranged_by)),
            created_at: Set(Utc::now()),
        }
        .insert(txn)
        .await?;
        notify::request_received(txn, notify_settings, request_id).await?;
        Ok(request_id)
    })
    .await
}
