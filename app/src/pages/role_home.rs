//! A logged-in person's home page: "Needs your action" and "Coming up", built for their role
//! by the service, each item a link to their own page for it; coordinators also choose how
//! notices of what waits for them arrive.

use contract::views::home::{Delivery, HomeItem, HomeView};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::error_message;
use crate::api::home::{SetNoticeDelivery, home_overview};

#[component]
pub fn RoleHome() -> impl IntoView {
    let overview = crate::resource::resource(|| (), |_| home_overview());
    view! {
        <Title text="Home" />
        <div class="container">
            <Transition fallback=|| view! { <p class="loading">"Loading what needs you…"</p> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(home) => view! { <HomeBody home /> }.into_any(),
                        Err(error) => view! {
                            <h1>"Home"</h1>
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn HomeBody(home: HomeView) -> impl IntoView {
    let greeting = if home.name.trim().is_empty() {
        "Welcome".to_owned()
    } else {
        format!("Welcome, {}", home.name.trim())
    };
    view! {
        <h1>{greeting}</h1>
        <section aria-labelledby="needs-action-heading" id="needs-action" class="panel">
            <h2 id="needs-action-heading">
                "Needs your action "
                <span class="badge" id="needs-action-count">{home.needs_action.len()}</span>
            </h2>
            <ItemList items=home.needs_action empty="Nothing waits for you. Well done." />
        </section>
        <section aria-labelledby="coming-up-heading" id="coming-up" class="panel">
            <h2 id="coming-up-heading">"Coming up"</h2>
            <ItemList items=home.coming_up empty="No session is coming up." />
        </section>
        {home.delivery.map(|delivery| view! { <DeliveryChoice delivery /> })}
    }
}

#[component]
fn ItemList(items: Vec<HomeItem>, empty: &'static str) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    view! {
        <ul class="home-items">
            {items.into_iter().map(|item| view! {
                <li class="home-item">
                    <span class="home-item__kind">{item.kind}</span>
                    " "
                    <a href=item.href>{item.title}</a>
                    <br />
                    <span class="muted">{item.detail}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Immediate e-mails or a daily digest.
#[component]
fn DeliveryChoice(delivery: Delivery) -> impl IntoView {
    let save = ServerAction::<SetNoticeDelivery>::new();
    let result = move || {
        save.value().get().map(|outcome| match outcome {
            Ok(chosen) => view! {
                <p class="alert alert--success" role="status">{format!("Saved: {}.", chosen.label())}</p>
            }
            .into_any(),
            Err(error) => view! {
                <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
            }
            .into_any(),
        })
    };
    view! {
        <section aria-labelledby="delivery-heading" id="notice-delivery" class="panel">
            <h2 id="delivery-heading">"How you hear of what waits for you"</h2>
            <ActionForm action=save attr:class="form">
                <fieldset class="fieldset">
                    <legend>"Acceptances, declines and sites' change requests"</legend>
                    {[Delivery::Immediate, Delivery::Daily].into_iter().map(|choice| {
                        let id = format!("delivery-{}", choice.as_str());
                        view! {
                            <div class="radio">
                                <input type="radio" name="delivery" value=choice.as_str() id=id.clone()
                                    checked=choice == delivery />
                                <label for=id>{choice.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button class="button" type="submit">"Save"</button>
            </ActionForm>
            {result}
        </section>
    }
}
