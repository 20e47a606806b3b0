//! Where a person goes back to after logging in: the page they asked for (a link in an e-mail,
//! a bookmark) travels to the log-in page as `/login?next=<path>`, and after a successful
//! log-in they land on it.
//!
//! Only a path of this site is followed. Anything a browser could read as another site — a
//! scheme (`https:`, `javascript:`), `//host`, a backslash (`/\host`, which browsers treat as
//! `//host`), control characters or spaces — gives `/` instead, so the log-in page cannot be
//! made to send someone elsewhere.

/// The query parameter of the log-in page that holds the path to go back to.
pub const NEXT_PARAM: &str = "next";

/// `next` when it is a path of this site (`/x`, `/x?y`), else `None`.
pub fn same_site_path(next: &str) -> Option<&str> {
    let mut chars = next.chars();
    let starts_with_one_slash = chars.next() == Some('/') && !matches!(chars.next(), Some('/'));
    let harmless = next.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    (starts_with_one_slash && harmless && next.len() <= 2_000).then_some(next)
}

/// Where to go after logging in: `next` when it is a same-site path other than the log-in page
/// itself, else the home page.
pub fn after_login(next: Option<&str>) -> &str {
    next.and_then(same_site_path)
        .filter(|path| {
            let page = path.split(['?', '#']).next().unwrap_or_default();
            page != "/login"
        })
        .unwrap_or("/")
}

/// The log-in page's address carrying `path_and_query` (when it is a same-site path) as
/// `next`, percent-encoded: `/login?next=/provider/sessions%3Fview%3Dweek`.
pub fn login_path(path_and_query: &str) -> String {
    match same_site_path(path_and_query) {
        Some(path) if after_login(Some(path)) != "/" => {
            format!("/login?{NEXT_PARAM}={}", encode(path))
        }
        _ => "/login".to_owned(),
    }
}

/// Percent-encodes everything but unreserved characters and `/` (for a value in an address).
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_this_site_are_kept() {
        for path in [
            "/",
            "/requests/7",
            "/provider/sessions?view=week&date=2027-03-01",
        ] {
            assert_eq!(same_site_path(path), Some(path));
            assert_eq!(after_login(Some(path)), path);
        }
    }

    #[test]
    fn anything_that_could_leave_the_site_goes_home() {
        for hostile in [
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "evil.example",
            "/requests/7\r\nSet-Cookie: x=1",
            "/requests/7\t",
            "/ requests",
            "/requêtes",
            "",
            "/login?next=/requests/7",
        ] {
            assert_eq!(after_login(Some(hostile)), "/", "{hostile:?}");
        }
        assert_eq!(after_login(None), "/");
    }

    #[test]
    fn the_login_address_carries_the_path_encoded() {
        assert_eq!(
            login_path("/provider/sessions?view=week&date=2027-03-01"),
            "/login?next=/provider/sessions%3Fview%3Dweek%26date%3D2027-03-01"
        );
        assert_eq!(login_path("//evil.example"), "/login");
        assert_eq!(login_path("/"), "/login");
    }
}
