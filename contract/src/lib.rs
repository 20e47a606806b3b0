//! The typed contract between the browser and the service.
//!
//! The `app` crate is compiled twice — for the server and for the browser's wasm — and the
//! browser build cannot link `service` (it holds the database). What both sides must agree on
//! lives here, once, as plain data with no I/O:
//!
//! - [`forms`]: each form exactly as the person typed it (every field text), which the browser
//!   sends and the use case parses; no mirror types, no conversions.
//! - [`status`]: the status machines of requests, proposals and sessions, with the words each
//!   reader sees ([`status::RequestStatus::label_for_site`] and so on).
//! - [`field_errors`]: a refused form's messages, field by field, and the one encoding they
//!   travel in inside a 400 answer.

pub mod account;
pub mod field_errors;
pub mod forms;
pub mod meeting;
pub mod sign_in;
pub mod status;
pub mod views;
pub mod vocabulary;

pub use field_errors::{FieldError, FieldErrors};
