//! `/admin/invitations` (administrators and coordinators): invite a person, see who has not yet
//! accepted, send an invitation again with a new link, or withdraw it.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::error_message;
use crate::api::invitations::{
    CreateInvitation, InvitationRow, ResendInvitation, RevokeInvitation, invitation_sites,
    pending_invitations,
};
use crate::components::forms::{ErrorSummary, SuccessNotice, failure};

#[component]
pub fn AdminInvitationsPage() -> impl IntoView {
    let action = ServerAction::<CreateInvitation>::new();
    let error = failure(move || action.value().get());
    let sent = Signal::derive(move || match action.value().get() {
        Some(Ok(message)) => Some(message),
        _ => None,
    });
    let resend = ServerAction::<ResendInvitation>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    // What the newest resend or withdrawal said, good or bad.
    let changed = Signal::derive(move || {
        [resend.value().get(), revoke.value().get()]
            .into_iter()
            .flatten()
            .find_map(Result::ok)
    });
    let change_error = Signal::derive(move || {
        [
            failure(move || resend.value().get()).get(),
            failure(move || revoke.value().get()).get(),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    let pending = crate::resource::resource(
        move || {
            (
                action.version().get(),
                resend.version().get(),
                revoke.version().get(),
            )
        },
        |_| pending_invitations(),
    );
    let sites = crate::resource::resource(|| (), |_| invitation_sites());

    view! {
        <Title text="Invitations" />
        <div class="container">
            <h1>"Invitations"</h1>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match sites.await {
                        Err(problem) => view! {
                            <div class="alert alert--error" role="alert">
                                <p>{error_message(&problem)}</p>
                                <p><a href="/login">"Log in"</a></p>
                            </div>
                        }.into_any(),
                        Ok(sites) => view! {
                            <section aria-labelledby="invite-heading">
                                <h2 id="invite-heading">"Invite a person"</h2>
                                <SuccessNotice message=sent />
                                <ErrorSummary message=error />
                                <ActionForm action attr:class="form" attr:id="invite-form">
                                    <div class="form-group">
                                        <label class="label" for="invite-email">"E-mail address"</label>
                                        <input class="input" id="invite-email" name="email" type="email" required />
                                    </div>
                                    <div class="form-group">
                                        <label class="label" for="invite-role">"Role"</label>
                                        <select class="select" id="invite-role" name="role">
                                            <option value="provider">"Provider"</option>
                                            <option value="site_contact">"Site contact"</option>
                                            <option value="coordinator">"Coordinator"</option>
                                            <option value="admin">"Administrator"</option>
                                        </select>
                                    </div>
                                    <div class="form-group">
                                        <label class="label" for="invite-site">"Site (site contacts only)"</label>
                                        <select class="select" id="invite-site" name="site_id">
                                            <option value="">"— No site —"</option>
                                            {sites.into_iter().map(|site| view! {
                                                <option value=site.id.to_string()>{site.name}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <button class="button" type="submit">"Send the invitation"</button>
                                </ActionForm>
                            </section>
                            <section aria-labelledby="pending-heading">
                                <h2 id="pending-heading">"Waiting to be accepted"</h2>
                                <SuccessNotice message=changed />
                                <ErrorSummary message=change_error />
                                <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                                    {move || Suspend::new(async move {
                                        match pending.await {
                                            Ok(rows) => view! { <PendingTable rows resend revoke /> }.into_any(),
                                            Err(problem) => view! {
                                                <div class="alert alert--error" role="alert">
                                                    <p>{error_message(&problem)}</p>
                                                </div>
                                            }.into_any(),
                                        }
                                    })}
                                </Transition>
                            </section>
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn PendingTable(
    rows: Vec<InvitationRow>,
    resend: ServerAction<ResendInvitation>,
    revoke: ServerAction<RevokeInvitation>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>"No invitation is waiting."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table" id="pending-invitations">
                <caption class="sr-only">"Invitations not yet accepted"</caption>
                <thead>
                    <tr>
                        <th scope="col">"E-mail"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Site"</th>
                        <th scope="col">"Invited by"</th>
                        <th scope="col">"Expires"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let (again_label, withdraw_label) = (
                            format!(" to {}", row.email),
                            format!(" the invitation of {}", row.email),
                        );
                        view! {
                        <tr>
                            <th scope="row">{row.email}</th>
                            <td>{row.role_label}</td>
                            <td>{row.site.unwrap_or_default()}</td>
                            <td>{row.invited_by}</td>
                            <td>{row.expires}</td>
                            <td class="actions">
                                <ActionForm action=resend attr:class="form--inline">
                                    <input type="hidden" name="id" value=row.id />
                                    <button class="button button--outline" type="submit" disabled=move || resend.pending().get()>
                                        "Send again"<span class="sr-only">{again_label}</span>
                                    </button>
                                </ActionForm>
                                <ActionForm action=revoke attr:class="form--inline">
                                    <input type="hidden" name="id" value=row.id />
                                    <button class="button button--outline" type="submit" disabled=move || revoke.pending().get()>
                                        "Withdraw"<span class="sr-only">{withdraw_label}</span>
                                    </button>
                                </ActionForm>
                            </td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
