//! The HTTP router: health probes, the Leptos pages and server functions, static files.

use app::shell;
use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::LeptosRoutes;
use service::Database;
use service::accounts::AccountSettings;

use crate::csrf::{AllowedOrigins, refuse_cross_origin};
use crate::security_headers::{SecurityHeaders, provide_request_nonce, set_headers};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

/// Shared state of every request handler.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub database: Database,
    pub accounts: AccountSettings,
    pub cookie_secure: bool,
    /// Raised when a graceful stop begins: `/readyz` answers 503 from then on.
    pub draining: crate::availability::Draining,
    /// Calls per minute per API token (`/api/v1`).
    pub api_rate: crate::api_v1::RateLimit,
    /// Seals and opens saved secrets (a CalDAV password).
    pub secret_key: service::secrets::SecretKey,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Builds the complete router for `state`.
pub fn router(state: AppState) -> Router {
    let routes = crate::page_routes::page_routes();
    let database = state.database.clone();
    let options = state.leptos_options.clone();
    let accounts = state.accounts.clone();
    let notify = state.accounts.notify.clone();
    let secret_key = state.secret_key.clone();
    let cookies = app::api::login_session::CookieSettings {
        secure: state.cookie_secure,
    };
    let origins = AllowedOrigins::from_public_url(state.accounts.public_url());
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/exports/portfolio.csv", get(crate::exports::portfolio_csv))
        .route(
            "/exports/tta-report.csv",
            get(crate::tta_exports::tta_report_csv),
        )
        .route(
            "/exports/tta-report.xlsx",
            get(crate::tta_exports::tta_report_xlsx),
        )
        .route("/exports/{file}", get(crate::exports::report_csv))
        .route("/calendar/{file}", get(crate::calendar_feed::feed))
        .route(
            "/events/registration/{token}/certificate.pdf",
            get(crate::pdf_downloads::participant_certificate),
        )
        .route(
            "/coordinator/events/{id}/certificates/{file}",
            get(crate::pdf_downloads::attendee_certificate),
        )
        .route(
            "/coordinator/events/{id}/sign-in.pdf",
            get(crate::pdf_downloads::sign_in_sheet),
        )
        .nest("/api/v1", crate::api_v1::router(&state))
        .route("/auth/oidc/{provider}/start", get(crate::oidc::start))
        .route("/auth/oidc/{provider}/callback", get(crate::oidc::callback))
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(database.clone());
                provide_context(accounts.clone());
                // For server functions that call use cases which queue e-mails.
                provide_context(notify.clone());
                provide_context(secret_key.clone());
                provide_context(cookies);
                provide_request_nonce();
            },
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(provide_request_nonce, shell))
        // A page that needs log-in sends an anonymous person to log in, then back (return_to).
        .layer(axum::middleware::from_fn(crate::return_to::send_to_login))
        // Malformed server-function arguments: 400/413 with the field named (arguments/).
        .layer(axum::middleware::from_fn(
            crate::arguments::explain_bad_arguments,
        ))
        // A NUL character anywhere in the address: 400 naming the field (nul_input).
        .layer(axum::middleware::from_fn(
            crate::nul_input::refuse_nul_in_address,
        ))
        // Form errors in the address only when this server produced them (form_errors/).
        .layer(axum::middleware::from_fn_with_state(
            crate::form_errors::FormErrorSettings {
                origins: origins.clone(),
                cookie_secure: state.cookie_secure,
            },
            crate::form_errors::guard_form_errors,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::login_session::resolve_user,
        ))
        .layer(axum::middleware::from_fn_with_state(
            origins,
            refuse_cross_origin,
        ))
        .layer(axum::middleware::from_fn_with_state(
            SecurityHeaders::new(state.accounts.public_url(), &state.leptos_options),
            set_headers,
        ))
        // Every 503 (database unreachable, draining) says when to come back.
        .layer(axum::middleware::from_fn(
            crate::availability::add_retry_after,
        ))
        .layer(TraceLayer::new_for_http())
        // Pages, the wasm, JS and CSS go out gzip-compressed to browsers that accept it (every
        // one does): the coordinator's first visit downloads about a third of the raw bytes.
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// Liveness: the process answers.
async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: not while stopping (draining), and only when the database answers (a 503 with
/// `Retry-After` otherwise, so a load balancer sends the work elsewhere meanwhile). A failing
/// mail relay leaves the instance ready — it serves pages as well as ever, and the messages wait
/// in the outbox — and is only mentioned, with the instant it began (the reason is for the
/// administrators' outbox page, not an anonymous probe).
async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    if state.draining.is_draining() {
        return (StatusCode::SERVICE_UNAVAILABLE, "draining".to_owned());
    }
    // A database that does not answer within two seconds counts as unreachable.
    let ping = tokio::time::timeout(std::time::Duration::from_secs(2), state.database.ping())
        .await
        .unwrap_or_else(|_| {
            Err(service::ServiceError::Internal(
                "no answer within 2 s".to_owned(),
            ))
        });
    match ping {
        Ok(()) => {
            let relay = service::mail::relay_state(&state.database).await;
            match relay.ok().and_then(|relay| relay.failing_since) {
                Some(since) => (
                    StatusCode::OK,
                    format!(
                        "ready; mail relay failing since {}",
                        since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    ),
                ),
                None => (StatusCode::OK, "ready".to_owned()),
            }
        }
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "database unreachable".to_owned(),
            )
        }
    }
}
