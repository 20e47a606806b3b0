//! A test-only hook (`TTA_TEST_MAIL_PARK_FILE`) that holds the worker still at a known point, so
//! a fault test can `kill -9` it there and never between handing a message's final `.` to the
//! SMTP server and the commit that records it sent — the one window no SMTP client can close.
//!
//! While the file named by the hook exists, each sender stops after it has claimed its next
//! message and before it opens the SMTP conversation (its lease still renewed by the heartbeat)
//! and writes `<file>.held` holding the message's id and the claim's id. When the file is
//! removed (or the worker is told to stop) the sender goes on. Without the variable nothing
//! here runs.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Waits while `park_file` exists (or until `stopping` says so), after announcing the held
/// message in `<park_file>.held`.
pub(super) async fn hold_while_asked(
    park_file: &Path,
    message: i64,
    claimer: &str,
    stopping: &AtomicBool,
) {
    if !park_file.exists() {
        return;
    }
    let mut held = park_file.as_os_str().to_owned();
    held.push(".held");
    if let Err(error) = std::fs::write(&held, format!("{message} {claimer}\n")) {
        tracing::warn!(
            "test hook: cannot write {}: {error}",
            Path::new(&held).display()
        );
    }
    tracing::warn!(message, "test hook: mail sender parked before sending");
    while park_file.exists() && !stopping.load(Ordering::SeqCst) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
