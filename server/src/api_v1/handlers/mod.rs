//! The API's endpoints: each reads its parameters, calls one use case of `service::api` with the
//! token's actor, and answers the resource's JSON shape ([`super::schema`]) or the one error
//! body ([`super::error`]). The `#[utoipa::path]` beside each is its part of the OpenAPI document.
//! One file per resource; they are re-exported here, where the router and the document name them.

mod engagements;
mod me;
mod proposals;
mod providers;
mod requests;
mod sessions;

pub use engagements::*;
pub use me::*;
pub use proposals::*;
pub use providers::*;
pub use requests::*;
pub use sessions::*;

type Answer<T> = Result<axum::Json<T>, super::error::ApiError>;
