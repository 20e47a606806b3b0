//! `/admin/invitations` (administrators and coordinators): invite a person, see who has not yet
//! accepted.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::error_message;
use crate::api::invitations::{
    CreateInvitation, InvitationRow, invitation_sites, pending_invitations,
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
    let pending = Resource::new(move || action.version().get(), |_| pending_invitations());
    let sites = Resource::new(|| (), |_| invitation_sites());

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
                                <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                                    {move || Suspend::new(async move {
                                        match pending.await {
                                            Ok(rows) => view! { <PendingTable rows /> }.into_any(),
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
fn PendingTable(rows: Vec<InvitationRow>) -> impl IntoView {
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
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr>
                            <th scope="row">{row.email}</th>
                            <td>{row.role_label}</td>
                            <td>{row.site.unwrap_or_default()}</td>
                            <td>{row.invited_by}</td>
                            <td>{row.expires}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
