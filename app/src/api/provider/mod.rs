//! Server functions of the provider's own pages: profile, availability (editor and free-time
//! preview) and sessions. Each calls one use case, which admits providers only and works on the
//! logged-in provider's own records: none takes a provider id, so no one can reach another's.

mod availability;
mod profile;
mod sessions;

pub use availability::*;
pub use profile::*;
pub use sessions::*;
