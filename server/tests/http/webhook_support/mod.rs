//! The webhook tests' receiver: `receiver.py` beside this file, a real process on loopback that
//! verifies Standard Webhooks signatures on its own (Python's hmac, hashlib and base64) and
//! records what it received; told its secret and how many deliveries to fail over HTTP.
//!
//! Without `python3` the tests print `SKIPPED` and pass, except on CI (`CI=true`), where they fail.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A running receiver, stopped when dropped.
pub struct Receiver {
    child: Child,
    pub port: u16,
    client: reqwest::Client,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

impl Receiver {
    /// Starts one; `None` (after printing why) when Python is missing outside CI.
    pub fn start() -> Option<Self> {
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/http/webhook_support/receiver.py"
        );
        let spawned = Command::new("python3")
            .arg(script)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(error) => {
                assert!(!on_ci(), "python3 is required on CI: {error}");
                eprintln!("SKIPPED: no python3 for the webhook receiver: {error}");
                return None;
            }
        };
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the receiver said {line:?}"));
        Some(Self {
            child,
            port,
            client: reqwest::Client::new(),
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Verifies with `secret` from now on and fails the next `fail_first` deliveries with 500.
    pub async fn configure(&self, secret: &str, fail_first: u32) {
        let response = self
            .client
            .post(self.url("/_control"))
            .json(&json!({ "secret": secret, "fail_first": fail_first }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }

    /// Every delivery received so far, oldest first.
    pub async fn deliveries(&self) -> Vec<Value> {
        self.client
            .get(self.url("/_deliveries"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// Waits (polling, up to two minutes) until at least `count` deliveries have arrived.
    pub async fn wait_for(&self, count: usize) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let got = self.deliveries().await;
            if got.len() >= count {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "waited two minutes for {count} deliveries, got {}: {got:?}",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
