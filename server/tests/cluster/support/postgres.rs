//! A private PostgreSQL cluster in a temporary folder, made with Debian's `initdb` and run with
//! `pg_ctl` on a free port, so a test may stop, restart or kill it freely (never the machine's
//! shared server). Durability settings are off for speed (`fsync`, `synchronous_commit`,
//! `full_page_writes`): the tests crash the *clients*, not the machine.
//!
//! PostgreSQL refuses to run as root; under root the binaries run as the `postgres` account
//! (`runuser -u postgres`), which owns the folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use super::free_port;

/// Where Debian installs the server binaries (`TTA_TEST_PG_BIN` overrides).
pub fn bin_dir() -> PathBuf {
    std::env::var("TTA_TEST_PG_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("/usr/lib/postgresql/15/bin"))
}

fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A running private cluster; stopped (immediately) and deleted when dropped.
pub struct PgCluster {
    pub port: u16,
    folder: tempfile::TempDir,
    as_postgres: bool,
}

impl PgCluster {
    /// Makes and starts a cluster. `None` (after printing why) when `initdb` is missing outside
    /// CI; on CI a missing `initdb` fails the test.
    pub fn start() -> Option<Self> {
        let initdb = bin_dir().join("initdb");
        if !initdb.exists() {
            assert!(
                !on_ci(),
                "CI=true but {} is missing (install Debian's postgresql package)",
                initdb.display()
            );
            eprintln!(
                "SKIPPED: {} not found (install PostgreSQL's server binaries, e.g. Debian's \
                 postgresql-15, or set TTA_TEST_PG_BIN)",
                initdb.display()
            );
            return None;
        }
        let folder = tempfile::Builder::new()
            .prefix("tta-pg-")
            .tempdir()
            .expect("temporary folder");
        let as_postgres = running_as_root();
        if as_postgres {
            let status = Command::new("chown")
                .args(["-R", "postgres:"])
                .arg(folder.path())
                .status()
                .expect("chown");
            assert!(status.success(), "chown of the cluster folder to postgres");
        }
        let cluster = Self {
            port: free_port(),
            folder,
            as_postgres,
        };
        let data = cluster.data_dir();
        let out = cluster.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
        );
        assert!(out.status.success(), "initdb failed: {out:?}");
        cluster.pg_ctl_start();
        Some(cluster)
    }

    fn data_dir(&self) -> String {
        self.folder.path().join("data").display().to_string()
    }

    fn log_file(&self) -> String {
        self.folder
            .path()
            .join("postgres.log")
            .display()
            .to_string()
    }

    fn run(&self, binary: &str, args: &[&str]) -> Output {
        let program = bin_dir().join(binary);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        command
            .args(args)
            .output()
            .expect("run a PostgreSQL binary")
    }

    fn pg_ctl_start(&self) {
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories={} -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            self.port,
            self.folder.path().display()
        );
        let (data, log) = (self.data_dir(), self.log_file());
        let out = self.run(
            "pg_ctl",
            &[
                "-D", &data, "-l", &log, "-o", &options, "-w", "-t", "60", "start",
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl start failed: {out:?}\n{}",
            self.log()
        );
    }

    /// The server's log so far (for failure messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log_file()).unwrap_or_default()
    }

    /// `postgres://postgres@127.0.0.1:PORT/NAME`.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// Creates database `name` (through the `postgres` maintenance database).
    pub async fn create_database(&self, name: &str) -> String {
        use sea_orm::ConnectionTrait;
        let admin = sea_orm::Database::connect(self.url("postgres"))
            .await
            .expect("connect to the private cluster");
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create database");
        let _ = admin.close().await;
        self.url(name)
    }

    /// `pg_ctl restart -m fast`: open connections are cut, the server is back when this returns.
    /// Returns how long the server was away.
    pub fn restart_fast(&self) -> Duration {
        let started = Instant::now();
        let (data, log) = (self.data_dir(), self.log_file());
        // `-l`: the new server writes to the log file, not to this process's pipes (which
        // `output()` would wait on for as long as the server runs).
        let out = self.run(
            "pg_ctl",
            &[
                "-D", &data, "-l", &log, "-m", "fast", "-w", "-t", "60", "restart",
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl restart failed: {out:?}\n{}",
            self.log()
        );
        started.elapsed()
    }

    /// Stops the server (`-m fast`).
    pub fn stop(&self) {
        let data = self.data_dir();
        let out = self.run("pg_ctl", &["-D", &data, "-m", "fast", "-w", "stop"]);
        assert!(out.status.success(), "pg_ctl stop failed: {out:?}");
    }

    /// Starts a stopped server again.
    pub fn start_again(&self) {
        self.pg_ctl_start();
    }

    pub fn folder(&self) -> &Path {
        self.folder.path()
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.data_dir();
        let _ = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
    }
}
