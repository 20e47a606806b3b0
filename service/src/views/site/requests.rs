//! "My requests" and one request's page as its site reads it: in words, the list in the
//! reader's zone, a request's history, sessions and asks in the site's.

use chrono::{DateTime, Utc};
use contract::views::site::{AskLine, HistoryLine, RequestInfo, RequestRow, SessionLine};

use crate::access::{Actor, Reading};
use crate::change_requests::ChangeKind;
use crate::intake::{Cadence, EngagementType, describe_stored, zone_common_name};
use crate::requests::my_requests;
use crate::status::SessionStatus;
use crate::timefmt::{instant, span, span_with_site};
use crate::views::{reader_zone, stored_zone, utc_text};
use crate::{Database, ServiceError};

/// The requests of every site the contact speaks for, newest first. Site contacts only.
/// The exchanges their sites visit as the visiting site of a peer exchange are listed too, with
/// the host site.
pub async fn requests_page(db: &Database, actor: &Actor) -> Result<Vec<RequestRow>, ServiceError> {
    let mut requests = my_requests(db, actor).await?;
    requests.extend(crate::peer_exchanges::visiting_rows(db, actor).await?);
    requests.sort_by(|a, b| {
        b.request
            .created_at
            .cmp(&a.request.created_at)
            .then(b.request.id.cmp(&a.request.id))
    });
    let exchanges = crate::peer_exchanges::exchange_lines(
        db,
        &requests.iter().map(|r| r.request.id).collect::<Vec<_>>(),
    )
    .await?;
    let zone = reader_zone(actor)?;
    Ok(requests
        .into_iter()
        .map(|row| {
            let r = row.request;
            RequestRow {
                peer_exchange: exchanges.get(&r.id).cloned(),
                id: r.id,
                title: r.title,
                site: row.site.name,
                status: r.status,
                sessions: format!(
                    "{} × {}",
                    r.session_count,
                    Cadence::parse(&r.cadence).map(|c| c.label()).unwrap_or("")
                ),
                window: format!(
                    "{} – {}",
                    r.earliest_date.format("%-d %b %Y"),
                    r.latest_date.format("%-d %b %Y")
                ),
                submitted: instant(r.created_at, zone),
            }
        })
        .collect())
}

/// Request `id` as `actor` reads it at `now`: site contacts of its site, coordinators and
/// administrators (see [`crate::requests::request_page`]); the history holds only the reasons
/// the reader may read.
pub async fn request_page(
    db: &Database,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<RequestInfo, ServiceError> {
    let page = crate::requests::request_page(db, actor, id).await?;
    let site_zone = stored_zone(&page.site.time_zone)?;
    let visiting = page.reading == Reading::Visiting;
    // The host reads its own clock; the visiting site its own, with the host's beside.
    let shown_zone = if visiting {
        reader_zone(actor)?
    } else {
        site_zone
    };
    let r = &page.view.request;
    // A joint session (several providers) is one line, naming them all.
    let hidden = crate::teams::joint_duplicates(db.conn(), &page.sessions).await?;
    let joint = crate::teams::joint_names(
        db.conn(),
        &page.sessions.iter().map(|s| s.id).collect::<Vec<_>>(),
    )
    .await?;
    let sessions = page
        .sessions
        .iter()
        .filter(|s| !hidden.contains(&s.id))
        .map(|s| {
            let actions = page.actions(s, now);
            let status = SessionStatus::parse(&s.status)
                .map_err(|e| ServiceError::Internal(format!("session {}: {e}", s.id)))?;
            Ok(SessionLine {
                id: s.id,
                occurrence: s.occurrence,
                when: if r.visit_days > 0 {
                    crate::timefmt::session_when(r, s.starts_at, s.ends_at, shown_zone, site_zone)
                } else if visiting {
                    span_with_site(s.starts_at, s.ends_at, shown_zone, site_zone)
                } else {
                    span(s.starts_at, s.ends_at, site_zone)
                },
                starts_utc: utc_text(s.starts_at),
                with: crate::teams::with_names(&joint, s.id),
                status,
                can_change: actions.change,
                can_rate: actions.rate,
                your_feedback: page
                    .your_feedback
                    .iter()
                    .find(|f| f.session_id == s.id)
                    .map(|f| rating_text(f.usefulness, &f.comments)),
                // The host's contacts join; a visiting site reads the sessions only.
                meeting_url: if visiting {
                    None
                } else {
                    crate::meeting::meeting_url(s)
                },
            })
        })
        .collect::<Result<Vec<_>, ServiceError>>()?;
    Ok(RequestInfo {
        id: r.id,
        title: r.title.clone(),
        site: format!("{}, {}", page.site.name, page.site.state),
        zone_label: format!(
            "{} ({})",
            zone_common_name(shown_zone.name()),
            shown_zone.name()
        ),
        peer_exchange: crate::peer_exchanges::exchange_line(db, r).await?,
        read_only: visiting,
        status: page.view.status,
        summary: describe_stored(r).unwrap_or_else(|| r.title.clone()),
        topics: page.view.topics.iter().map(|t| t.name.clone()).collect(),
        engagement_type: EngagementType::parse(&r.engagement_type)
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
                status: h.to,
                at: instant(h.at, shown_zone),
                reason: h.reason.clone(),
            })
            .collect(),
        sessions,
        asks: page
            .asks
            .iter()
            .map(|a| AskLine {
                what: ChangeKind::parse(&a.kind)
                    .map(|k| k.label().to_owned())
                    .unwrap_or_default(),
                session: page
                    .sessions
                    .iter()
                    .find(|s| s.id == a.session_id)
                    .map(|s| s.occurrence)
                    .unwrap_or_default(),
                reason: a.reason.clone(),
                status: ask_status_for_site(&a.status).to_owned(),
                at: instant(a.created_at, site_zone),
                note: a.outcome_note.clone(),
            })
            .collect(),
    })
}

/// The reader's own rating, in words.
fn rating_text(usefulness: i16, comments: &str) -> String {
    if comments.is_empty() {
        format!("You rated it {usefulness} of 5.")
    } else {
        format!("You rated it {usefulness} of 5: “{comments}”")
    }
}

/// Where an ask (`open`, `done`, `declined`) stands, as the site reads it.
fn ask_status_for_site(status: &str) -> &'static str {
    match status {
        "open" => "Waiting for the coordinator",
        "done" => "Done",
        _ => "Declined",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_and_asks_read_in_words() {
        assert_eq!(rating_text(4, ""), "You rated it 4 of 5.");
        assert_eq!(rating_text(5, "Great"), "You rated it 5 of 5: “Great”");
        assert_eq!(ask_status_for_site("open"), "Waiting for the coordinator");
        assert_eq!(ask_status_for_site("declined"), "Declined");
    }
}
