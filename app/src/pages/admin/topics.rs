//! `/admin/topics`: the topics a request can name. Add one, rename it, retire it (no longer
//! offered on the request form, still shown on the requests that name it) or offer it again.

use contract::FieldErrors;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::topics::{
    CreateTopic, RetireTopic, TopicRowView, UpdateTopic, admin_topics,
};
use crate::components::forms::{ErrorSummary, FieldErrorSummary, FieldMessage, SuccessNotice};
use crate::components::page::LoadError;

#[component]
pub fn TopicsPage() -> impl IntoView {
    let create = ServerAction::<CreateTopic>::new();
    let update = ServerAction::<UpdateTopic>::new();
    let retire = ServerAction::<RetireTopic>::new();
    let topics = crate::resource::resource(
        move || {
            (
                create.version().get(),
                update.version().get(),
                retire.version().get(),
            )
        },
        |_| admin_topics(),
    );
    let create_errors: Signal<FieldErrors> = Memo::new(move |_| match create.value().get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    })
    .into();
    // Success of any action; failures of the row actions (the add form lists its own).
    let (_, done) = super::latest_outcome(vec![
        Signal::derive(move || create.value().get()),
        Signal::derive(move || update.value().get()),
        Signal::derive(move || retire.value().get()),
    ]);
    let (row_error, _) = super::latest_outcome(vec![
        Signal::derive(move || update.value().get()),
        Signal::derive(move || retire.value().get()),
    ]);
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
        <Title text="Topics" />
        <div class="container">
            <h1>"Topics"</h1>
            <p class="lead">
                "The PSP core areas a site can ask for. A retired topic is no longer offered on the "
                "request form; requests that already name it keep it."
            </p>
            <SuccessNotice message=done />
            <ErrorSummary message=row_error />
            <Transition fallback=|| view! { <p class="loading">"Loading the topics…"</p> }>
                {move || Suspend::new(async move {
                    match topics.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(rows) => view! { <TopicTable rows update retire /> }.into_any(),
                    }
                })}
            </Transition>
            <section aria-labelledby="add-topic-heading">
                <h2 id="add-topic-heading">"Add a topic"</h2>
                <FieldErrorSummary errors=create_errors />
                <ActionForm action=create attr:class="form" attr:id="topic-form" attr:novalidate=true>
                    <div class="form-group">
                        <label class="label" for="field-name">"Name"</label>
                        <FieldMessage field="name" errors=create_errors />
                        <input class="input" id="field-name" name="name" type="text" maxlength="100"
                            aria-describedby="field-name-error" aria-invalid=invalid("name") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-description">"Description (optional)"</label>
                        <FieldMessage field="description" errors=create_errors />
                        <textarea class="textarea" id="field-description" name="description" rows="2"
                            aria-describedby="field-description-error" aria-invalid=invalid("description")></textarea>
                    </div>
                    <button class="button" type="submit">"Add topic"</button>
                </ActionForm>
            </section>
        </div>
    }
}

#[component]
fn TopicTable(
    rows: Vec<TopicRowView>,
    update: ServerAction<UpdateTopic>,
    retire: ServerAction<RetireTopic>,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table" id="topic-table">
                <caption class="sr-only">"Topics"</caption>
                <thead><tr>
                    <th scope="col">"Topic"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Change"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|t| {
                        let name_id = format!("topic-{}-name", t.id);
                        let description_id = format!("topic-{}-description", t.id);
                        let (name, description) = (t.name.clone(), t.description.clone());
                        let retire_label = format!(" {}", t.name);
                        let retired = t.retired;
                        view! {
                            <tr data-topic-id=t.id>
                                <th scope="row">
                                    {t.name.clone()}
                                    <br /><span class="muted">{t.description.clone()}</span>
                                </th>
                                <td>
                                    {if t.retired {
                                        view! { <span class="tag tag--retired">"Retired"</span> }.into_any()
                                    } else {
                                        view! { <span class="tag tag--offered">"Offered"</span> }.into_any()
                                    }}
                                </td>
                                <td class="actions">
                                    <details>
                                        <summary>"Rename " <span class="sr-only">{t.name.clone()}</span></summary>
                                        <ActionForm action=update attr:class="form">
                                            <input type="hidden" name="id" value=t.id />
                                            <div class="form-group">
                                                <label class="label" for=name_id.clone()>"New name"</label>
                                                <input class="input" id=name_id name="name" value=name maxlength="100" />
                                            </div>
                                            <div class="form-group">
                                                <label class="label" for=description_id.clone()>"Description"</label>
                                                <textarea class="textarea" id=description_id name="description" rows="2">{description}</textarea>
                                            </div>
                                            <button class="button" type="submit">"Save"</button>
                                        </ActionForm>
                                    </details>
                                    <ActionForm action=retire attr:class="form--inline">
                                        <input type="hidden" name="id" value=t.id />
                                        <input type="hidden" name="retired" value=(!retired).to_string() />
                                        <button class="button button--outline" type="submit">
                                            {if retired { "Offer again" } else { "Retire" }}
                                            <span class="sr-only">{retire_label}</span>
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
