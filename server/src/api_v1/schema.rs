//! The API's JSON shapes, one per resource, with their OpenAPI schemas: stable integer ids,
//! instants in UTC (RFC 3339, `Z`) with the IANA zone of the wall clock they belong to, dates as
//! `YYYY-MM-DD`, statuses as their stored words.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use service::api::providers::{FreeOccurrence, ProviderCandidate, ProviderFreeTime};
use service::api::sessions::ApiSession;
use service::entities::{engagement, proposal, tta_request};
use utoipa::ToSchema;

pub(crate) fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A coaching session of a request's series.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Session {
    pub id: i32,
    pub request_id: i32,
    pub site_id: i32,
    pub provider_id: i32,
    pub proposal_id: Option<i32>,
    /// 1-based position in the request's series.
    pub occurrence: i32,
    /// The request's title.
    pub title: String,
    /// `tentative`, `confirmed`, `cancelled` or `completed`.
    pub status: String,
    #[schema(format = DateTime)]
    pub starts_at: String,
    #[schema(format = DateTime)]
    pub ends_at: String,
    /// IANA zone of the site's wall clock the session is planned on.
    pub time_zone: String,
    pub location: String,
    pub virtual_link: String,
    /// The meeting link of a virtual or hybrid session once it is confirmed (a fixed link or a
    /// room generated for this occurrence); `null` for on-site sessions and before the link is
    /// set.
    pub meeting_url: Option<String>,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

impl From<ApiSession> for Session {
    fn from(row: ApiSession) -> Self {
        let s = row.session;
        let meeting_url = service::meeting::meeting_url(&s);
        Self {
            id: s.id,
            request_id: s.request_id,
            site_id: row.site_id,
            provider_id: s.provider_id,
            proposal_id: s.proposal_id,
            occurrence: s.occurrence,
            title: row.title,
            status: s.status,
            starts_at: instant(s.starts_at),
            ends_at: instant(s.ends_at),
            time_zone: s.anchor_zone,
            location: s.location,
            virtual_link: s.virtual_link,
            meeting_url,
            updated_at: instant(s.updated_at),
        }
    }
}

/// A site's request for TTA.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Request {
    pub id: i32,
    pub site_id: i32,
    pub engagement_id: Option<i32>,
    pub title: String,
    pub description: String,
    /// `diagnostic`, `operations` or `other`.
    pub engagement_type: String,
    pub modality: String,
    pub session_count: i32,
    pub cadence: String,
    pub session_minutes: i32,
    #[schema(format = Date)]
    pub earliest_date: String,
    #[schema(format = Date)]
    pub latest_date: String,
    /// `mon` … `sun`.
    pub preferred_weekdays: Vec<String>,
    /// `HH:MM` on the site's wall clock.
    pub preferred_start: String,
    pub preferred_end: String,
    /// IANA zone of the site's wall clock.
    pub time_zone: String,
    pub expected_attendees: i32,
    pub visit_days: i32,
    pub travel_days: bool,
    /// `submitted`, `matching`, `proposed`, `approved`, `scheduled`, `completed`, `returned`,
    /// `rejected` or `cancelled`.
    pub status: String,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

fn clock(minute: i32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

impl From<tta_request::Model> for Request {
    fn from(r: tta_request::Model) -> Self {
        Self {
            id: r.id,
            site_id: r.site_id,
            engagement_id: r.engagement_id,
            title: r.title,
            description: r.description,
            engagement_type: r.engagement_type,
            modality: r.modality,
            session_count: r.session_count,
            cadence: r.cadence,
            session_minutes: r.session_minutes,
            earliest_date: r.earliest_date.to_string(),
            latest_date: r.latest_date.to_string(),
            preferred_weekdays: r
                .preferred_weekdays
                .split(',')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned)
                .collect(),
            preferred_start: clock(r.preferred_start_minute),
            preferred_end: clock(r.preferred_end_minute),
            time_zone: r.anchor_zone,
            expected_attendees: r.expected_attendees,
            visit_days: r.visit_days,
            travel_days: r.travel_days,
            status: r.status,
            created_at: instant(r.created_at),
            updated_at: instant(r.updated_at),
        }
    }
}

/// A new request, made on behalf of a site by its contact (the new-request form's fields).
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    pub site_id: i32,
    pub title: String,
    /// Ids of the topics (see the new-request page).
    pub topic_ids: Vec<i32>,
    #[serde(default)]
    pub description: String,
    /// `diagnostic`, `operations` or `other`.
    pub engagement_type: String,
    /// `virtual`, `onsite` or `hybrid`.
    pub modality: String,
    pub session_count: i32,
    /// `weekly`, `biweekly`, `monthly` or `once`.
    pub cadence: String,
    pub session_minutes: i32,
    /// `YYYY-MM-DD` on the site's calendar.
    #[schema(format = Date)]
    pub earliest_date: String,
    #[schema(format = Date)]
    pub latest_date: String,
    /// `mon` … `sun`.
    pub preferred_weekdays: Vec<String>,
    /// `HH:MM` on the site's wall clock.
    pub preferred_start: String,
    pub preferred_end: String,
    #[serde(default)]
    pub visit_days: Option<i32>,
    #[serde(default)]
    pub travel_days: Option<bool>,
    pub expected_attendees: i32,
    #[serde(default)]
    pub minimum_level: Option<i32>,
    #[serde(default)]
    pub notes: String,
}

impl NewRequest {
    /// The new-request form as the page would send it.
    pub fn form(&self) -> contract::forms::IntakeForm {
        contract::forms::IntakeForm {
            title: self.title.clone(),
            topic_ids: self.topic_ids.iter().map(ToString::to_string).collect(),
            description: self.description.clone(),
            engagement_type: self.engagement_type.clone(),
            modality: self.modality.clone(),
            session_count: self.session_count.to_string(),
            cadence: self.cadence.clone(),
            session_minutes: self.session_minutes.to_string(),
            earliest_date: self.earliest_date.clone(),
            latest_date: self.latest_date.clone(),
            preferred_weekdays: self.preferred_weekdays.clone(),
            preferred_start: self.preferred_start.clone(),
            preferred_end: self.preferred_end.clone(),
            visit_days: self.visit_days.map(|d| d.to_string()).unwrap_or_default(),
            travel_days: if self.travel_days == Some(true) {
                "on".to_owned()
            } else {
                String::new()
            },
            expected_attendees: self.expected_attendees.to_string(),
            minimum_level: self
                .minimum_level
                .map(|l| l.to_string())
                .unwrap_or_default(),
            notes: self.notes.clone(),
        }
    }
}

/// A site's engagement (Diagnostic or Operations).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Engagement {
    pub id: i32,
    pub site_id: i32,
    pub kind: String,
    /// `planned`, `active`, `closing` or `closed`.
    pub status: String,
    #[schema(format = Date)]
    pub starts_on: String,
    #[schema(format = Date)]
    pub planned_end: String,
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl From<engagement::Model> for Engagement {
    fn from(e: engagement::Model) -> Self {
        Self {
            id: e.id,
            site_id: e.site_id,
            kind: e.kind,
            status: e.status,
            starts_on: e.starts_on.to_string(),
            planned_end: e.planned_end.to_string(),
            created_at: instant(e.created_at),
        }
    }
}

/// A proposal of a request's series to a provider, and its state.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Proposal {
    pub id: i32,
    pub request_id: i32,
    pub provider_id: i32,
    /// `sent`, `accepted`, `declined` or `withdrawn`.
    pub status: String,
    pub score: f64,
    #[schema(format = DateTime)]
    pub decided_at: Option<String>,
    pub decision_reason: String,
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl From<proposal::Model> for Proposal {
    fn from(p: proposal::Model) -> Self {
        Self {
            id: p.id,
            request_id: p.request_id,
            provider_id: p.provider_id,
            status: p.status,
            score: if p.score.is_finite() { p.score } else { 0.0 },
            decided_at: p.decided_at.map(instant),
            decision_reason: p.decision_reason,
            created_at: instant(p.created_at),
        }
    }
}

/// A provider ranked for a request.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Candidate {
    pub provider_id: i32,
    pub name: String,
    pub eligible: bool,
    /// In `[0, 1]`; null for excluded providers.
    pub score: Option<f64>,
    /// The rules an excluded provider breaks.
    pub reasons: Vec<String>,
}

impl From<ProviderCandidate> for Candidate {
    fn from(c: ProviderCandidate) -> Self {
        Self {
            provider_id: c.provider_id,
            name: c.name,
            eligible: c.eligible,
            score: c.score.filter(|s| s.is_finite()),
            reasons: c.reasons,
        }
    }
}

/// One occurrence of a request's series in a provider's free time.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FreeSlot {
    pub occurrence: u32,
    /// Null when nothing fits (then `reasons` say why).
    #[schema(format = DateTime)]
    pub starts_at: Option<String>,
    #[schema(format = DateTime)]
    pub ends_at: Option<String>,
    /// Minutes from the site's preferred time; null when unplaced.
    pub shift_minutes: Option<i64>,
    pub reasons: Vec<String>,
}

impl From<FreeOccurrence> for FreeSlot {
    fn from(o: FreeOccurrence) -> Self {
        Self {
            occurrence: o.occurrence,
            starts_at: o.slot.map(|s| instant(s.0)),
            ends_at: o.slot.map(|s| instant(s.1)),
            shift_minutes: o.shift_minutes,
            reasons: o.reasons,
        }
    }
}

/// A provider's free time for a request's series.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FreeTime {
    pub provider_id: i32,
    pub request_id: i32,
    /// The provider's IANA zone.
    pub provider_time_zone: String,
    /// The site's IANA zone (the series' wall clock).
    pub site_time_zone: String,
    pub occurrences: Vec<FreeSlot>,
}

impl FreeTime {
    pub fn of(request_id: i32, free: ProviderFreeTime) -> Self {
        Self {
            provider_id: free.provider_id,
            request_id,
            provider_time_zone: free.provider_zone,
            site_time_zone: free.site_zone,
            occurrences: free.occurrences.into_iter().map(FreeSlot::from).collect(),
        }
    }
}

/// The person and token behind the call.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Me {
    pub user_id: i32,
    pub name: String,
    /// `site_contact`, `provider`, `coordinator` or `admin`.
    pub role: String,
    pub time_zone: String,
    pub site_ids: Vec<i32>,
    pub token_id: i32,
    /// `read`, and `write` when the token may change data.
    pub scopes: Vec<String>,
}

macro_rules! page {
    ($name:ident, $item:ty) => {
        /// One page of a list; pass `next_cursor` as `cursor` for the next (null on the last).
        #[derive(Clone, Debug, Serialize, ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            pub next_cursor: Option<String>,
        }

        impl<T: Into<$item>> From<service::api::Page<T>> for $name {
            fn from(page: service::api::Page<T>) -> Self {
                Self {
                    items: page.items.into_iter().map(Into::into).collect(),
                    next_cursor: page.next_cursor,
                }
            }
        }
    };
}

page!(SessionPage, Session);
page!(RequestPage, Request);
page!(EngagementPage, Engagement);
page!(ProposalPage, Proposal);
