//! The command line: `tta [serve|migrate|seed-demo|create-admin|send-mail|backup|restore]`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::startup::{Application, open_database};

#[derive(Debug, Parser)]
#[command(
    name = "tta",
    version,
    about = "TTA Scheduler: training and technical-assistance scheduling"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations and serve the web application (the default).
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Apply migrations and load the demo data (idempotent), then exit.
    SeedDemo,
    /// Create the first administrator account. The password is read from TTA_ADMIN_PASSWORD,
    /// or asked for on the terminal.
    CreateAdmin {
        /// E-mail address to log in with.
        #[arg(long)]
        email: String,
        /// Name shown in the application.
        #[arg(long, default_value = "Administrator")]
        name: String,
        /// IANA time zone in which times are shown.
        #[arg(long, default_value = "America/New_York")]
        time_zone: String,
    },
    /// Add bulk data for load tests (after seed-demo): providers, requests and sessions.
    #[command(hide = true)]
    GenerateLoad {
        #[arg(long, default_value_t = 100)]
        providers: usize,
        #[arg(long, default_value_t = 10_000)]
        requests: usize,
        #[arg(long, default_value_t = 50_000)]
        sessions: usize,
    },
    /// Send the e-mail outbox: with --once, until nothing is due, then exit; else keep polling.
    SendMail {
        /// Drain what is due and exit (for cron, or after an outage).
        #[arg(long)]
        once: bool,
    },
    /// Copy the SQLite database to PATH while the server keeps running (PostgreSQL: prints the
    /// pg_dump command to use instead).
    Backup {
        /// The backup file to write.
        path: std::path::PathBuf,
        /// Replace PATH if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Replace the SQLite database with the backup at PATH (stop `tta serve` first); the
    /// current file is kept as <database>.before-restore. PostgreSQL: prints the pg_restore
    /// command to use instead.
    Restore {
        /// The backup file to restore.
        path: std::path::PathBuf,
        /// Replace an existing <database>.before-restore.
        #[arg(long)]
        force: bool,
    },
}

/// Runs one command; errors are printed for a person and turned into a failing exit code.
pub async fn run(cli: Cli, config: Config) -> ExitCode {
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&config).await,
        Command::Migrate => migrate(&config).await,
        Command::SeedDemo => seed_demo(&config).await,
        Command::CreateAdmin {
            email,
            name,
            time_zone,
        } => crate::admin::create_admin(&config, &email, &name, &time_zone).await,
        Command::GenerateLoad {
            providers,
            requests,
            sessions,
        } => generate_load(&config, providers, requests, sessions).await,
        Command::SendMail { once } => crate::mail::send_mail(&config, once).await,
        Command::Backup { path, force } => {
            crate::backup::backup(&config.database_url, &path, force).await
        }
        Command::Restore { path, force } => {
            crate::backup::restore(&config.database_url, &path, force).await
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: &Config) -> Result<(), String> {
    let app = Application::build(config)
        .await
        .map_err(|e| e.to_string())?;
    let addr = app.local_addr();
    tracing::info!(database = %config.database_url, "listening on http://{addr}");
    println!("TTA Scheduler is running at http://{addr}  (Ctrl-C stops it)");
    app.run_until_stopped().await.map_err(|e| e.to_string())
}

async fn migrate(config: &Config) -> Result<(), String> {
    open_database(config).await.map_err(|e| e.to_string())?;
    println!("Database {} is up to date.", config.database_url);
    Ok(())
}

async fn seed_demo(config: &Config) -> Result<(), String> {
    let database = open_database(config).await.map_err(|e| e.to_string())?;
    let report = demo::seed_demo(&database)
        .await
        .map_err(|e| format!("seeding failed: {e}"))?;
    println!(
        "Demo data loaded into {}: {} sites, {} topics.",
        config.database_url, report.sites, report.topics
    );
    println!(
        "\nDemo log-ins (password for all: {}):",
        demo::DEMO_PASSWORD
    );
    for (email, name, role, zone, _) in demo::DEMO_ACCOUNTS {
        println!("  {:<13} {email:<36} {name} ({zone})", role.label());
    }
    Ok(())
}

async fn generate_load(
    config: &Config,
    providers: usize,
    requests: usize,
    sessions: usize,
) -> Result<(), String> {
    let database = open_database(config).await.map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    let report = demo::generate_load(&database, providers, requests, sessions)
        .await
        .map_err(|e| format!("generating load data failed: {e}"))?;
    println!(
        "Added {} providers, {} requests and {} sessions to {} in {:.1} s.",
        report.providers,
        report.requests,
        report.sessions,
        config.database_url,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
