//! One real `tta serve` process (the binary cargo built for these tests) on a seeded demo
//! database, its log (stderr) in a file, so that a panic anywhere in the server is seen in the
//! log and a dead process as refused connections — and started once for all the payloads.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Backend, TestDatabase};

pub struct Server {
    pub base: String,
    child: Child,
    log: std::path::PathBuf,
    _folder: tempfile::TempDir,
    _database: TestDatabase,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    /// Seeds the demo data into a fresh database on `backend` and serves it; `None` when
    /// PostgreSQL is wanted but unavailable outside CI.
    pub async fn start(backend: Backend) -> Option<Self> {
        let database = TestDatabase::create(backend).await?;
        let seeded = Command::new(env!("CARGO_BIN_EXE_tta"))
            .arg("seed-demo")
            .env("DATABASE_URL", &database.url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("run tta seed-demo");
        assert!(seeded.status.success(), "tta seed-demo: {seeded:?}");
        let folder = tempfile::tempdir().unwrap();
        let log = folder.path().join("tta.log");
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_tta"))
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", &database.url)
            .env("TTA_LISTEN_ADDR", format!("127.0.0.1:{port}"))
            .env("TTA_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
            .env("TTA_MAIL_WORKER", "off")
            .env("TTA_OUTBOX_DIR", folder.path().join("outbox"))
            // `info` keeps the lines that say why a request was refused or failed.
            .env("RUST_LOG", "info,sqlx=warn")
            .env("RUST_BACKTRACE", "0")
            .current_dir(folder.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("start tta serve");
        let mut server = Self {
            base: format!("http://127.0.0.1:{port}"),
            child,
            log,
            _folder: folder,
            _database: database,
        };
        server.wait_healthy().await;
        Some(server)
    }

    async fn wait_healthy(&mut self) {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("tta serve exited at start ({status}):\n{}", self.log());
            }
            if let Ok(response) = client.get(self.url("/healthz")).send().await
                && response.status() == 200
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "tta serve did not start:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Whether the process is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// What the server logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
