//! Server functions of the personal access tokens page (`/tokens`): the reader's tokens, make
//! one (its secret is answered once), revoke one. Every role may hold tokens; the API applies
//! the owner's own roles and record rules.

use contract::views::api_tokens::{ApiTokenRow, NewApiToken};
use leptos::prelude::*;

/// The reader's tokens, newest first.
#[server(endpoint = "tokens/list")]
pub async fn my_api_tokens() -> Result<Vec<ApiTokenRow>, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::api::tokens::my_tokens(&db, &actor)
        .await
        .map_err(to_server_error)
}

/// Makes a token; the answer holds its secret, shown once.
#[server(endpoint = "tokens/create")]
pub async fn create_api_token(
    name: String,
    scope: String,
    expires_in_days: String,
) -> Result<NewApiToken, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    let form = service::api::tokens::TokenForm {
        name: &name,
        scope: &scope,
        expires_in_days: &expires_in_days,
    };
    service::api::tokens::create_token(&db, &actor, &form, client_info().ip.as_deref())
        .await
        .map_err(to_server_error)
}

/// Revokes one of the reader's tokens.
#[server(endpoint = "tokens/revoke")]
pub async fn revoke_api_token(token_id: i32) -> Result<(), ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::api::tokens::revoke_token(&db, &actor, token_id, client_info().ip.as_deref())
        .await
        .map_err(to_server_error)
}
