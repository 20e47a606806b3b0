//! `/tokens`: the reader's personal access tokens for the JSON API (`/api/v1`). Make one with a
//! name, its scopes (read, or read and write) and an optional expiry; its secret is shown once,
//! right after it is made. Each token shows its visible prefix, scopes, dates and state, and can
//! be revoked (it stops working at once).

use contract::views::api_tokens::ApiTokenRow;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::api_tokens::{CreateApiToken, RevokeApiToken, my_api_tokens};
use crate::api::error_message;
use crate::components::forms::{ErrorSummary, FieldErrorSummary, FieldMessage, failure, refusals};

#[component]
pub fn TokensPage() -> impl IntoView {
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let tokens = crate::resource::resource(
        move || (create.version().get(), revoke.version().get()),
        |_| my_api_tokens(),
    );
    let (create_errors, _) = refusals(create);
    let revoke_error = failure(move || revoke.value().get());
    let fresh = move || create.value().get().and_then(Result::ok);
    let invalid = move |field: &'static str| {
        Signal::derive(move || {
            create_errors
                .get()
                .iter()
                .any(|e| e.field == field)
                .then_some("true")
        })
    };
    view! {
        <Title text="API tokens" />
        <div class="container">
            <h1>"API tokens"</h1>
            <p class="lead">
                "Personal access tokens let a script or another system use the JSON API ("
                <a href="/api/v1/openapi.json">"OpenAPI document"</a>
                ") as you: it sees and does only what you may. Send one as "
                <code>"Authorization: Bearer tta_pat_…"</code> "."
            </p>
            {move || fresh().map(|token| view! {
                <div class="alert alert--success" role="status" id="new-token">
                    <h2 class="alert__heading">{format!("Token \u{201c}{}\u{201d} made", token.name)}</h2>
                    <p>"Copy it now: it is shown only this once and cannot be read again."</p>
                    <label class="label" for="new-token-secret">"Your new token"</label>
                    <input class="input" id="new-token-secret" readonly value=token.secret />
                </div>
            })}
            <ErrorSummary message=revoke_error />
            <section aria-labelledby="tokens-heading">
                <h2 id="tokens-heading">"Your tokens"</h2>
                <Transition fallback=|| view! { <p class="loading">"Loading your tokens…"</p> }>
                    {move || Suspend::new(async move {
                        match tokens.await {
                            Err(error) => view! {
                                <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                            }.into_any(),
                            Ok(rows) if rows.is_empty() => view! {
                                <p id="no-tokens">"You have no tokens."</p>
                            }.into_any(),
                            Ok(rows) => view! { <TokenTable rows revoke /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <section aria-labelledby="new-token-heading">
                <h2 id="new-token-heading">"Make a token"</h2>
                <FieldErrorSummary errors=create_errors />
                <ActionForm action=create attr:class="form" attr:id="token-form" attr:novalidate=true>
                    <div class="form-group">
                        <label class="label" for="field-name">"Name"</label>
                        <p class="hint" id="field-name-hint">"What will use it, e.g. Grant report."</p>
                        <FieldMessage field="name" errors=create_errors />
                        <input class="input" id="field-name" name="name" type="text" maxlength="80"
                            aria-describedby="field-name-hint field-name-error" aria-invalid=invalid("name") />
                    </div>
                    <fieldset class="form-group" aria-describedby="field-scope-error">
                        <legend class="label">"What it may do"</legend>
                        <FieldMessage field="scope" errors=create_errors />
                        <div class="radio">
                            <input type="radio" id="scope-read" name="scope" value="read" checked />
                            <label for="scope-read">"Read"</label>
                        </div>
                        <div class="radio">
                            <input type="radio" id="scope-write" name="scope" value="write" />
                            <label for="scope-write">"Read and write (e.g. submit requests)"</label>
                        </div>
                    </fieldset>
                    <div class="form-group">
                        <label class="label" for="field-expires_in_days">"Expires after"</label>
                        <FieldMessage field="expires_in_days" errors=create_errors />
                        <select class="select" id="field-expires_in_days" name="expires_in_days"
                            aria-describedby="field-expires_in_days-error" aria-invalid=invalid("expires_in_days")>
                            <option value="30">"30 days"</option>
                            <option value="90" selected>"90 days"</option>
                            <option value="365">"1 year"</option>
                            <option value="never">"Never"</option>
                        </select>
                    </div>
                    <button class="button" type="submit" id="create-token" disabled=move || create.pending().get()>
                        {move || if create.pending().get() { "Making the token…" } else { "Make token" }}
                    </button>
                </ActionForm>
            </section>
        </div>
    }
}

#[component]
fn TokenTable(rows: Vec<ApiTokenRow>, revoke: ServerAction<RevokeApiToken>) -> impl IntoView {
    view! {
        <table class="table" id="token-table">
            <caption class="sr-only">"Your API tokens"</caption>
            <thead><tr>
                <th scope="col">"Name"</th>
                <th scope="col">"Token"</th>
                <th scope="col">"Scopes"</th>
                <th scope="col">"Made"</th>
                <th scope="col">"Expires"</th>
                <th scope="col">"Last used"</th>
                <th scope="col">"State"</th>
                <th scope="col">"Revoke"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let label = format!("Revoke {}", row.name);
                    view! {
                        <tr>
                            <td data-label="Name">{row.name.clone()}</td>
                            <td data-label="Token"><code>{row.prefix}</code></td>
                            <td data-label="Scopes">{row.scopes}</td>
                            <td data-label="Made">{row.created}</td>
                            <td data-label="Expires">{row.expires}</td>
                            <td data-label="Last used">{row.last_used}</td>
                            <td data-label="State">{row.state}</td>
                            <td data-label="Revoke">
                                {row.can_revoke.then(|| view! {
                                    <ActionForm action=revoke attr:class="form form--inline">
                                        <input type="hidden" name="token_id" value=row.id />
                                        <button class="button button--outline" type="submit" aria-label=label>
                                            "Revoke"
                                        </button>
                                    </ActionForm>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
