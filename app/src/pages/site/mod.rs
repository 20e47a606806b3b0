//! The site contact's pages: the intake form, their requests, one request, and the group
//! events open to their site.

pub mod engagements;
pub mod events;
pub mod request_detail;
pub mod request_new;
pub mod requests;
