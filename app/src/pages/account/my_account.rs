//! `/account` ("My account"), for every logged-in person: name and time zone, e-mail address
//! (changed through a link sent to the new address), password, two-factor authentication and
//! the live log-in sessions, each endable.

use contract::account::{AccountView, LoginSessionRow};
use leptos::prelude::*;
use leptos_meta::Title;

use super::enrolment::{RecoveryCodes, ScanSecret};
use super::failure_text;
use crate::api::account::{
    ChangeEmail, ChangePassword, ConfirmTwoFactor, EndSession, SaveProfile, StartTwoFactor,
    TurnOffTwoFactor, account_overview,
};
use crate::components::forms::{ErrorSummary, SuccessNotice, TIME_ZONES};
use crate::components::page::LoadError;

/// The last outcome of any of `values`: (error, success) texts.
fn outcome(
    values: Vec<Signal<Option<Result<String, ServerFnError>>>>,
) -> (Signal<Option<String>>, Signal<Option<String>>) {
    let last = RwSignal::new(None::<Result<String, String>>);
    for value in values {
        Effect::new(move |_| {
            if let Some(result) = value.get() {
                last.set(Some(result.map_err(|e| failure_text(&e))));
            }
        });
    }
    (
        Signal::derive(move || last.get().and_then(|r| r.err())),
        Signal::derive(move || last.get().and_then(|r| r.ok())),
    )
}

#[component]
pub fn MyAccountPage() -> impl IntoView {
    let profile = ServerAction::<SaveProfile>::new();
    let email = ServerAction::<ChangeEmail>::new();
    let password = ServerAction::<ChangePassword>::new();
    let end = ServerAction::<EndSession>::new();
    let start = ServerAction::<StartTwoFactor>::new();
    let confirm = ServerAction::<ConfirmTwoFactor>::new();
    let off = ServerAction::<TurnOffTwoFactor>::new();
    let account = crate::resource::resource(
        move || {
            (
                profile.version().get(),
                email.version().get(),
                password.version().get(),
                end.version().get(),
                confirm.version().get(),
                off.version().get(),
            )
        },
        |_| account_overview(),
    );
    let (error, done) = outcome(vec![
        Signal::derive(move || profile.value().get()),
        Signal::derive(move || email.value().get()),
        Signal::derive(move || password.value().get()),
        Signal::derive(move || end.value().get()),
        Signal::derive(move || off.value().get()),
        Signal::derive(move || {
            confirm.value().get().map(|r| {
                r.map(|_| {
                    "Two-factor authentication is on. You were logged out everywhere else."
                        .to_owned()
                })
            })
        }),
        Signal::derive(move || start.value().get().and_then(|r| r.err()).map(Err)),
    ]);
    view! {
        <Title text="My account" />
        <div class="container">
            <h1>"My account"</h1>
            <SuccessNotice message=done />
            <ErrorSummary message=error />
            <Transition fallback=|| view! { <p class="loading">"Loading your account…"</p> }>
                {move || Suspend::new(async move {
                    match account.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(view) => view! {
                            <Details view=view.clone() profile email />
                            <PasswordSection password />
                            <TwoFactorSection view=view.clone() start confirm off />
                            <SessionsSection sessions=view.sessions end />
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Details(
    view: AccountView,
    profile: ServerAction<SaveProfile>,
    email: ServerAction<ChangeEmail>,
) -> impl IntoView {
    let zone = view.time_zone.clone();
    let known = TIME_ZONES.iter().any(|(value, _)| *value == zone);
    view! {
        <section class="card" aria-labelledby="details-heading">
            <h2 id="details-heading">"Your details"</h2>
            <ActionForm action=profile attr:class="form" attr:id="profile-form">
                <div class="form-group">
                    <label class="label" for="account-name">"Name"</label>
                    <input class="input" id="account-name" name="display_name" type="text" autocomplete="name" required value=view.display_name.clone() />
                </div>
                <div class="form-group">
                    <label class="label" for="account-zone">"Time zone"</label>
                    <p class="hint" id="account-zone-hint">"Every time is shown to you in this zone."</p>
                    <select class="select" id="account-zone" name="time_zone" aria-describedby="account-zone-hint">
                        {(!known).then(|| view! { <option value=zone.clone() selected=true>{zone.clone()}</option> })}
                        {TIME_ZONES.iter().map(|(value, label)| view! {
                            <option value=*value selected=*value == view.time_zone>{*label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button class="button" type="submit">"Save name and time zone"</button>
            </ActionForm>
            <h3>"E-mail address"</h3>
            <p>"You log in with " <strong id="account-email">{view.email.clone()}</strong> "."</p>
            {view.pending_email.clone().map(|pending| view! {
                <p class="hint" id="pending-email">
                    {format!("Waiting for confirmation: {pending}. Open the link we sent there to make the change.")}
                </p>
            })}
            <details>
                <summary>"Change your e-mail address"</summary>
                <ActionForm action=email attr:class="form" attr:id="email-form">
                    <div class="form-group">
                        <label class="label" for="account-new-email">"New e-mail address"</label>
                        <input class="input" id="account-new-email" name="email" type="email" autocomplete="email" required />
                    </div>
                    <div class="form-group">
                        <label class="label" for="account-email-password">"Your current password"</label>
                        <input class="input" id="account-email-password" name="current_password" type="password" autocomplete="current-password" required />
                    </div>
                    <button class="button" type="submit">"Send the confirmation link"</button>
                </ActionForm>
            </details>
        </section>
    }
}

#[component]
fn PasswordSection(password: ServerAction<ChangePassword>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">"Password"</h2>
            <p>"Changing it logs you out on every other device."</p>
            <ActionForm action=password attr:class="form" attr:id="password-form">
                <div class="form-group">
                    <label class="label" for="current-password">"Current password"</label>
                    <input class="input" id="current-password" name="current_password" type="password" autocomplete="current-password" required />
                </div>
                <div class="form-group">
                    <label class="label" for="account-new-password">"New password"</label>
                    <p class="hint" id="account-new-password-hint">
                        "12 to 128 characters. A few unrelated words make a strong password; very common passwords are refused."
                    </p>
                    <input class="input" id="account-new-password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="128" required aria-describedby="account-new-password-hint" />
                </div>
                <div class="form-group">
                    <label class="label" for="account-new-password-confirm">"Type the new password again"</label>
                    <input class="input" id="account-new-password-confirm" name="password_confirm" type="password" autocomplete="new-password" required />
                </div>
                <button class="button" type="submit">"Change the password"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn TwoFactorSection(
    view: AccountView,
    start: ServerAction<StartTwoFactor>,
    confirm: ServerAction<ConfirmTwoFactor>,
    off: ServerAction<TurnOffTwoFactor>,
) -> impl IntoView {
    let codes = Signal::derive(move || confirm.value().get().and_then(Result::ok));
    let enrolment = Signal::derive(move || start.value().get().and_then(Result::ok));
    let status = if view.two_factor_enabled {
        format!(
            "On. {} unused recovery code{} left.",
            view.recovery_codes_left,
            if view.recovery_codes_left == 1 {
                ""
            } else {
                "s"
            }
        )
    } else {
        "Off.".to_owned()
    };
    let enabled = view.two_factor_enabled;
    let required = view.two_factor_required;
    view! {
        <section class="card" aria-labelledby="two-factor-heading">
            <h2 id="two-factor-heading">"Two-factor authentication"</h2>
            <p>
                "After your password, you type a code from an app on your phone, so a stolen password alone does not open your account. "
                <span id="two-factor-status">{status}</span>
            </p>
            {view.two_factor_deadline.clone().map(|text| view! { <p class="alert alert--warning" id="two-factor-deadline">{text}</p> })}
            {move || codes.get().map(|codes| view! { <RecoveryCodes codes /> })}
            {(!enabled).then(|| view! {
                <Show when=move || codes.get().is_none()>
                    {move || match enrolment.get() {
                        None => view! {
                            <ActionForm action=start attr:class="form">
                                <button class="button" type="submit" id="start-two-factor">"Set up two-factor authentication"</button>
                            </ActionForm>
                        }.into_any(),
                        Some(secret) => view! {
                            <ScanSecret view=secret />
                            <ActionForm action=confirm attr:class="form" attr:id="confirm-two-factor-form">
                                <div class="form-group">
                                    <label class="label" for="two-factor-setup-code">"Code from your app"</label>
                                    <input class="input input--short" id="two-factor-setup-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required />
                                </div>
                                <button class="button" type="submit">"Turn on"</button>
                            </ActionForm>
                        }.into_any(),
                    }}
                </Show>
            })}
            {(enabled && !required).then(|| view! {
                <details>
                    <summary>"Turn two-factor authentication off"</summary>
                    <ActionForm action=off attr:class="form" attr:id="two-factor-off-form">
                        <div class="form-group">
                            <label class="label" for="two-factor-off-password">"Your current password"</label>
                            <input class="input" id="two-factor-off-password" name="current_password" type="password" autocomplete="current-password" required />
                        </div>
                        <button class="button button--outline" type="submit">"Turn off"</button>
                    </ActionForm>
                </details>
            })}
        </section>
    }
}

#[component]
fn SessionsSection(sessions: Vec<LoginSessionRow>, end: ServerAction<EndSession>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Where you are logged in"</h2>
            <div class="table-wrap">
                <table class="table table--compact" id="sessions-table">
                    <caption class="sr-only">"Your log-in sessions"</caption>
                    <thead><tr>
                        <th scope="col">"Device"</th><th scope="col">"Address"</th>
                        <th scope="col">"Logged in"</th><th scope="col">"Last seen"</th><th scope="col">"End"</th>
                    </tr></thead>
                    <tbody>
                        {sessions.into_iter().map(|row| {
                            let device = row.device.clone();
                            view! {
                                <tr data-current=row.current.to_string()>
                                    <th scope="row">
                                        {row.device.clone()}
                                        {row.current.then(|| view! { " " <span class="tag tag--active">"This browser"</span> })}
                                    </th>
                                    <td>{row.address.clone()}</td>
                                    <td>{row.created.clone()}</td>
                                    <td>{row.last_seen.clone()}</td>
                                    <td>
                                        <ActionForm action=end attr:class="form--inline">
                                            <input type="hidden" name="session" value=row.handle.clone() />
                                            <button class="button button--outline" type="submit">
                                                {if row.current { "Log out here" } else { "End session" }}
                                                <span class="sr-only">{format!(" ({device})")}</span>
                                            </button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
