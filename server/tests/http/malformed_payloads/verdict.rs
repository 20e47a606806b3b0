//! What an answer to a malformed payload may be: never a 5xx or a dropped connection, never
//! internal text (SQL, source paths, Rust type names, a decoder's wording), a server function's
//! refusal in its error format, and a 400 about a broken field naming a field.

use std::collections::BTreeMap;

/// Internal text that must never reach a caller. None of it occurs in a generated payload (see
/// `generate`), so finding it in an answer is the server's own text.
pub const LEAKS: &[&str] = &[
    "SELECT ",
    "INSERT INTO",
    "UPDATE ",
    "DELETE FROM",
    " WHERE ",
    "sqlx",
    "SeaORM",
    "sea_orm",
    "sea-orm",
    "DbErr",
    "SqlErr",
    "/src/",
    ".rs:",
    "core::",
    "alloc::",
    "std::",
    "serde",
    "panicked",
    "unwrap()",
    "RUST_BACKTRACE",
    "invalid type:",
    "missing field `",
    "unknown variant `",
    "invalid digit",
    "Args|",
    "MissingArg|",
    "Deserialization|",
    "Failed to deserialize",
    "Failed to parse",
    "Invalid URL",
    "Cannot parse `",
    "to a `",
    "Missing request extension",
    "constraint",
    "violates",
    "syntax error",
];

/// Values the payloads plant that look like internal text (`generate`'s forged error kinds), so
/// that a page echoing what it was sent (a filter shown back in its field) is not taken for a
/// leak: they are taken out of an answer before it is searched.
pub const PLANTED: &[&str] = &["ServerError|fake", "Args|fake"];

/// The internal text in `body`, if any (what the payload planted aside).
pub fn leak(body: &str) -> Option<&'static str> {
    let mut body = std::borrow::Cow::Borrowed(body);
    for planted in PLANTED {
        if body.contains(planted) {
            body = std::borrow::Cow::Owned(body.replace(planted, ""));
        }
    }
    LEAKS.iter().copied().find(|marker| body.contains(marker))
}

/// Whether a server function's 400 names a field: the argument check's `field 'x'`, or the use
/// case's field errors (`x: message` lines, `FieldErrors::encode`).
pub fn names_a_field(message: &str) -> bool {
    if message.contains("field '") {
        return true;
    }
    contract::FieldErrors::decode(message)
        .iter()
        .any(|error| !error.field.is_empty())
}

/// Figures of a run: payloads by status, and everything that broke a rule.
#[derive(Default)]
pub struct Tally {
    pub sent: usize,
    pub by_status: BTreeMap<u16, usize>,
    /// 400s about one broken field: named a field, named none.
    pub field_named: usize,
    pub field_unnamed: BTreeMap<String, (usize, String)>,
    pub failures: Vec<String>,
    pub by_target: BTreeMap<String, usize>,
    /// Refusals of unreadable arguments (each must have a log line saying why).
    pub unreadable: usize,
}

impl Tally {
    pub fn summary(&self) -> String {
        let statuses: Vec<String> = self
            .by_status
            .iter()
            .map(|(status, count)| format!("{status}: {count}"))
            .collect();
        format!(
            "{} payloads to {} targets; by status {{{}}}; 400s about a broken field: {} named a \
             field, {} did not; {} failures",
            self.sent,
            self.by_target.len(),
            statuses.join(", "),
            self.field_named,
            self.field_unnamed.values().map(|(n, _)| n).sum::<usize>(),
            self.failures.len()
        )
    }
}
