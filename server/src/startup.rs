//! Starting the application: connect, migrate, bind, serve until a shutdown signal.

use std::net::SocketAddr;

use leptos::prelude::LeptosOptions;
use service::{Database, ServiceError};
use tokio::net::TcpListener;

use crate::config::Config;
use crate::routes::{AppState, router};

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot open the database {url}: {source}")]
    Database { url: String, source: ServiceError },
    #[error("database migration failed: {0}")]
    Migration(ServiceError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server stopped with an error: {0}")]
    Serve(std::io::Error),
    #[error("mail configuration: {0}")]
    Mail(String),
}

/// Connects to the configured database and applies pending migrations.
pub async fn open_database(config: &Config) -> Result<Database, StartupError> {
    let database = Database::connect(&config.database_url)
        .await
        .map_err(|source| StartupError::Database {
            url: config.database_url.to_string(),
            source,
        })?;
    database.migrate().await.map_err(StartupError::Migration)?;
    Ok(database)
}

/// A server bound to its port, not yet serving.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    /// The outbox sender, when `TTA_MAIL_WORKER` is on.
    mail_worker: Option<service::mail::Worker>,
}

impl Application {
    /// Opens and migrates the database and binds the listen address (port 0 picks a free port).
    pub async fn build(config: &Config) -> Result<Self, StartupError> {
        let database = open_database(config).await?;
        let mail_worker = if config.mail.worker_enabled {
            Some(
                config
                    .mail
                    .worker(database.clone(), config.notify())
                    .map_err(StartupError::Mail)?,
            )
        } else {
            None
        };
        let listener = TcpListener::bind(config.listen_addr)
            .await
            .map_err(|source| StartupError::Bind {
                addr: config.listen_addr,
                source,
            })?;
        let local_addr = listener.local_addr().map_err(|source| StartupError::Bind {
            addr: config.listen_addr,
            source,
        })?;
        let leptos_options = LeptosOptions::builder()
            .output_name("tta")
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(local_addr)
            .build();
        Ok(Self {
            listener,
            state: AppState {
                leptos_options,
                database,
                accounts: config.accounts.clone(),
                cookie_secure: config.cookie_secure,
            },
            mail_worker,
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.state.leptos_options.site_addr
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run_until_stopped(self) -> Result<(), StartupError> {
        if let Some(worker) = self.mail_worker {
            tokio::spawn(worker.run(shutdown_signal()));
        }
        let service = router(self.state).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(StartupError::Serve)
    }
}

pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
