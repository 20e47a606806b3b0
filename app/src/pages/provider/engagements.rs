//! `/provider/engagements`: the engagements a provider serves, their role in each, and their
//! next session there, each linking to the engagement's page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::engagements::engagements_serving;
use crate::components::page::LoadError;

#[component]
pub fn ProviderEngagementsPage() -> impl IntoView {
    let serving = crate::resource::resource(|| (), |_| engagements_serving());
    view! {
        <Title text="Engagements I serve" />
        <div class="container">
            <h1>"Engagements I serve"</h1>
            <Suspense fallback=|| view! { <p role="status">"Loading your engagements…"</p> }>
                {move || Suspend::new(async move {
                    match serving.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(lines) if lines.is_empty() => view! {
                            <p>"You are not on any engagement's team yet. A coordinator adds you with your role."</p>
                        }.into_any(),
                        Ok(lines) => view! {
                            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="serving-caption">
                                <table class="table" id="serving-table">
                                    <caption id="serving-caption">"Engagements whose TTA team you are on"</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Engagement"</th>
                                            <th scope="col">"Your role"</th>
                                            <th scope="col">"Status"</th>
                                            <th scope="col">"Your next session"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {lines.into_iter().map(|line| view! {
                                            <tr>
                                                <th scope="row">
                                                    <a href=format!("/engagements/{}", line.engagement_id)>
                                                        {format!("{} engagement, {}", line.kind, line.site)}
                                                    </a>
                                                </th>
                                                <td data-label="Your role">{line.role.label()}</td>
                                                <td data-label="Status">
                                                    <span class=format!("tag tag--{}", line.status.as_str())>{line.status.label()}</span>
                                                </td>
                                                <td data-label="Your next session">
                                                    {line.next_session.unwrap_or_else(|| "None planned".to_owned())}
                                                </td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
