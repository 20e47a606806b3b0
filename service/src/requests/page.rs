//! Everything the page of one request shows: the request, its site, its sessions, the reader's
//! own ratings of them, the site's asks to change them, and its history as the reader may read
//! it (see [`super::history`]).

use chrono::{DateTime, Utc};

use crate::access::{Actor, Reading, readable_request};
use crate::accounts::Role;
use crate::entities::{change_request, feedback, site, tta_session};
use crate::proposals::request_sessions;
use crate::requests::{RequestView, request_view};
use crate::sites::site_by_id;
use crate::status::SessionStatus;
use crate::{Database, ServiceError};

/// A request with its site and its booked sessions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestPage {
    /// The request; its history holds only the reasons the reader may read.
    pub view: RequestView,
    pub site: site::Model,
    /// Confirmed, completed and cancelled sessions in series order (tentative bookings of a
    /// proposal not yet approved are the coordinator's business and left out).
    pub sessions: Vec<tta_session::Model>,
    /// The reader's own ratings of these sessions.
    pub your_feedback: Vec<feedback::Model>,
    /// The site's asks to change the request's sessions, newest first.
    pub asks: Vec<change_request::Model>,
    /// The reader's role, for [`RequestPage::actions`].
    reader_role: Role,
    /// How the reader reads it: the visiting site of a peer exchange reads only.
    pub reading: Reading,
}

/// What the reader of a request page may do with one of its sessions now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionActions {
    /// Ask for a reschedule or a cancellation: a confirmed session that has not started.
    pub change: bool,
    /// Rate it: a site contact, once, after a confirmed or completed session ended.
    pub rate: bool,
}

impl RequestPage {
    /// The actions the reader may take on `session` at `now` (the use cases behind them check
    /// the same rules again when they are taken).
    pub fn actions(&self, session: &tta_session::Model, now: DateTime<Utc>) -> SessionActions {
        let status = SessionStatus::parse(&session.status).ok();
        let rated = self
            .your_feedback
            .iter()
            .any(|f| f.session_id == session.id);
        if self.reading == Reading::Visiting {
            return SessionActions {
                change: false,
                rate: false,
            };
        }
        SessionActions {
            change: status == Some(SessionStatus::Confirmed) && session.starts_at > now,
            rate: self.reader_role == Role::SiteContact
                && matches!(
                    status,
                    Some(SessionStatus::Confirmed | SessionStatus::Completed)
                )
                && session.ends_at <= now
                && !rated,
        }
    }
}

/// The page of request `request_id` as `reader` sees it: site contacts of the request's site,
/// coordinators and administrators (other roles: 403; another site's request: not found), and
/// the contacts of a peer exchange's visiting site, who read it only (no actions, not the
/// host's asks to change sessions). A site contact never reads a provider's reason for
/// declining.
pub async fn request_page(
    db: &Database,
    reader: &Actor,
    request_id: i32,
) -> Result<RequestPage, ServiceError> {
    reader.require(&[Role::SiteContact, Role::Coordinator, Role::Admin])?;
    let (_, reading) = readable_request(db, reader.user(), request_id).await?;
    let reader_id = reader.id();
    let reader = reader.user();
    let mut view = request_view(db, request_id).await?;
    view.history = std::mem::take(&mut view.history)
        .into_iter()
        .map(|step| step.as_read_by(reader.role))
        .collect();
    let site = site_by_id(db, view.request.site_id).await?;
    let sessions = request_sessions(db, request_id)
        .await?
        .into_iter()
        .filter(|s| s.status != SessionStatus::Tentative.as_str())
        .collect::<Vec<_>>();
    let session_ids: Vec<i32> = sessions.iter().map(|s| s.id).collect();
    let your_feedback = crate::feedback::feedback_given(db, &session_ids, reader_id).await?;
    let asks = if reading == Reading::Visiting {
        Vec::new()
    } else {
        crate::change_requests::request_change_requests(db, request_id).await?
    };
    Ok(RequestPage {
        view,
        site,
        sessions,
        your_feedback,
        asks,
        reader_role: reader.role,
        reading,
    })
}
