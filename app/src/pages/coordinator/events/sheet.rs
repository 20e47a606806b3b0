//! `/coordinator/events/<id>/sign-in`: the printable sign-in sheet — every participant with a
//! seat by name, with a column to sign. For who may see the participants.

use leptos::prelude::*;
use leptos_meta::Title;

use super::route_id;
use crate::api::error_message;
use crate::api::events::load_sign_in_sheet;

#[component]
pub fn SignInSheetPage() -> impl IntoView {
    let id = route_id();
    let sheet = crate::resource::resource(id, load_sign_in_sheet);
    view! {
        <Title text="Sign-in sheet" />
        <div class="container sign-in-sheet">
            <Suspense fallback=|| view! { <p role="status">"Loading the sheet…"</p> }>
                {move || Suspend::new(async move {
                    match sheet.await {
                        Err(error) => view! {
                            <h1>"Sign-in sheet"</h1>
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                        Ok(sheet) => view! {
                            <h1>{format!("Sign-in sheet: {}", sheet.title)}</h1>
                            <p>{format!("{} · {} · {}", sheet.kind_label, sheet.when, sheet.host_site)}</p>
                            <p>{sheet.location.clone()}</p>
                            <p class="no-print"><a href=format!("/coordinator/events/{}", id())>"Back to the event"</a></p>
                            {sheet.pdf_path.clone().map(|path| view! {
                                <p class="no-print"><a href=path id="sign-in-pdf" download>"Download the sheet as a PDF"</a></p>
                            })}
                            <table class="table table--sheet" id="sign-in-table">
                                <caption class="sr-only">"Participants with a seat, by name"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Name"</th>
                                        <th scope="col">"Agency"</th>
                                        <th scope="col">"Job role"</th>
                                        <th scope="col">"Signature"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {sheet.lines.into_iter().map(|l| view! {
                                        <tr>
                                            <th scope="row">{l.name}</th>
                                            <td data-label="Agency">{l.agency}</td>
                                            <td data-label="Job role">{l.job_role}</td>
                                            <td data-label="Signature">{l.note}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
