//! `GET /api/v1/me`: the person and token behind the call.

use axum::Json;
use axum::extract::Extension;
use service::api::tokens::ApiCaller;

use super::Answer;
use crate::api_v1::error::ErrorBody;
use crate::api_v1::schema::Me;

/// The person and token behind the call.
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses(
        (status = 200, body = Me),
        (status = 401, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn me(Extension(caller): Extension<ApiCaller>) -> Answer<Me> {
    let user = caller.actor.user();
    let mut scopes = vec!["read".to_owned()];
    if caller.scopes.can_write() {
        scopes.push("write".to_owned());
    }
    Ok(Json(Me {
        user_id: user.id,
        name: user.display_name.clone(),
        role: user.role.as_str().to_owned(),
        time_zone: user.time_zone.clone(),
        site_ids: user.site_ids.clone(),
        token_id: caller.token_id,
        scopes,
    }))
}
