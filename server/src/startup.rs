//! Starting the application: connect, migrate, bind, serve until a shutdown signal.
//!
//! Stopping (SIGTERM or Ctrl-C) is graceful, in this order: `/readyz` answers 503 at once
//! (draining); requests keep being served for `TTA_SHUTDOWN_DELAY_MS` so a load balancer can
//! notice; then no new connection is taken and the requests in flight get up to
//! `TTA_SHUTDOWN_TIMEOUT_SECS` to finish; the mail worker finishes the messages it is sending and
//! hands the rest of its claim back; the process exits 0.

use std::net::SocketAddr;

use leptos::prelude::LeptosOptions;
use service::{Database, ServiceError};
use tokio::net::TcpListener;

use crate::availability::Draining;
use crate::config::{Config, ShutdownSettings};
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
    #[error("secret key: {0}")]
    SecretKey(String),
}

/// Connects to the configured database and applies pending migrations.
pub async fn open_database(config: &Config) -> Result<Database, StartupError> {
    let database = Database::connect(&config.database_url)
        .await
        .map_err(|source| StartupError::Database {
            url: config.database_url.to_string(),
            source,
        })?
        .with_outbound_policy(config.outbound);
    database.migrate().await.map_err(StartupError::Migration)?;
    Ok(database)
}

/// A server bound to its port, not yet serving.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    /// The outbox sender, when `TTA_MAIL_WORKER` is on.
    mail_worker: Option<service::mail::Worker>,
    /// The webhook sender, when `TTA_WEBHOOK_WORKER` is on.
    webhook_worker: Option<service::webhooks::WebhookWorker>,
    /// The refresh of providers' own calendars, unless `TTA_CALENDAR_POLL_SECS` is 0.
    calendar_worker: Option<service::provider_calendars::RefreshWorker>,
    shutdown: ShutdownSettings,
}

impl Application {
    /// Opens and migrates the database and binds the listen address (port 0 picks a free port).
    pub async fn build(config: &Config) -> Result<Self, StartupError> {
        let database = open_database(config).await?;
        let secret_key = config.secret_key.load().map_err(StartupError::SecretKey)?;
        // Passwords saved before they were sealed (migration 32) are sealed now; any that no
        // longer open with this key are shown failing.
        service::provider_calendars::seal_saved_passwords(
            &database,
            &secret_key,
            chrono::Utc::now(),
        )
        .await
        .map_err(StartupError::Migration)?;
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
        let webhook_worker = if config.webhooks.worker_enabled {
            Some(
                config
                    .webhooks
                    .worker(database.clone(), config.accounts.public_url())
                    .map_err(StartupError::Mail)?,
            )
        } else {
            None
        };
        let calendar_worker =
            config
                .calendar_poll
                .map(|poll_interval| service::provider_calendars::RefreshWorker {
                    db: database.clone(),
                    key: secret_key.clone(),
                    poll_interval,
                });
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
            // Pages name the content-hashed assets (see `assets`); Leptos joins this to the
            // binary's folder, which leaves an absolute path as it is.
            .hash_files(config.hash_file.is_some())
            .hash_file(
                config
                    .hash_file
                    .as_ref()
                    .map(|path| path.display().to_string())
                    .unwrap_or_else(|| "hash.txt".to_owned())
                    .into(),
            )
            .build();
        Ok(Self {
            listener,
            state: AppState {
                leptos_options,
                database,
                accounts: config.accounts.clone(),
                cookie_secure: config.cookie_secure,
                draining: Draining::default(),
                api_rate: config.api_rate,
                secret_key,
            },
            mail_worker,
            webhook_worker,
            calendar_worker,
            shutdown: config.shutdown,
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.state.leptos_options.site_addr
    }

    /// Serves until Ctrl-C or SIGTERM, then stops gracefully (see the module documentation).
    pub async fn run_until_stopped(self) -> Result<(), StartupError> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes, then stops gracefully: draining, the delay, requests in
    /// flight finished (within the limit), the mail worker's claim handed back.
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartupError> {
        let settings = self.shutdown;
        let draining = self.state.draining.clone();
        // Raised when the stop signal arrives; everything below waits on it.
        let (stopping_tx, stopping_rx) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            stop.await;
            draining.start();
            tracing::info!(
                delay = ?settings.drain_delay,
                "draining: /readyz now answers 503"
            );
            let _ = stopping_tx.send(true);
        });
        let signalled = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
            // An error means the sender is gone, i.e. no stop will ever come.
            if rx.wait_for(|stopping| *stopping).await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        let worker = self
            .mail_worker
            .map(|worker| tokio::spawn(worker.run(signalled(stopping_rx.clone()))));
        let webhooks = self
            .webhook_worker
            .map(|worker| tokio::spawn(worker.run(signalled(stopping_rx.clone()))));
        // A refresh under way is not waited for at shutdown: its lease runs out and another
        // instance takes the calendar again (nothing half-written: the outcome is one commit).
        let _calendars = self
            .calendar_worker
            .map(|worker| tokio::spawn(worker.run(signalled(stopping_rx.clone()))));
        let service = router(self.state).into_make_service_with_connect_info::<SocketAddr>();
        let accepting_ends = {
            let rx = stopping_rx.clone();
            async move {
                signalled(rx).await;
                tokio::time::sleep(settings.drain_delay).await;
                tracing::info!("no longer accepting connections; finishing requests in flight");
            }
        };
        let server = axum::serve(self.listener, service).with_graceful_shutdown(accepting_ends);
        let served = tokio::select! {
            served = server => served.map_err(StartupError::Serve),
            () = async {
                signalled(stopping_rx.clone()).await;
                tokio::time::sleep(settings.drain_delay + settings.grace).await;
            } => {
                tracing::warn!(
                    limit = ?settings.grace,
                    "requests still in flight after the shutdown limit were cut off"
                );
                Ok(())
            }
        };
        if let Some(worker) = worker {
            match tokio::time::timeout(settings.grace, worker).await {
                Ok(_) => tracing::info!("mail worker stopped; its unsent claim handed back"),
                Err(_) => tracing::warn!("mail worker still sending after the shutdown limit"),
            }
        }
        if let Some(webhooks) = webhooks
            && tokio::time::timeout(settings.grace, webhooks)
                .await
                .is_err()
        {
            tracing::warn!("webhook worker still sending after the shutdown limit");
        }
        served
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
