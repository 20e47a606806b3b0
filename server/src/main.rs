//! `tta`: the TTA Scheduler binary. See `server::cli` for the commands.

use std::process::ExitCode;

use clap::Parser;
use server::cli::{Cli, run};
use server::config::Config;

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
