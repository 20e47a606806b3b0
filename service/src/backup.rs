//! Backing up and restoring a SQLite database file (`tta backup`, `tta restore`).
//!
//! A backup is SQLite's `VACUUM INTO` run on a connection of its own: it reads one snapshot
//! (a read transaction), so it is consistent while `tta serve` keeps writing, and it writes a
//! compact file of its own beside the target, which is renamed into place when whole.
//!
//! A restore checks the file first (a SQLite database that passes `PRAGMA integrity_check`,
//! with TTA's migrations table and none but known migrations), copies it beside the database,
//! makes sure no other process has the database open (an exclusive lock: a `tta serve` on the
//! file holds a shared one as long as it runs), keeps the current file as
//! `<database>.before-restore` (a hard link) and renames the copy over the database, so the
//! database path never names a half-written file.
//!
//! PostgreSQL is backed up with its own tools (`pg_dump`/`pg_restore`); see the README.
//! Operational steps with no actor: run by the command line only.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::SqliteLockingMode;
use sea_orm::{ConnectOptions, ConnectionTrait, DatabaseConnection, Statement};

use crate::DatabaseUrl;

/// What a backup wrote.
#[derive(Clone, Debug)]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// What a restore did.
#[derive(Clone, Debug)]
pub struct RestoreReport {
    pub database: PathBuf,
    pub bytes: u64,
    /// The replaced database, kept (`None` when there was none).
    pub kept_as: Option<PathBuf>,
    /// Migrations recorded in the restored file.
    pub migrations: usize,
}

/// The file of a SQLite `DATABASE_URL`, or why there is none.
fn database_file(url: &DatabaseUrl) -> Result<PathBuf, String> {
    url.sqlite_file().map(Path::to_path_buf).ok_or_else(|| {
        format!("{url} is not a SQLite database file; PostgreSQL is backed up with pg_dump")
    })
}

/// `<dir>/.<name>.<what>-<pid>`: a temporary file beside `path` (same file system, so the
/// final rename is atomic).
fn beside(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tta.sqlite".to_owned());
    path.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

/// One connection to the SQLite file `file` (never creating it), waiting `busy` for locks.
async fn open(
    file: &Path,
    busy: Duration,
    locking: SqliteLockingMode,
) -> Result<DatabaseConnection, String> {
    let file_owned = file.to_path_buf();
    let mut options = ConnectOptions::new(format!("sqlite://{}", file.display()));
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(move |o| {
            o.filename(&file_owned)
                .create_if_missing(false)
                .busy_timeout(busy)
                .locking_mode(locking)
        });
    sea_orm::Database::connect(options)
        .await
        .map_err(|e| format!("cannot open {} as a SQLite database: {e}", file.display()))
}

async fn one_text(conn: &DatabaseConnection, sql: &str) -> Result<String, sea_orm::DbErr> {
    conn.query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await?
        .map(|row| row.try_get_by_index::<String>(0))
        .transpose()
        .map(Option::unwrap_or_default)
}

async fn texts(conn: &DatabaseConnection, sql: &str) -> Result<Vec<String>, sea_orm::DbErr> {
    conn.query_all_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await?
        .into_iter()
        .map(|row| row.try_get_by_index::<String>(0))
        .collect()
}

/// `VACUUM INTO 'target'` on `conn` (a consistent snapshot of its database).
async fn vacuum_into(conn: &DatabaseConnection, target: &Path) -> Result<(), String> {
    let quoted = target.display().to_string().replace('\'', "''");
    conn.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
        .await
        .map(|_| ())
        .map_err(|e| format!("copying the database to {} failed: {e}", target.display()))
}

/// Flushes `file` and its folder's entry to disk.
fn sync(file: &Path) -> Result<(), String> {
    let flush = |path: &Path| std::fs::File::open(path).and_then(|f| f.sync_all());
    flush(file).map_err(|e| format!("cannot flush {}: {e}", file.display()))?;
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Some file systems cannot sync a folder; the file itself is on disk already.
        let _ = flush(dir);
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Copies the SQLite database of `url` to `target`, consistently, while other processes keep
/// using it. An existing `target` is refused unless `overwrite`.
pub async fn backup_sqlite(
    url: &DatabaseUrl,
    target: &Path,
    overwrite: bool,
) -> Result<BackupReport, String> {
    let started = Instant::now();
    let file = database_file(url)?;
    if !file.is_file() {
        return Err(format!("there is no database at {}", file.display()));
    }
    if same_file(&file, target) {
        return Err("the backup cannot be written over the database itself".to_owned());
    }
    if target.exists() && !overwrite {
        return Err(format!(
            "{} already exists; choose another path, or pass --force to replace it",
            target.display()
        ));
    }
    if target.is_dir() {
        return Err(format!("{} is a folder; name a file", target.display()));
    }
    let partial = beside(target, "partial");
    let _ = std::fs::remove_file(&partial);
    let conn = open(&file, Duration::from_secs(30), SqliteLockingMode::Normal).await?;
    let copied = vacuum_into(&conn, &partial).await;
    let _ = conn.close().await;
    if let Err(error) = copied.and_then(|()| sync(&partial)) {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    std::fs::rename(&partial, target).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        format!("cannot move the backup to {}: {e}", target.display())
    })?;
    let bytes = std::fs::metadata(target)
        .map(|m| m.len())
        .map_err(|e| format!("cannot read {}: {e}", target.display()))?;
    Ok(BackupReport {
        path: target.to_path_buf(),
        bytes,
        elapsed: started.elapsed(),
    })
}

/// Checks that `source` is a whole TTA database this version knows; returns its migrations.
async fn check_backup(conn: &DatabaseConnection, source: &Path) -> Result<Vec<String>, String> {
    let shown = source.display();
    let integrity = one_text(conn, "PRAGMA integrity_check")
        .await
        .map_err(|e| format!("{shown} is not a readable SQLite database: {e}"))?;
    if integrity != "ok" {
        return Err(format!(
            "{shown} fails PRAGMA integrity_check (first problem: {integrity}); it is not restored"
        ));
    }
    let tables = texts(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN \
         ('seaql_migrations', 'app_user', 'tta_request', 'tta_session') ORDER BY name",
    )
    .await
    .map_err(|e| format!("{shown} cannot be read: {e}"))?;
    if tables.len() != 4 {
        return Err(format!(
            "{shown} is a SQLite database but not a TTA Scheduler one (no migrations table or \
             no requests, sessions and accounts)"
        ));
    }
    let applied = texts(
        conn,
        "SELECT version FROM seaql_migrations ORDER BY version",
    )
    .await
    .map_err(|e| format!("{shown}: cannot read its migrations: {e}"))?;
    let known: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    if let Some(unknown) = applied.iter().find(|v| !known.contains(v)) {
        return Err(format!(
            "{shown} was made by a newer TTA Scheduler (migration {unknown} is unknown here); \
             restore it with that version"
        ));
    }
    Ok(applied)
}

/// Refuses when another process has `file` open: takes SQLite's exclusive lock for a moment
/// (a running `tta serve` holds a shared lock on its database for as long as it runs).
/// Closing the last connection also checkpoints the write-ahead log into the file.
async fn ensure_unused(file: &Path) -> Result<(), String> {
    let busy = || {
        format!(
            "the database {} is in use by another process (is `tta serve` running?); stop it \
             and run the restore again",
            file.display()
        )
    };
    // The lock is taken as the connection opens (its first read) or at `BEGIN EXCLUSIVE`.
    let conn = open(file, Duration::from_secs(1), SqliteLockingMode::Exclusive)
        .await
        .map_err(|error| {
            if error.contains("database is locked") {
                busy()
            } else {
                error
            }
        })?;
    let locked = conn
        .execute_unprepared("BEGIN EXCLUSIVE; COMMIT;")
        .await
        .map_err(|_| busy());
    let _ = conn.close().await;
    locked?;
    let wal = PathBuf::from(format!("{}-wal", file.display()));
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(busy());
    }
    Ok(())
}

/// Replaces the SQLite database of `url` with the backup at `source` (see the module
/// documentation). The current database is kept as `<database>.before-restore`; an older file
/// of that name is refused unless `overwrite`.
pub async fn restore_sqlite(
    url: &DatabaseUrl,
    source: &Path,
    overwrite: bool,
) -> Result<RestoreReport, String> {
    let file = database_file(url)?;
    if !source.is_file() {
        return Err(format!("there is no file at {}", source.display()));
    }
    if same_file(&file, source) {
        return Err("the backup is the database itself; nothing to restore".to_owned());
    }
    let kept = PathBuf::from(format!("{}.before-restore", file.display()));
    if file.exists() && kept.exists() && !overwrite {
        return Err(format!(
            "{} exists (from an earlier restore); move it away, or pass --force to replace it",
            kept.display()
        ));
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create folder {}: {e}", dir.display()))?;
    }
    let incoming = beside(&file, "restore");
    let _ = std::fs::remove_file(&incoming);
    let conn = open(source, Duration::from_secs(5), SqliteLockingMode::Normal).await?;
    let checked = match check_backup(&conn, source).await {
        Ok(applied) => vacuum_into(&conn, &incoming).await.map(|()| applied),
        Err(error) => Err(error),
    };
    let _ = conn.close().await;
    let swapped = async {
        let applied = checked?;
        sync(&incoming)?;
        let kept_as = if file.exists() {
            ensure_unused(&file).await?;
            let _ = std::fs::remove_file(&kept);
            // A second name for the current file; the rename below then replaces the database
            // path in one step, and the old file lives on under this name.
            if std::fs::hard_link(&file, &kept).is_err() {
                std::fs::copy(&file, &kept)
                    .map_err(|e| format!("cannot keep the database as {}: {e}", kept.display()))?;
            }
            Some(kept.clone())
        } else {
            None
        };
        std::fs::rename(&incoming, &file)
            .map_err(|e| format!("cannot move the restored file into place: {e}"))?;
        let _ = std::fs::remove_file(format!("{}-shm", file.display()));
        sync(&file)?;
        Ok::<_, String>((applied, kept_as))
    }
    .await;
    let (applied, kept_as) = match swapped {
        Ok(done) => done,
        Err(error) => {
            let _ = std::fs::remove_file(&incoming);
            return Err(error);
        }
    };
    let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    Ok(RestoreReport {
        database: file,
        bytes,
        kept_as,
        migrations: applied.len(),
    })
}
