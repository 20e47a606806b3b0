//! `tta`: the TTA Scheduler binary. See `server::cli` for the commands.

use std::process::ExitCode;

use clap::Parser;
use server::cli::{Cli, run};
use server::config::Config;

/// mimalloc instead of glibc's malloc: a page render allocates thousands of small strings and
/// views across the runtime's threads, and glibc's allocator (arena locks, consolidation) was
/// 17-22 % of the queue page's CPU (issue 19). Only the binary: tests keep the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    server::logging::init(&config);
    run(cli, config).await
}
