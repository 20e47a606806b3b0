//! The real SMTP sink of the mail tests (`tests/http/mail_support/smtp_sink.py`, Python
//! `aiosmtpd`) as a process of its own, and counts of what it received by Message-ID.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::free_port;

/// The Python that has `aiosmtpd` (`TTA_TEST_PYTHON`, `python3`, `/usr/bin/python3`).
fn python() -> String {
    let candidates = std::env::var("TTA_TEST_PYTHON")
        .into_iter()
        .chain(["python3".to_owned(), "/usr/bin/python3".to_owned()]);
    for candidate in candidates {
        let ok = Command::new(&candidate)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return candidate;
        }
    }
    panic!("no Python with aiosmtpd: run scripts/setup.sh (installs python3-aiosmtpd)");
}

/// An `aiosmtpd` process writing each message it accepts into a temporary folder.
pub struct SmtpSink {
    pub port: u16,
    folder: tempfile::TempDir,
    child: Child,
}

impl SmtpSink {
    /// Starts on a free port, taking `delay_ms` per message; returns once it listens.
    pub fn start(delay_ms: u64) -> Self {
        let port = free_port();
        let folder = tempfile::tempdir().expect("temporary folder");
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/http/mail_support/smtp_sink.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg(port.to_string())
            .arg(folder.path())
            .args(["--delay-ms", &delay_ms.to_string(), "--summary"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP sink");
        let stdout = child.stdout.take().expect("sink stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("sink says READY");
        assert_eq!(line.trim(), "READY", "SMTP sink did not start");
        Self {
            port,
            folder,
            child,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The summary of every message received (recipients, subject, Message-ID, parts), in
    /// the order they arrived.
    pub fn summaries(&self) -> Vec<serde_json::Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .expect("sink folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|file| {
                serde_json::from_slice(&std::fs::read(file).expect("summary")).expect("json")
            })
            .collect()
    }

    /// How many messages arrived (copies included); cheaper than [`SmtpSink::received`].
    pub fn count(&self) -> usize {
        std::fs::read_dir(self.folder.path())
            .expect("sink folder")
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .count()
    }

    /// How many times each Message-ID arrived.
    pub fn received(&self) -> BTreeMap<String, usize> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .expect("sink folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        let mut counts = BTreeMap::new();
        for file in files {
            let summary: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&file).expect("summary")).expect("json");
            let id = summary["message_id"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            *counts.entry(id).or_insert(0) += 1;
        }
        counts
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
