//! `tta backup PATH` and `tta restore PATH`: the SQLite database copied while the server runs,
//! and put back (see `service::backup`). On PostgreSQL both say which `pg_dump`/`pg_restore`
//! command to run instead.

use std::path::Path;

use service::DatabaseUrl;

/// PostgreSQL (every URL that is not `sqlite:`).
fn is_postgres(url: &DatabaseUrl) -> bool {
    !url.as_str().starts_with("sqlite:")
}

/// The `pg_dump` command for `url` (password left out: give it in `PGPASSWORD`).
fn pg_dump_command(url: &DatabaseUrl, path: &Path) -> String {
    format!(
        "pg_dump --format=custom --file='{}' '{}'",
        path.display(),
        url
    )
}

/// Backs the database up to `path` and says where and how large.
pub async fn backup(url: &DatabaseUrl, path: &Path, force: bool) -> Result<(), String> {
    if is_postgres(url) {
        return Err(format!(
            "tta backup copies SQLite databases; back up PostgreSQL with its own tool, e.g.\n  \
             {}\n(custom format; restore it with pg_restore, see the README's Backups section)",
            pg_dump_command(url, path)
        ));
    }
    let report = service::backup::backup_sqlite(url, path, force).await?;
    println!(
        "Backed up {url} to {} ({}) in {:.1} s.",
        report.path.display(),
        size(report.bytes),
        report.elapsed.as_secs_f64()
    );
    Ok(())
}

/// Replaces the database with the backup at `path`, keeping the old file.
pub async fn restore(url: &DatabaseUrl, path: &Path, force: bool) -> Result<(), String> {
    if is_postgres(url) {
        return Err(format!(
            "tta restore replaces SQLite databases; restore a PostgreSQL dump into a new, empty \
             database with pg_restore, e.g.\n  createdb tta_restored && pg_restore --no-owner \
             --dbname=<that database's URL> '{}'\nthen point DATABASE_URL at it (see the \
             README's Backups section)",
            path.display()
        ));
    }
    let report = service::backup::restore_sqlite(url, path, force).await?;
    println!(
        "Restored {} into {} ({}, {} migrations; `tta serve` applies any newer ones).",
        path.display(),
        report.database.display(),
        size(report.bytes),
        report.migrations
    );
    if let Some(kept) = report.kept_as {
        println!("The database it replaced is kept as {}.", kept.display());
    }
    Ok(())
}

/// `12.3 MB`, `845 kB`, `512 bytes`.
fn size(bytes: u64) -> String {
    // Precision beyond 2^52 bytes does not matter for a size shown to a person.
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    if b >= 1e9 {
        format!("{:.1} GB", b / 1e9)
    } else if b >= 1e6 {
        format!("{:.1} MB", b / 1e6)
    } else if b >= 1e3 {
        format!("{:.0} kB", b / 1e3)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_a_person_would() {
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(845_000), "845 kB");
        assert_eq!(size(12_345_678), "12.3 MB");
    }

    #[test]
    fn the_pg_dump_advice_names_the_database_without_its_password() {
        let url = DatabaseUrl::parse("postgres://tta:secret@db.example.org:5432/tta").unwrap();
        let command = pg_dump_command(&url, Path::new("/backups/tta.dump"));
        assert!(command.starts_with("pg_dump --format=custom --file='/backups/tta.dump'"));
        assert!(!command.contains("secret"), "{command}");
    }
}
