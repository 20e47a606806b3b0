//! `/engagements`: a site contact's engagements (their Diagnostic or Operations engagement and
//! where its phases stand), and `/engagements/{id}`: one engagement, for its site and for staff.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::engagement_lifecycle::{CloseEngagement, RecordPhaseDates};
use crate::api::engagements::{engagement_detail, my_engagements};
use crate::components::engagement::EngagementCard;
use crate::components::engagement_cadence::EngagementCadence;
use crate::components::engagement_steering::EngagementSteering;
use crate::components::engagement_timeline::EngagementTimelineSection;
use crate::components::operations_from_plan::OperationsFromPlan;
use crate::components::page::LoadError;

#[component]
pub fn MyEngagementsPage() -> impl IntoView {
    let engagements = crate::resource::resource(|| (), |_| my_engagements());
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
                            .map(|engagement| {
                                // The engagement's own page adds its timeline and next sessions.
                                let href = format!("/engagements/{}", engagement.id);
                                let label = format!("Timeline and next sessions of the {} engagement", engagement.kind);
                                view! {
                                    <EngagementCard engagement heading_level=2 />
                                    <p class="engagement-link"><a href=href>{label}</a></p>
                                }
                            })
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
    let record = ServerAction::<RecordPhaseDates>::new();
    let close = ServerAction::<CloseEngagement>::new();
    // Read again after each change, so the phases and status shown are the saved ones.
    let engagement = crate::resource::resource(
        move || (id(), record.version().get(), close.version().get()),
        |(id, _, _)| engagement_detail(id),
    );
    view! {
        <Title text="Engagement" />
        <div class="container">
            <Transition fallback=|| view! { <p role="status">"Loading the engagement…"</p> }>
                {move || Suspend::new(async move {
                    match engagement.await {
                        Err(error) => view! { <h1>"Engagement"</h1><LoadError error /> }.into_any(),
                        Ok(engagement) => {
                            let id = engagement.id;
                            let from_plan = engagement.can_steer.then(|| view! { <OperationsFromPlan engagement_id=id /> });
                            let cadence = engagement.can_steer.then(|| view! { <EngagementCadence engagement_id=id /> });
                            let peer_exchange = engagement.can_steer.then(|| view! {
                                <p>
                                    <a class="button button--outline" href=format!("/coordinator/peer-exchanges/new?engagement={id}")>
                                        "Arrange a peer exchange hosted by this site"
                                    </a>
                                </p>
                            });
                            let steering = engagement.can_steer.then(|| view! {
                                <EngagementSteering
                                    engagement_id=engagement.id
                                    status=engagement.status
                                    phases=engagement.phases.clone()
                                    record
                                    close
                                />
                            });
                            view! {
                                <EngagementCard engagement heading_level=1 />
                                <EngagementTimelineSection engagement_id=id />
                                {from_plan}
                                {cadence}
                                {peer_exchange}
                                {steering}
                            }
                            .into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}
