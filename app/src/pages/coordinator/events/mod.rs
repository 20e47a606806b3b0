//! `/coordinator/events…`: group events (trainings, webinars, workshops, summits) — the list,
//! the "New group event" form, one event's page (shared link, check-in code, capacity,
//! cancelling, participants and attendance) and its printable sign-in sheet.

pub mod evaluation;
pub mod list;
pub mod manage;
pub mod new;
pub mod sheet;

/// The event id of the current route (`0` when unreadable: the server answers not found).
pub(crate) fn route_id() -> impl Fn() -> i32 + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        use leptos::prelude::Read;
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or(0)
    }
}
