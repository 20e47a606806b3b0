//! Every server function the application registers, taken from Leptos's own registry (no
//! hand-kept list of functions), is called anonymously and as every role it does not serve:
//! anonymous callers get 401 for all but the named public functions, and each other role gets
//! 403 or 404 — never 200, never a 5xx. A function without a rule in [`RULES`] fails the test,
//! so adding a server function means deciding who may call it.
//!
//! Each call carries arguments that every function can decode (one form holding every field
//! name the functions use, plus per-function values where two functions read one name
//! differently), so the refusal comes from the function's use case, not from the decoder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use std::collections::BTreeSet;

use accounts_support::demo_login;
use harness::TestApp;

/// Who may call a server function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Who {
    /// Anyone, logged in or not (log-in, password reset, invitation acceptance…).
    Public,
    /// Only these roles (others: 403 or 404; anonymous: 401).
    Roles(&'static [Role]),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    SiteContact,
    Provider,
    Coordinator,
    Admin,
}

pub(crate) const ALL_ROLES: [Role; 4] = [
    Role::SiteContact,
    Role::Provider,
    Role::Coordinator,
    Role::Admin,
];

const ADMIN: Who = Who::Roles(&[Role::Admin]);
const STAFF: Who = Who::Roles(&[Role::Coordinator, Role::Admin]);
const PROVIDER: Who = Who::Roles(&[Role::Provider]);
const SITE_CONTACT: Who = Who::Roles(&[Role::SiteContact]);

/// One rule per registered server function (the path under `/api/`), with the arguments a
/// function reads differently from the shared form.
/// Arguments a function reads differently from [`SHARED_FORM`].
pub(crate) type Overrides = &'static [(&'static str, &'static str)];

/// The engagement and recommendation the team and recommendation functions name.
const ENGAGEMENT_ARGS: Overrides = &[("engagement_id", "1")];
const RECOMMENDATION_ARGS: Overrides = &[("recommendation_id", "1")];

const RULES: &[(&str, Who, Overrides)] = &[
    ("auth/whoami", Who::Public, &[]),
    ("auth/login", Who::Public, &[]),
    ("auth/logout", Who::Public, &[]),
    ("auth/forgot", Who::Public, &[]),
    ("auth/reset", Who::Public, &[]),
    ("auth/sign_in_options", Who::Public, &[]),
    ("auth/second-step", Who::Public, &[]),
    ("auth/second-step/verify", Who::Public, &[]),
    ("auth/second-step/enrolment", Who::Public, &[]),
    ("auth/second-step/enrol", Who::Public, &[]),
    ("account/email/confirm", Who::Public, &[]),
    ("account/overview", Who::Roles(&ALL_ROLES), &[]),
    ("account/profile", Who::Roles(&ALL_ROLES), &[]),
    ("tokens/list", Who::Roles(&ALL_ROLES), &[]),
    (
        "tokens/create",
        Who::Roles(&ALL_ROLES),
        &[("scope", "read"), ("expires_in_days", "30")],
    ),
    (
        "tokens/revoke",
        Who::Roles(&ALL_ROLES),
        &[("token_id", "1")],
    ),
    ("account/password", Who::Roles(&ALL_ROLES), &[]),
    ("account/email", Who::Roles(&ALL_ROLES), &[]),
    ("account/sessions/end", Who::Roles(&ALL_ROLES), &[]),
    ("account/two-factor/start", Who::Roles(&ALL_ROLES), &[]),
    ("account/two-factor/confirm", Who::Roles(&ALL_ROLES), &[]),
    ("account/two-factor/off", Who::Roles(&ALL_ROLES), &[]),
    ("admin/two-factor", ADMIN, &[]),
    ("admin/two-factor/policy", ADMIN, &[]),
    ("admin/two-factor/reset", ADMIN, &[]),
    ("admin/webhooks", ADMIN, &[]),
    ("admin/webhooks/register", ADMIN, &[]),
    (
        "admin/webhooks/enabled",
        ADMIN,
        &[("endpoint_id", "1"), ("enabled", "true")],
    ),
    ("admin/webhooks/rotate", ADMIN, &[("endpoint_id", "1")]),
    ("admin/webhooks/replay", ADMIN, &[("delivery_id", "1")]),
    ("invitations/details", Who::Public, &[]),
    ("invitations/accept", Who::Public, &[]),
    ("sites/list", Who::Public, &[]),
    ("admin/outbox", ADMIN, &[]),
    ("admin/outbox/resend", ADMIN, &[]),
    ("admin/audit", ADMIN, &[]),
    ("admin/settings", ADMIN, &[]),
    ("admin/settings/save", ADMIN, &[]),
    ("admin/sites", ADMIN, &[]),
    ("admin/sites/create", ADMIN, &[]),
    ("admin/sites/detail", ADMIN, &[]),
    ("admin/sites/update", ADMIN, &[]),
    ("admin/sites/blackout/add", ADMIN, &[]),
    ("admin/sites/blackout/remove", ADMIN, &[]),
    ("admin/topics", ADMIN, &[]),
    ("admin/topics/create", ADMIN, &[]),
    ("admin/topics/update", ADMIN, &[]),
    ("admin/topics/retire", ADMIN, &[]),
    ("admin/phases", ADMIN, &[]),
    ("admin/phases/add", ADMIN, &[]),
    ("admin/phases/update", ADMIN, &[]),
    ("admin/phases/remove", ADMIN, &[]),
    ("admin/phases/move", ADMIN, &[("direction", "up")]),
    ("admin/users", ADMIN, &[]),
    ("admin/users/role", ADMIN, &[]),
    ("admin/users/active", ADMIN, &[]),
    ("invitations/create", STAFF, &[]),
    ("invitations/resend", STAFF, &[]),
    ("invitations/revoke", STAFF, &[]),
    ("invitations/pending", STAFF, &[]),
    ("invitations/sites", STAFF, &[]),
    ("coordinator/queue", STAFF, &[]),
    ("coordinator/request", STAFF, &[]),
    ("coordinator/move_times", STAFF, &[]),
    ("coordinator/candidates", STAFF, &[]),
    ("coordinator/request_candidates", STAFF, &[]),
    ("coordinator/batch", STAFF, &[]),
    ("coordinator/plan", STAFF, &[]),
    ("coordinator/send_proposal", STAFF, &[]),
    ("coordinator/team_plan", STAFF, &[("providers", "1,2")]),
    ("coordinator/send_team", STAFF, &[("providers", "1,2")]),
    ("coordinator/teams", STAFF, &[]),
    ("coordinator/approve", STAFF, &[]),
    ("coordinator/withdraw", STAFF, &[]),
    ("coordinator/close", STAFF, &[]),
    ("coordinator/reschedule", STAFF, &[]),
    ("coordinator/cancel", STAFF, &[]),
    ("coordinator/batch_send", STAFF, &[]),
    ("coordinator/answer_change", STAFF, &[]),
    ("coordinator/providers", STAFF, &[]),
    ("coordinator/provider_engagements", STAFF, &[]),
    ("coordinator/reassign", STAFF, &[]),
    ("coordinator/provider_departure", STAFF, &[]),
    ("coordinator/report", STAFF, &[("kind", "sessions-by-site")]),
    ("coordinator/tta_report", STAFF, &[]),
    ("engagements/cadence/choices", STAFF, ENGAGEMENT_ARGS),
    ("engagements/cadence/preview", STAFF, &[]),
    ("engagements/cadence/send", STAFF, &[]),
    ("engagements/open", ADMIN, &[]),
    ("engagements/phases/record", STAFF, &[]),
    ("engagements/close", STAFF, &[]),
    (
        "engagements/timeline",
        Who::Roles(&[
            Role::SiteContact,
            Role::Coordinator,
            Role::Admin,
            Role::Provider,
        ]),
        ENGAGEMENT_ARGS,
    ),
    ("engagements/operations-offer", STAFF, ENGAGEMENT_ARGS),
    ("engagements/operations-from-plan", STAFF, &[]),
    ("engagements/portfolio", STAFF, &[]),
    ("engagements/mine", SITE_CONTACT, &[]),
    (
        "engagements/detail",
        Who::Roles(&[
            Role::SiteContact,
            Role::Coordinator,
            Role::Admin,
            Role::Provider,
        ]),
        &[],
    ),
    ("engagements/serving", PROVIDER, &[]),
    ("engagements/team/choices", STAFF, ENGAGEMENT_ARGS),
    ("engagements/team/add", STAFF, ENGAGEMENT_ARGS),
    ("engagements/team/remove", STAFF, ENGAGEMENT_ARGS),
    ("engagements/team/lead", STAFF, ENGAGEMENT_ARGS),
    ("engagements/recommendations/add", STAFF, ENGAGEMENT_ARGS),
    (
        "engagements/recommendations/update",
        STAFF,
        RECOMMENDATION_ARGS,
    ),
    (
        "engagements/recommendations/status",
        Who::Roles(&[Role::SiteContact, Role::Coordinator, Role::Admin]),
        RECOMMENDATION_ARGS,
    ),
    (
        "engagements/recommendations/link",
        STAFF,
        RECOMMENDATION_ARGS,
    ),
    ("engagements/goals/add", STAFF, &[]),
    (
        "engagements/goals/progress",
        Who::Roles(&[Role::SiteContact, Role::Coordinator, Role::Admin]),
        &[],
    ),
    ("home/overview", Who::Roles(&ALL_ROLES), &[]),
    ("home/notice-delivery", STAFF, &[]),
    ("peer-exchanges/choices", STAFF, &[("engagement", "1")]),
    ("events/list", Who::Roles(&ALL_ROLES), &[]),
    ("events/choices", STAFF, &[]),
    ("events/create", STAFF, &[]),
    ("events/page", Who::Roles(&ALL_ROLES), &[]),
    ("events/capacity", STAFF, &[("capacity", "10")]),
    ("events/cancel", STAFF, &[]),
    (
        "events/attendance",
        Who::Roles(&[Role::Provider, Role::Coordinator, Role::Admin]),
        &[("registration", "1"), ("attendance", "present")],
    ),
    ("events/sheet", Who::Roles(&ALL_ROLES), &[]),
    ("events/public", Who::Public, &[]),
    ("events/register", Who::Public, &[]),
    ("events/mine", Who::Public, &[]),
    ("events/withdraw", Who::Public, &[]),
    ("events/check-in", Who::Public, &[]),
    ("evaluations/form", Who::Public, &[]),
    ("evaluations/submit", Who::Public, &[]),
    (
        "evaluations/feedback-form",
        Who::Roles(&[Role::SiteContact, Role::Provider]),
        &[],
    ),
    (
        "evaluations/feedback",
        Who::Roles(&[Role::SiteContact, Role::Provider]),
        &[],
    ),
    ("evaluations/event", Who::Roles(&ALL_ROLES), &[]),
    ("evaluations/event/save", STAFF, &[]),
    ("evaluations/forms", STAFF, &[]),
    ("evaluations/forms/create", STAFF, &[]),
    ("evaluations/results", STAFF, &[]),
    ("evaluations/filters", STAFF, &[]),
    (
        "certificates/verify",
        Who::Public,
        &[("code", "K7QM-2XHD-9RTA-B4NW")],
    ),
    ("peer-exchanges/arrange", STAFF, &[]),
    ("peer-exchanges/partner-sites", SITE_CONTACT, &[]),
    ("proposals/mine", PROVIDER, &[]),
    ("proposals/accept", PROVIDER, &[]),
    ("proposals/decline", PROVIDER, &[]),
    ("provider/profile", PROVIDER, &[]),
    ("provider/profile/save", PROVIDER, &[]),
    ("provider/availability", PROVIDER, &[]),
    ("provider/availability/save", PROVIDER, &[]),
    ("provider/availability/preview", PROVIDER, &[]),
    ("provider/sessions", PROVIDER, &[]),
    ("provider/calendars", PROVIDER, &[]),
    (
        "provider/calendars/connect",
        PROVIDER,
        &[
            ("kind", "ics"),
            ("url", "https://calendar.example.org/busy.ics"),
        ],
    ),
    (
        "provider/calendars/refresh",
        PROVIDER,
        &[("calendar_id", "1")],
    ),
    (
        "provider/calendars/remove",
        PROVIDER,
        &[("calendar_id", "1")],
    ),
    ("coordinator/provider_calendars", STAFF, &[]),
    ("provider/calendar/status", PROVIDER, &[]),
    ("provider/calendar/renew", PROVIDER, &[]),
    ("provider/calendar/revoke", PROVIDER, &[]),
    ("provider/meeting-link", PROVIDER, &[]),
    ("provider/meeting-link/save", PROVIDER, &[]),
    ("engagements/meeting-link", STAFF, ENGAGEMENT_ARGS),
    ("engagements/meeting-link/save", STAFF, ENGAGEMENT_ARGS),
    (
        "sessions/meeting-link",
        Who::Roles(&[Role::Provider, Role::Coordinator, Role::Admin]),
        &[],
    ),
    ("requests/choices", SITE_CONTACT, &[]),
    ("requests/describe", SITE_CONTACT, &[]),
    ("requests/submit", SITE_CONTACT, &[]),
    ("requests/mine", SITE_CONTACT, &[]),
    (
        "requests/detail",
        Who::Roles(&[Role::SiteContact, Role::Coordinator, Role::Admin]),
        &[],
    ),
    (
        "sessions/ask-change",
        SITE_CONTACT,
        &[("kind", "cancel_one")],
    ),
    ("sessions/feedback", SITE_CONTACT, &[]),
];

/// Every field name the server functions read, with a value each can decode.
pub(crate) const SHARED_FORM: &[(&str, &str)] = &[
    ("id", "1"),
    ("blackout_id", "1"),
    ("user_id", "1"),
    ("session_id", "1"),
    ("proposal_id", "1"),
    ("provider_id", "1"),
    ("request_id", "1"),
    ("engagement_id", "1"),
    ("goal_id", "1"),
    ("from_provider", "1"),
    ("to_provider", "2"),
    ("site_id", "1"),
    ("role", "provider"),
    ("delivery", "daily"),
    ("retired", "true"),
    ("active", "true"),
    ("past", "false"),
    ("departed", "true"),
    ("date", "2027-03-02"),
    ("time", "10:00"),
    ("from", "2027-01-01"),
    ("to", "2027-02-01"),
    ("reason", "A reason"),
    ("name", "A name"),
    ("description", "A description"),
    ("action", ""),
    ("actor", ""),
    ("status", ""),
    ("site", ""),
    ("topic", ""),
    ("engagement", ""),
    ("min_age_days", ""),
    ("pairs", "1:1"),
    ("moves", ""),
    ("scope", "one"),
    ("answer", "resolved"),
    ("note", "A note"),
    ("decision", "return"),
    ("email", "someone@example.org"),
    ("password", "a-long-enough-password-1"),
    ("password_confirm", "a-long-enough-password-1"),
    ("current_password", "a-long-enough-password-1"),
    ("code", "123456"),
    ("session", "0000000000000000"),
    ("grace_days", "7"),
    ("token", "no-such-token"),
    ("display_name", "Someone"),
    ("time_zone", "America/Chicago"),
    ("search", ""),
    ("view", "list"),
    ("usefulness", "3"),
    ("comments", ""),
    ("wanted", "Thursday"),
    ("form[name]", "A name"),
    ("form[state]", "TN"),
    ("form[time_zone]", "America/Chicago"),
    ("form[engagement_type]", "operations"),
    ("form[region]", "south"),
    ("form[buffer_before_minutes]", "15"),
    ("form[buffer_after_minutes]", "15"),
    ("form[minimum_notice_hours]", "72"),
    ("form[tolerance_business_days]", "2"),
    ("form[granularity_minutes]", "15"),
    ("form[max_sessions_per_day]", "3"),
    ("form[max_hours_per_week]", "20"),
    ("form[weight_expertise]", "1"),
    ("form[weight_continuity]", "1"),
    ("form[weight_time_zone]", "1"),
    ("form[weight_load_balance]", "1"),
    ("form[weight_availability]", "1"),
    ("form[organisation]", "An organisation"),
    ("form[home_zone]", "America/Chicago"),
    ("form[modalities][]", "virtual"),
    ("form[travel_regions][]", "south"),
    ("form[weekly_hour_capacity]", "20"),
    ("form[engagement_capacity]", "3"),
    ("form[expertise][]", "1:2"),
    ("form[bio]", ""),
    ("form[title]", "A title"),
    ("form[topic_ids][]", "1"),
    ("form[description]", "A description"),
    ("form[modality]", "virtual"),
    ("form[session_count]", "1"),
    ("form[cadence]", "once"),
    ("form[session_minutes]", "90"),
    ("form[earliest_date]", "2027-03-01"),
    ("form[latest_date]", "2027-04-01"),
    ("form[preferred_weekdays][]", "tue"),
    ("form[preferred_start]", "09:00"),
    ("form[preferred_end]", "12:00"),
    ("form[expected_attendees]", "10"),
    ("form[minimum_level]", "2"),
    ("form[notes]", ""),
    ("meeting_url", "https://meet.example.org/psp-room"),
    ("form[mode]", "generated"),
    ("form[link]", ""),
];

/// Server functions that take JSON, with a body each can decode.
pub(crate) const JSON_BODIES: &[(&str, &str)] = &[
    (
        "provider/availability/save",
        r#"{"form":{"weekly":[],"overrides":[],"time_off":[]}}"#,
    ),
    (
        "engagements/cadence/preview",
        r#"{"engagement_id":1,"form":{"lines":[]}}"#,
    ),
    (
        "engagements/cadence/send",
        r#"{"engagement_id":1,"form":{"lines":[]}}"#,
    ),
];

pub(crate) const DEMO_ACCOUNTS: [(Role, &str); 4] = [
    (Role::SiteContact, "contact.memphis@tta.example.gov"),
    (Role::Provider, "provider.phoenix@tta.example.gov"),
    (Role::Coordinator, "coordinator@tta.example.gov"),
    (Role::Admin, "admin@tta.example.gov"),
];

pub(crate) fn rule(path: &str) -> Option<(Who, Overrides)> {
    RULES
        .iter()
        .find(|(endpoint, _, _)| format!("/api/{endpoint}") == path)
        .map(|(_, who, args)| (*who, *args))
}

/// The registered server functions, by path.
pub(crate) fn registered() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect()
}

async fn call(
    app: &TestApp,
    path: &str,
    overrides: &[(&str, &str)],
    cookie: Option<&str>,
) -> (u16, String) {
    let endpoint = path.trim_start_matches("/api/");
    let mut request = app
        .client
        .post(app.url(path))
        .header("Accept", "application/json");
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie);
    }
    request = match JSON_BODIES.iter().find(|(e, _)| *e == endpoint) {
        Some((_, body)) => request
            .header("Content-Type", "application/json")
            .body(*body),
        None => {
            let mut form: Vec<(&str, &str)> = SHARED_FORM
                .iter()
                .filter(|(k, _)| !overrides.iter().any(|(o, _)| o == k))
                .copied()
                .collect();
            form.extend_from_slice(overrides);
            request.form(&form)
        }
    };
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

on_both_databases!(
    every_server_function_has_a_rule,
    anonymous_callers_get_401_except_for_the_public_functions,
    each_role_outside_a_functions_roles_is_refused,
);

async fn every_server_function_has_a_rule(_app: &TestApp) {
    let paths = registered();
    assert!(
        paths.len() > 50,
        "the registry lists the functions: {paths:?}"
    );
    let missing: Vec<&String> = paths.iter().filter(|p| rule(p).is_none()).collect();
    assert!(
        missing.is_empty(),
        "server functions without an access rule in server_fn_access.rs: {missing:?}"
    );
    let stale: Vec<&str> = RULES
        .iter()
        .map(|(e, _, _)| *e)
        .filter(|e| !paths.contains(&format!("/api/{e}")))
        .collect();
    assert!(
        stale.is_empty(),
        "rules for functions that no longer exist: {stale:?}"
    );
}

async fn anonymous_callers_get_401_except_for_the_public_functions(app: &TestApp) {
    app.seed_demo().await;
    let refusal = format!("ServerError|{}", app::api::login_session::NOT_LOGGED_IN);
    let mut wrong = Vec::new();
    for path in registered() {
        let Some((who, overrides)) = rule(&path) else {
            continue;
        };
        let (status, body) = call(app, &path, overrides, None).await;
        let refused = status == 401 && body == refusal;
        match who {
            Who::Roles(_) if !refused => wrong.push(format!("{path}: {status} {body}")),
            Who::Public if refused => wrong.push(format!("{path} (public): refused")),
            _ => {}
        }
    }
    assert!(
        wrong.is_empty(),
        "anonymous calls not refused with 401 (or public ones refused):\n{}",
        wrong.join("\n")
    );
}

async fn each_role_outside_a_functions_roles_is_refused(app: &TestApp) {
    app.seed_demo().await;
    let mut cookies = Vec::new();
    for (role, email) in DEMO_ACCOUNTS {
        cookies.push((role, demo_login(app, email).await));
    }
    let mut wrong = Vec::new();
    let mut checked = 0;
    for path in registered() {
        let Some((Who::Roles(allowed), overrides)) = rule(&path) else {
            continue;
        };
        for role in ALL_ROLES.iter().filter(|r| !allowed.contains(r)) {
            let cookie = &cookies.iter().find(|(r, _)| r == role).unwrap().1;
            let (status, body) = call(app, &path, overrides, Some(cookie)).await;
            checked += 1;
            if status != 403 && status != 404 {
                wrong.push(format!("{path} as {role:?}: {status} {body}"));
            }
        }
    }
    assert!(checked > 100, "{checked} calls");
    assert!(
        wrong.is_empty(),
        "calls by a role the function does not serve that were not refused with 403/404:\n{}",
        wrong.join("\n")
    );
}
