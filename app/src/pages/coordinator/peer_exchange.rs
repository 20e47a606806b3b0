//! `/coordinator/peer-exchanges/new`: the coordinator arranges a peer exchange on behalf of the
//! host site (`?engagement=<id>`, the engagement page's link, chooses its site as host): host and
//! visiting site, topic and title, the dates window, length, modality and the hours on the
//! host's clock. The exchange then waits in the queue and is brokered like any request.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use contract::views::peer_exchange::PeerExchangeChoices;

use crate::api::error_message;
use crate::api::peer_exchanges::{ArrangePeerExchange, arrange_choices};
use crate::components::forms::{FieldErrorSummary, FieldMessage, refusals};

#[component]
pub fn ArrangePeerExchangePage() -> impl IntoView {
    let query = use_query_map();
    let engagement = move || {
        query
            .read()
            .get("engagement")
            .and_then(|id| id.parse::<i32>().ok())
    };
    let choices = crate::resource::resource(engagement, arrange_choices);
    view! {
        <Title text="Arrange a peer exchange" />
        <div class="container">
            <h1>"Arrange a peer exchange"</h1>
            <p class="lead">
                "A host site receives a visiting site of the programme, usually with a provider "
                "facilitating. The exchange belongs to the host's engagement; both sites' contacts "
                "see it and its sessions in their own time zones."
            </p>
            <Suspense fallback=|| view! { <p role="status">"Loading the form…"</p> }>
                {move || Suspend::new(async move {
                    match choices.await {
                        Ok(choices) => view! { <ArrangeForm choices /> }.into_any(),
                        Err(error) => view! {
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn ArrangeForm(choices: PeerExchangeChoices) -> impl IntoView {
    let host = choices
        .host_site_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    let arrange = ServerAction::<ArrangePeerExchange>::new();
    let (errors, _) = refusals(arrange);
    let invalid = move |field: &'static str| {
        Signal::derive(move || errors.get().message_for(field).map(|_| "true"))
    };
    let site_options = move |selected: String| {
        choices
            .sites
            .iter()
            .map(|s| {
                let chosen = s.id.to_string() == selected;
                view! {
                    <option value=s.id.to_string() selected=chosen>
                        {format!("{} — {}", s.name, s.zone_label)}
                    </option>
                }
            })
            .collect_view()
    };
    let host_options = site_options(host);
    let visiting_options = site_options(String::new());
    view! {
        <FieldErrorSummary errors />
        <ActionForm action=arrange attr:class="form form--wide" attr:id="peer-exchange-form" attr:novalidate=true>
            <div class="form-row">
                <div class="form-group">
                    <label class="label" for="field-host_site_id">"Host site"</label>
                    <FieldMessage field="host_site_id" errors />
                    <select class="select" id="field-host_site_id" name="form[host_site_id]"
                        aria-describedby="field-host_site_id-error" aria-invalid=invalid("host_site_id")>
                        <option value="">"Choose the host…"</option>
                        {host_options}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="field-visiting_site_id">"Visiting site"</label>
                    <FieldMessage field="visiting_site_id" errors />
                    <select class="select" id="field-visiting_site_id" name="form[visiting_site_id]"
                        aria-describedby="field-visiting_site_id-error" aria-invalid=invalid("visiting_site_id")>
                        <option value="">"Choose the visitor…"</option>
                        {visiting_options}
                    </select>
                </div>
            </div>
            <div class="form-group">
                <label class="label" for="field-title">"Title"</label>
                <span class="hint" id="field-title-hint">"e.g. “Houston's gun-crime unit visits Memphis's crime gun intelligence centre”."</span>
                <FieldMessage field="title" errors />
                <input class="input" id="field-title" name="form[title]" type="text" maxlength="200"
                    aria-describedby="field-title-hint field-title-error" aria-invalid=invalid("title") />
            </div>
            <div class="form-row">
                <div class="form-group">
                    <label class="label" for="field-topic_id">"Topic (PSP core area)"</label>
                    <FieldMessage field="topic_id" errors />
                    <select class="select" id="field-topic_id" name="form[topic_id]"
                        aria-describedby="field-topic_id-error" aria-invalid=invalid("topic_id")>
                        <option value="">"Choose a topic…"</option>
                        {choices.topics.iter().map(|t| view! {
                            <option value=t.id.to_string()>{t.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="field-modality">"Modality"</label>
                    <FieldMessage field="modality" errors />
                    <select class="select" id="field-modality" name="form[modality]"
                        aria-describedby="field-modality-error" aria-invalid=invalid("modality")>
                        <option value="on_site">"On-site at the host"</option>
                        <option value="virtual">"Virtual"</option>
                        <option value="hybrid">"Hybrid"</option>
                    </select>
                </div>
            </div>
            <div class="form-group">
                <label class="label" for="field-description">"What the sites will exchange"</label>
                <span class="hint" id="field-description-hint">"Optional."</span>
                <FieldMessage field="description" errors />
                <textarea class="textarea" id="field-description" name="form[description]" rows="3"
                    aria-describedby="field-description-hint field-description-error" aria-invalid=invalid("description")></textarea>
            </div>
            <div class="form-row">
                <div class="form-group">
                    <label class="label" for="field-session_count">"Number of sessions"</label>
                    <FieldMessage field="session_count" errors />
                    <input class="input input--short" id="field-session_count" name="form[session_count]" type="text" inputmode="numeric" value="1"
                        aria-describedby="field-session_count-error" aria-invalid=invalid("session_count") />
                </div>
                <div class="form-group">
                    <label class="label" for="field-cadence">"How often"</label>
                    <FieldMessage field="cadence" errors />
                    <select class="select" id="field-cadence" name="form[cadence]"
                        aria-describedby="field-cadence-error" aria-invalid=invalid("cadence")>
                        <option value="once">"Once"</option>
                        <option value="weekly">"Weekly"</option>
                        <option value="biweekly">"Every two weeks"</option>
                        <option value="monthly">"Monthly"</option>
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="field-session_minutes">"Length (minutes)"</label>
                    <FieldMessage field="session_minutes" errors />
                    <input class="input input--short" id="field-session_minutes" name="form[session_minutes]" type="text" inputmode="numeric" value="180"
                        aria-describedby="field-session_minutes-error" aria-invalid=invalid("session_minutes") />
                </div>
            </div>
            <div class="form-row">
                <div class="form-group">
                    <label class="label" for="field-earliest_date">"Earliest date"</label>
                    <FieldMessage field="earliest_date" errors />
                    <input class="input" id="field-earliest_date" name="form[earliest_date]" type="date"
                        aria-describedby="field-earliest_date-error" aria-invalid=invalid("earliest_date") />
                </div>
                <div class="form-group">
                    <label class="label" for="field-latest_date">"Latest date"</label>
                    <FieldMessage field="latest_date" errors />
                    <input class="input" id="field-latest_date" name="form[latest_date]" type="date"
                        aria-describedby="field-latest_date-error" aria-invalid=invalid("latest_date") />
                </div>
            </div>
            <div class="form-row">
                <div class="form-group">
                    <label class="label" for="field-preferred_start">"Weekday hours from (host's clock)"</label>
                    <FieldMessage field="preferred_start" errors />
                    <input class="input" id="field-preferred_start" name="form[preferred_start]" type="time" value="09:00"
                        aria-describedby="field-preferred_start-error" aria-invalid=invalid("preferred_start") />
                </div>
                <div class="form-group">
                    <label class="label" for="field-preferred_end">"Until (host's clock)"</label>
                    <FieldMessage field="preferred_end" errors />
                    <input class="input" id="field-preferred_end" name="form[preferred_end]" type="time" value="16:00"
                        aria-describedby="field-preferred_end-error" aria-invalid=invalid("preferred_end") />
                </div>
            </div>
            <button class="button" type="submit" id="arrange-peer-exchange" disabled=move || arrange.pending().get()>
                {move || if arrange.pending().get() { "Arranging…" } else { "Arrange the peer exchange" }}
            </button>
        </ActionForm>
    }
}
