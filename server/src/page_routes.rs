//! The application's page routes, worked out once per process.
//!
//! `leptos_axum::generate_route_list` renders the app once with resource loading switched off
//! through a process-wide flag (`leptos_server::SuppressResourceLoad`): a resource first polled
//! anywhere in the process meanwhile waits forever (leptos-rs/leptos#4773). One server per
//! process never meets this, but the integration tests start many applications in one process,
//! and a page being rendered by one of them while another started could hang. Working the list
//! out once, before any application serves, closes that window.

use std::sync::OnceLock;

use app::App;
use leptos_axum::{AxumRouteListing, generate_route_list};

/// The routes of [`App`].
pub fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}
