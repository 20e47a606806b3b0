//! Pages that need log-in send an anonymous person to the log-in page, carrying the page's own
//! address (`/login?next=/provider/sessions%3Fview%3Dweek`), so that after logging in they land
//! on the page they followed a link to instead of the home page.
//!
//! A page learns that nobody is logged in while it renders (its data loads answer 401 through
//! Leptos's `ResponseOptions`); this layer turns a page's 401 into `303 See Other` to the log-in
//! page. Server functions, exports and the calendar feed keep their 401: their callers are
//! scripts and pages, not a person's address bar. Which `next` is followed is decided by
//! [`app::return_to`] (same-site paths only).

use axum::extract::Request;
use axum::http::header::LOCATION;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Paths that are not pages a person opens.
const NOT_PAGES: [&str; 4] = ["/api/", "/exports/", "/calendar/", "/pkg/"];

/// Redirects a page's 401 to the log-in page with the page as `next`.
pub async fn send_to_login(request: Request, next: Next) -> Response {
    let page = (request.method() == Method::GET || request.method() == Method::HEAD)
        && !NOT_PAGES
            .iter()
            .any(|prefix| request.uri().path().starts_with(prefix));
    let here = request
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    if !page || response.status() != StatusCode::UNAUTHORIZED {
        return response;
    }
    match HeaderValue::from_str(&app::return_to::login_path(&here)) {
        Ok(location) => (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response(),
        Err(_) => response,
    }
}
