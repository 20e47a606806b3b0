//! `/admin/users`: every account with role, sites, status and last log-in, by name, 50 a page,
//! filtered by role (`?role=`, kept in the page links with the position the list gave,
//! `after=` / `before=`); change a role, deactivate or reactivate. New people are invited from
//! `/admin/invitations`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::admin::users::{
    ChangeUserRole, ROLES, SetUserActive, SiteOption, UserRowView, admin_users,
};
use crate::components::forms::{ErrorSummary, SuccessNotice};
use crate::components::page::LoadError;
use crate::components::pager::Pager;

#[component]
pub fn UsersPage() -> impl IntoView {
    let query = use_query_map();
    let role = move || query.read().get("role").unwrap_or_default();
    let param = move |name: &'static str| query.read().get(name).unwrap_or_default();
    let change = ServerAction::<ChangeUserRole>::new();
    let activate = ServerAction::<SetUserActive>::new();
    let users = crate::resource::resource(
        move || {
            (
                role(),
                param("after"),
                param("before"),
                change.version().get(),
                activate.version().get(),
            )
        },
        |(role, after, before, ..)| admin_users(role, after, before),
    );
    let (error, done) = super::latest_outcome(vec![
        Signal::derive(move || change.value().get()),
        Signal::derive(move || activate.value().get()),
    ]);
    view! {
        <Title text="Users and roles" />
        <div class="container container--wide">
            <h1>"Users and roles"</h1>
            <p>
                "Everyone who can log in. To add a person, "
                <a href="/admin/invitations" id="invite-link">"send an invitation"</a> "."
            </p>
            <Form method="GET" action="/admin/users" attr:class="filters">
                <div class="filters__row">
                    <div class="form-group">
                        <label class="label" for="users-role">"Role"</label>
                        <select class="select" id="users-role" name="role">
                            <option value="" selected=move || role().is_empty()>"Every role"</option>
                            {ROLES.iter().map(|(value, label)| view! {
                                <option value=*value selected=move || role() == *value>{*label}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button class="button" type="submit">"Show"</button>
                </div>
            </Form>
            <SuccessNotice message=done />
            <ErrorSummary message=error />
            <Transition fallback=|| view! { <p class="loading">"Loading the accounts…"</p> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(view) => view! {
                            <p role="status">{summary(view.rows.len(), &view.pages)}</p>
                            <UserTable rows=view.rows sites=view.sites change activate />
                            <Pager pages=view.pages path="/admin/users" filters=vec![("role", role())]
                                label="Account pages" noun="accounts" earlier="earlier in the alphabet" later="later in the alphabet" />
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// How many accounts match and how many this page shows.
fn summary(shown: usize, pages: &contract::views::paging::PageLinks) -> String {
    match pages.total {
        0 => "No account has this role.".to_owned(),
        1 => "1 account.".to_owned(),
        n if pages.paged() => format!("{n} accounts, by name; {shown} on this page."),
        n => format!("{n} accounts, by name."),
    }
}

#[component]
fn UserTable(
    rows: Vec<UserRowView>,
    sites: Vec<SiteOption>,
    change: ServerAction<ChangeUserRole>,
    activate: ServerAction<SetUserActive>,
) -> impl IntoView {
    let sites = StoredValue::new(sites);
    view! {
        <div class="table-wrap">
            <table class="table table--compact" id="users-table">
                <caption class="sr-only">"Accounts"</caption>
                <thead><tr>
                    <th scope="col">"Name"</th><th scope="col">"E-mail"</th><th scope="col">"Role"</th>
                    <th scope="col">"Status"</th><th scope="col">"Last log-in"</th><th scope="col">"Change"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|u| {
                        let role_id = format!("role-{}", u.id);
                        let site_id = format!("site-{}", u.id);
                        let current = u.role.clone();
                        let name = u.name.clone();
                        view! {
                            <tr data-user-id=u.id>
                                <th scope="row">{u.name.clone()} {u.is_me.then_some(" (you)")}</th>
                                <td>{u.email.clone()}</td>
                                <td class="user-role">
                                    {u.role_label.clone()}
                                    {(!u.sites.is_empty()).then(|| view! { <br /><span class="muted">{u.sites.clone()}</span> })}
                                </td>
                                <td>
                                    {if u.active {
                                        view! { <span class="tag tag--active">"Active"</span> }.into_any()
                                    } else {
                                        view! { <span class="tag tag--inactive">"Deactivated"</span> }.into_any()
                                    }}
                                    {(!u.password_set).then(|| view! { <br /><span class="muted">"No password yet"</span> })}
                                </td>
                                <td>{if u.last_login.is_empty() { "Never".to_owned() } else { u.last_login.clone() }}</td>
                                <td class="actions">
                                    <details>
                                        <summary>"Change role" <span class="sr-only">{format!(" of {name}")}</span></summary>
                                        <ActionForm action=change attr:class="form">
                                            <input type="hidden" name="user_id" value=u.id />
                                            <div class="form-group">
                                                <label class="label" for=role_id.clone()>{format!("New role for {name}")}</label>
                                                <select class="select" id=role_id name="role">
                                                    {ROLES.iter().map(|(value, label)| view! {
                                                        <option value=*value selected=current == *value>{*label}</option>
                                                    }).collect_view()}
                                                </select>
                                            </div>
                                            <div class="form-group">
                                                <label class="label" for=site_id.clone()>"Site (site contacts only)"</label>
                                                <select class="select" id=site_id name="site_id">
                                                    <option value="">"— Keep current sites —"</option>
                                                    {sites.with_value(|sites| sites.iter().map(|s| view! {
                                                        <option value=s.id.to_string()>{s.name.clone()}</option>
                                                    }).collect_view())}
                                                </select>
                                            </div>
                                            <button class="button" type="submit">"Save role"</button>
                                        </ActionForm>
                                    </details>
                                    <ActionForm action=activate attr:class="form--inline">
                                        <input type="hidden" name="user_id" value=u.id />
                                        <input type="hidden" name="active" value=(!u.active).to_string() />
                                        <button class="button button--outline" type="submit">
                                            {if u.active { "Deactivate" } else { "Reactivate" }}
                                            <span class="sr-only">{format!(" {}", u.name)}</span>
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
