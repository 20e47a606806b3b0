//! The `tta` server: configuration, HTTP routes, start-up and the command line.
//!
//! `main.rs` only parses the command line and calls into this library, so integration tests can
//! start the very same application on a random port.

pub mod admin;
pub mod api_v1;
pub mod arguments;
pub mod assets;
pub mod availability;
pub mod backup;
pub mod calendar_feed;
pub mod cli;
pub mod config;
pub mod csrf;
pub mod exports;
pub mod fn_errors;
pub mod form_errors;
pub mod logging;
pub mod login_session;
pub mod mail;
pub mod nul_input;
pub mod oidc;
pub mod oidc_config;
pub mod page_routes;
pub mod pdf_downloads;
pub mod return_to;
pub mod routes;
pub mod secret_key;
pub mod security_headers;
pub mod startup;
pub mod tta_exports;
pub mod webhooks;
