//! Everything the page of one request shows: the request, its site, its sessions, and its
//! history as the reader may read it (see [`super::history`]).

use crate::accounts::CurrentUser;
use crate::entities::{site, tta_session};
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
}

/// The page of request `request_id` as `reader` sees it (the caller has checked that the reader
/// may see the request): a site contact never reads a provider's reason for declining.
pub async fn request_page(
    db: &Database,
    request_id: i32,
    reader: &CurrentUser,
) -> Result<RequestPage, ServiceError> {
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
        .collect();
    Ok(RequestPage {
        view,
        site,
        sessions,
    })
}
