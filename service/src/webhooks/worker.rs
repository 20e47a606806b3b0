//! The webhook worker: claim one due delivery, POST it signed, record the attempt, repeat until
//! nothing is due; then wait and poll again. Runs inside `tta serve` (unless switched off); any
//! number of workers may share one database (see [`super::claim`]).
//!
//! The call has a timeout (connect and whole exchange) and follows no redirect: a 3xx is a
//! failed attempt like any non-2xx answer. Unless the installation allows private addresses, it
//! reaches only public ones, judged against the address actually connected to
//! ([`crate::outbound`]): an endpoint saved earlier whose name now resolves to a private address
//! fails that attempt with the reason logged, and nothing is sent. The first kilobyte of the answer is kept with the
//! attempt. The lease is the timeout plus a minute, so a live worker records its attempt before
//! anyone else may claim the delivery.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;

use super::RetrySchedule;
use super::claim::{Claim, DisablePolicy, Finished, any_due, claim_next, record};
use super::signature::sign;
use crate::entities::{webhook_delivery, webhook_endpoint};
use crate::outbound::Purpose;
use crate::{Database, ServiceError};

/// Most characters of an answer kept with its attempt.
const EXCERPT_CHARS: usize = 1_000;

/// Tuning of the worker.
#[derive(Clone, Debug)]
pub struct WebhookWorkerSettings {
    /// Pause between polls when nothing is due.
    pub poll_interval: Duration,
    /// Longest a call may take, connecting included.
    pub timeout: Duration,
    pub retry: RetrySchedule,
    pub disable: DisablePolicy,
}

impl Default for WebhookWorkerSettings {
    fn default() -> Self {
        Self {
            poll_interval: Duration::from_secs(2),
            timeout: Duration::from_secs(10),
            retry: RetrySchedule::default(),
            disable: DisablePolicy::default(),
        }
    }
}

/// Delivers the webhook queue of one database.
#[derive(Clone, Debug)]
pub struct WebhookWorker {
    db: Database,
    client: reqwest::Client,
    settings: WebhookWorkerSettings,
    stopping: Arc<AtomicBool>,
}

impl WebhookWorker {
    pub fn new(db: Database, settings: WebhookWorkerSettings) -> Result<Self, ServiceError> {
        let client = db
            .outbound_policy()
            .client_builder(Purpose::Webhook)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .user_agent("TTA-Scheduler-Webhooks/1")
            .build()
            .map_err(|e| ServiceError::Internal(format!("webhook HTTP client: {e}")))?;
        Ok(Self {
            db,
            client,
            settings,
            stopping: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Sends until nothing is due: how many attempts were made.
    pub async fn drain(&self) -> Result<usize, ServiceError> {
        let mut attempts = 0;
        while !self.stopping.load(Ordering::SeqCst) && any_due(&self.db, Utc::now()).await? {
            if !self.send_next().await? {
                break;
            }
            attempts += 1;
        }
        Ok(attempts)
    }

    /// Claims, sends and records one delivery; `false` when none was due.
    async fn send_next(&self) -> Result<bool, ServiceError> {
        let now = Utc::now();
        let lease = self.settings.timeout + Duration::from_secs(60);
        let claim = Claim::new(now, lease);
        let Some(delivery) = claim_next(&self.db, &claim, now).await? else {
            return Ok(false);
        };
        let endpoint = super::endpoints::find(self.db.conn(), delivery.endpoint_id).await?;
        let done = self.send(&endpoint, &delivery).await;
        if let Some(error) = &done.error {
            tracing::warn!(
                delivery = delivery.id,
                attempt = done.attempt,
                "webhook delivery failed: {error}"
            );
        }
        record(
            &self.db,
            &claim,
            &self.settings.retry,
            &self.settings.disable,
            &done,
        )
        .await?;
        Ok(true)
    }

    async fn send(
        &self,
        endpoint: &webhook_endpoint::Model,
        delivery: &webhook_delivery::Model,
    ) -> Finished {
        let started_at = Utc::now();
        let timer = Instant::now();
        let timestamp = started_at.timestamp();
        // Nothing is sent to an address the outbound policy forbids.
        let signed = self.allowed(&endpoint.url).and_then(|()| {
            sign(
                &endpoint.secret,
                &delivery.webhook_id,
                timestamp,
                &delivery.payload,
            )
            .map_err(|error| error.to_string())
        });
        let (status_code, response_excerpt, error) = match signed {
            Err(error) => (None, None, Some(error)),
            Ok(signature) => {
                let sent = self
                    .client
                    .post(&endpoint.url)
                    .header("content-type", "application/json")
                    .header("webhook-id", &delivery.webhook_id)
                    .header("webhook-timestamp", timestamp.to_string())
                    .header("webhook-signature", signature)
                    .body(delivery.payload.clone())
                    .send()
                    .await;
                match sent {
                    Err(error) => (None, None, Some(describe(&error))),
                    Ok(response) => {
                        let status = response.status();
                        let excerpt = excerpt(response).await;
                        let error = (!status.is_success()).then(|| {
                            if status.is_redirection() {
                                format!(
                                    "the receiver answered {status}; redirects are not followed"
                                )
                            } else {
                                format!("the receiver answered {status}")
                            }
                        });
                        (Some(i32::from(status.as_u16())), excerpt, error)
                    }
                }
            }
        };
        Finished {
            delivery_id: delivery.id,
            endpoint_id: endpoint.id,
            attempt: delivery.attempts,
            started_at,
            finished_at: Utc::now(),
            duration_ms: i64::try_from(timer.elapsed().as_millis()).unwrap_or(i64::MAX),
            status_code,
            response_excerpt,
            error,
        }
    }

    /// Whether `url` may be called: an IP-literal host is judged here, before anything is sent;
    /// a host name by the client's resolver as it connects (see [`crate::outbound`]).
    fn allowed(&self, url: &str) -> Result<(), String> {
        let url = reqwest::Url::parse(url)
            .map_err(|_| "the endpoint's address is not a web address".to_owned())?;
        self.db
            .outbound_policy()
            .check_literal(Purpose::Webhook, &url)
            .map_err(|refused| refused.to_string())
    }

    /// Drains, then waits `poll_interval`, until `shutdown` completes. Errors (database down)
    /// are logged and retried on the next poll; a delivery being sent is finished first.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        tracing::info!("webhook worker started");
        tokio::pin!(shutdown);
        loop {
            let drained = {
                let drain = self.drain();
                tokio::pin!(drain);
                tokio::select! {
                    result = &mut drain => result,
                    () = &mut shutdown => {
                        self.stopping.store(true, Ordering::SeqCst);
                        let _ = drain.await;
                        break;
                    }
                }
            };
            if let Err(error) = drained {
                tracing::error!("webhook worker: {error}");
            }
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(self.settings.poll_interval) => {}
            }
        }
        tracing::info!("webhook worker stopped");
    }
}

/// The first kilobyte of an answer's body (read only that far).
async fn excerpt(mut response: reqwest::Response) -> Option<String> {
    let mut bytes = Vec::new();
    while bytes.len() < EXCERPT_CHARS * 4 {
        match response.chunk().await {
            Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
            _ => break,
        }
    }
    let text: String = String::from_utf8_lossy(&bytes)
        .chars()
        .take(EXCERPT_CHARS)
        .collect();
    (!text.trim().is_empty()).then_some(text)
}

/// A failed call in words: timed out, refused, or the error itself.
fn describe(error: &reqwest::Error) -> String {
    if let Some(refused) = crate::outbound::refusal(error) {
        refused.to_string()
    } else if error.is_timeout() {
        "no answer within the timeout".to_owned()
    } else if error.is_connect() {
        format!("could not connect: {error}")
    } else {
        error.to_string()
    }
}
