//! The public pages of group events, opened without an account: registering from the shared
//! link (`/events/join/<token>`) and a participant's own page behind their personal link
//! (`/events/registration/<token>`: where they stand, cancel once, check in with the code).

pub mod evaluation;
pub mod join;
pub mod registration;

/// The `token` segment of the current route.
pub(crate) fn route_token() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        use leptos::prelude::Read;
        params.read().get("token").unwrap_or_default()
    }
}
