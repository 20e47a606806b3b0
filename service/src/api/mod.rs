//! The use cases of the JSON API (`/api/v1`, served by `server::api_v1`): personal access tokens
//! ([`tokens`]) and the keyset-paginated lists and reads of sessions, requests, engagements,
//! proposals and the providers free for a request. Each takes the token's [`crate::access::Actor`]
//! and applies the same role and record rules as the pages: a role a list does not serve is
//! refused (403), records the caller may not see are *not found* (404) or simply absent from a
//! list.

pub mod cursor;
pub mod engagements;
pub mod proposals;
pub mod providers;
pub mod query;
pub mod requests;
pub mod sessions;
pub mod tokens;

pub use cursor::{Cursor, Page, PageSize};
