//! A site contact submits a request; the site's contacts and the coordinators are told in the
//! same transaction.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use crate::entities::{request_status_change, request_topic, site, topic, tta_request};
use crate::intake::RequestDraft;
use crate::notify::{self, NotifySettings};
use crate::status::RequestStatus;
use crate::{Database, ServiceError};

/// Stores a parsed request for `site_id` as `submitted`, with its topics and the first history
/// entry, and queues "request received" to the site's contacts, the submitter and every active
/// coordinator, in one transaction. Returns the new request's id. Unchecked: a site contact
/// submits through [`super::submit_request`], which checks the role and the site; this step is
/// for it, demo data and tests.
pub async fn store_request(
    db: &Database,
    site_id: i32,
    requested_by: Option<i32>,
    draft: &RequestDraft,
    notify: &NotifySettings,
) -> Result<i32, ServiceError> {
    submit(db, site_id, requested_by, draft, Some(notify)).await
}

/// [`store_request`] without e-mails, for seeding demo data. A step below the door (no access
/// check), public for the `demo` crate and tests; entry points call [`super::submit_request`].
pub async fn seed_request(
    db: &Database,
    site_id: i32,
    requested_by: Option<i32>,
    draft: &RequestDraft,
) -> Result<i32, ServiceError> {
    submit(db, site_id, requested_by, draft, None).await
}

async fn submit(
    db: &Database,
    site_id: i32,
    requested_by: Option<i32>,
    draft: &RequestDraft,
    notify: Option<&NotifySettings>,
) -> Result<i32, ServiceError> {
    db.transaction(async |txn| {
        store_request_in(txn, site_id, None, requested_by, draft, notify).await
    })
    .await
}

/// [`store_request`] inside the caller's transaction, attached to `engagement_id` when given
/// (else to the site's open engagement of the draft's type, opened if need be); "request
/// received" is queued only with `notify`. A step below the door, for use cases that create
/// several requests at once (`engagements::send_cadence`).
pub(crate) async fn store_request_in(
    txn: &DatabaseTransaction,
    site_id: i32,
    engagement_id: Option<i32>,
    requested_by: Option<i32>,
    draft: &RequestDraft,
    notify: Option<&NotifySettings>,
) -> Result<i32, ServiceError> {
    let site = site::Entity::find_by_id(site_id)
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Site #{site_id}")))?;
    let known_topics = topic::Entity::find()
        .filter(topic::Column::Id.is_in(draft.topic_ids.clone()))
        .filter(topic::Column::RetiredAt.is_null())
        .count(txn)
        .await?;
    if known_topics != draft.topic_ids.len() as u64 {
        return Err(ServiceError::field(
            "topic_ids",
            "One of the chosen topics is no longer offered; reload the form.",
        ));
    }
    let engagement_id = match engagement_id {
        Some(id) => id,
        None => {
            crate::engagements::engagement_for_request_in(
                txn,
                site_id,
                draft.engagement_type,
                draft.earliest_date,
            )
            .await?
        }
    };
    let now = Utc::now();
    let (start, end) = draft.preferred_minutes();
    let request = tta_request::ActiveModel {
        site_id: Set(site_id),
        engagement_id: Set(Some(engagement_id)),
        requested_by: Set(requested_by),
        title: Set(draft.title.clone()),
        description: Set(draft.description.clone()),
        engagement_type: Set(draft.engagement_type.as_str().to_owned()),
        modality: Set(draft.modality.as_str().to_owned()),
        session_count: Set(to_i32(draft.session_count)),
        cadence: Set(draft.cadence.as_str().to_owned()),
        // A visit's day length is its hours (preferred start to end, up to 10 hours); the
        // column keeps its 8-hour check and holds it capped (read only for sessions).
        session_minutes: Set(to_i32(draft.session_minutes.min(480))),
        earliest_date: Set(draft.earliest_date),
        latest_date: Set(draft.latest_date),
        preferred_weekdays: Set(draft.weekdays_stored()),
        preferred_start_minute: Set(to_i32(start)),
        preferred_end_minute: Set(to_i32(end)),
        anchor_zone: Set(site.time_zone.clone()),
        minimum_level: Set(i16::from(draft.minimum_level)),
        expected_attendees: Set(to_i32(draft.expected_attendees)),
        notes: Set(draft.notes.clone()),
        visit_days: Set(to_i32(draft.visit_days)),
        travel_days: Set(draft.travel_days),
        status: Set(RequestStatus::Submitted.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if !draft.topic_ids.is_empty() {
        request_topic::Entity::insert_many(draft.topic_ids.iter().map(|&topic_id| {
            request_topic::ActiveModel {
                request_id: Set(request.id),
                topic_id: Set(topic_id),
            }
        }))
        .exec_without_returning(txn)
        .await?;
    }
    request_status_change::ActiveModel {
        request_id: Set(request.id),
        from_status: Set(None),
        to_status: Set(RequestStatus::Submitted.as_str().to_owned()),
        changed_by: Set(requested_by),
        reason: Set(String::new()),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if let Some(settings) = notify {
        notify::request_received(txn, settings, request.id).await?;
    }
    crate::webhooks::payloads::request_created(txn, request.id).await?;
    Ok(request.id)
}

fn to_i32(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}
