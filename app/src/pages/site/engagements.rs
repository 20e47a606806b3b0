//! `/engagements`: a site contact's engagements (their Diagnostic or Operations engagement and
//! where its phases stand), and `/engagements/{id}`: one engagement, for its site and for staff.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::engagements::{engagement_detail, my_engagements};
use crate::components::engagement::EngagementCard;
use crate::components::page::LoadError;

#[component]
pub fn MyEngagementsPage() -> impl IntoView {
    let engagements = Resource::new(|| (), |_| my_engagements());
    view! {
        <Title text="Our engagements" />
        <div class="container">
            <h1>"Our engagements"</h1>
            <Suspense fallback=|| view! { <p role="status">"Loading your engagements…"</p> }>
                {move || Suspend::new(async move {
                    match engagements.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <p>"Your site has no engagement yet: one opens with its first request. "
                                <a href="/requests/new">"Make a request"</a>"."</p>
                        }.into_any(),
                        Ok(list) => list
                            .into_iter()
                            .map(|engagement| view! { <EngagementCard engagement heading_level=2 /> })
                            .collect_view()
                            .into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
pub fn EngagementDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or_default()
    };
    let engagement = Resource::new(id, engagement_detail);
    view! {
        <Title text="Engagement" />
        <div class="container">
            <Suspense fallback=|| view! { <p role="status">"Loading the engagement…"</p> }>
                {move || Suspend::new(async move {
                    match engagement.await {
                        Err(error) => view! { <h1>"Engagement"</h1><LoadError error /> }.into_any(),
                        Ok(engagement) => view! { <EngagementCard engagement heading_level=1 /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
