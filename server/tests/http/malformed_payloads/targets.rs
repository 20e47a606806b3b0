//! What the payloads are sent to: every server function in Leptos's registry (its valid
//! arguments from `server_fn_access`'s shared form, its own fields found by asking the argument
//! check which one is missing), every page route, and the plain axum routes (CSV exports,
//! calendar feed, health probes).

use crate::server_fn_access::{JSON_BODIES, Role, SHARED_FORM, Who, registered, rule};

/// A server function and what it reads.
pub struct Function {
    /// `/api/...`.
    pub path: String,
    pub who: Who,
    /// The JSON body it decodes, for the functions with JSON input.
    pub json: Option<serde_json::Value>,
    /// Valid arguments (URL-encoded form): the shared form with the function's own values.
    pub form: Vec<(String, String)>,
    /// Indexes into `form` of the fields the function itself requires.
    pub own: Vec<usize>,
}

/// Richer valid JSON than `server_fn_access`'s (whose lists are empty), so that broken values
/// inside the lists reach the parsing of each row.
fn rich_json(endpoint: &str) -> Option<serde_json::Value> {
    use serde_json::json;
    match endpoint {
        "provider/availability/save" => Some(json!({"form": {
            "weekly": [{"key": 1, "weekday": "mon", "start": "09:00", "end": "12:00"}],
            "overrides": [{"key": 2, "date": "2027-03-02", "unavailable": false,
                "ranges": [{"key": 3, "weekday": "", "start": "10:00", "end": "11:00"}]}],
            "time_off": [{"key": 4, "first": "2027-04-01", "last": "2027-04-02", "reason": "leave"}]
        }})),
        "engagements/cadence/preview" | "engagements/cadence/send" => {
            Some(json!({"engagement_id": 1, "form": {"lines": [{
                "title": "Monthly check-in", "role": "coach", "cadence": "monthly",
                "session_minutes": "60", "modality": "virtual", "weekdays": ["tue", "wed"],
                "window_start": "09:00", "window_end": "12:00",
                "from": "2027-03-01", "through": "2027-06-30", "moves": ""
            }], "previewed": ""}}))
        }
        _ => None,
    }
}

/// Arguments that must not name a real record even when a payload gets through: account
/// changes name no demo account, so no caller is deactivated or changes role mid-run.
const SAFE_OVERRIDES: &[(&str, &str, &str)] = &[
    ("admin/users/role", "user_id", "999999"),
    ("admin/users/active", "user_id", "999999"),
];

/// Every registered server function but `auth/logout` (which a logged-in caller would end).
pub fn functions() -> Vec<Function> {
    let mut functions = Vec::new();
    for path in registered() {
        let endpoint = path.trim_start_matches("/api/").to_owned();
        let (who, overrides) =
            rule(&path).unwrap_or_else(|| panic!("{path} has no rule in server_fn_access.rs"));
        let json = JSON_BODIES
            .iter()
            .find(|(e, _)| *e == endpoint)
            .map(|(_, body)| {
                rich_json(&endpoint).unwrap_or_else(|| serde_json::from_str(body).unwrap())
            });
        let mut form: Vec<(String, String)> = SHARED_FORM
            .iter()
            .filter(|(k, _)| !overrides.iter().any(|(o, _)| o == k))
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        form.extend(
            overrides
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        for (e, key, value) in SAFE_OVERRIDES {
            if *e == endpoint
                && let Some(field) = form.iter_mut().find(|(k, _)| k == key)
            {
                field.1 = (*value).to_owned();
            }
        }
        functions.push(Function {
            path,
            who,
            json,
            form,
            own: Vec::new(),
        });
    }
    functions
}

/// The roles a function serves (anonymous only for public functions).
pub fn serving(who: Who) -> Vec<Option<Role>> {
    match who {
        Who::Public => vec![None],
        Who::Roles(roles) => roles.iter().copied().map(Some).collect(),
    }
}

/// The form key of a field path the argument check names: `form.title` is `form[title]`.
pub fn key_of(field: &str) -> String {
    let mut parts = field.split('.');
    let first = parts.next().unwrap_or_default().to_owned();
    parts.fold(first, |key, part| format!("{key}[{part}]"))
}

/// The field a form key belongs to at the top: `form[title]` belongs to `form`.
pub fn top_of(key: &str) -> &str {
    key.split('[').next().unwrap_or(key)
}

/// The plain routes and the page routes, as address patterns with `{name}` parameters.
pub fn addresses() -> Vec<String> {
    let mut patterns: Vec<String> = vec![
        "/healthz".into(),
        "/readyz".into(),
        "/exports/portfolio.csv".into(),
        "/exports/{file}".into(),
        "/exports/sessions-by-site.csv".into(),
        "/exports/turnaround.csv".into(),
        "/exports/feedback.csv".into(),
        "/exports/tta-report.csv".into(),
        "/exports/tta-report.xlsx".into(),
        "/calendar/{file}".into(),
        "/calendar/{file}.ics".into(),
        "/events/registration/{token}/certificate.pdf".into(),
        "/coordinator/events/{id}/certificates/{file}".into(),
        "/coordinator/events/{id}/sign-in.pdf".into(),
        "/api/{file}".into(),
        "/pkg/{file}".into(),
    ];
    for route in server::page_routes::page_routes() {
        let path = route.path().to_owned();
        // `:id` and `{id}` both become `{id}`; wildcards too.
        let pattern = path
            .split('/')
            .map(|part| {
                if let Some(name) = part.strip_prefix(':').or_else(|| part.strip_prefix('*')) {
                    format!("{{{name}}}")
                } else {
                    part.replace("{*", "{")
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        if !patterns.contains(&pattern) {
            patterns.push(pattern);
        }
    }
    patterns
}
