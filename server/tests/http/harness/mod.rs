//! The integration-test harness: starts the real application on a random port with a fresh
//! database, on SQLite (a file in a temporary folder) or PostgreSQL (a throwaway database created
//! on the server at `TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`,
//! dropped when the test ends).
//!
//! Without a reachable PostgreSQL the PostgreSQL variant of a test prints `SKIPPED` and passes,
//! except on CI (`CI=true`), where a missing PostgreSQL fails the test.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};

pub mod fixtures;

use sea_orm::{ConnectionTrait, Database as SeaDatabase};
use server::config::Config;
use server::startup::Application;

/// The `coordinator/queue` server function's form for every waiting request: no filter, first
/// page.
pub const UNFILTERED_QUEUE: &[(&str, &str)] = &[
    ("status", ""),
    ("site", ""),
    ("topic", ""),
    ("engagement", ""),
    ("min_age_days", ""),
];

/// Which database a test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running application and a client for it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub config: Config,
    _database: TestDatabase,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request failed")
    }

    /// The text of the page at `path` as the person whose session cookie is `cookie`.
    pub async fn page_as(&self, path: &str, cookie: &str) -> String {
        self.client
            .get(self.url(path))
            .header("cookie", cookie)
            .send()
            .await
            .expect("request failed")
            .text()
            .await
            .expect("body")
    }

    /// Calls a server function the way the browser does (URL-encoded POST).
    pub async fn call_server_fn(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("request failed")
    }

    /// Loads the demo data into this app's database.
    pub async fn seed_demo(&self) {
        let database = server::startup::open_database(&self.config).await.unwrap();
        demo::seed_demo(&database).await.unwrap();
    }
}

/// Starts the application on `backend`; `None` when PostgreSQL is wanted but unavailable
/// outside CI (the test then returns early, having printed why).
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, &[]).await
}

/// As [`spawn_app`], with more configuration variables (e.g. OpenID Connect providers).
pub async fn spawn_app_with(backend: Backend, extra: &[(&str, String)]) -> Option<TestApp> {
    let database = TestDatabase::create(backend).await?;
    let mut vars: HashMap<&str, String> = HashMap::new();
    vars.insert("DATABASE_URL", database.url.clone());
    vars.insert("TTA_LISTEN_ADDR", "127.0.0.1:0".to_owned());
    vars.insert("RUST_LOG", "warn".to_owned());
    // Tests that want the mail worker start it themselves (see mail_*.rs).
    vars.insert("TTA_MAIL_WORKER", "off".to_owned());
    // The tests' webhook receiver, ICS and CalDAV servers listen on loopback; a test of the
    // private-address rule passes "false" in `extra`.
    vars.insert("TTA_ALLOW_PRIVATE_ADDRESSES", "true".to_owned());
    // One key for every test server (a PostgreSQL test has no folder for the default key file).
    vars.insert("TTA_SECRET_KEY", fixtures::SECRET_KEY.to_owned());
    for (name, value) in extra {
        vars.insert(name, value.clone());
    }
    let config = Config::from_lookup(|name| vars.get(name).cloned()).expect("test configuration");
    let app = Application::build(&config)
        .await
        .expect("application starts");
    let address = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until_stopped());
    Some(TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        config,
        _database: database,
    })
}

/// A fresh, empty database that disappears with the test.
pub struct TestDatabase {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Folder(#[allow(dead_code)] tempfile::TempDir),
    DropPostgres { admin_url: String, name: String },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

impl TestDatabase {
    /// `None` when PostgreSQL is wanted but unavailable outside CI (after printing why).
    pub async fn create(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => {
                let folder = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}/tta.sqlite?mode=rwc", folder.path().display());
                Some(Self {
                    url,
                    cleanup: Cleanup::Folder(folder),
                })
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let admin = match SeaDatabase::connect(admin_url.as_str()).await {
                    Ok(admin) => admin,
                    Err(error) => {
                        assert!(
                            !on_ci(),
                            "PostgreSQL is required on CI but {admin_url} is unreachable: {error}"
                        );
                        eprintln!(
                            "SKIPPED (PostgreSQL variant): no PostgreSQL at {admin_url}: {error}"
                        );
                        return None;
                    }
                };
                let name = format!(
                    "tta_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.subsec_nanos())
                        .unwrap_or(0)
                );
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                let _ = admin.close().await;
                let url = match admin_url.rsplit_once('/') {
                    Some((server, _)) => format!("{server}/{name}"),
                    None => panic!("TEST_POSTGRES_URL must end with /<database>"),
                };
                Some(Self {
                    url,
                    cleanup: Cleanup::DropPostgres { admin_url, name },
                })
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Cleanup::DropPostgres { admin_url, name } = &self.cleanup {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop may run inside the test's runtime: do the async work on a thread of its own.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async {
                    if let Ok(admin) = SeaDatabase::connect(admin_url.as_str()).await {
                        let _ = admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                            ))
                            .await;
                        let _ = admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

/// Defines `mod sqlite` and `mod postgres` versions of an async test taking `&TestApp`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let app = $crate::harness::spawn_app($crate::harness::Backend::Sqlite)
                        .await
                        .expect("SQLite always available");
                    super::$name(&app).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(app) =
                        $crate::harness::spawn_app($crate::harness::Backend::Postgres).await
                    {
                        super::$name(&app).await;
                    }
                }
            )+
        }
    };
}

/// A fresh, migrated database with the reference data (sites, topics; no accounts), for tests
/// of `service` use cases.
pub async fn seeded_service_database(
    backend: Backend,
) -> Option<(TestDatabase, service::Database)> {
    let database = TestDatabase::create(backend).await?;
    let db = service::Database::connect(&service::DatabaseUrl::parse(&database.url).unwrap())
        .await
        .unwrap()
        // The tests' ICS and CalDAV servers listen on loopback.
        .with_outbound_policy(service::outbound::OutboundPolicy::ALLOW_PRIVATE);
    db.migrate().await.unwrap();
    demo::seed_reference_data(&db).await.unwrap();
    Some((database, db))
}

/// Defines `mod sqlite` and `mod postgres` versions of async tests taking a [`Backend`]
/// (for tests that set up their own database, e.g. with [`seeded_service_database`]).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite { $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $name() { super::$name($crate::harness::Backend::Sqlite).await }
        )+ }
        mod postgres { $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $name() { super::$name($crate::harness::Backend::Postgres).await }
        )+ }
    };
}
