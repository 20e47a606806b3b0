//! Server functions of the coordinator's workspace: the queue, a request's detail with ranked
//! candidates and the proposed series, the brokering actions, the sites' change requests and a
//! provider who leaves. Every function starts with the guard (coordinators and admins only).

mod actions;
mod batch;
mod changes;
mod detail;
mod matching;
mod move_times;
mod providers;
mod queue;
mod reports;
mod team;
mod tta_report;

pub use actions::*;
pub use batch::*;
pub use changes::*;
pub use detail::*;
pub use matching::*;
pub use move_times::*;
pub use providers::*;
pub use queue::*;
pub use reports::*;
pub use team::*;
pub use tta_report::*;

/// The zone the person reads times in (stored zones are validated when accounts are made).
#[cfg(feature = "ssr")]
pub(crate) fn user_zone(
    user: &service::accounts::CurrentUser,
) -> Result<service::zone::TimeZone, leptos::prelude::ServerFnError> {
    service::zone::TimeZone::parse(&user.time_zone).map_err(|e| {
        crate::api::context::to_server_error(service::ServiceError::Internal(format!(
            "user {}: {e}",
            user.id
        )))
    })
}
