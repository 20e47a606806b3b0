//! Redirect targets of plain form posts: confined to this site's own paths, and their
//! `__path`/`__err` query parameters (the failed server function and its encoded error, which
//! Leptos's `ServerAction` reads back on the page).

use url::Url;
use url::form_urlencoded;

use crate::csrf::AllowedOrigins;

/// The query parameter naming the server function that failed.
pub const PATH_PARAM: &str = "__path";
/// The query parameter carrying its error (see [`crate::fn_errors`]).
pub const ERROR_PARAM: &str = "__err";

/// `target` (a `Location` or `Referer` value) as a path on this site, `/x?y`: an absolute URL
/// only when its origin is this site (`TTA_PUBLIC_URL` or the request's `host`); anything else,
/// or anything a browser could read as another host (`//evil`, `/\evil`, control characters), is
/// `/`.
pub fn on_this_site(target: &str, origins: &AllowedOrigins, host: Option<&str>) -> String {
    let target = target.trim();
    if target
        .chars()
        .any(|c| c.is_control() || c == ' ' || !c.is_ascii())
    {
        return "/".to_owned();
    }
    let path_and_query = if target.starts_with('/') {
        target.to_owned()
    } else {
        match Url::parse(target) {
            Ok(url)
                if matches!(url.scheme(), "http" | "https")
                    && origins.allows(&url.origin().ascii_serialization(), host) =>
            {
                match url.query() {
                    Some(query) => format!("{}?{query}", url.path()),
                    None => url.path().to_owned(),
                }
            }
            _ => return "/".to_owned(),
        }
    };
    // One leading slash: `//host` and `/\host` are other sites to a browser.
    let rest = path_and_query.trim_start_matches(['/', '\\']);
    let rest = rest.split('#').next().unwrap_or_default();
    format!("/{rest}")
}

/// The decoded pairs of a query string.
fn pairs_of(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// `target` split into its path and its query pairs.
fn split(target: &str) -> (&str, Vec<(String, String)>) {
    match target.split_once('?') {
        Some((path, query)) => (path, pairs_of(query)),
        None => (target, Vec::new()),
    }
}

fn join(path: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return path.to_owned();
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish();
    format!("{path}?{query}")
}

fn is_error_param(name: &str) -> bool {
    name == PATH_PARAM || name == ERROR_PARAM
}

/// `target` without any `__path`/`__err`, with one pair for `function` and `encoded` (a
/// `Kind|text` error) instead, as `server_fn` builds its redirect after a failed form post.
pub fn with_error(target: &str, function: &str, encoded: &str) -> String {
    let (path, mut pairs) = split(target);
    pairs.retain(|(name, _)| !is_error_param(name));
    pairs.push((PATH_PARAM.to_owned(), function.to_owned()));
    pairs.push((
        ERROR_PARAM.to_owned(),
        crate::fn_errors::encode_param(encoded),
    ));
    join(path, &pairs)
}

/// `target` with every `__err` replaced by `map` of its decoded error (`None` keeps it);
/// `None` when nothing changed.
pub fn map_errors(target: &str, map: impl Fn(&str) -> Option<String>) -> Option<String> {
    let (path, mut pairs) = split(target);
    let mut changed = false;
    for (name, value) in &mut pairs {
        if name != ERROR_PARAM {
            continue;
        }
        if let Some(new) = crate::fn_errors::decode_param(value).and_then(|error| map(&error)) {
            *value = crate::fn_errors::encode_param(&new);
            changed = true;
        }
    }
    changed.then(|| join(path, &pairs))
}

/// `target` with only the last `__path` and the last `__err` (the ones `server_fn` just
/// appended; earlier ones came with the `Referer` from an earlier attempt), and that pair when
/// both are there.
pub fn latest_error(target: &str) -> (String, Option<(String, String)>) {
    let (path, mut pairs) = split(target);
    let last = |name: &str| {
        pairs
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v.clone())
    };
    let error = last(PATH_PARAM).zip(last(ERROR_PARAM));
    pairs.retain(|(name, _)| !is_error_param(name));
    if let Some((function, value)) = &error {
        pairs.push((PATH_PARAM.to_owned(), function.clone()));
        pairs.push((ERROR_PARAM.to_owned(), value.clone()));
    }
    (join(path, &pairs), error)
}

/// The one `__path` and the one `__err` of a page address (`None` when either is missing or
/// given twice), and whether it has any of them.
pub fn page_error(query: Option<&str>) -> (Option<(String, String)>, bool) {
    let Some(query) = query else {
        return (None, false);
    };
    let pairs = pairs_of(query);
    let values = |name: &str| {
        pairs
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    let (paths, errors) = (values(PATH_PARAM), values(ERROR_PARAM));
    let any = !paths.is_empty() || !errors.is_empty();
    match (paths.as_slice(), errors.as_slice()) {
        ([function], [error]) => (Some((function.clone(), error.clone())), any),
        _ => (None, any),
    }
}

/// `path` (this request's) with `query` minus every `__path`/`__err`.
pub fn without_errors(path: &str, query: Option<&str>) -> String {
    let mut pairs = pairs_of(query.unwrap_or_default());
    pairs.retain(|(name, _)| !is_error_param(name));
    let rest = path.trim_start_matches(['/', '\\']);
    join(&format!("/{rest}"), &pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origins() -> AllowedOrigins {
        AllowedOrigins::from_public_url("https://tta.example.gov")
    }

    #[test]
    fn redirects_stay_on_this_site() {
        let host = Some("127.0.0.1:3000");
        let here = |target: &str| on_this_site(target, &origins(), host);
        assert_eq!(here("http://127.0.0.1:3000/login?x=1"), "/login?x=1");
        assert_eq!(
            here("https://tta.example.gov/password/forgot"),
            "/password/forgot"
        );
        assert_eq!(here("/requests/3?submitted=1"), "/requests/3?submitted=1");
        assert_eq!(here("https://evil.example/phish?a=b"), "/");
        assert_eq!(here("http://127.0.0.1:3001/"), "/");
        assert_eq!(here("//evil.example/x"), "/evil.example/x");
        assert_eq!(here("/\\evil.example/x"), "/evil.example/x");
        assert_eq!(
            here("http://127.0.0.1:3000//evil.example/"),
            "/evil.example/"
        );
        assert_eq!(here("/\t/evil.example"), "/");
        assert_eq!(here("javascript:alert(1)"), "/");
        assert_eq!(here("login"), "/");
        assert_eq!(here(""), "/");
    }

    #[test]
    fn the_latest_error_wins_and_others_are_dropped() {
        let target =
            "/login?a=1&__path=%2Fapi%2Fold&__err=T0xE&__path=%2Fapi%2Fauth%2Flogin&__err=TkVX";
        let (clean, error) = latest_error(target);
        assert_eq!(clean, "/login?a=1&__path=%2Fapi%2Fauth%2Flogin&__err=TkVX");
        assert_eq!(
            error,
            Some(("/api/auth/login".to_owned(), "TkVX".to_owned()))
        );
        assert_eq!(latest_error("/login?a=1"), ("/login?a=1".to_owned(), None));
        assert_eq!(
            without_errors("/password/reset", Some("token=abc&__err=x&__path=y")),
            "/password/reset?token=abc"
        );
        assert_eq!(without_errors("/login", Some("__err=x")), "/login");
        assert_eq!(page_error(Some("__err=x&__path=y&__err=z")), (None, true));
        assert_eq!(
            page_error(Some("__path=y&__err=x")),
            (Some(("y".to_owned(), "x".to_owned())), true)
        );
        assert_eq!(page_error(Some("q=1")), (None, false));
    }

    #[test]
    fn errors_can_be_replaced_in_place() {
        let target = with_error("/login?x=1&__err=old", "/api/auth/login", "Args|bad");
        assert!(target.starts_with("/login?x=1&__path=%2Fapi%2Fauth%2Flogin&__err="));
        let mapped = map_errors(&target, |error| {
            (error == "Args|bad").then(|| "ServerError|Better.".to_owned())
        })
        .unwrap();
        let (_, error) = latest_error(&mapped);
        let (_, value) = error.unwrap();
        assert_eq!(
            crate::fn_errors::decode_param(&value).as_deref(),
            Some("ServerError|Better.")
        );
        assert_eq!(map_errors("/login?x=1", |_| None), None);
    }
}
