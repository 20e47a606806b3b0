//! `/admin/two-factor`: require two-factor authentication of administrators and coordinators
//! (with a grace period from each person's next log-in), see who has it on, and reset a
//! person's second factor when they lost their phone and recovery codes (audited).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::two_factor::{ResetTwoFactor, SaveTwoFactorPolicy, admin_two_factor};
use crate::components::forms::{ErrorSummary, SuccessNotice};
use crate::components::page::LoadError;

#[component]
pub fn TwoFactorAdminPage() -> impl IntoView {
    let save = ServerAction::<SaveTwoFactorPolicy>::new();
    let reset = ServerAction::<ResetTwoFactor>::new();
    let data = crate::resource::resource(
        move || (save.version().get(), reset.version().get()),
        |_| admin_two_factor(),
    );
    let (error, done) = super::latest_outcome(vec![
        Signal::derive(move || save.value().get()),
        Signal::derive(move || reset.value().get()),
    ]);
    view! {
        <Title text="Two-factor authentication" />
        <div class="container container--wide">
            <h1>"Two-factor authentication"</h1>
            <SuccessNotice message=done />
            <ErrorSummary message=error />
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(view) => view! {
                            <section class="card" aria-labelledby="policy-heading">
                                <h2 id="policy-heading">"Who must use it"</h2>
                                <ActionForm action=save attr:class="form" attr:id="two-factor-policy-form">
                                    <div class="form-group">
                                        <input type="checkbox" id="policy-required" name="required" value="on" checked=view.policy.required_for_staff />
                                        <label for="policy-required">" Require two-factor authentication for administrators and coordinators"</label>
                                    </div>
                                    <div class="form-group">
                                        <label class="label" for="policy-grace">"Grace period (days)"</label>
                                        <p class="hint" id="policy-grace-hint">"Counted from each person's first log-in after the requirement; after it they must set it up to log in. 0 to 90."</p>
                                        <input class="input input--short" id="policy-grace" name="grace_days" type="number" min="0" max="90" required value=view.policy.grace_days.to_string() aria-describedby="policy-grace-hint" />
                                    </div>
                                    <button class="button" type="submit">"Save"</button>
                                </ActionForm>
                            </section>
                            <section aria-labelledby="people-heading">
                                <h2 id="people-heading">"People"</h2>
                                <div class="table-wrap">
                                    <table class="table table--compact" id="two-factor-people">
                                        <caption class="sr-only">"Two-factor authentication by person"</caption>
                                        <thead><tr>
                                            <th scope="col">"Name"</th><th scope="col">"E-mail"</th><th scope="col">"Role"</th>
                                            <th scope="col">"Two-factor"</th><th scope="col">"Reset"</th>
                                        </tr></thead>
                                        <tbody>
                                            {view.people.into_iter().map(|p| view! {
                                                <tr data-user-id=p.user_id>
                                                    <th scope="row">{p.display_name.clone()}</th>
                                                    <td>{p.email.clone()}</td>
                                                    <td>{p.role_label.clone()}</td>
                                                    <td>{if p.enabled { "On" } else { "Off" }}</td>
                                                    <td>
                                                        {p.enabled.then(|| view! {
                                                            <ActionForm action=reset attr:class="form--inline">
                                                                <input type="hidden" name="user_id" value=p.user_id />
                                                                <button class="button button--outline" type="submit">
                                                                    "Reset" <span class="sr-only">{format!(" the second factor of {}", p.display_name)}</span>
                                                                </button>
                                                            </ActionForm>
                                                        })}
                                                    </td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            </section>
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}
