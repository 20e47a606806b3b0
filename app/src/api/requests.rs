//! Server functions of the site contact's request pages: the intake form (its choices, the live
//! summary, submission), the list of the contact's requests, and one request's page.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use contract::forms::IntakeForm;

/// A site the contact may request for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteChoice {
    pub id: i32,
    pub name: String,
    /// e.g. `Central (America/Chicago)`.
    pub zone_label: String,
}

/// A topic offered on the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicChoice {
    pub id: i32,
    pub name: String,
    pub description: String,
}

/// The choices of the intake form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeOptions {
    pub sites: Vec<SiteChoice>,
    pub topics: Vec<TopicChoice>,
}

/// One line of "My requests".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRow {
    pub id: i32,
    pub title: String,
    pub site: String,
    pub status: String,
    pub sessions: String,
    pub window: String,
    pub submitted: String,
}

/// One step of a request's history, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryLine {
    pub status: String,
    pub at: String,
    /// The reason as the reader may read it: a site contact reads the coordinator's reasons for
    /// returning or rejecting, and on a declined proposal only that the coordinator is finding
    /// another provider (coordinators and administrators read the provider's reason).
    pub reason: String,
}

/// One session of a request, in the site's zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLine {
    pub id: i32,
    pub occurrence: i32,
    pub when: String,
    /// The start as an RFC 3339 UTC instant, for `<time datetime>`.
    pub starts_utc: String,
    pub status: String,
    /// Confirmed and not started: the site may ask to reschedule or cancel it.
    pub can_change: bool,
    /// Over, not cancelled, and not yet rated by this person.
    pub can_rate: bool,
    /// The reader's own rating of the session, in words, once given.
    pub your_feedback: Option<String>,
}

/// One ask to change a session, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskLine {
    pub what: String,
    pub session: i32,
    pub reason: String,
    pub status: String,
    pub at: String,
    /// The coordinator's note when answering (empty until then).
    #[serde(default)]
    pub note: String,
}

/// Everything the page of one request shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestInfo {
    pub id: i32,
    pub title: String,
    pub site: String,
    pub zone_label: String,
    pub status: String,
    pub summary: String,
    pub topics: Vec<String>,
    pub engagement_type: String,
    pub description: String,
    pub expected_attendees: i32,
    pub notes: String,
    pub history: Vec<HistoryLine>,
    pub sessions: Vec<SessionLine>,
    pub asks: Vec<AskLine>,
}

/// Sites the contact speaks for, and the topics.
#[server(endpoint = "requests/choices")]
pub async fn intake_choices() -> Result<IntakeOptions, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let choices = service::requests::intake_choices(&db, &actor)
        .await
        .map_err(to_server_error)?;
    Ok(IntakeOptions {
        sites: choices
            .sites
            .into_iter()
            .map(|s| SiteChoice {
                zone_label: format!(
                    "{} ({})",
                    service::intake::zone_common_name(&s.time_zone),
                    s.time_zone
                ),
                id: s.id,
                name: format!("{}, {}", s.name, s.state),
            })
            .collect(),
        topics: choices
            .topics
            .into_iter()
            .map(|t| TopicChoice {
                id: t.id,
                name: t.name,
                description: t.description,
            })
            .collect(),
    })
}

/// The one-sentence summary of the form as typed, or `None` while it is incomplete or invalid.
#[server(endpoint = "requests/describe")]
pub async fn describe_request(
    site_id: i32,
    form: IntakeForm,
) -> Result<Option<String>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::requests::describe_form(&db, &actor, site_id, &form)
        .await
        .map_err(to_server_error)
}

/// Submits the request for `site_id` and goes to its page; a form with mistakes is refused
/// (400) with every field's message.
#[server(endpoint = "requests/submit")]
pub async fn submit_request(site_id: i32, form: IntakeForm) -> Result<i32, ServerFnError> {
    use super::context::{database, notify_settings, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let id = service::requests::submit_request(&db, &actor, site_id, &form, &notify_settings()?)
        .await
        .map_err(to_server_error)?;
    leptos_axum::redirect(&format!("/requests/{id}?submitted=1"));
    Ok(id)
}

/// The requests of every site the contact speaks for, newest first.
#[server(endpoint = "requests/mine")]
pub async fn my_requests() -> Result<Vec<RequestRow>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let requests = service::requests::my_requests(&db, &actor)
        .await
        .map_err(to_server_error)?;
    let zone = service::zone::TimeZone::parse(&actor.user().time_zone)
        .map_err(|e| to_server_error(service::ServiceError::Internal(e.to_string())))?;
    Ok(requests
        .into_iter()
        .map(|row| {
            let r = row.request;
            RequestRow {
                id: r.id,
                title: r.title,
                site: row.site.name,
                status: site_request_label(r.status.as_str()),
                sessions: format!(
                    "{} × {}",
                    r.session_count,
                    service::intake::Cadence::parse(&r.cadence)
                        .map(|c| c.label())
                        .unwrap_or("")
                ),
                window: format!(
                    "{} – {}",
                    r.earliest_date.format("%-d %b %Y"),
                    r.latest_date.format("%-d %b %Y")
                ),
                submitted: service::timefmt::instant(r.created_at, zone),
            }
        })
        .collect())
}

/// One request as its site sees it: in words, with its history and sessions in the site's zone.
#[server(endpoint = "requests/detail")]
pub async fn request_detail(id: i32) -> Result<RequestInfo, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;
    use service::ServiceError;

    let actor = acting_person()?;
    let db = database()?;
    // The history holds only the reasons this reader may read (a site contact never reads a
    // provider's reason for declining).
    let page = service::requests::request_page(&db, &actor, id)
        .await
        .map_err(to_server_error)?;
    let internal = |e: String| to_server_error(ServiceError::Internal(e));
    let site_zone = service::zone::TimeZone::parse(&page.site.time_zone)
        .map_err(|e| internal(e.to_string()))?;
    let now = chrono::Utc::now();
    let rating_of = |session_id: i32| {
        page.your_feedback
            .iter()
            .find(|f| f.session_id == session_id)
    };
    let asks = &page.asks;
    let r = &page.view.request;
    let summary = service::intake::describe_stored(r).unwrap_or_else(|| r.title.clone());
    Ok(RequestInfo {
        id: r.id,
        title: r.title.clone(),
        site: format!("{}, {}", page.site.name, page.site.state),
        zone_label: format!(
            "{} ({})",
            service::intake::zone_common_name(site_zone.name()),
            site_zone.name()
        ),
        status: page.view.status.label_for_site().to_owned(),
        summary,
        topics: page.view.topics.iter().map(|t| t.name.clone()).collect(),
        engagement_type: service::intake::EngagementType::parse(&r.engagement_type)
            .map(|e| e.label().to_owned())
            .unwrap_or_default(),
        description: r.description.clone(),
        expected_attendees: r.expected_attendees,
        notes: r.notes.clone(),
        history: page
            .view
            .history
            .iter()
            .map(|h| HistoryLine {
                status: site_request_label(h.to.as_str()),
                at: service::timefmt::instant(h.at, site_zone),
                reason: h.reason.clone(),
            })
            .collect(),
        sessions: page
            .sessions
            .iter()
            .map(|s| (s, page.actions(s, now)))
            .map(|(s, actions)| SessionLine {
                id: s.id,
                occurrence: s.occurrence,
                when: service::timefmt::span(s.starts_at, s.ends_at, site_zone),
                starts_utc: s
                    .starts_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                status: contract::status::SessionStatus::parse(&s.status)
                    .map(|status| status.label().to_owned())
                    .unwrap_or_else(|_| s.status.clone()),
                can_change: actions.change,
                can_rate: actions.rate,
                your_feedback: rating_of(s.id).map(|f| {
                    if f.comments.is_empty() {
                        format!("You rated it {} of 5.", f.usefulness)
                    } else {
                        format!("You rated it {} of 5: “{}”", f.usefulness, f.comments)
                    }
                }),
            })
            .collect(),
        asks: asks
            .iter()
            .map(|a| AskLine {
                what: service::change_requests::ChangeKind::parse(&a.kind)
                    .map(|k| k.label().to_owned())
                    .unwrap_or_default(),
                session: page
                    .sessions
                    .iter()
                    .find(|s| s.id == a.session_id)
                    .map(|s| s.occurrence)
                    .unwrap_or_default(),
                reason: a.reason.clone(),
                status: match a.status.as_str() {
                    "open" => "Waiting for the coordinator".to_owned(),
                    "done" => "Done".to_owned(),
                    _ => "Declined".to_owned(),
                },
                at: service::timefmt::instant(a.created_at, site_zone),
                note: a.outcome_note.clone(),
            })
            .collect(),
    })
}

/// How a stored request status reads to the site (the text itself if it names no status).
#[cfg(feature = "ssr")]
fn site_request_label(text: &str) -> String {
    contract::status::RequestStatus::parse(text)
        .map(|status| status.label_for_site().to_owned())
        .unwrap_or_else(|_| text.to_owned())
}
