//! The coordinator arranges a peer exchange on behalf of the host site: "Arrange a peer
//! exchange" (host, visiting site, topic and title, dates window, length, modality). Staff only.

use chrono::Utc;
use contract::FieldErrors;
use contract::forms::{IntakeForm, PeerExchangeForm};
use contract::views::peer_exchange::{PeerExchangeChoices, TopicOption};
use sea_orm::EntityTrait;

use super::{site_option, store_exchange, visiting_site};
use crate::access::{Actor, STAFF};
use crate::entities::{engagement, site};
use crate::intake::RequestDraft;
use crate::notify::NotifySettings;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// The sites (by name) and topics the coordinator's form offers; opened from engagement
/// `from_engagement`, its site is the host chosen in advance (an unknown engagement: not found).
pub async fn arrange_choices(
    db: &Database,
    actor: &Actor,
    from_engagement: Option<i32>,
) -> Result<PeerExchangeChoices, ServiceError> {
    actor.require(STAFF)?;
    let host_site_id = match from_engagement {
        Some(id) => Some(
            engagement::Entity::find_by_id(id)
                .one(db.conn())
                .await?
                .ok_or_else(|| ServiceError::NotFound(format!("Engagement #{id}")))?
                .site_id,
        ),
        None => None,
    };
    let mut sites = site::Entity::find().all(db.conn()).await?;
    sites.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(PeerExchangeChoices {
        sites: sites.iter().map(site_option).collect(),
        topics: crate::topics::offered_topics(db)
            .await?
            .into_iter()
            .map(|t| TopicOption {
                id: t.id,
                name: t.name,
            })
            .collect(),
        host_site_id,
    })
}

/// The coordinator's form as the intake form of the host: an Operations request (its "peer
/// exchanges" phase), on weekdays within the given hours of the host's clock.
fn as_intake(form: &PeerExchangeForm) -> IntakeForm {
    IntakeForm {
        title: form.title.clone(),
        topic_ids: if form.topic_id.trim().is_empty() {
            Vec::new()
        } else {
            vec![form.topic_id.clone()]
        },
        description: form.description.clone(),
        engagement_type: "operations".to_owned(),
        modality: form.modality.clone(),
        session_count: form.session_count.clone(),
        cadence: form.cadence.clone(),
        session_minutes: form.session_minutes.clone(),
        earliest_date: form.earliest_date.clone(),
        latest_date: form.latest_date.clone(),
        preferred_weekdays: ["mon", "tue", "wed", "thu", "fri"]
            .iter()
            .map(|d| (*d).to_owned())
            .collect(),
        preferred_start: form.preferred_start.clone(),
        preferred_end: form.preferred_end.clone(),
        ..IntakeForm::default()
    }
}

/// Arranges the exchange as a request of the host (submitted, in the queue; its site's
/// contacts and the coordinators are told it was received). Returns the request's id.
/// Refused with every field's mistake at once: no or unknown host, a visiting site that is the
/// host or unknown, and the intake form's own rules (a topic, a title, dates not in the past on
/// the host's calendar, hours longer than one session…).
pub async fn arrange(
    db: &Database,
    actor: &Actor,
    form: &PeerExchangeForm,
    notify: &NotifySettings,
) -> Result<i32, ServiceError> {
    actor.require(STAFF)?;
    let mut errors = FieldErrors::new();
    let host = match form.host_site_id.trim().parse::<i32>() {
        Ok(id) => site::Entity::find_by_id(id).one(db.conn()).await?,
        Err(_) => None,
    };
    if host.is_none() {
        errors.add("host_site_id", "Choose the host site of the programme.");
    }
    let host_id = host.as_ref().map_or(0, |h| h.id);
    let visiting = match visiting_site(db.conn(), host_id, &form.visiting_site_id).await {
        Ok(site) => Some(site),
        Err(mistakes) => {
            for m in mistakes.iter() {
                errors.add(m.field.clone(), m.message.clone());
            }
            None
        }
    };
    let today = host
        .as_ref()
        .and_then(|h| TimeZone::parse(&h.time_zone).ok())
        .map_or_else(
            || Utc::now().date_naive(),
            |z| Utc::now().with_timezone(&z.tz()).date_naive(),
        );
    let draft = match RequestDraft::parse(&as_intake(form), today) {
        Ok(draft) => Some(draft),
        Err(mistakes) => {
            for m in mistakes {
                let field = if m.field == "topic_ids" {
                    "topic_id".to_owned()
                } else {
                    m.field.clone()
                };
                errors.add(field, m.message.clone());
            }
            None
        }
    };
    match (host, visiting, draft) {
        (Some(host), Some(visiting), Some(draft)) if errors.is_empty() => {
            store_exchange(db, host.id, visiting.id, actor.id(), None, &draft, notify).await
        }
        _ => Err(ServiceError::InvalidFields(errors)),
    }
}
