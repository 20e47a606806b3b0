//! Outbound calls to addresses people typed never reach private ones (issue 18, SSRF), on both
//! databases, with `TTA_ALLOW_PRIVATE_ADDRESSES` off: registering a webhook endpoint on a
//! loopback, private, IPv6 loopback or cloud-metadata address — or on a name resolving to
//! loopback (`localhost`) — is a 400 naming `url`; an endpoint stored earlier that now points to a
//! private address fails its delivery attempt with the reason in the attempt log, and a loopback
//! listener counting connections proves nothing was sent. A provider's calendar fetch is refused
//! the same way, as an IP literal and as a name.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, Statement};
use service::accounts::Role;
use service::entities::webhook_endpoint;
use service::outbound::OutboundPolicy;
use service::provider_calendars::fetch::{FetchError, fetch_ics};
use service::webhooks::{WebhookEvent, emit};

use crate::accounts_support::{call_with_cookie, count, create_user, logged_in, raw_db};
use crate::harness::{Backend, TestApp, spawn_app_with};

const ADMIN_EMAIL: &str = "outbound-admin@example.org";

/// A loopback listener that counts the connections made to it (and answers none).
struct Counter {
    port: u16,
    connections: Arc<AtomicUsize>,
}

impl Counter {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let counted = connections.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::SeqCst);
                drop(stream);
            }
        });
        Self { port, connections }
    }

    fn count(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

/// The app with private addresses refused and a quick webhook worker; `None` without
/// PostgreSQL outside CI.
async fn app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(
        backend,
        &[
            ("TTA_ALLOW_PRIVATE_ADDRESSES", "false".to_owned()),
            ("TTA_WEBHOOK_POLL_MS", "100".to_owned()),
            ("TTA_TEST_WEBHOOK_RETRY_MS", "200".to_owned()),
        ],
    )
    .await
}

async fn registering_a_private_address_is_a_400_naming_url(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let counter = Counter::start().await;
    create_user(&app, ADMIN_EMAIL, Role::Admin).await;
    let admin = logged_in(&app, ADMIN_EMAIL).await;
    let port = counter.port;
    for (url, address) in [
        (format!("http://127.0.0.1:{port}/hooks"), "127.0.0.1"),
        ("http://10.0.0.1/".to_owned(), "10.0.0.1"),
        ("http://[::1]/".to_owned(), "::1"),
        (
            "http://169.254.169.254/latest/meta-data/".to_owned(),
            "169.254.169.254",
        ),
        ("http://192.168.1.20:8080/in".to_owned(), "192.168.1.20"),
        ("http://100.64.0.7/".to_owned(), "100.64.0.7"),
        ("http://[fd00::5]/".to_owned(), "fd00::5"),
        // A name resolving to loopback.
        (format!("http://localhost:{port}/hooks"), ""),
    ] {
        let response = call_with_cookie(
            &app,
            "admin/webhooks/register",
            &admin,
            &[("form[url]", &url), ("form[events][]", "proposal.sent")],
        )
        .await;
        assert_eq!(response.status(), 400, "{url}");
        let text = response.text().await.unwrap();
        assert!(
            text.contains("url:")
                && text.contains("private or loopback addresses are not allowed")
                && text.contains(address),
            "{url}: {text}"
        );
    }
    let raw = raw_db(&app).await;
    assert_eq!(
        count(&raw, "SELECT COUNT(*) FROM webhook_endpoint").await,
        0
    );
    assert_eq!(counter.count(), 0, "registration connects to nothing");
}

async fn a_stored_endpoint_now_private_fails_without_a_request(backend: Backend) {
    let Some(app) = app(backend).await else {
        return;
    };
    let counter = Counter::start().await;
    let db = server::startup::open_database(&app.config).await.unwrap();
    let now = Utc::now();
    // Stored before the rule (or by a name that pointed elsewhere then): one IP literal, one
    // name that now resolves to loopback.
    for url in [
        format!("http://127.0.0.1:{}/in", counter.port),
        format!("http://localhost:{}/in", counter.port),
    ] {
        webhook_endpoint::ActiveModel {
            url: Set(url),
            description: Set(String::new()),
            events: Set("proposal.sent".to_owned()),
            secret: Set("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_owned()),
            enabled: Set(true),
            disabled_at: Set(None),
            disabled_reason: Set(None),
            consecutive_failures: Set(0),
            failing_since: Set(None),
            created_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db.conn())
        .await
        .unwrap();
    }
    let queued = db
        .transaction(async |txn| {
            emit(
                txn,
                WebhookEvent::parse("proposal.sent").unwrap(),
                serde_json::json!({ "proposal": { "id": 1 } }),
            )
            .await
        })
        .await
        .unwrap();
    assert_eq!(queued, 2);

    // The worker tries each (and retries): every attempt fails with the reason logged.
    let raw = raw_db(&app).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    while count(&raw, "SELECT COUNT(*) FROM webhook_attempt").await < 4 {
        assert!(Instant::now() < deadline, "no attempts recorded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let rows = raw
        .query_all_raw(Statement::from_string(
            raw.get_database_backend(),
            "SELECT a.error, a.status_code, e.url FROM webhook_attempt a \
             JOIN webhook_delivery d ON d.id = a.delivery_id \
             JOIN webhook_endpoint e ON e.id = d.endpoint_id ORDER BY a.id",
        ))
        .await
        .unwrap();
    for row in &rows {
        let error: Option<String> = row.try_get("", "error").unwrap();
        let status: Option<i32> = row.try_get("", "status_code").unwrap();
        let url: String = row.try_get("", "url").unwrap();
        let error = error.unwrap_or_default();
        assert!(
            error.starts_with(
                "webhook deliveries to private or loopback addresses are not allowed: "
            ) && (error.contains("127.0.0.1") || error.contains("::1")),
            "{url}: {error}"
        );
        assert_eq!(status, None, "{url}: no answer, nothing was sent");
    }
    assert_eq!(
        count(
            &raw,
            "SELECT COUNT(*) FROM webhook_delivery WHERE status = 'delivered'"
        )
        .await,
        0
    );
    assert_eq!(counter.count(), 0, "no connection reached the listener");
}

crate::on_both_backends!(
    registering_a_private_address_is_a_400_naming_url,
    a_stored_endpoint_now_private_fails_without_a_request,
);

/// A provider's calendar on a private address is not fetched: as an IP literal, or a name.
#[tokio::test]
async fn a_calendar_on_a_private_address_is_not_fetched() {
    let counter = Counter::start().await;
    for url in [
        format!("http://127.0.0.1:{}/work.ics", counter.port),
        format!("http://localhost:{}/work.ics", counter.port),
        "http://169.254.169.254/latest/meta-data/".to_owned(),
    ] {
        let error = fetch_ics(OutboundPolicy::default(), &url)
            .await
            .unwrap_err();
        assert!(
            matches!(&error, FetchError::NotAllowed(_)),
            "{url}: {error:?}"
        );
        assert!(
            error.to_string().starts_with(
                "calendar connections to private or loopback addresses are not allowed"
            ),
            "{error}"
        );
    }
    assert_eq!(counter.count(), 0);
    // Allowed by the installation: the listener is reached.
    let allowed = fetch_ics(
        OutboundPolicy::ALLOW_PRIVATE,
        &format!("http://127.0.0.1:{}/work.ics", counter.port),
    )
    .await;
    assert!(allowed.is_err(), "the listener answers nothing");
    assert!(counter.count() >= 1);
}
