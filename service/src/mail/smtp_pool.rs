//! Our own pooled SMTP connections, each on a socket with `TCP_NODELAY` set, which lettre 0.11's
//! transport has no option for.
//!
//! Without it, Nagle's algorithm holds back the end of a message (`\r\n.\r\n`, which lettre
//! writes on its own after the body) until the server acknowledges the body, and a server that
//! answers only at the end of the message acknowledges late (Linux delays an ACK up to 40 ms):
//! one connection sent about 25 messages a second whatever the machine.
//!
//! A connection is made as lettre's own `Tokio1Executor::connect` makes it, on our socket
//! ([`AsyncSmtpConnection::connect_with_transport`]): the greeting and EHLO, then STARTTLS when
//! it is required (`tls=starttls`: a server without it is refused) or offered
//! (`tls=opportunistic`), then AUTH when credentials are set. `smtps://` (TLS from the first
//! byte) is the same socket made encrypted by lettre's own TLS (its roots and certificate
//! checks) before the greeting is read, handed to lettre through [`TlsFirst`], since lettre's
//! own smtps connect opens a socket without `TCP_NODELAY`.
//! Credentials are never sent over a connection left unencrypted after asking for TLS: with
//! `tls=opportunistic` a server that does not offer STARTTLS (or an attacker who strips it
//! from the greeting) gets no AUTH, and the message waits; only plain `smtp://` sends them
//! unencrypted, as configured. Each error names the step that failed (connecting, STARTTLS,
//! AUTH, sending), for the log and the admin outbox page; none contains the credentials. A
//! failure of the relay as a whole (every step before the message's own MAIL FROM, and a 421 or
//! 530 reply to it) also carries a short reason for the administrators ([`SmtpFailure`], see
//! [`super::relay`]): it costs no message an attempt.
//! As in lettre's pool, an idle connection is checked with NOOP before it is used again, one
//! idle for longer than [`SmtpPool::IDLE_TIMEOUT`] is closed, and at most `max_idle` are kept.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
#[allow(deprecated)]
use lettre::transport::smtp::client::AsyncNetworkStream;
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream, Tls};
use lettre::transport::smtp::extension::ClientId;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Connections to one SMTP server, made on demand and kept for reuse.
pub struct SmtpPool {
    host: String,
    port: u16,
    tls: Tls,
    credentials: Option<Credentials>,
    /// For connecting (TCP, greeting, STARTTLS and AUTH together).
    timeout: Duration,
    hello: ClientId,
    max_idle: usize,
    idle: Mutex<Vec<Parked>>,
}

/// An idle connection and since when.
struct Parked {
    connection: AsyncSmtpConnection,
    since: Instant,
}

impl SmtpPool {
    /// How long a connection may stay idle before it is closed.
    pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

    pub fn new(
        host: String,
        port: u16,
        tls: Tls,
        credentials: Option<Credentials>,
        timeout: Duration,
        max_idle: usize,
    ) -> Self {
        Self {
            host,
            port,
            tls,
            credentials,
            timeout,
            hello: ClientId::default(),
            max_idle,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Sends one message over a pooled connection (a new one when none is idle). The error is
    /// for the log and the admin outbox page, and says whether the relay failed as a whole.
    pub async fn send(&self, envelope: &Envelope, email: &[u8]) -> Result<(), SmtpFailure> {
        let mut connection = self.connection().await?;
        let sent = connection.send(envelope, email).await;
        self.recycle(connection).await;
        sent.map(|_| ()).map_err(|error| SmtpFailure {
            text: format!("sending: {error}"),
            relay: sending_relay_reason(&error),
        })
    }

    /// An idle connection that still answers NOOP, or a new one.
    async fn connection(&self) -> Result<AsyncSmtpConnection, SmtpFailure> {
        loop {
            let (reusable, expired) = self.take_idle();
            for mut old in expired {
                old.abort().await;
            }
            let Some(mut connection) = reusable else {
                return self.connect().await;
            };
            if connection.test_connected().await {
                return Ok(connection);
            }
            tracing::debug!("dropping a pooled SMTP connection that no longer answers");
            connection.abort().await;
        }
    }

    /// The most recently parked connection that is not too old, and those that are.
    fn take_idle(&self) -> (Option<AsyncSmtpConnection>, Vec<AsyncSmtpConnection>) {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        let (fresh, expired): (Vec<Parked>, Vec<Parked>) = idle
            .drain(..)
            .partition(|parked| parked.since.elapsed() < Self::IDLE_TIMEOUT);
        *idle = fresh;
        let reusable = idle.pop().map(|parked| parked.connection);
        (
            reusable,
            expired
                .into_iter()
                .map(|parked| parked.connection)
                .collect(),
        )
    }

    /// Parks `connection` for the next message, unless it broke or enough are idle.
    async fn recycle(&self, mut connection: AsyncSmtpConnection) {
        if !connection.has_broken() {
            let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            if idle.len() < self.max_idle {
                idle.push(Parked {
                    connection,
                    since: Instant::now(),
                });
                return;
            }
        }
        connection.abort().await;
    }

    /// A new connection, ready to send (see the module documentation).
    async fn connect(&self) -> Result<AsyncSmtpConnection, SmtpFailure> {
        match tokio::time::timeout(self.timeout, self.handshake()).await {
            Ok(connection) => connection,
            Err(_) => Err(SmtpFailure::relay(
                format!(
                    "connecting to {}:{}: timed out after {} s",
                    self.host,
                    self.port,
                    self.timeout.as_secs()
                ),
                format!(
                    "the relay did not answer within {} s",
                    self.timeout.as_secs()
                ),
            )),
        }
    }

    async fn handshake(&self) -> Result<AsyncSmtpConnection, SmtpFailure> {
        let connecting = |error: &dyn std::fmt::Display| {
            format!("connecting to {}:{}: {error}", self.host, self.port)
        };
        let socket = tokio::net::TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(|error| SmtpFailure::relay(connecting(&error), io_reason(&error)))?;
        socket
            .set_nodelay(true)
            .map_err(|error| SmtpFailure::relay(connecting(&error), io_reason(&error)))?;
        let stream: Box<dyn AsyncTokioStream> = match &self.tls {
            Tls::Wrapper(parameters) => {
                #[allow(deprecated)]
                let mut encrypted = AsyncNetworkStream::use_existing_tokio1(Box::new(socket));
                encrypted
                    .upgrade_tls(parameters.clone())
                    .await
                    .map_err(|error| {
                        SmtpFailure::relay(connecting(&error), session_reason(&error))
                    })?;
                Box::new(TlsFirst(encrypted))
            }
            _ => Box::new(socket),
        };
        let mut connection = AsyncSmtpConnection::connect_with_transport(stream, &self.hello)
            .await
            .map_err(|error| SmtpFailure::relay(connecting(&error), session_reason(&error)))?;
        let upgrade = match &self.tls {
            Tls::Required(parameters) => Some(parameters),
            Tls::Opportunistic(parameters) if connection.can_starttls() => Some(parameters),
            _ => None,
        };
        if let Some(parameters) = upgrade {
            let offered = connection.can_starttls();
            connection
                .starttls(parameters.clone(), &self.hello)
                .await
                .map_err(|error| {
                    let reason = if offered {
                        session_reason(&error)
                    } else {
                        "the relay does not offer STARTTLS, which the settings require \
                         (tls=starttls)"
                            .to_owned()
                    };
                    SmtpFailure::relay(format!("STARTTLS: {error}"), reason)
                })?;
        }
        if let Some(credentials) = &self.credentials {
            // lettre sees a `TlsFirst` stream as plain; it is encrypted from the first byte.
            let encrypted = connection.is_encrypted() || matches!(self.tls, Tls::Wrapper(_));
            if !encrypted && !matches!(self.tls, Tls::None) {
                connection.abort().await;
                return Err(SmtpFailure::relay(
                    "AUTH: not attempted, the server did not offer STARTTLS and the \
                    credentials are never sent unencrypted (tls=opportunistic); use \
                    tls=starttls, or plain smtp:// only on a trusted network"
                        .to_owned(),
                    "the relay did not offer STARTTLS, so the password was not sent".to_owned(),
                ));
            }
            connection
                .auth(DEFAULT_MECHANISMS, credentials)
                .await
                .map_err(|error| {
                    SmtpFailure::relay(format!("AUTH: {error}"), auth_reason(&error))
                })?;
        }
        Ok(connection)
    }
}

/// A failed send: `text` for the log and the outbox (never the credentials) and, when the relay
/// failed as a whole rather than this message, a short reason for the administrators
/// (see [`super::relay`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmtpFailure {
    pub text: String,
    pub relay: Option<String>,
}

impl SmtpFailure {
    fn relay(text: String, reason: String) -> Self {
        Self {
            text,
            relay: Some(reason),
        }
    }
}

/// The SMTP reply code of `error`, when the server answered with one.
fn reply_code(error: &lettre::transport::smtp::Error) -> Option<u16> {
    error.status().map(u16::from)
}

/// Why the relay could not be reached.
fn io_reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => "the relay refused the connection".to_owned(),
        io::ErrorKind::TimedOut => "the relay did not answer".to_owned(),
        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted => {
            "the relay closed the connection".to_owned()
        }
        _ => "the relay could not be reached".to_owned(),
    }
}

/// Why opening a session failed (TLS, the greeting, STARTTLS).
fn session_reason(error: &lettre::transport::smtp::Error) -> String {
    let text = error.to_string();
    if text.contains("certificate") || text.contains("Certificate") {
        return "the relay's certificate is not trusted".to_owned();
    }
    if error.is_tls() {
        return "the TLS handshake with the relay failed".to_owned();
    }
    match reply_code(error) {
        Some(421) => "the relay is not available (421)".to_owned(),
        Some(code) => format!("the relay refused the session ({code})"),
        None => "the relay closed the connection".to_owned(),
    }
}

/// Why the log-in failed.
fn auth_reason(error: &lettre::transport::smtp::Error) -> String {
    match reply_code(error) {
        Some(535) => "the relay refused the password (535)".to_owned(),
        Some(421) => "the relay is not available (421)".to_owned(),
        Some(code) => format!("the relay refused the log-in ({code})"),
        None if error.is_client() => {
            "the relay offers no log-in method this server can use".to_owned()
        }
        None => "the relay closed the connection during the log-in".to_owned(),
    }
}

/// Whether a failure while sending one message is the relay's (a reason) or the message's
/// (`None`): `421 service not available` and `530 authentication required` refuse every message
/// alike; any other reply was about this message, and a connection lost mid-message costs that
/// message one attempt (the next connection tells whether the relay is down).
fn sending_relay_reason(error: &lettre::transport::smtp::Error) -> Option<String> {
    match reply_code(error)? {
        421 => Some("the relay is not available (421)".to_owned()),
        530 => Some("the relay requires a log-in (530)".to_owned()),
        _ => None,
    }
}

/// A stream lettre's TLS already encrypted (`smtps://`), seen as the plain tokio stream
/// [`AsyncSmtpConnection::connect_with_transport`] takes: lettre's `AsyncNetworkStream` speaks
/// the `futures-io` traits, this speaks tokio's.
#[allow(deprecated)]
#[derive(Debug)]
struct TlsFirst(AsyncNetworkStream);

impl AsyncRead for TlsFirst {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let unfilled = buf.initialize_unfilled();
        match futures_io::AsyncRead::poll_read(Pin::new(&mut self.0), cx, unfilled) {
            Poll::Ready(Ok(read)) => {
                buf.advance(read);
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncWrite for TlsFirst {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        futures_io::AsyncWrite::poll_write(Pin::new(&mut self.0), cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        futures_io::AsyncWrite::poll_flush(Pin::new(&mut self.0), cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        futures_io::AsyncWrite::poll_close(Pin::new(&mut self.0), cx)
    }
}

impl AsyncTokioStream for TlsFirst {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.0.peer_addr()
    }
}
