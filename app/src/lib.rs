//! The Leptos user interface of TTA Scheduler.
//!
//! Pages render on the server (feature `ssr`) and are hydrated in the browser (feature
//! `hydrate`, compiled to wasm). Server functions in [`api`] are thin: they authenticate,
//! authorise and call the `service` crate; this crate holds no SQL.

pub mod api;
pub mod components;
pub mod pages;
pub mod resource;
pub mod return_to;
mod shell;

pub use shell::{App, shell};

/// Entry point of the wasm bundle: attaches the app to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    #[cfg(not(feature = "split-routes"))]
    leptos::mount::hydrate_body(App);
    // Lazy routes (feature `split-routes`): hydrating a route waits for its wasm chunk.
    #[cfg(feature = "split-routes")]
    leptos::mount::hydrate_lazy(App);
}
