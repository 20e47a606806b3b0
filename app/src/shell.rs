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
    Effect::new(move |_| hydrated.set(true));

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
                    <Routes fallback=NotFound>
                        <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async />
                        <Route path=StaticSegment("login") view=LoginPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("login"), StaticSegment("two-factor")) view=SecondStepPage ssr=SsrMode::Async />
                        <Route path=StaticSegment("account") view=MyAccountPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("account"), StaticSegment("email"), StaticSegment("confirm")) view=ConfirmEmailPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("two-factor")) view=TwoFactorAdminPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("outbox")) view=OutboxPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("webhooks")) view=WebhooksAdminPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("audit")) view=AuditPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("users")) view=UsersPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("sites")) view=SitesPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("sites"), ParamSegment("id")) view=SiteAdminPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("topics")) view=TopicsPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("phases")) view=PhasesPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("admin"), StaticSegment("settings")) view=SettingsPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("calendar")) view=ProviderCalendarPage ssr=SsrMode::Async />
                        <Route path=StaticSegment("tokens") view=TokensPage ssr=SsrMode::Async />
                        <Route path=StaticSegment("coordinator") view=QueuePage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("batch")) view=BatchPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("reports")) view=ReportsPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("tta-report")) view=TtaReportPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("providers")) view=ProvidersPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("engagements")) view=EngagementPortfolioPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("peer-exchanges"), StaticSegment("new")) view=ArrangePeerExchangePage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("events")) view=EventsPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("events"), StaticSegment("new")) view=NewEventPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("events"), ParamSegment("id")) view=EventManagePage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("events"), ParamSegment("id"), StaticSegment("sign-in")) view=SignInSheetPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("events"), StaticSegment("join"), ParamSegment("token")) view=JoinEventPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("events"), StaticSegment("registration"), ParamSegment("token")) view=MyRegistrationPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("events"), StaticSegment("evaluation"), ParamSegment("token")) view=EvaluationPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("events"), StaticSegment("feedback"), ParamSegment("id")) view=FeedbackPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("coordinator"), StaticSegment("evaluations")) view=EvaluationsPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("certificates"), StaticSegment("verify")) view=VerifyCertificatePage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("certificates"), StaticSegment("verify"), ParamSegment("code")) view=VerifyCertificatePage ssr=SsrMode::Async />
                        <Route path=StaticSegment("engagements") view=MyEngagementsPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("engagements"), ParamSegment("id")) view=EngagementDetailPage ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment("coordinator"), StaticSegment("providers"), ParamSegment("id"), StaticSegment("reassign"))
                            view=ReassignPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("coordinator"), StaticSegment("requests"), ParamSegment("id"))
                            view=RequestPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("password"), StaticSegment("forgot"))
                            view=ForgotPasswordPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("password"), StaticSegment("reset"))
                            view=ResetPasswordPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("invitations"), StaticSegment("accept"))
                            view=AcceptInvitationPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("admin"), StaticSegment("invitations"))
                            view=AdminInvitationsPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("requests") view=RequestsPage ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment("requests"), StaticSegment("new"))
                            view=RequestNewPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("requests"), ParamSegment("id"))
                            view=RequestDetailPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("provider"), StaticSegment("proposals"))
                            view=ProviderProposalsPage
                            ssr=SsrMode::Async
                        />
                        <Route path=(StaticSegment("provider"), StaticSegment("profile")) view=ProviderProfilePage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("availability")) view=ProviderAvailabilityPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("calendars")) view=ProviderCalendarsPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("sessions")) view=ProviderSessionsPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("engagements")) view=ProviderEngagementsPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("events")) view=ProviderEventsPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("provider"), StaticSegment("events"), ParamSegment("id")) view=EventManagePage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("site"), StaticSegment("events")) view=SiteEventsPage ssr=SsrMode::Async />
                        <Route path=(StaticSegment("site"), StaticSegment("events"), ParamSegment("id")) view=EventManagePage ssr=SsrMode::Async />
                    </Routes>
                </main>
            </Router>
            <SiteFooter />
        </div>
    }
}
