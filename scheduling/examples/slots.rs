//! The command-line door into the engine:
//!
//! ```text
//! cargo run -p scheduling --example slots -- QUERY.json
//! ```
//!
//! reads a scheduling question in the JSON format documented in the crate README and prints the
//! free slots or the placed series as JSON (UTC plus both wall clocks, reasons for every move
//! and failure). Bad input prints the problem to standard error and exits with status 1; a
//! missing argument or unreadable file exits with status 2.

use scheduling::Query;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: cargo run -p scheduling --example slots -- QUERY.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let query: Query = match serde_json::from_str(&text) {
        Ok(query) => query,
        Err(error) => {
            eprintln!("error: {path} is not a valid query: {error}");
            return ExitCode::from(1);
        }
    };
    match serde_json::to_string_pretty(&query.answer()) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write the answer: {error}");
            ExitCode::from(1)
        }
    }
}
