//! `/provider/availability`: the provider's weekly hours, date overrides and time off (in their
//! own zone), and a preview of the next four weeks of free time as the engine computes it for
//! coordinators, refreshed after every save.

mod editor;
mod preview;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::provider::{SaveMyAvailability, my_availability, my_free_time};
use crate::components::page::LoadError;
use editor::AvailabilityEditor;
use preview::FreeTimeCalendar;

#[component]
pub fn ProviderAvailabilityPage() -> impl IntoView {
    let page = crate::resource::resource(|| (), |_| my_availability());
    let save = ServerAction::<SaveMyAvailability>::new();
    // The preview is computed again after every save.
    let preview = crate::resource::resource(move || save.version().get(), |_| my_free_time());
    view! {
        <Title text="Your availability" />
        <div class="container">
            <h1>"Your availability"</h1>
            <p class="lead">
                "Coordinators only propose sessions inside these hours. Add several ranges to a day "
                "for breaks, override single dates, and add time off."
            </p>
            <Suspense fallback=|| view! { <p role="status">"Loading your availability…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(page) if !page.has_profile => view! {
                            <div class="alert alert--info" role="status">
                                <p>
                                    "Your hours are read in your home time zone: "
                                    <a href="/provider/profile">"save your profile"</a>
                                    " first, then come back here."
                                </p>
                            </div>
                        }.into_any(),
                        Ok(page) => view! { <AvailabilityEditor page save /> }.into_any(),
                    }
                })}
            </Suspense>
            <section class="preview" aria-labelledby="preview-heading">
                <h2 id="preview-heading">"Your free time, next four weeks"</h2>
                <p class="hint">
                    "What coordinators can book: your hours minus time off, holidays, and your "
                    "sessions with the buffers kept around them."
                </p>
                <Transition fallback=|| view! { <p role="status">"Working out your free time…"</p> }>
                    {move || Suspend::new(async move {
                        match preview.await {
                            Err(error) => view! { <LoadError error /> }.into_any(),
                            Ok(None) => view! { <p>"Save your profile to see your free time."</p> }.into_any(),
                            Ok(Some(preview)) => view! { <FreeTimeCalendar preview /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </div>
    }
}
