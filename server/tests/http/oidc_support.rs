//! A real OpenID Connect provider for the tests (`server/tests/oidc_support/provider.mjs`:
//! Node's `oidc-provider`, installed by `scripts/setup.sh`), started on loopback per test, and a
//! small cookie-keeping client that goes through its log-in form the way a browser would.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::harness::{Backend, TestApp, spawn_app_with};

fn support_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oidc_support")
}

/// The provider process; stopped when dropped.
pub struct TestProvider {
    pub issuer: String,
    child: Child,
    /// Kept open: the provider may write more, and a closed pipe would stop it.
    _stdout: BufReader<std::process::ChildStdout>,
}

impl Drop for TestProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl TestProvider {
    /// Starts `provider.mjs` on a free port and waits for its issuer line.
    pub fn start() -> Self {
        let dir = support_dir();
        assert!(
            dir.join("node_modules/oidc-provider").exists(),
            "oidc-provider is not installed: run scripts/setup.sh (npm ci in {})",
            dir.display()
        );
        let mut child = Command::new("node")
            .arg(dir.join("provider.mjs"))
            .arg("0")
            .current_dir(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node starts");
        let stdout = child.stdout.take().unwrap();
        let mut stdout = BufReader::new(stdout);
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let value: serde_json::Value =
            serde_json::from_str(line.trim()).expect("the provider prints its issuer");
        Self {
            issuer: value["issuer"].as_str().unwrap().to_owned(),
            child,
            _stdout: stdout,
        }
    }

    /// The app's variables for three providers at this issuer: `test` (private_key_jwt, with
    /// `acr_values`), `expiring` (private_key_jwt, ID tokens that expire before they arrive) and
    /// `secret` (client secret).
    pub fn app_vars(&self, required_roles: &str) -> Vec<(&'static str, String)> {
        let key = support_dir()
            .join("test-client-key.pem")
            .display()
            .to_string();
        vec![
            ("TTA_OIDC_PROVIDERS", "test,expiring,secret".to_owned()),
            ("TTA_OIDC_TEST_ISSUER", self.issuer.clone()),
            ("TTA_OIDC_TEST_CLIENT_ID", "tta-private-key-jwt".to_owned()),
            ("TTA_OIDC_TEST_PRIVATE_KEY_PATH", key.clone()),
            ("TTA_OIDC_TEST_LABEL", "Test ID".to_owned()),
            (
                "TTA_OIDC_TEST_ACR_VALUES",
                "urn:acr.login.gov:auth-only".to_owned(),
            ),
            ("TTA_OIDC_TEST_SCOPES", "email profile".to_owned()),
            ("TTA_OIDC_EXPIRING_ISSUER", self.issuer.clone()),
            ("TTA_OIDC_EXPIRING_CLIENT_ID", "tta-expiring".to_owned()),
            ("TTA_OIDC_EXPIRING_PRIVATE_KEY_PATH", key),
            ("TTA_OIDC_EXPIRING_LABEL", "Expiring ID".to_owned()),
            ("TTA_OIDC_SECRET_ISSUER", self.issuer.clone()),
            ("TTA_OIDC_SECRET_CLIENT_ID", "tta-secret".to_owned()),
            (
                "TTA_OIDC_SECRET_CLIENT_SECRET",
                "tta-test-secret".to_owned(),
            ),
            ("TTA_OIDC_SECRET_LABEL", "Secret ID".to_owned()),
            ("TTA_OIDC_REQUIRED_ROLES", required_roles.to_owned()),
        ]
    }
}

/// A provider and an app configured for it; `None` when PostgreSQL is unavailable off CI.
pub async fn app_with_provider(
    backend: Backend,
    required_roles: &str,
) -> Option<(TestProvider, TestApp)> {
    let provider = TestProvider::start();
    let vars = provider.app_vars(required_roles);
    let app = spawn_app_with(backend, &vars).await?;
    Some((provider, app))
}

/// A browser without JavaScript: follows nothing by itself, keeps the app's cookies and the
/// provider's cookies apart (by origin).
pub struct Browser {
    client: reqwest::Client,
    app: String,
    jars: HashMap<String, HashMap<String, String>>,
}

fn origin_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split('/').next().unwrap_or_default().to_owned()
}

impl Browser {
    pub fn new(app: &TestApp) -> Self {
        Self {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            app: app.address.clone(),
            jars: HashMap::new(),
        }
    }

    fn cookie_header(&self, url: &str) -> String {
        self.jars
            .get(&origin_of(url))
            .map(|jar| {
                jar.iter()
                    .map(|(name, value)| format!("{name}={value}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default()
    }

    fn keep_cookies(&mut self, url: &str, response: &reqwest::Response) {
        let jar = self.jars.entry(origin_of(url)).or_default();
        for header in response.headers().get_all("set-cookie") {
            let text = header.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            let removed = text.to_ascii_lowercase().contains("max-age=0")
                || text
                    .to_ascii_lowercase()
                    .contains("expires=thu, 01 jan 1970");
            if removed || value.is_empty() {
                jar.remove(name);
            } else {
                jar.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    /// The value of this browser's cookie `name` for the app.
    pub fn app_cookie(&self, name: &str) -> Option<String> {
        self.jars
            .get(&origin_of(&self.app))
            .and_then(|jar| jar.get(name).cloned())
    }

    /// Forgets the app's cookie `name` (another browser, as far as the app can tell).
    pub fn forget_app_cookie(&mut self, name: &str) {
        if let Some(jar) = self.jars.get_mut(&origin_of(&self.app)) {
            jar.remove(name);
        }
    }

    /// An absolute address of the app for `path`.
    pub fn app_url(&self, path: &str) -> String {
        format!("{}{path}", self.app)
    }

    pub async fn get(&mut self, url: &str) -> reqwest::Response {
        let response = self
            .client
            .get(url)
            .header("cookie", self.cookie_header(url))
            .send()
            .await
            .unwrap();
        self.keep_cookies(url, &response);
        response
    }

    pub async fn post_form(&mut self, url: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let response = self
            .client
            .post(url)
            .header("cookie", self.cookie_header(url))
            .form(form)
            .send()
            .await
            .unwrap();
        self.keep_cookies(url, &response);
        response
    }

    /// Presses "Sign in with …" for `provider` (with `next`): the provider's authorization
    /// address the app sends the browser to.
    pub async fn start(&mut self, provider: &str, next: Option<&str>) -> String {
        let mut url = self.app_url(&format!("/auth/oidc/{provider}/start"));
        if let Some(next) = next {
            url.push_str(&format!("?next={next}"));
        }
        let response = self.get(&url).await;
        assert_eq!(response.status(), 303, "start answers with a redirect");
        location(&response)
    }

    /// Goes through the provider's log-in form as `login` from `authorization_url`, and
    /// returns the app's callback path and query the provider sends the browser back with.
    pub async fn log_in_at_provider(&mut self, authorization_url: &str, login: &str) -> String {
        let issuer_origin = origin_of(authorization_url);
        let mut url = authorization_url.to_owned();
        for _ in 0..10 {
            let response = self.get(&url).await;
            let status = response.status().as_u16();
            if status == 200 {
                // The provider's interaction page (log-in, or consent): post its form back.
                let page = response.text().await.unwrap();
                let prompt = if page.contains(r#"name="prompt" value="consent""#) {
                    "consent"
                } else {
                    "login"
                };
                let response = self
                    .post_form(
                        &url,
                        &[("prompt", prompt), ("login", login), ("password", "any")],
                    )
                    .await;
                assert!(
                    response.status().is_redirection(),
                    "the provider's form answers with a redirect, got {}",
                    response.status()
                );
                url = absolute(&issuer_origin, &location(&response));
                continue;
            }
            assert!(
                response.status().is_redirection(),
                "the provider answered {status}: {}",
                response.text().await.unwrap_or_default()
            );
            let next = absolute(&issuer_origin, &location(&response));
            if origin_of(&next) != issuer_origin {
                // Back to the app (at its public URL): keep the path and query.
                let path = next
                    .split_once("://")
                    .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_owned()))
                    .unwrap();
                return path;
            }
            url = next;
        }
        panic!("the provider never sent the browser back");
    }

    /// Delivers the provider's answer to the app; the app's redirect.
    pub async fn callback(&mut self, path_and_query: &str) -> reqwest::Response {
        let url = self.app_url(path_and_query);
        self.get(&url).await
    }

    /// The whole sign-in: start, provider log-in, callback; the app's final redirect target.
    pub async fn sign_in(&mut self, provider: &str, login: &str) -> String {
        let authorization = self.start(provider, None).await;
        let callback = self.log_in_at_provider(&authorization, login).await;
        let response = self.callback(&callback).await;
        assert_eq!(response.status(), 303);
        location(&response)
    }
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .expect("a Location header")
        .to_str()
        .unwrap()
        .to_owned()
}

fn absolute(origin: &str, location: &str) -> String {
    if location.starts_with("http://") || location.starts_with("https://") {
        location.to_owned()
    } else {
        format!("http://{origin}{location}")
    }
}

/// The value of query parameter `name` in `url`.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| value.to_owned())
    })
}

/// `url` with query parameter `name` set to `value`.
pub fn with_query_param(url: &str, name: &str, value: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let pairs: Vec<String> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key == name => format!("{name}={value}"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{base}?{}", pairs.join("&"))
}
