//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' `#[utoipa::path]`
//! annotations and the shapes' `ToSchema` derives, so it cannot drift from the code. Served
//! without a token at `/api/v1/openapi.json`.

use std::sync::OnceLock;

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::handlers;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "TTA Scheduler API",
        version = "1",
        description = "Requests, engagements, sessions, proposals and providers' free time of \
            TTA Scheduler. Authenticate with a personal access token (made on /tokens) as \
            `Authorization: Bearer tta_pat_…`. Lists are keyset-paginated: pass `next_cursor` \
            as `cursor`. Instants are UTC (RFC 3339) with the IANA zone of their wall clock. \
            Errors are `{\"error\": {\"code\", \"message\", \"field\"}}`; over the token's rate \
            limit, 429 with Retry-After."
    ),
    paths(
        handlers::me,
        handlers::sessions,
        handlers::session,
        handlers::requests,
        handlers::request,
        handlers::create,
        handlers::candidates,
        handlers::free_time,
        handlers::engagements,
        handlers::engagement,
        handlers::proposals,
        handlers::proposal,
    ),
    components(schemas(
        handlers::SessionStatusParam,
        handlers::RequestStatusParam,
        handlers::EngagementStatusParam,
        handlers::ProposalStatusParam,
    )),
    modifiers(&BearerToken),
    tags(
        (name = "account", description = "The token's person."),
        (name = "sessions", description = "Coaching sessions."),
        (name = "requests", description = "Sites' requests."),
        (name = "providers", description = "Providers for a request and their free time."),
        (name = "engagements", description = "Sites' engagements."),
        (name = "proposals", description = "Proposals to providers and their state."),
    )
)]
pub struct ApiDoc;

/// Declares the `bearer` security scheme the paths name.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("tta_pat_…")
                    .build(),
            ),
        );
    }
}

/// The document as JSON text, built once.
pub fn document_json() -> &'static serde_json::Value {
    static DOCUMENT: OnceLock<serde_json::Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| serde_json::to_value(ApiDoc::openapi()).unwrap_or_default())
}

/// `GET /api/v1/openapi.json`.
pub async fn document() -> Json<serde_json::Value> {
    Json(document_json().clone())
}
