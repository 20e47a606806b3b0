//! `/certificates/verify` and `/certificates/verify/<code>`: anyone checks a certificate of
//! completion's verification code (no log-in). The form sends the code in the address
//! (`?code=…`), so the answer is a page that can be shared; the answer says valid, revoked or
//! unknown, with only the participant's name, the event and its date.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use contract::views::certificate::CertificateCheck;

use crate::api::certificates::verify_certificate;
use crate::api::error_message;

#[component]
pub fn VerifyCertificatePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let code = move || {
        params
            .read()
            .get("code")
            .or_else(|| query.read().get("code"))
            .unwrap_or_default()
    };
    let check = crate::resource::resource(code, |code| async move {
        if code.trim().is_empty() {
            Ok(None)
        } else {
            verify_certificate(code).await.map(Some)
        }
    });
    view! {
        <Title text="Verify a certificate" />
        <div class="container container--narrow">
            <h1>"Verify a certificate of completion"</h1>
            <p>"Type the verification code printed at the bottom of the certificate."</p>
            <form class="form" method="get" action="/certificates/verify" id="verify-form">
                <div class="form-group">
                    <label class="label" for="field-code">"Verification code"</label>
                    <p class="hint" id="field-code-hint">"16 letters and digits, for example K7QM-2XHD-9RTA-B4NW"</p>
                    <input class="input" id="field-code" name="code" autocomplete="off"
                        autocapitalize="characters" spellcheck="false" aria-describedby="field-code-hint"
                        value=code />
                </div>
                <button class="button" type="submit" id="verify">"Check the code"</button>
            </form>
            <Suspense fallback=|| view! { <p role="status">"Checking the code…"</p> }>
                {move || Suspend::new(async move {
                    match check.await {
                        Err(error) => view! {
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                        Ok(None) => ().into_any(),
                        Ok(Some(check)) => view! { <Answer check /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Answer(check: CertificateCheck) -> impl IntoView {
    let class = if check.valid {
        "alert alert--success"
    } else {
        "alert alert--error"
    };
    view! {
        <section aria-labelledby="answer-heading" id="verification" data-status=check.status.clone()>
            <h2 id="answer-heading">{format!("Code {}", check.code)}</h2>
            <div class=class role="status"><p id="verification-message">{check.message.clone()}</p></div>
            {check.name.clone().map(|name| view! {
                <dl class="facts">
                    <dt>"Participant"</dt><dd id="verified-name">{name}</dd>
                    <dt>"Event"</dt><dd id="verified-event">{check.event.clone().unwrap_or_default()}</dd>
                    <dt>"Date"</dt><dd id="verified-date">{check.date.clone().unwrap_or_default()}</dd>
                </dl>
            })}
        </section>
    }
}
