//! The site contact's request pages: their requests ([`requests_page`]) and one request
//! ([`request_page`], which coordinators and administrators may read too).

mod requests;

pub use requests::{request_page, requests_page};
