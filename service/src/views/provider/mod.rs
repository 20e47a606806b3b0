//! The provider's pages: their sessions as a list or calendar ([`sessions_page`]) and their
//! proposals inbox ([`proposals_page`]). Providers only, and only their own records.

mod proposals;
mod sessions;

pub use proposals::{can_answer, proposals_page};
pub use sessions::sessions_page;
