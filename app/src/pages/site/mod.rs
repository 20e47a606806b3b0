//! The site contact's pages: the intake form, their requests, one request.

pub mod engagements;
pub mod request_detail;
pub mod request_new;
pub mod requests;
