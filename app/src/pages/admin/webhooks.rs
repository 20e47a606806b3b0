//! `/admin/webhooks`: administrators register endpoints (URL, description, events), read an
//! endpoint's signing secret once (after registering it or rotating it), enable or disable it,
//! and follow each endpoint's deliveries with every attempt (status code, duration, the
//! answer's first characters, the error) — replaying any delivered or failed one. An endpoint
//! disabled after repeated failures shows why.

use contract::views::webhooks::{NewWebhookSecret, WebhookDeliveryRow, WebhookEndpointRow};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::webhooks::{
    RegisterWebhook, ReplayWebhook, RotateWebhookSecret, SetWebhookEnabled, admin_webhooks,
};
use crate::api::error_message;
use crate::components::forms::{ErrorSummary, FieldErrorSummary, FieldMessage, failure, refusals};

#[component]
pub fn WebhooksAdminPage() -> impl IntoView {
    let register = ServerAction::<RegisterWebhook>::new();
    let enabled = ServerAction::<SetWebhookEnabled>::new();
    let rotate = ServerAction::<RotateWebhookSecret>::new();
    let replay = ServerAction::<ReplayWebhook>::new();
    let reload = RwSignal::new(0u32);
    let page = crate::resource::resource(
        move || {
            (
                register.version().get(),
                enabled.version().get(),
                rotate.version().get(),
                replay.version().get(),
                reload.get(),
            )
        },
        |_| admin_webhooks(),
    );
    let (errors, _) = refusals(register);
    let enabled_error = failure(move || enabled.value().get());
    let rotate_error = failure(move || rotate.value().get());
    let replay_error = failure(move || replay.value().get());
    let action_error = Signal::derive(move || {
        enabled_error
            .get()
            .or_else(|| rotate_error.get())
            .or_else(|| replay_error.get())
    });
    let registered = move || register.value().get().and_then(Result::ok);
    let rotated = move || rotate.value().get().and_then(Result::ok);
    let invalid = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .get()
                .iter()
                .any(|e| e.field == field)
                .then_some("true")
        })
    };
    view! {
        <Title text="Webhooks" />
        <div class="container container--wide">
            <h1>"Webhooks"</h1>
            <p class="lead">
                "Endpoints receive a signed POST (Standard Webhooks: "
                <code>"webhook-id"</code>", "<code>"webhook-timestamp"</code>", "
                <code>"webhook-signature"</code>
                ") for each event they chose. Failed deliveries are retried after 5 s, 30 s, 2 min, 10 min, 1 h, 6 h and 12 h; an endpoint that keeps failing is disabled and the administrators are e-mailed."
            </p>
            {move || registered().map(|secret| view! { <SecretNotice secret heading="Endpoint registered" /> })}
            {move || rotated().map(|secret| view! { <SecretNotice secret heading="Secret rotated" /> })}
            <ErrorSummary message=action_error />
            <section aria-labelledby="endpoints-heading">
                <h2 id="endpoints-heading">"Endpoints"</h2>
                <button class="button button--outline" type="button" id="refresh-webhooks"
                    on:click=move |_| reload.update(|n| *n += 1)>"Refresh deliveries"</button>
                <Transition fallback=|| view! { <p class="loading">"Loading the endpoints…"</p> }>
                    {move || Suspend::new(async move {
                        match page.await {
                            Err(error) => view! {
                                <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                            }.into_any(),
                            Ok(page) if page.endpoints.is_empty() => view! {
                                <p id="no-webhooks">"No endpoint is registered."</p>
                            }.into_any(),
                            Ok(page) => page.endpoints.into_iter().map(|endpoint| view! {
                                <Endpoint endpoint enabled rotate replay />
                            }).collect_view().into_any(),
                        }
                    })}
                </Transition>
            </section>
            <section aria-labelledby="register-heading">
                <h2 id="register-heading">"Register an endpoint"</h2>
                <FieldErrorSummary errors />
                <ActionForm action=register attr:class="form" attr:id="webhook-form" attr:novalidate=true>
                    <div class="form-group">
                        <label class="label" for="field-url">"Address (URL)"</label>
                        <p class="hint" id="field-url-hint">"https://…, without a user name or password."</p>
                        <FieldMessage field="url" errors />
                        <input class="input" id="field-url" name="form[url]" type="url" maxlength="2048"
                            aria-describedby="field-url-hint field-url-error" aria-invalid=invalid("url") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-description">"Description"</label>
                        <FieldMessage field="description" errors />
                        <input class="input" id="field-description" name="form[description]" type="text" maxlength="200"
                            aria-describedby="field-description-error" aria-invalid=invalid("description") />
                    </div>
                    <fieldset class="form-group" aria-describedby="field-events-error" id="field-events">
                        <legend class="label">"Events"</legend>
                        <FieldMessage field="events" errors />
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                page.await.map(|page| page.events.into_iter().map(|(name, label)| {
                                    let id = format!("event-{}", name.replace('.', "-"));
                                    view! {
                                        <div class="checkbox">
                                            <input type="checkbox" id=id.clone() name="form[events][]" value=name.clone() />
                                            <label for=id>{label} " (" <code>{name}</code> ")"</label>
                                        </div>
                                    }
                                }).collect_view()).ok()
                            })}
                        </Suspense>
                    </fieldset>
                    <button class="button" type="submit" id="register-webhook" disabled=move || register.pending().get()>
                        {move || if register.pending().get() { "Registering…" } else { "Register endpoint" }}
                    </button>
                </ActionForm>
            </section>
        </div>
    }
}

#[component]
fn SecretNotice(secret: NewWebhookSecret, heading: &'static str) -> impl IntoView {
    view! {
        <div class="alert alert--success" role="status" id="webhook-secret">
            <h2 class="alert__heading">{format!("{heading}: {}", secret.url)}</h2>
            <p>"Copy the signing secret now: it is shown only this once."</p>
            <label class="label" for="webhook-secret-value">"Signing secret"</label>
            <input class="input" id="webhook-secret-value" readonly value=secret.secret />
        </div>
    }
}

#[component]
fn Endpoint(
    endpoint: WebhookEndpointRow,
    enabled: ServerAction<SetWebhookEnabled>,
    rotate: ServerAction<RotateWebhookSecret>,
    replay: ServerAction<ReplayWebhook>,
) -> impl IntoView {
    let heading = format!("endpoint-{}-heading", endpoint.id);
    let heading_id = heading.clone();
    let (toggle_label, toggle_to) = if endpoint.enabled {
        (format!("Disable {}", endpoint.url), "false")
    } else {
        (format!("Enable {}", endpoint.url), "true")
    };
    let rotate_label = format!("Rotate the secret of {}", endpoint.url);
    let state = if endpoint.enabled {
        "enabled"
    } else {
        "disabled"
    };
    let deliveries = endpoint.deliveries;
    view! {
        <article class="card" aria-labelledby=heading data-endpoint-id=endpoint.id>
            <h3 id=heading_id>{endpoint.url.clone()}</h3>
            {endpoint.disabled_notice.map(|notice| view! {
                <div class="alert alert--warning" role="status"><p>{notice}</p></div>
            })}
            <dl class="summary">
                <dt>"Description"</dt><dd>{endpoint.description}</dd>
                <dt>"State"</dt><dd><span class=format!("tag tag--{state}")>{state}</span></dd>
                <dt>"Events"</dt><dd>{endpoint.events.join(", ")}</dd>
                <dt>"Failures in a row"</dt><dd>{endpoint.consecutive_failures}</dd>
                <dt>"Registered"</dt><dd>{endpoint.created}</dd>
            </dl>
            <ActionForm action=enabled attr:class="form form--inline">
                <input type="hidden" name="endpoint_id" value=endpoint.id />
                <input type="hidden" name="enabled" value=toggle_to />
                <button class="button button--outline" type="submit" aria-label=toggle_label.clone()>
                    {if toggle_to == "true" { "Enable" } else { "Disable" }}
                </button>
            </ActionForm>
            <ActionForm action=rotate attr:class="form form--inline">
                <input type="hidden" name="endpoint_id" value=endpoint.id />
                <button class="button button--outline" type="submit" aria-label=rotate_label>"Rotate secret"</button>
            </ActionForm>
            <Deliveries rows=deliveries replay />
        </article>
    }
}

#[component]
fn Deliveries(rows: Vec<WebhookDeliveryRow>, replay: ServerAction<ReplayWebhook>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>"No deliveries yet."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table table--compact webhook-deliveries">
                <caption>"Deliveries, newest first"</caption>
                <thead><tr>
                    <th scope="col">"Event"</th><th scope="col">"Webhook id"</th><th scope="col">"Status"</th>
                    <th scope="col">"Attempts"</th><th scope="col">"Queued"</th><th scope="col">"Replay"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|d| {
                        let label = format!("Replay {} ({})", d.event, d.webhook_id);
                        view! {
                            <tr data-delivery-id=d.id data-status=d.status.clone()>
                                <th scope="row">{d.event.clone()}</th>
                                <td><code>{d.webhook_id.clone()}</code></td>
                                <td>
                                    <span class=format!("tag tag--{}", d.status)>{d.status.clone()}</span>
                                    {(!d.next_attempt.is_empty()).then(|| view! { <br /><span class="muted">{format!("next try {}", d.next_attempt)}</span> })}
                                    {(!d.last_error.is_empty()).then(|| view! { <br /><span class="muted">{d.last_error.clone()}</span> })}
                                </td>
                                <td>
                                    <details>
                                        <summary>{format!("{} attempt(s)", d.attempts)}</summary>
                                        <ol class="attempt-log">
                                            {d.attempt_log.into_iter().map(|a| view! {
                                                <li data-outcome=a.outcome.clone()>
                                                    {format!("#{} {} — {}{} in {} ms", a.attempt, a.started, a.outcome,
                                                        if a.status_code.is_empty() { String::new() } else { format!(", HTTP {}", a.status_code) },
                                                        a.duration_ms)}
                                                    {(!a.error.is_empty()).then(|| view! { <br /><span>{a.error.clone()}</span> })}
                                                    {(!a.response_excerpt.is_empty()).then(|| view! { <br /><code>{a.response_excerpt.clone()}</code> })}
                                                </li>
                                            }).collect_view()}
                                        </ol>
                                    </details>
                                </td>
                                <td>{d.created}</td>
                                <td>
                                    {d.can_replay.then(|| view! {
                                        <ActionForm action=replay attr:class="form--inline">
                                            <input type="hidden" name="delivery_id" value=d.id />
                                            <button class="button button--outline" type="submit" aria-label=label>"Replay"</button>
                                        </ActionForm>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
