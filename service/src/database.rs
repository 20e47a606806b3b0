//! The database handle: connecting (SQLite or PostgreSQL), applying migrations, health checks.

use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, DatabaseConnection, DbBackend};

use crate::ServiceError;

/// Where the database lives: a `sqlite:` file or a `postgres://` server.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    url: String,
    backend: DbBackend,
}

/// A `DATABASE_URL` that names no supported database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "must start with sqlite: (e.g. sqlite://data/tta.sqlite?mode=rwc) or postgres:// \
     (e.g. postgres://postgres@127.0.0.1:5432/tta), got '{0}'"
)]
pub struct UnsupportedDatabaseUrl(String);

impl DatabaseUrl {
    /// The embedded default: a SQLite file under `data/`, created on first run.
    pub const DEFAULT: &'static str = "sqlite://data/tta.sqlite?mode=rwc";

    pub fn parse(url: &str) -> Result<Self, UnsupportedDatabaseUrl> {
        let url = url.trim();
        let backend = if url.starts_with("sqlite:") {
            DbBackend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            DbBackend::Postgres
        } else {
            return Err(UnsupportedDatabaseUrl(redact(url)));
        };
        Ok(Self {
            url: url.to_owned(),
            backend,
        })
    }

    pub fn backend(&self) -> DbBackend {
        self.backend
    }

    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The file of a SQLite URL (`None` for PostgreSQL and in-memory SQLite).
    pub fn sqlite_file(&self) -> Option<&Path> {
        if self.backend != DbBackend::Sqlite {
            return None;
        }
        let rest = self
            .url
            .trim_start_matches("sqlite:")
            .trim_start_matches("//");
        let path = rest.split('?').next().unwrap_or(rest);
        (!path.is_empty() && path != ":memory:").then(|| Path::new(path))
    }
}

/// Shows the URL without any password, so it can be logged.
impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact(&self.url))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

/// Replaces the password of `scheme://user:password@host` with `***`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// How long a SQLite connection waits for another connection's write lock before giving up
/// (`PRAGMA busy_timeout`), on every connection of the pool.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A pooled connection to the application database, cheap to clone.
#[derive(Clone, Debug)]
pub struct Database {
    conn: DatabaseConnection,
    /// SQLite only: serialises read-check-write transactions (bookings) inside this process.
    /// SQLite allows one writer at a time; without the gate, concurrent transactions that read
    /// first fail with "database is locked" instead of waiting their turn. The database
    /// triggers still refuse double bookings; the gate only makes the refusal a clear message.
    write_gate: Option<Arc<tokio::sync::Mutex<()>>>,
    /// What calls out to addresses people typed (webhooks, providers' calendars) may reach:
    /// an installation setting that travels with the handle, so every use case and worker that
    /// calls out reads the same one (`crate::outbound`). Private addresses refused by default.
    outbound: crate::outbound::OutboundPolicy,
    /// Rankings computed by this process, kept while the database's ranking generation is
    /// unchanged (`crate::engine::RankingCache`).
    rankings: Arc<crate::engine::RankingCache>,
    /// What every view of the coordinator's queue shows, kept by this process while the
    /// database's queue generation is unchanged (`crate::views::coordinator::queue_cache`).
    queue: Arc<crate::views::coordinator::queue_cache::QueueCache>,
}

impl Database {
    /// The same database under `policy` for outbound calls (`TTA_ALLOW_PRIVATE_ADDRESSES`).
    #[must_use]
    pub fn with_outbound_policy(mut self, policy: crate::outbound::OutboundPolicy) -> Self {
        self.outbound = policy;
        self
    }

    /// The policy for outbound calls (see [`crate::outbound`]).
    pub fn outbound_policy(&self) -> crate::outbound::OutboundPolicy {
        self.outbound
    }

    /// This process's kept rankings of this database.
    pub(crate) fn rankings(&self) -> &crate::engine::RankingCache {
        &self.rankings
    }

    /// This process's kept parts of this database's coordinator queue.
    pub(crate) fn queue_cache(&self) -> &crate::views::coordinator::queue_cache::QueueCache {
        &self.queue
    }

    /// Connects (creating the SQLite file and its folder when missing). Does not migrate.
    pub async fn connect(url: &DatabaseUrl) -> Result<Self, ServiceError> {
        if let Some(file) = url.sqlite_file()
            && let Some(dir) = file.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| {
                ServiceError::Internal(format!("cannot create folder {}: {e}", dir.display()))
            })?;
        }
        let mut options = ConnectOptions::new(url.as_str());
        options
            .max_connections(if url.backend() == DbBackend::Sqlite {
                8
            } else {
                16
            })
            .min_connections(1)
            .connect_timeout(Duration::from_secs(5))
            .acquire_timeout(Duration::from_secs(10))
            // Every statement with its time at debug level (`RUST_LOG=sqlx::query=debug`), and
            // any statement slower than a second as a warning (shown by default).
            .sqlx_logging(true)
            .sqlx_logging_level(log::LevelFilter::Debug)
            .sqlx_slow_statements_logging_settings(log::LevelFilter::Warn, Duration::from_secs(1))
            // SQLite, on every pooled connection: WAL (readers proceed while one writer commits,
            // and a process killed mid-write leaves a database that opens: the last commit is
            // whole, an unfinished one is rolled back from the log) and an explicit busy
            // timeout, so a connection that meets another's write lock waits for it instead of
            // failing with "database is locked". Full sync stays on (sqlx's default).
            .map_sqlx_sqlite_opts(|options| {
                options
                    .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
            });
        let conn = sea_orm::Database::connect(options).await?;
        let write_gate =
            (url.backend() == DbBackend::Sqlite).then(|| Arc::new(tokio::sync::Mutex::new(())));
        Ok(Self {
            conn,
            write_gate,
            outbound: crate::outbound::OutboundPolicy::default(),
            rankings: Arc::default(),
            queue: Arc::default(),
        })
    }

    /// Runs `work` in one write transaction and ends it by its outcome: commits on `Ok`, rolls
    /// back (awaited) on `Err`. The only way use cases write more than one statement at once.
    ///
    /// On SQLite the transaction holds this process's write gate from `BEGIN IMMEDIATE` to
    /// commit, so writers queue for their turn instead of failing with "database is locked",
    /// and a check made inside `work` still holds when `work` writes (check-then-act in one
    /// transaction). On PostgreSQL rows and constraints are locked by the statements themselves;
    /// a check that must stay true until commit locks what it reads (`SELECT … FOR UPDATE`) or
    /// writes conditionally (`UPDATE … WHERE status = …`) and counts the rows changed.
    pub async fn transaction<T, F>(&self, work: F) -> Result<T, ServiceError>
    where
        F: AsyncFnOnce(&sea_orm::DatabaseTransaction) -> Result<T, ServiceError>,
    {
        let _turn = self.write_turn().await;
        let txn = self.begin_write().await?;
        let outcome = work(&txn).await;
        self.settle(txn, outcome).await
    }

    /// Starts a write transaction: `BEGIN IMMEDIATE` on SQLite (the write lock is taken at once,
    /// so a read made inside it cannot go stale before the write), a plain `BEGIN` elsewhere.
    async fn begin_write(&self) -> Result<sea_orm::DatabaseTransaction, ServiceError> {
        use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
        let options = TransactionOptions {
            sqlite_transaction_mode: (self.backend() == DbBackend::Sqlite)
                .then_some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        Ok(self.conn.begin_with_options(options).await?)
    }

    /// Ends `txn` by the outcome of the work done in it: commits on `Ok`, and on `Err` rolls
    /// back *now* (awaited) rather than leaving the rollback to `Drop`. A dropped transaction's
    /// rollback runs later, and on SQLite its write lock can outlive the write gate, so the next
    /// writer would meet "database is locked".
    async fn settle<T>(
        &self,
        txn: sea_orm::DatabaseTransaction,
        outcome: Result<T, ServiceError>,
    ) -> Result<T, ServiceError> {
        match outcome {
            Ok(value) => {
                txn.commit().await?;
                Ok(value)
            }
            Err(error) => {
                if let Err(rollback) = txn.rollback().await {
                    tracing::warn!(%rollback, "rollback failed");
                }
                Err(error)
            }
        }
    }

    /// Holds the SQLite write gate (no-op on PostgreSQL, which locks rows and constraints itself).
    async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match &self.write_gate {
            Some(gate) => Some(gate.lock().await),
            None => None,
        }
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> Result<(), ServiceError> {
        Migrator::up(&self.conn, None).await?;
        Ok(())
    }

    /// Succeeds when the database answers a query.
    pub async fn ping(&self) -> Result<(), ServiceError> {
        self.conn.ping().await?;
        Ok(())
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// The pooled connection itself. A step below the door, public for seeding demo and load
    /// data (reads, and the bulk loader's own transaction) and for tests; use cases write
    /// through [`Database::transaction`], and entry points never touch the connection.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::ConnectionTrait;

    #[test]
    fn parses_supported_urls_and_names_the_file() {
        let url = DatabaseUrl::parse(DatabaseUrl::DEFAULT).unwrap();
        assert_eq!(url.backend(), DbBackend::Sqlite);
        assert_eq!(url.sqlite_file(), Some(Path::new("data/tta.sqlite")));
        let pg = DatabaseUrl::parse("postgres://postgres:secret@127.0.0.1:5432/tta").unwrap();
        assert_eq!(pg.backend(), DbBackend::Postgres);
        assert_eq!(pg.to_string(), "postgres://postgres:***@127.0.0.1:5432/tta");
    }

    /// Every connection of the pool, not just the first, is in WAL mode with the busy timeout.
    #[tokio::test]
    async fn sqlite_connections_use_wal_and_the_busy_timeout() {
        let folder = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/t.sqlite?mode=rwc", folder.path().display());
        let db = Database::connect(&DatabaseUrl::parse(&url).unwrap())
            .await
            .unwrap();
        // Several transactions at once hold several pooled connections.
        let mut held = Vec::new();
        for _ in 0..4 {
            use sea_orm::TransactionTrait;
            held.push(db.conn().begin().await.unwrap());
        }
        for txn in &held {
            let read = async |sql: &str| {
                txn.query_one_raw(sea_orm::Statement::from_string(DbBackend::Sqlite, sql))
                    .await
                    .unwrap()
                    .unwrap()
            };
            let timeout = read("PRAGMA busy_timeout").await;
            assert_eq!(timeout.try_get_by_index::<i64>(0).unwrap(), 5000);
            let mode = read("PRAGMA journal_mode").await;
            assert_eq!(mode.try_get_by_index::<String>(0).unwrap(), "wal");
        }
    }

    #[test]
    fn rejects_other_schemes_without_leaking_passwords() {
        let err = DatabaseUrl::parse("mysql://root:hunter2@localhost/tta").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("must start with sqlite:"));
        assert!(!text.contains("hunter2"));
    }
}
