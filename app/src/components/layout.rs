//! The frame around every page: the federal banner, the header and the footer.

use leptos::prelude::*;

use crate::api::auth::{Logout, SessionUser, whoami};
use crate::components::forms::{AuthEpoch, auth_changed};

/// "An official website of the United States government", as on every federal site.
#[component]
pub fn GovBanner() -> impl IntoView {
    view! {
        <section class="gov-banner" aria-label="Official website of the United States government">
            <div class="container">
                <span class="gov-banner__flag" aria-hidden="true"></span>
                <p>"An official website of the United States government"</p>
            </div>
        </section>
    }
}

/// Product name and the navigation the current person may use.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let epoch = use_context::<AuthEpoch>().map(|e| e.0);
    let user = crate::resource::resource(
        move || epoch.map(|e| e.get()).unwrap_or_default(),
        |_| whoami(),
    );
    view! {
        <header class="site-header">
            <div class="container site-header__inner">
                <a class="site-header__title" href="/">
                    <span class="site-header__name">"TTA Scheduler"</span>
                    <span class="site-header__tagline">
                        "Public Safety Partnership · Training and technical assistance"
                    </span>
                </a>
                <nav class="site-nav" aria-label="Primary">
                    <Transition fallback=|| view! { <ul><li><a href="/">"Sites"</a></li></ul> }>
                        {move || Suspend::new(async move {
                            let current = user.await.ok().flatten();
                            view! { <NavLinks user=current /> }
                        })}
                    </Transition>
                </nav>
            </div>
        </header>
    }
}

/// Links for `user`'s role, or "Log in".
#[component]
fn NavLinks(user: Option<SessionUser>) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if matches!(logout.value().get(), Some(Ok(()))) {
            auth_changed();
        }
    });
    match user {
        None => view! {
            <ul>
                <li><a href="/">"Sites"</a></li>
                <li><a href="/login" id="nav-login">"Log in"</a></li>
            </ul>
        }
        .into_any(),
        Some(user) => {
            let can_invite = user.can_invite();
            let is_admin = user.role == "admin";
            let role_links = match user.role.as_str() {
                "site_contact" => view! {
                    <li><a href="/engagements" id="nav-engagements">"Our engagements"</a></li>
                    <li><a href="/requests" id="nav-requests">"My requests"</a></li>
                    <li><a href="/requests/new" id="nav-new-request">"New request"</a></li>
                    <li><a href="/site/events" id="nav-site-events">"Group events"</a></li>
                }
                .into_any(),
                "provider" => view! {
                    <li><a href="/provider/proposals" id="nav-proposals">"Proposals"</a></li>
                    <li><a href="/provider/calendar" id="nav-calendar">"Calendar"</a></li>
                    <li><a href="/provider/sessions" id="nav-sessions">"My sessions"</a></li>
                    <li><a href="/provider/engagements" id="nav-engagements">"Engagements"</a></li>
                    <li><a href="/provider/events" id="nav-provider-events">"Group events"</a></li>
                    <li><a href="/provider/availability" id="nav-availability">"Availability"</a></li>
                    <li><a href="/provider/calendars" id="nav-calendars">"Your calendars"</a></li>
                    <li><a href="/provider/profile" id="nav-profile">"Profile"</a></li>
                }
                .into_any(),
                _ => ().into_any(),
            };
            view! {
                <ul>
                    <li><a href="/" id="nav-home">"Home"</a></li>
                    {role_links}
                    {can_invite.then(|| view! {
                        <li><a href="/coordinator" id="nav-queue">"Queue"</a></li>
                        <li><a href="/coordinator/engagements" id="nav-engagements">"Engagements"</a></li>
                        <li><a href="/coordinator/events" id="nav-events">"Events"</a></li>
                        <li><a href="/coordinator/reports" id="nav-reports">"Reports"</a></li>
                        <li><a href="/coordinator/providers" id="nav-providers">"Providers"</a></li>
                        <li><a href="/admin/invitations" id="nav-invitations">"Invitations"</a></li>
                    })}
                    {is_admin.then(|| view! {
                        <li><a href="/admin/outbox" id="nav-outbox">"Outbox"</a></li>
                        <li><a href="/admin/audit" id="nav-audit">"Audit log"</a></li>
                        <li><a href="/admin/users" id="nav-users">"Users"</a></li>
                        <li><a href="/admin/sites" id="nav-sites">"Manage sites"</a></li>
                        <li><a href="/admin/topics" id="nav-topics">"Topics"</a></li>
                        <li><a href="/admin/phases" id="nav-phases">"Phases"</a></li>
                        <li><a href="/admin/settings" id="nav-settings">"Settings"</a></li>
                        <li><a href="/admin/two-factor" id="nav-two-factor">"Two-factor"</a></li>
                        <li><a href="/admin/webhooks" id="nav-webhooks">"Webhooks"</a></li>
                    })}
                    <li><a href="/tokens" id="nav-tokens">"API tokens"</a></li>
                    <li class="site-nav__user" id="nav-user">
                        <a href="/account" id="nav-account" title="My account">
                            {user.display_name} " (" {user.role_label} ")"
                        </a>
                    </li>
                    <li>
                        <ActionForm action=logout attr:class="site-nav__logout">
                            <button class="button button--secondary" type="submit" id="logout-button">
                                "Log out"
                            </button>
                        </ActionForm>
                    </li>
                </ul>
            }
            .into_any()
        }
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="container">
                <p>
                    "U.S. Department of Justice · Public Safety Partnership. "
                    "Times are shown in each site's own time zone."
                </p>
            </div>
        </footer>
    }
}
