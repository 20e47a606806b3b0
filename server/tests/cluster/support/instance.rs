//! Real `tta serve` processes (the binary cargo built for this test), each on its own port,
//! with its configuration in environment variables; stopped with SIGKILL or SIGTERM.

use std::collections::BTreeMap;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::free_port;

/// One `tta serve` child process.
pub struct Instance {
    pub name: &'static str,
    pub port: u16,
    child: Child,
    log: std::path::PathBuf,
    _folder: tempfile::TempDir,
}

/// The environment of an instance: the database, a free port, fast mail polling, quiet logs.
pub fn settings(database_url: &str, smtp_url: Option<&str>) -> BTreeMap<String, String> {
    let mut vars = BTreeMap::new();
    vars.insert("DATABASE_URL".to_owned(), database_url.to_owned());
    vars.insert("RUST_LOG".to_owned(), "warn".to_owned());
    vars.insert("TTA_MAIL_POLL_MS".to_owned(), "100".to_owned());
    // Every instance of one database must seal and open saved secrets with the same key (each
    // runs in a folder of its own, so the default key file would differ).
    vars.insert(
        "TTA_SECRET_KEY".to_owned(),
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=".to_owned(),
    );
    // Receivers and calendar servers of the tests listen on loopback.
    vars.insert("TTA_ALLOW_PRIVATE_ADDRESSES".to_owned(), "true".to_owned());
    vars.insert(
        "TTA_PUBLIC_URL".to_owned(),
        "http://127.0.0.1:3000".to_owned(),
    );
    match smtp_url {
        Some(url) => {
            vars.insert("TTA_SMTP_URL".to_owned(), url.to_owned());
        }
        None => {
            vars.insert("TTA_MAIL_WORKER".to_owned(), "off".to_owned());
        }
    }
    vars
}

impl Instance {
    /// Starts `tta serve` with `vars` on a free port and waits until `/healthz` answers.
    pub async fn start(name: &'static str, vars: &BTreeMap<String, String>) -> Self {
        let port = free_port();
        let folder = tempfile::tempdir().expect("temporary folder");
        let log = folder.path().join(format!("{name}.log"));
        let log_file = std::fs::File::create(&log).expect("log file");
        let child = Command::new(env!("CARGO_BIN_EXE_tta"))
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(vars)
            .env("TTA_LISTEN_ADDR", format!("127.0.0.1:{port}"))
            .env("TTA_OUTBOX_DIR", folder.path().join("outbox"))
            .current_dir(folder.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .expect("start tta serve");
        let mut instance = Self {
            name,
            port,
            child,
            log,
            _folder: folder,
        };
        instance.wait_healthy(Duration::from_secs(60)).await;
        instance
    }

    async fn wait_healthy(&mut self, limit: Duration) {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("{} exited at start ({status}):\n{}", self.name, self.log());
            }
            if let Ok(response) = client.get(self.url("/healthz")).send().await
                && response.status() == 200
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{} did not start in {limit:?}:\n{}",
                self.name,
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the instance logged (stderr).
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `kill -9`: the process ends at once, mid-whatever.
    pub fn kill9(&mut self) {
        self.child.kill().expect("SIGKILL");
        let _ = self.child.wait();
    }

    /// Sends SIGTERM (a graceful stop).
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("kill -TERM");
        assert!(status.success());
    }

    /// Waits up to `limit` for the process to end; its exit status, or `None` if still running.
    pub async fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs a `tta` command (e.g. `seed-demo`) to completion against `database_url`.
pub fn tta_command(database_url: &str, args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_tta"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run tta");
    assert!(output.status.success(), "tta {args:?}: {output:?}");
}
