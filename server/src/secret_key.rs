//! Where the installation's secret key comes from (`service::secrets`: it seals saved CalDAV
//! passwords), decided once from the configuration and loaded at start-up.
//!
//! `TTA_SECRET_KEY` (the base64 of 32 bytes) wins when set. Otherwise the key is read from
//! `TTA_SECRET_KEY_FILE`, by default `secret.key` beside the SQLite database (`data/secret.key`
//! for PostgreSQL or an in-memory database), and that file is made with a new random key, mode
//! 0600, on the first start that finds none — so the one-command demo needs no setting. Several
//! instances on one PostgreSQL must share one key: give each the same `TTA_SECRET_KEY` (or the
//! same file). A key that is not 32 bytes of base64 stops start-up with a message naming the
//! variable or file, never quoting the key.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use service::DatabaseUrl;
use service::secrets::SecretKey;

use crate::config::ConfigError;

/// The file name of the default key file.
pub const DEFAULT_FILE_NAME: &str = "secret.key";

/// Where the key comes from.
#[derive(Clone, Debug)]
pub enum SecretKeySource {
    /// `TTA_SECRET_KEY`, parsed.
    Given(SecretKey),
    /// A key file, read (or made) at start-up.
    File(PathBuf),
}

impl SecretKeySource {
    /// Reads `TTA_SECRET_KEY` and `TTA_SECRET_KEY_FILE` (the default file sits beside the SQLite
    /// database of `database_url`). Touches no file.
    pub fn from_lookup(
        lookup: &impl Fn(&str) -> Option<String>,
        database_url: &DatabaseUrl,
    ) -> Result<Self, ConfigError> {
        if let Some(text) = lookup("TTA_SECRET_KEY").filter(|v| !v.trim().is_empty()) {
            return SecretKey::parse(&text)
                .map(Self::Given)
                .map_err(|e| ConfigError {
                    variable: "TTA_SECRET_KEY",
                    problem: e.to_string(),
                });
        }
        if let Some(path) = lookup("TTA_SECRET_KEY_FILE").filter(|v| !v.trim().is_empty()) {
            return Ok(Self::File(PathBuf::from(path.trim())));
        }
        let folder = database_url
            .sqlite_file()
            .and_then(Path::parent)
            .filter(|dir| !dir.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("data"), Path::to_path_buf);
        Ok(Self::File(folder.join(DEFAULT_FILE_NAME)))
    }

    /// The key: as given, or read from its file, which is made (mode 0600, a new random key)
    /// when absent. Two instances making it at once both end with the one that was written
    /// first.
    pub fn load(&self) -> Result<SecretKey, String> {
        let path = match self {
            Self::Given(key) => return Ok(key.clone()),
            Self::File(path) => path,
        };
        match std::fs::read_to_string(path) {
            Ok(text) => return parse_file(path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(format!(
                    "the secret key file {} (TTA_SECRET_KEY_FILE) cannot be read: {e}",
                    path.display()
                ));
            }
        }
        create(path)
    }
}

fn parse_file(path: &Path, text: &str) -> Result<SecretKey, String> {
    SecretKey::parse(text).map_err(|e| {
        format!(
            "the secret key file {} (TTA_SECRET_KEY_FILE) {e}",
            path.display()
        )
    })
}

fn create(path: &Path) -> Result<SecretKey, String> {
    let problem = |e: &dyn std::fmt::Display| {
        format!(
            "the secret key file {} (TTA_SECRET_KEY_FILE) cannot be created: {e}",
            path.display()
        )
    };
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir).map_err(|e| problem(&e))?;
    }
    let key = SecretKey::generate().map_err(|e| problem(&e))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = match options.open(path) {
        Ok(file) => file,
        // Another instance made it first: use that one.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path).map_err(|e| problem(&e))?;
            return parse_file(path, &text);
        }
        Err(e) => return Err(problem(&e)),
    };
    let mut text = key.to_base64();
    text.push('\n');
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| problem(&e))?;
    tracing::warn!(
        file = %path.display(),
        "made a new secret key (it seals saved CalDAV passwords); keep it with the database's \
         backups, and give every instance of one database the same key"
    );
    Ok(key)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const SAMPLE: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    fn source(pairs: &[(&str, &str)], url: &str) -> Result<SecretKeySource, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        SecretKeySource::from_lookup(
            &|name: &str| map.get(name).cloned(),
            &DatabaseUrl::parse(url).unwrap(),
        )
    }

    #[test]
    fn the_variable_wins_and_a_bad_one_names_itself_without_the_value() {
        let given = source(
            &[("TTA_SECRET_KEY", SAMPLE), ("TTA_SECRET_KEY_FILE", "/x")],
            DatabaseUrl::DEFAULT,
        )
        .unwrap();
        let key = given.load().unwrap();
        assert_eq!(key.to_base64().as_str(), SAMPLE);
        assert!(!format!("{given:?}").contains(SAMPLE));
        let err = source(&[("TTA_SECRET_KEY", "dG9vIHNob3J0")], DatabaseUrl::DEFAULT).unwrap_err();
        assert_eq!(err.variable, "TTA_SECRET_KEY");
        assert!(err.to_string().contains("32 bytes"), "{err}");
        assert!(!err.to_string().contains("dG9vIHNob3J0"), "{err}");
    }

    #[test]
    fn the_default_file_sits_beside_the_sqlite_database() {
        let SecretKeySource::File(path) =
            source(&[], "sqlite:///srv/tta/db/tta.sqlite?mode=rwc").unwrap()
        else {
            panic!("a file");
        };
        assert_eq!(path, PathBuf::from("/srv/tta/db/secret.key"));
        let SecretKeySource::File(path) = source(&[], DatabaseUrl::DEFAULT).unwrap() else {
            panic!("a file");
        };
        assert_eq!(path, PathBuf::from("data/secret.key"));
        let SecretKeySource::File(path) =
            source(&[], "postgres://postgres@127.0.0.1:5432/tta").unwrap()
        else {
            panic!("a file");
        };
        assert_eq!(path, PathBuf::from("data/secret.key"));
        let SecretKeySource::File(path) = source(
            &[("TTA_SECRET_KEY_FILE", "/etc/tta/key")],
            DatabaseUrl::DEFAULT,
        )
        .unwrap() else {
            panic!("a file");
        };
        assert_eq!(path, PathBuf::from("/etc/tta/key"));
    }

    #[test]
    fn a_missing_file_is_made_private_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("secret.key");
        let source = SecretKeySource::File(path.clone());
        let first = source.load().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = source.load().unwrap();
        assert_eq!(first.to_base64(), again.to_base64());
    }

    #[test]
    fn a_malformed_file_is_a_clear_error_not_a_new_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.key");
        std::fs::write(&path, "not a key\n").unwrap();
        let err = SecretKeySource::File(path.clone()).load().unwrap_err();
        assert!(
            err.contains("secret.key") && err.contains("base64"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "not a key\n");
    }
}
