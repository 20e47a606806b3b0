//! Bad input everywhere (issue 20): a property-based run of malformed payloads against one real
//! `tta serve` per database — every server function in Leptos's registry and every page and
//! plain route (CSV exports, calendar feed, health probes) — sent anonymously and as a
//! logged-in person of each role, so the bodies reach the argument check and the use cases.
//!
//! The payloads come from proptest strategies (`generate`) with a fixed seed (`MALFORMED_SEED`
//! to vary it): wrong types, missing, doubled and extra fields, lists and maps for single
//! values, huge (1 MB) and unicode strings, NUL bytes, out-of-range numbers, impossible dates,
//! times in a DST gap or fold, unknown zones, broken URL-encoding, broken and deeply nested JSON,
//! wrong content types. The properties, over every answer:
//! - no 5xx and no dropped connection; afterwards the server still answers `/healthz` and its
//!   log holds no panic;
//! - no answer (nor a redirect's `__err`) carries internal text ([`verdict::LEAKS`]);
//! - a server function's refusal is a 4xx in its error format (`ServerError|…`);
//! - every 400 (or 422) refusing a payload whose fault is in its fields (a broken, missing or
//!   extra field, dates, times and zones set together) names a field (`field 'x'`, or the use
//!   case's `x: message` lines), asserted, with the first few that do not in the message;
//! - every refusal of unreadable arguments has a log line saying why.
//!
//! SQLite takes the bulk (10,000 payloads), PostgreSQL a sample (2,500).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod generate;
mod process;
mod regressions;
mod targets;
mod verdict;

use std::sync::Arc;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use url::form_urlencoded;

use crate::harness::Backend;
use crate::server_fn_access::{DEMO_ACCOUNTS, Role};
use generate::{
    AddressBreak, ContentType, FieldChange, FormBreak, JsonBreak, Together, address_break,
    content_type, form_break, json_break,
};
use process::Server;
use targets::{Function, addresses, functions, key_of, serving, top_of};
use verdict::{Tally, leak, names_a_field};

const SQLITE_PAYLOADS: usize = 10_000;
const POSTGRES_PAYLOADS: usize = 2_500;
/// Requests in flight at once.
const IN_FLIGHT: usize = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_10_000_malformed_payloads_no_5xx_no_leak_no_panic() {
    let server = Server::start(Backend::Sqlite).await.unwrap();
    run(server, SQLITE_PAYLOADS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_sample_of_malformed_payloads_no_5xx_no_leak_no_panic() {
    if let Some(server) = Server::start(Backend::Postgres).await {
        run(server, POSTGRES_PAYLOADS).await;
    }
}

/// One request as sent.
#[derive(Clone, Debug)]
struct Payload {
    post: bool,
    /// Path and query, encoded.
    address: String,
    content_type: Option<&'static str>,
    accept_html: bool,
    body: Vec<u8>,
    caller: Option<Role>,
    /// `/api/...` for a server function, the route pattern otherwise.
    target: String,
    server_fn: bool,
    /// The field at fault when fields of a server function's arguments were broken, missing or
    /// added, or dates, times and zones were set together (a fault of fields, not of the body
    /// as a whole).
    broken_field: Option<String>,
    kind: &'static str,
}

impl Payload {
    fn describe(&self) -> String {
        let body = String::from_utf8_lossy(&self.body);
        format!(
            "{} {} as {:?} ({}, {:?}): {}",
            if self.post { "POST" } else { "GET" },
            excerpt(&self.address, 600),
            self.caller,
            self.kind,
            self.content_type,
            excerpt(&body, 300)
        )
    }
}

fn excerpt(text: &str, limit: usize) -> String {
    if text.len() <= limit {
        return text.to_owned();
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &text[..end], text.len())
}

/// What one answer showed.
struct Outcome {
    /// 0 when no answer came.
    status: u16,
    failures: Vec<String>,
    /// For a 400 (or 422) refusing a payload with a broken, missing or extra field, or dates,
    /// times and zones set together: whether it named a field, and its message.
    field_400: Option<(bool, String)>,
    /// A refusal of unreadable arguments (the argument check's own message).
    unreadable: bool,
    target: String,
    /// The start of the answer.
    text: String,
}

struct Callers {
    cookies: Vec<(Role, String)>,
}

impl Callers {
    fn cookie(&self, role: Option<Role>) -> Option<String> {
        let role = role?;
        self.cookies
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| c.clone())
    }
}

async fn log_in(client: &reqwest::Client, server: &Server) -> Callers {
    let mut cookies = Vec::new();
    for (role, email) in DEMO_ACCOUNTS {
        let response = client
            .post(server.url("/api/auth/login"))
            .header("Accept", "application/json")
            .form(&[("email", email), ("password", demo::DEMO_PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "log-in of {email}");
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|v| v.starts_with("tta_session="))
            .map(|header| header.split(';').next().unwrap().to_owned())
            .expect("a session cookie");
        cookies.push((role, cookie));
    }
    Callers { cookies }
}

async fn send(
    client: &reqwest::Client,
    server_base: &str,
    callers: &Callers,
    payload: &Payload,
) -> Outcome {
    let url = format!("{server_base}{}", payload.address);
    let mut request = if payload.post {
        client.post(&url).body(payload.body.clone())
    } else {
        client.get(&url)
    };
    request = request.header(
        "Accept",
        if payload.accept_html {
            "text/html"
        } else {
            "application/json"
        },
    );
    if payload.accept_html {
        request = request.header("Referer", format!("{server_base}/login"));
    }
    if let Some(content_type) = payload.content_type {
        request = request.header("Content-Type", content_type);
    }
    if let Some(cookie) = callers.cookie(payload.caller) {
        request = request.header("Cookie", cookie);
    }
    let mut outcome = Outcome {
        status: 0,
        failures: Vec::new(),
        field_400: None,
        unreadable: false,
        target: payload.target.clone(),
        text: String::new(),
    };
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) if error.is_builder() => {
            // The client itself would not send it (an address no URL parser accepts).
            outcome.status = 1;
            return outcome;
        }
        Err(error) => {
            let mut cause = error.to_string();
            let mut source = std::error::Error::source(&error);
            while let Some(inner) = source {
                cause.push_str(&format!(": {inner}"));
                source = inner.source();
            }
            outcome
                .failures
                .push(format!("no answer ({cause}) to {}", payload.describe()));
            return outcome;
        }
    };
    let status = response.status().as_u16();
    outcome.status = status;
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response.bytes().await.unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    // The payload first: a long answer quoted after it is what gets cut short.
    let fail = |what: String| format!("{} — {what}", payload.describe());
    if status >= 500 {
        outcome
            .failures
            .push(fail(format!("{status}: {}", excerpt(&text, 400))));
    }
    if let Some(marker) = leak(&text) {
        outcome.failures.push(fail(format!(
            "internal text {marker:?} in the answer ({status}): {}",
            excerpt(&text, 600)
        )));
    }
    if let Some(location) = &location {
        let error = url::Url::parse(&format!("http://x{location}"))
            .ok()
            .and_then(|url| {
                url.query_pairs()
                    .find(|(name, _)| name == "__err")
                    .map(|(_, value)| value.into_owned())
            })
            .and_then(|value| ::server::fn_errors::decode_param(&value));
        if let Some(error) = error {
            if let Some(marker) = leak(&error) {
                outcome.failures.push(fail(format!(
                    "internal text {marker:?} in the redirect's error: {error}"
                )));
            }
            if !error.starts_with("ServerError|") {
                outcome.failures.push(fail(format!(
                    "a redirect's error not for a person: {error}"
                )));
            }
        }
    }
    if payload.server_fn && (400..500).contains(&status) {
        match text.strip_prefix("ServerError|") {
            None => outcome.failures.push(fail(format!(
                "a {status} refusal not in the server-function error format: {}",
                excerpt(&text, 300)
            ))),
            Some(message) => {
                outcome.unreadable = message.starts_with("The request could not be read")
                    || message.starts_with("The request is too large");
                if matches!(status, 400 | 422) && payload.broken_field.is_some() {
                    outcome.field_400 = Some((names_a_field(message), message.to_owned()));
                }
            }
        }
    }
    outcome.text = excerpt(&text, 1000);
    outcome
}

/// The shape of one payload, drawn by proptest.
#[derive(Clone, Debug)]
enum Plan {
    Form {
        function: Index,
        brk: FormBreak,
        content: ContentType,
        html: bool,
        caller: (u8, Index),
    },
    Json {
        function: Index,
        brk: JsonBreak,
        content: ContentType,
        caller: (u8, Index),
    },
    Address {
        route: Index,
        brk: AddressBreak,
        caller: (u8, Index),
    },
}

fn plan() -> BoxedStrategy<Plan> {
    let caller = || (0u8..100, any::<Index>());
    prop_oneof![
        66 => (any::<Index>(), form_break(), content_type(), prop::bool::weighted(0.1), caller())
            .prop_map(|(function, brk, content, html, caller)| Plan::Form {
                function, brk, content, html, caller
            }),
        9 => (any::<Index>(), json_break(), content_type(), caller())
            .prop_map(|(function, brk, content, caller)| Plan::Json {
                function, brk, content, caller
            }),
        25 => (any::<Index>(), address_break(), caller())
            .prop_map(|(route, brk, caller)| Plan::Address { route, brk, caller }),
    ]
    .boxed()
}

/// Anonymous one time in five, a role the function does not serve one in five, else one it
/// serves (so most bodies reach the use case).
fn pick_caller((roll, pick): (u8, Index), serves: &[Option<Role>]) -> Option<Role> {
    const ROLES: [Role; 4] = [
        Role::SiteContact,
        Role::Provider,
        Role::Coordinator,
        Role::Admin,
    ];
    match roll {
        0..20 => None,
        20..40 => Some(ROLES[pick.index(ROLES.len())]),
        _ => serves[pick.index(serves.len())],
    }
}

fn encode(form: &[(String, String)]) -> Vec<u8> {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form {
        serializer.append_pair(key, value);
    }
    serializer.finish().into_bytes()
}

/// Which kind of value a form key holds, for [`Together`].
fn is_date_key(key: &str) -> bool {
    let leaf = key.rsplit('[').next().unwrap_or(key).trim_end_matches(']');
    leaf.contains("date") || matches!(leaf, "from" | "to" | "first" | "last" | "through")
}

fn is_time_key(key: &str) -> bool {
    let leaf = key.rsplit('[').next().unwrap_or(key).trim_end_matches(']');
    matches!(
        leaf,
        "time" | "preferred_start" | "preferred_end" | "window_start" | "window_end"
    )
}

fn is_zone_key(key: &str) -> bool {
    key.contains("zone")
}

fn together(form: &mut [(String, String)], how: Together) {
    for (key, value) in form.iter_mut() {
        let new = match how {
            Together::DstGap if is_date_key(key) => "2026-03-08",
            Together::DstGap if is_time_key(key) => "02:30",
            Together::DstGap if is_zone_key(key) => "America/New_York",
            Together::DstGap if key == "moves" => "1@1772955000",
            Together::DstFold if is_date_key(key) => "2026-11-01",
            Together::DstFold if is_time_key(key) => "01:30",
            Together::DstFold if is_zone_key(key) => "America/New_York",
            Together::ImpossibleDate if is_date_key(key) => "2026-02-30",
            Together::UnknownZone if is_zone_key(key) => "Mars/Olympus_Mons",
            Together::Reversed if key.ends_with("earliest_date]") || key == "from" => "2027-04-01",
            Together::Reversed if key.ends_with("latest_date]") || key == "to" => "2027-03-01",
            Together::Reversed if key.ends_with("preferred_start]") => "12:00",
            Together::Reversed if key.ends_with("preferred_end]") => "09:00",
            _ => continue,
        };
        *value = new.to_owned();
    }
}

fn form_payload(function: &Function, brk: &FormBreak) -> (Vec<u8>, Option<String>, &'static str) {
    let mut form = function.form.clone();
    match brk {
        FormBreak::Fields(changes) => {
            let mut first = None;
            for (own, pick, change) in changes {
                let key = if *own && !function.own.is_empty() {
                    function.form[function.own[pick.index(function.own.len())]]
                        .0
                        .clone()
                } else {
                    function.form[pick.index(function.form.len())].0.clone()
                };
                first.get_or_insert_with(|| key.clone());
                match change {
                    FieldChange::Set(value) => form
                        .iter_mut()
                        .filter(|(k, _)| *k == key)
                        .for_each(|(_, v)| *v = value.clone()),
                    FieldChange::Remove => form.retain(|(k, _)| *k != key),
                    FieldChange::Duplicate(value) => form.push((key.clone(), value.clone())),
                    FieldChange::AsList => form
                        .iter_mut()
                        .filter(|(k, _)| *k == key)
                        .for_each(|(k, _)| k.push_str("[]")),
                    FieldChange::AsMap(part) => form
                        .iter_mut()
                        .filter(|(k, _)| *k == key)
                        .for_each(|(k, _)| k.push_str(&format!("[{part}]"))),
                }
            }
            (encode(&form), first, "fields")
        }
        FormBreak::Extra(key, value) => {
            form.push((key.clone(), value.clone()));
            (encode(&form), Some(key.clone()), "extra field")
        }
        FormBreak::Together(how) => {
            together(&mut form, *how);
            (
                encode(&form),
                Some("dates, times and zones".to_owned()),
                "dates, times and zones together",
            )
        }
        FormBreak::Bytes { at, bytes } => {
            let mut body = encode(&form);
            let at = at.index(body.len() + 1);
            body.splice(at..at, bytes.iter().copied());
            (body, None, "broken bytes")
        }
        FormBreak::Truncated(at) => {
            let mut body = encode(&form);
            body.truncate(at.index(body.len() + 1));
            (body, None, "cut short")
        }
        FormBreak::Whole(body) => (body.clone(), None, "broken body"),
    }
}

/// Every value's JSON pointer in `value` (not the root).
fn pointers(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let path = format!("{at}/{key}");
                out.push(path.clone());
                pointers(inner, path, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                let path = format!("{at}/{index}");
                out.push(path.clone());
                pointers(inner, path, out);
            }
        }
        _ => {}
    }
}

/// `/form/weekly/0/start` as the argument check names it: `form.weekly[0].start`.
fn field_of_pointer(pointer: &str) -> String {
    let mut field = String::new();
    for part in pointer.split('/').skip(1) {
        if part.chars().all(|c| c.is_ascii_digit()) {
            field.push_str(&format!("[{part}]"));
        } else {
            if !field.is_empty() {
                field.push('.');
            }
            field.push_str(part);
        }
    }
    field
}

fn json_payload(
    valid: &serde_json::Value,
    brk: &JsonBreak,
) -> (Vec<u8>, Option<String>, &'static str) {
    let mut value = valid.clone();
    let mut all = Vec::new();
    pointers(&value, String::new(), &mut all);
    let text = serde_json::to_vec(valid).unwrap();
    match brk {
        JsonBreak::Replace(pick, new) => {
            let pointer = all[pick.index(all.len())].clone();
            if let Some(slot) = value.pointer_mut(&pointer) {
                *slot = new.clone();
            }
            (
                serde_json::to_vec(&value).unwrap(),
                Some(field_of_pointer(&pointer)),
                "json value",
            )
        }
        JsonBreak::Remove(pick) => {
            let keys: Vec<&String> = all
                .iter()
                .filter(|p| {
                    !p.rsplit('/')
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .all(|c| c.is_ascii_digit())
                })
                .collect();
            let pointer = keys[pick.index(keys.len())].clone();
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            if let Some(serde_json::Value::Object(map)) = value.pointer_mut(parent) {
                map.remove(key);
            }
            (
                serde_json::to_vec(&value).unwrap(),
                Some(field_of_pointer(&pointer)),
                "json field removed",
            )
        }
        JsonBreak::Extra(pick, key, new) => {
            let mut objects = vec![String::new()];
            objects.extend(
                all.iter()
                    .filter(|p| valid.pointer(p).is_some_and(|v| v.is_object()))
                    .cloned(),
            );
            let pointer = objects[pick.index(objects.len())].clone();
            if let Some(serde_json::Value::Object(map)) = value.pointer_mut(&pointer) {
                map.insert(key.clone(), new.clone());
            }
            (
                serde_json::to_vec(&value).unwrap(),
                Some(key.clone()),
                "json extra field",
            )
        }
        JsonBreak::Text(text) => (text.clone().into_bytes(), None, "broken json"),
        JsonBreak::Truncated(at) => {
            let mut text = text;
            text.truncate(at.index(text.len()));
            (text, None, "json cut short")
        }
        JsonBreak::Deep(depth) => {
            let deep = format!("{}{}", "[".repeat(*depth), "]".repeat(*depth));
            (
                format!("{{\"form\":{deep}}}").into_bytes(),
                None,
                "deeply nested json",
            )
        }
        JsonBreak::Bytes(at, bytes) => {
            let mut text = text;
            let at = at.index(text.len() + 1);
            text.splice(at..at, bytes.iter().copied());
            (text, None, "json broken bytes")
        }
    }
}

fn content_header(content: ContentType, json: bool) -> Option<&'static str> {
    const FORM: &str = "application/x-www-form-urlencoded";
    const JSON: &str = "application/json";
    match content {
        ContentType::Expected if json => Some(JSON),
        ContentType::Expected => Some(FORM),
        ContentType::Other if json => Some(FORM),
        ContentType::Other => Some(JSON),
        ContentType::Text => Some("text/plain"),
        ContentType::Multipart => Some("multipart/form-data"),
        ContentType::Missing => None,
        ContentType::Garbage => Some(";;;=="),
    }
}

fn address_payload(pattern: &str, brk: &AddressBreak) -> String {
    let raw_ok = brk.raw && brk.segment.chars().all(|c| c.is_ascii_graphic());
    let segment = if raw_ok {
        brk.segment.clone()
    } else {
        form_urlencoded::byte_serialize(brk.segment.as_bytes()).collect()
    };
    let mut address = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        address.push_str(&rest[..open]);
        address.push_str(&segment);
        rest = rest[open..]
            .find('}')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    address.push_str(rest);
    if !brk.query.is_empty() {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &brk.query {
            serializer.append_pair(name, value);
        }
        address.push('?');
        address.push_str(&serializer.finish());
    }
    address
}

fn build(plan: &Plan, functions: &[Function], routes: &[String]) -> Payload {
    let form_functions: Vec<&Function> = functions.iter().filter(|f| f.json.is_none()).collect();
    let json_functions: Vec<&Function> = functions.iter().filter(|f| f.json.is_some()).collect();
    match plan {
        Plan::Form {
            function,
            brk,
            content,
            html,
            caller,
        } => {
            let function = form_functions[function.index(form_functions.len())];
            let (body, field, kind) = form_payload(function, brk);
            let caller = pick_caller(*caller, &serving(function.who));
            Payload {
                post: true,
                address: function.path.clone(),
                content_type: content_header(*content, false),
                accept_html: *html,
                body,
                // `auth/logout` would end the caller's log-in: only anonymously.
                caller: caller.filter(|_| function.path != "/api/auth/logout"),
                target: function.path.clone(),
                server_fn: true,
                broken_field: field.filter(|_| *content == ContentType::Expected),
                kind,
            }
        }
        Plan::Json {
            function,
            brk,
            content,
            caller,
        } => {
            let function = json_functions[function.index(json_functions.len())];
            let (body, field, kind) = json_payload(function.json.as_ref().unwrap(), brk);
            Payload {
                post: true,
                address: function.path.clone(),
                content_type: content_header(*content, true),
                accept_html: false,
                body,
                caller: pick_caller(*caller, &serving(function.who)),
                target: function.path.clone(),
                server_fn: true,
                broken_field: field.filter(|_| *content == ContentType::Expected),
                kind,
            }
        }
        Plan::Address { route, brk, caller } => {
            let pattern = &routes[route.index(routes.len())];
            const EVERYONE: [Option<Role>; 5] = [
                None,
                Some(Role::SiteContact),
                Some(Role::Provider),
                Some(Role::Coordinator),
                Some(Role::Admin),
            ];
            Payload {
                post: false,
                address: address_payload(pattern, brk),
                content_type: None,
                accept_html: true,
                body: Vec::new(),
                caller: pick_caller(*caller, &EVERYONE),
                target: pattern.clone(),
                server_fn: false,
                broken_field: None,
                kind: "address",
            }
        }
    }
}

/// Finds each form function's own required fields by asking the argument check which one is
/// missing, starting from an empty body; every such call is itself a malformed payload.
async fn discover(
    client: &reqwest::Client,
    server: &Server,
    callers: &Callers,
    functions: &mut [Function],
    tally: &mut Tally,
) {
    for function in functions.iter_mut().filter(|f| f.json.is_none()) {
        let caller = serving(function.who)[0];
        let mut own: Vec<usize> = Vec::new();
        for _ in 0..40 {
            let form: Vec<(String, String)> =
                own.iter().map(|i| function.form[*i].clone()).collect();
            let payload = Payload {
                post: true,
                address: function.path.clone(),
                content_type: content_header(ContentType::Expected, false),
                accept_html: false,
                body: encode(&form),
                caller: caller.filter(|_| function.path != "/api/auth/logout"),
                target: function.path.clone(),
                server_fn: true,
                broken_field: Some(String::new()),
                kind: "fields missing",
            };
            let outcome = send(client, &server.base, callers, &payload).await;
            let missing = outcome
                .text
                .split("field '")
                .nth(1)
                .and_then(|rest| rest.split_once("' is missing"))
                .map(|(field, _)| field.to_owned());
            tally.record(outcome);
            let Some(field) = missing else {
                break;
            };
            let key = key_of(&field);
            let before = own.len();
            for (index, (name, _)) in function.form.iter().enumerate() {
                let belongs = *name == key || (!field.contains('.') && top_of(name) == field);
                if belongs && !own.contains(&index) {
                    own.push(index);
                }
            }
            if own.len() == before {
                break;
            }
        }
        function.own = own;
    }
}

impl Tally {
    fn record(&mut self, outcome: Outcome) {
        self.sent += 1;
        *self.by_status.entry(outcome.status).or_default() += 1;
        *self.by_target.entry(outcome.target.clone()).or_default() += 1;
        if let Some((named, message)) = outcome.field_400 {
            if named {
                self.field_named += 1;
            } else {
                let entry = self
                    .field_unnamed
                    .entry(format!("{}: {}", outcome.target, excerpt(&message, 120)))
                    .or_insert((0, message));
                entry.0 += 1;
            }
        }
        if outcome.unreadable {
            self.unreadable += 1;
        }
        self.failures.extend(outcome.failures);
    }
}

fn seed() -> u64 {
    std::env::var("MALFORMED_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20)
}

async fn run(mut server: Server, count: usize) {
    let started = Instant::now();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        // A fresh connection for each payload: an answer that closes its connection (a 413
        // sent before the body was read) never leaves a dead one in the pool for the next.
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let callers = Arc::new(log_in(&client, &server).await);
    let mut functions = functions();
    assert!(functions.len() > 50, "the registry lists the functions");
    let routes = addresses();
    let mut tally = Tally::default();
    discover(&client, &server, &callers, &mut functions, &mut tally).await;

    let seed = seed();
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let strategy = plan();
    let gate = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut tasks = JoinSet::new();
    let base = Arc::new(server.base.clone());
    while tally.sent + tasks.len() < count {
        let plan = strategy.new_tree(&mut runner).unwrap().current();
        let payload = build(&plan, &functions, &routes);
        let permit = gate.clone().acquire_owned().await.unwrap();
        let (client, callers, base) = (client.clone(), callers.clone(), base.clone());
        tasks.spawn(async move {
            let outcome = send(&client, &base, &callers, &payload).await;
            drop(permit);
            outcome
        });
        while let Some(done) = tasks.try_join_next() {
            tally.record(done.unwrap());
        }
    }
    while let Some(done) = tasks.join_next().await {
        tally.record(done.unwrap());
    }
    let elapsed = started.elapsed();

    let healthz = client.get(server.url("/healthz")).send().await;
    assert!(
        healthz.is_ok_and(|r| r.status() == 200),
        "the server no longer answers /healthz"
    );
    assert!(server.running(), "the server process ended");
    let log = server.log();
    let summary = format!(
        "seed {seed}, {:.1} s: {}",
        elapsed.as_secs_f64(),
        tally.summary()
    );
    println!("{summary}");
    for (what, (count, _)) in tally.field_unnamed.iter().take(40) {
        println!("  400 naming no field ×{count}: {what}");
    }
    let panics: Vec<&str> = log.lines().filter(|l| l.contains("panicked")).collect();
    assert!(
        panics.is_empty(),
        "the server panicked:\n{}",
        panics.join("\n")
    );
    let explained = log
        .lines()
        .filter(|l| {
            l.contains("malformed server-function arguments")
                || l.contains("unreadable server-function request")
                || l.contains("server-function arguments refused")
        })
        .count();
    assert!(
        explained >= tally.unreadable,
        "{} refusals of unreadable arguments but {explained} log lines saying why",
        tally.unreadable
    );
    let errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("ERROR") || l.contains("WARN"))
        .take(20)
        .collect();
    // The failures first: a CI log shows only the start of a long message.
    assert!(
        tally.failures.is_empty(),
        "{} failures, the first:\n{}\n\n{summary}\nthe server's errors and warnings:\n{}",
        tally.failures.len(),
        tally
            .failures
            .iter()
            .take(30)
            .map(|failure| excerpt(failure, 1500))
            .collect::<Vec<_>>()
            .join("\n"),
        errors.join("\n"),
    );
    // Every refusal of a fault in fields names a field.
    let unnamed: usize = tally.field_unnamed.values().map(|(n, _)| n).sum();
    assert!(
        unnamed == 0,
        "{unnamed} refusals of a payload with a broken field named no field, the first:\n{}\n\n\
         {summary}",
        tally
            .field_unnamed
            .iter()
            .take(12)
            .map(|(what, (n, _))| format!("  ×{n} {what}"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    assert!(tally.sent >= count, "{summary}");
}
