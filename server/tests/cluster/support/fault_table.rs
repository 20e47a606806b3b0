//! One row of the fault table per scenario, printed on stderr as
//! `FAULT-TABLE | scenario | operations | lost | duplicated | recovery time`, so a run's table
//! is `cargo test -p server --test cluster -- --nocapture 2>&1 | grep FAULT-TABLE`.

use std::time::Duration;

/// Prints the row of `scenario`.
pub fn fault_row(
    scenario: &str,
    operations: &str,
    lost: usize,
    duplicated: usize,
    recovery: Duration,
) {
    eprintln!(
        "FAULT-TABLE | {scenario} | {operations} | {lost} | {duplicated} | {:.1} s",
        recovery.as_secs_f64()
    );
}
