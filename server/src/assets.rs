//! The built browser assets (`/pkg`: JS, wasm, CSS): which names the pages give them, and how
//! long a browser may keep them.
//!
//! `cargo leptos build` (with `hash-files = true` in Cargo.toml) puts the MD5 of each file's
//! content in its name, `tta.<hash>.wasm`, and writes the hashes to `hash.txt` beside the `tta`
//! binary. The server reads that file at start-up ([`hash_file`]) and names the hashed files in
//! every page (Leptos's `HydrationScripts` and `HashedStylesheet`). A hashed name never changes
//! meaning, so such a file is cached for a year without asking again ([`cache_control`]); a new
//! build has new names, and pages are never cached (`no-store`, see `security_headers`), so a
//! browser always learns the new names at once.
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `LEPTOS_HASH_FILE_NAME` | the hash file, relative to the binary's folder or absolute | `hash.txt` |
//! | `LEPTOS_HASH_FILES` | `true`: the hash file must exist; `false`: plain names | `true` when the hash file exists |

use std::path::{Path, PathBuf};

use axum::http::HeaderValue;

use crate::config::ConfigError;

/// A year, the longest lifetime HTTP caches honour.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Kept, but checked with the server (`Last-Modified`) before each use.
const REVALIDATE: &str = "no-cache";
/// cargo-leptos names a hashed file `<stem>.<hash>.<extension>`, the hash being an MD5 in
/// unpadded URL-safe base64: 22 characters.
const HASH_LENGTH: usize = 22;

/// The hash file to name the built assets by, as an absolute path; `None` for plain names.
pub fn hash_file(lookup: &impl Fn(&str) -> Option<String>) -> Result<Option<PathBuf>, ConfigError> {
    let name = lookup("LEPTOS_HASH_FILE_NAME")
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "hash.txt".to_owned());
    let path = beside_binary(Path::new(&name));
    match lookup("LEPTOS_HASH_FILES").as_deref().map(str::trim) {
        None | Some("") => Ok(path.is_file().then_some(path)),
        Some("false") => Ok(None),
        Some("true") if path.is_file() => Ok(Some(path)),
        Some("true") => Err(ConfigError {
            variable: "LEPTOS_HASH_FILES",
            problem: format!(
                "is true but the hash file {} does not exist (build with `cargo leptos build`)",
                path.display()
            ),
        }),
        Some(other) => Err(ConfigError {
            variable: "LEPTOS_HASH_FILES",
            problem: format!("must be true or false, not '{other}'"),
        }),
    }
}

/// `name` in the running binary's folder, where cargo-leptos writes it (as Leptos reads it);
/// an absolute `name` as it is.
fn beside_binary(name: &Path) -> PathBuf {
    if name.is_absolute() {
        return name.to_path_buf();
    }
    let folder = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    folder.join(name)
}

/// The `Cache-Control` of a static file served at `path`: a year for a content-hashed build
/// asset, otherwise revalidated on each use.
pub fn cache_control(path: &str) -> HeaderValue {
    HeaderValue::from_static(if is_content_hashed(path) {
        IMMUTABLE
    } else {
        REVALIDATE
    })
}

/// Whether `path` is a build asset whose name carries its content's hash (`/pkg/x.<hash>.js`).
fn is_content_hashed(path: &str) -> bool {
    let Some(file) = path.strip_prefix("/pkg/") else {
        return false;
    };
    let name = file.rsplit('/').next().unwrap_or(file);
    let mut pieces = name.rsplit('.');
    let (Some(_extension), Some(hash), Some(stem)) = (pieces.next(), pieces.next(), pieces.next())
    else {
        return false;
    };
    !stem.is_empty()
        && hash.len() == HASH_LENGTH
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_build_assets_are_immutable() {
        for hashed in [
            "/pkg/tta.AbCdEfGhIjKlMnOpQrSt_-.wasm",
            "/pkg/tta.0123456789abcdefghijkl.js",
            "/pkg/tta.0123456789abcdefghijkl.css",
            "/pkg/__wasm_split.0123456789abcdefghijkl.js",
            "/pkg/queue_page.0123456789abcdefghijkl.wasm",
        ] {
            assert!(is_content_hashed(hashed), "{hashed}");
            assert_eq!(cache_control(hashed), IMMUTABLE);
        }
        for plain in [
            "/pkg/tta.js",
            "/pkg/tta.css",
            "/pkg/tta_bg.wasm",
            "/pkg/.0123456789abcdefghijkl.js",
            "/pkg/tta.0123456789abcdefghijk.js",
            "/pkg/tta.0123456789abcdefghij!l.js",
            "/pkg/snippets/x/inline0.js",
            "/robots.txt",
            "/tta.0123456789abcdefghijkl.js",
        ] {
            assert!(!is_content_hashed(plain), "{plain}");
            assert_eq!(cache_control(plain), REVALIDATE);
        }
    }

    #[test]
    fn the_hash_file_is_used_when_it_exists_unless_switched_off() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("hash.txt");
        let name = file.display().to_string();
        let lookup = |files: Option<&'static str>| {
            let name = name.clone();
            move |variable: &str| match variable {
                "LEPTOS_HASH_FILE_NAME" => Some(name.clone()),
                "LEPTOS_HASH_FILES" => files.map(str::to_owned),
                _ => None,
            }
        };
        assert_eq!(hash_file(&lookup(None)).unwrap(), None);
        let missing = hash_file(&lookup(Some("true"))).unwrap_err();
        assert_eq!(missing.variable, "LEPTOS_HASH_FILES");

        std::fs::write(&file, "js: a\nwasm: b\ncss: c\n").unwrap();
        assert_eq!(hash_file(&lookup(None)).unwrap(), Some(file.clone()));
        assert_eq!(hash_file(&lookup(Some("true"))).unwrap(), Some(file));
        assert_eq!(hash_file(&lookup(Some("false"))).unwrap(), None);
        assert!(hash_file(&lookup(Some("yes"))).is_err());
    }

    #[test]
    fn a_relative_name_is_beside_the_binary() {
        let path = beside_binary(Path::new("hash.txt"));
        assert!(path.is_absolute());
        assert_eq!(path.file_name().unwrap(), "hash.txt");
        assert_eq!(
            beside_binary(Path::new("/srv/tta/hash.txt")),
            PathBuf::from("/srv/tta/hash.txt")
        );
    }
}
