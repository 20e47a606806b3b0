//! The HTML document, the router and the page frame shared by every page.

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

use crate::components::forms::AuthEpoch;
use crate::components::layout::{GovBanner, SiteFooter, SiteHeader};
use crate::pages::account::{
    email_confirm::ConfirmEmailPage, my_account::MyAccountPage, second_step::SecondStepPage,
};
use crate::pages::admin::invitations::AdminInvitationsPage;
use crate::pages::admin::phases::PhasesPage;
use crate::pages::admin::two_factor::TwoFactorAdminPage;
use crate::pages::admin::webhooks::WebhooksAdminPage;
use crate::pages::admin::{audit::AuditPage, outbox::OutboxPage};
use crate::pages::admin::{
    settings::SettingsPage, sites::SiteAdminPage, sites::SitesPage, topics::TopicsPage,
    users::UsersPage,
};
use crate::pages::certificates::VerifyCertificatePage;
use crate::pages::coordinator::engagements::EngagementPortfolioPage;
use crate::pages::coordinator::evaluations::EvaluationsPage;
use crate::pages::coordinator::events::{
    list::EventsPage, manage::EventManagePage, new::NewEventPage, sheet::SignInSheetPage,
};
use crate::pages::coordinator::peer_exchange::ArrangePeerExchangePage;
use crate::pages::coordinator::tta_report::TtaReportPage;
use crate::pages::coordinator::{
    batch::BatchPage, queue::QueuePage, reports::ReportsPage, request::RequestPage,
};
use crate::pages::coordinator::{providers::ProvidersPage, reassign::ReassignPage};
use crate::pages::events::evaluation::{EvaluationPage, FeedbackPage};
use crate::pages::events::{join::JoinEventPage, registration::MyRegistrationPage};
use crate::pages::invitations::AcceptInvitationPage;
use crate::pages::login::LoginPage;
use crate::pages::password::{ForgotPasswordPage, ResetPasswordPage};
use crate::pages::provider::availability::ProviderAvailabilityPage;
use crate::pages::provider::calendar::ProviderCalendarPage;
use crate::pages::provider::calendars::ProviderCalendarsPage;
use crate::pages::provider::engagements::ProviderEngagementsPage;
use crate::pages::provider::events::ProviderEventsPage;
use crate::pages::provider::profile::ProviderProfilePage;
use crate::pages::provider::proposals::ProviderProposalsPage;
use crate::pages::provider::sessions::ProviderSessionsPage;
use crate::pages::site::engagements::{EngagementDetailPage, MyEngagementsPage};
use crate::pages::site::events::SiteEventsPage;
use crate::pages::site::request_detail::RequestDetailPage;
use crate::pages::site::request_new::RequestNewPage;
use crate::pages::site::requests::RequestsPage;
use crate::pages::tokens::TokensPage;
use crate::pages::{home::HomePage, not_found::NotFound};

/// Each page a route shows, as the router takes it (`page!(HomePage)`).
///
/// By default a route's view is the page component itself, and every page is in the one wasm
/// module. With the `app` crate's `split-routes` feature (and `cargo leptos build --split`) each
/// page is a lazy route instead: a unit of the `routes` module implementing `LazyRoute`, whose
/// view is moved by `#[lazy_route]` into its own wasm chunk, fetched when the route is first
/// shown (before hydrating it when the page came from the server). Code several pages share goes
/// into shared chunks (one per set of pages sharing it: about a thousand files; a page loads 42
/// to 564 of them, see ARCHITECTURE.md). The list names every page once, so a page missing from
/// it fails to compile either way.
macro_rules! lazy_pages {
    ($($page:ident),* $(,)?) => {
        #[cfg(not(feature = "split-routes"))]
        mod routes {
            pub(super) use super::{$($page),*};
        }

        #[cfg(feature = "split-routes")]
        mod routes {
            use leptos::prelude::{AnyView, IntoAny};
            use leptos_router::{LazyRoute, lazy_route};
            $(
                /// The lazy route of the page of the same name (type namespace only).
                pub(super) struct $page {}

                #[lazy_route]
                impl LazyRoute for $page {
                    fn data() -> Self {
                        $page {}
                    }

                    fn view(_this: Self) -> AnyView {
                        super::mark_hydrated();
                        super::$page().into_any()
                    }
                }
            )*
        }
    };
}

/// The view of a route showing `$page` (see [`lazy_pages!`]).
#[cfg(not(feature = "split-routes"))]
macro_rules! page {
    ($page:ident) => {
        routes::$page
    };
}
#[cfg(feature = "split-routes")]
macro_rules! page {
    ($page:ident) => {
        leptos_router::Lazy::<routes::$page>::new()
    };
}

/// (`split-routes`) The page frame's "hydrated" flag, which end-to-end tests wait for.
#[cfg(feature = "split-routes")]
#[derive(Clone, Copy)]
struct PageHydrated(RwSignal<bool>);

/// (`split-routes`) Says the page is hydrated once the route's view, being created now (after
/// its chunk has loaded), has hydrated: the effect runs after the synchronous hydration pass.
#[cfg(feature = "split-routes")]
fn mark_hydrated() {
    if let Some(PageHydrated(hydrated)) = use_context() {
        Effect::new(move |_| hydrated.set(true));
    }
}

/// The page of an unknown address (not a lazy route: it is in the main module).
fn not_found() -> impl IntoView {
    #[cfg(feature = "split-routes")]
    mark_hydrated();
    NotFound()
}

lazy_pages! {
    AcceptInvitationPage, AdminInvitationsPage, ArrangePeerExchangePage, AuditPage,
    BatchPage, ConfirmEmailPage, EngagementDetailPage, EngagementPortfolioPage,
    EvaluationPage, EvaluationsPage, EventManagePage, EventsPage,
    FeedbackPage, ForgotPasswordPage, HomePage, JoinEventPage,
    LoginPage, MyAccountPage, MyEngagementsPage, MyRegistrationPage,
    NewEventPage, OutboxPage, PhasesPage, ProviderAvailabilityPage,
    ProviderCalendarPage, ProviderCalendarsPage, ProviderEngagementsPage, ProviderEventsPage,
    ProviderProfilePage, ProviderProposalsPage, ProviderSessionsPage, ProvidersPage,
    QueuePage, ReassignPage, ReportsPage, RequestDetailPage,
    RequestNewPage, RequestPage, RequestsPage, ResetPasswordPage,
    SecondStepPage, SettingsPage, SignInSheetPage, SiteAdminPage,
    SiteEventsPage, SitesPage, TokensPage, TopicsPage,
    TtaReportPage, TwoFactorAdminPage, UsersPage, VerifyCertificatePage,
    WebhooksAdminPage,
}

/// The whole HTML document the server sends for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="data:," />
                <AutoReload options=options.clone() />
                // `tta.<hash>.css` when the build names files by content (hash-files).
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: page frame plus routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(AuthEpoch(RwSignal::new(0)));
    // Set once the wasm has taken over the page; end-to-end tests wait for it.
    let hydrated = RwSignal::new(false);
    #[cfg(not(feature = "split-routes"))]
    Effect::new(move |_| hydrated.set(true));
    // With lazy routes the frame hydrates before the route's chunk has loaded: the route's view
    // sets it instead (`mark_hydrated`).
    #[cfg(feature = "split-routes")]
    provide_context(PageHydrated(hydrated));

    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "TTA Scheduler".to_owned() } else { format!("{page} · TTA Scheduler") }
        } />
        <div class="page" data-hydrated=move || if hydrated.get() { "true" } else { "false" }>
            // rel="external" keeps the router from intercepting the jump, so the browser moves
            // focus to <main> as it does for any fragment link.
            <a class="skip-link" href="#main-content" rel="external">
                "Skip to main content"
            </a>
            <GovBanner />
            <SiteHeader />
            <Router>
                <main id="main-content" class="main" tabindex="-1">
                    // Every page renders whole before its headers go out (`SsrMode::Async`):
                    // its data loads set the status (401, 403, 404 through `ResponseOptions`),
                    // and with streaming the headers could leave before those loads ended,
                    // making the status depend on timing. It also serves complete pages to
                    // browsers without JavaScript.
                    <Routes fallback=not_found>
                        <Route path=StaticSegment("") view=page!(HomePage) ssr=SsrMode::Async />
                        <Route path=StaticSegment("login") view=page!(LoginPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("login"), StaticSegment("two-factor")) view=page!(SecondStepPage) ssr=SsrMode::Async />
                        <Route path=StaticSegment("account") view=page!(MyAccountPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("account"), StaticSegment("email"), StaticSegment("confirm")) view=page!(ConfirmEmailPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("two-factor")) view=page!(TwoFactorAdminPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("outbox")) view=page!(OutboxPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("webhooks")) view=page!(WebhooksAdminPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("audit")) view=page!(AuditPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("users")) view=page!(UsersPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("sites")) view=page!(SitesPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("sites"), ParamSegment("id")) view=page!(SiteAdminPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("topics")) view=page!(TopicsPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("phases")) view=page!(PhasesPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("settings")) view=page!(SettingsPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("calendar")) view=page!(ProviderCalendarPage) ssr=SsrMode::Async />
                        <Route path=StaticSegment("tokens") view=page!(TokensPage) ssr=SsrMode::Async />
                        <Route path=StaticSegment("coordinator") view=page!(QueuePage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("batch")) view=page!(BatchPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("reports")) view=page!(ReportsPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("tta-report")) view=page!(TtaReportPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("providers")) view=page!(ProvidersPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("engagements")) view=page!(EngagementPortfolioPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("peer-exchanges"), StaticSegment("new")) view=page!(ArrangePeerExchangePage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("events")) view=page!(EventsPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("events"), StaticSegment("new")) view=page!(NewEventPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("events"), ParamSegment("id")) view=page!(EventManagePage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("events"), ParamSegment("id"), StaticSegment("sign-in")) view=page!(SignInSheetPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("events"), StaticSegment("join"), ParamSegment("token")) view=page!(JoinEventPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("events"), StaticSegment("registration"), ParamSegment("token")) view=page!(MyRegistrationPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("events"), StaticSegment("evaluation"), ParamSegment("token")) view=page!(EvaluationPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("events"), StaticSegment("feedback"), ParamSegment("id")) view=page!(FeedbackPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("evaluations")) view=page!(EvaluationsPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("certificates"), StaticSegment("verify")) view=page!(VerifyCertificatePage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("certificates"), StaticSegment("verify"), ParamSegment("code")) view=page!(VerifyCertificatePage) ssr=SsrMode::Async />
                        <Route path=StaticSegment("engagements") view=page!(MyEngagementsPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("engagements"), ParamSegment("id")) view=page!(EngagementDetailPage) ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment("coordinator"), StaticSegment("providers"), ParamSegment("id"), StaticSegment("reassign"))
                            view=page!(ReassignPage)
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("coordinator"), StaticSegment("requests"), ParamSegment("id"))
                            view=page!(RequestPage)
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("password"), StaticSegment("forgot"))
                            view=page!(ForgotPasswordPage)
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("password"), StaticSegment("reset"))
                            view=page!(ResetPasswordPage)
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("invitations"), StaticSegment("accept"))
                            view=page!(AcceptInvitationPage)
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("admin"), StaticSegment("invitations"))
                            view=page!(AdminInvitationsPage)
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("requests") view=page!(RequestsPage) ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment("requests"), StaticSegment("new"))
                            view=page!(RequestNewPage)
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("requests"), ParamSegment("id"))
                            view=page!(RequestDetailPage)
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("provider"), StaticSegment("proposals"))
                            view=page!(ProviderProposalsPage)
                            ssr=SsrMode::Async
                        />
                        <Route path=(StaticSegment("provider"), StaticSegment("profile")) view=page!(ProviderProfilePage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("availability")) view=page!(ProviderAvailabilityPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("calendars")) view=page!(ProviderCalendarsPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("sessions")) view=page!(ProviderSessionsPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("engagements")) view=page!(ProviderEngagementsPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("events")) view=page!(ProviderEventsPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("events"), ParamSegment("id")) view=page!(EventManagePage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("site"), StaticSegment("events")) view=page!(SiteEventsPage) ssr=SsrMode::Async />
                        <Route path=(StaticSegment("site"), StaticSegment("events"), ParamSegment("id")) view=page!(EventManagePage) ssr=SsrMode::Async />
                    </Routes>
                </main>
            </Router>
            <SiteFooter />
        </div>
    }
}
