//! Where messages go: an SMTP server (lettre's protocol over our own pooled connections with
//! `TCP_NODELAY`, [`super::smtp_pool`]) or, with no SMTP configured, a folder of `.eml` files.
//!
//! `TTA_SMTP_URL` forms: `smtp://host:port` (plain, e.g. a local relay or test sink),
//! `smtp://host:port?tls=starttls` (STARTTLS required; default port 587),
//! `smtp://host:port?tls=opportunistic` (STARTTLS when offered), `smtps://host:port` (TLS from
//! the first byte; default port 465). Credentials come from their own variables and are never
//! written to a log or an error message. The server's certificate is checked against the public
//! roots (webpki-roots) plus, with [`SmtpSettings::with_ca_file`] (`TTA_SMTP_CA_FILE`), the
//! certificates of a PEM file: an agency relay signed by a private CA. There is no switch that
//! accepts a certificate that does not check out.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use lettre::Message;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};

use super::smtp_pool::SmtpPool;

/// How the connection to the SMTP server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsMode {
    /// No TLS (local relays and test sinks only).
    Plain,
    /// STARTTLS, required.
    StartTls,
    /// STARTTLS when the server offers it, plain otherwise.
    Opportunistic,
    /// Implicit TLS (`smtps://`).
    Wrapper,
}

/// A `TTA_SMTP_URL` that cannot be used; the text never contains credentials.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SmtpUrlError(String);

/// SMTP server settings. `Debug` hides the password.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub username: Option<String>,
    password: Option<String>,
    /// Most connections kept open to the server.
    pub pool_size: u32,
    pub timeout: Duration,
    /// Extra trusted roots (PEM), besides the public ones.
    ca_pem: Option<Vec<u8>>,
}

impl SmtpSettings {
    /// Parses `url` (see the module documentation) with optional credentials.
    pub fn parse(
        url: &str,
        username: Option<String>,
        password: Option<String>,
    ) -> Result<Self, SmtpUrlError> {
        let url = url.trim();
        let (scheme, rest) = url.split_once("://").ok_or_else(|| {
            SmtpUrlError("must look like smtp://host:port, smtps://host:port or smtp://host:port?tls=starttls".to_owned())
        })?;
        let (authority, query) = match rest.split_once('?') {
            Some((authority, query)) => (authority.trim_end_matches('/'), Some(query)),
            None => (rest.trim_end_matches('/'), None),
        };
        if authority.contains('@') {
            return Err(SmtpUrlError(
                "must not contain credentials; set TTA_SMTP_USERNAME and TTA_SMTP_PASSWORD instead"
                    .to_owned(),
            ));
        }
        let tls_param = query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .find_map(|pair| pair.strip_prefix("tls="));
        let tls = match (scheme, tls_param) {
            ("smtps", None) => TlsMode::Wrapper,
            ("smtp", None | Some("none")) => TlsMode::Plain,
            ("smtp", Some("starttls" | "required")) => TlsMode::StartTls,
            ("smtp", Some("opportunistic")) => TlsMode::Opportunistic,
            ("smtp" | "smtps", Some(other)) => {
                return Err(SmtpUrlError(format!(
                    "has tls={other}; use tls=starttls, tls=opportunistic or tls=none"
                )));
            }
            (other, _) => {
                return Err(SmtpUrlError(format!(
                    "has scheme '{other}'; use smtp:// or smtps://"
                )));
            }
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => {
                let port = port
                    .parse::<u16>()
                    .map_err(|_| SmtpUrlError(format!("has a bad port '{port}'")))?;
                (host, port)
            }
            None => (
                authority,
                match tls {
                    TlsMode::Wrapper => 465,
                    TlsMode::StartTls => 587,
                    TlsMode::Plain | TlsMode::Opportunistic => 25,
                },
            ),
        };
        if host.is_empty() {
            return Err(SmtpUrlError("names no host".to_owned()));
        }
        Ok(Self {
            host: host.to_owned(),
            port,
            tls,
            username: username.filter(|u| !u.is_empty()),
            password: password.filter(|p| !p.is_empty()),
            pool_size: 16,
            timeout: Duration::from_secs(30),
            ca_pem: None,
        })
    }

    /// Also trusts the certificates in the PEM file at `path` (a private CA) when checking the
    /// server's certificate. The file must hold at least one certificate that parses.
    pub fn with_ca_file(self, path: &Path) -> Result<Self, SmtpUrlError> {
        let pem = std::fs::read(path)
            .map_err(|e| SmtpUrlError(format!("cannot read {}: {e}", path.display())))?;
        self.with_ca_pem(pem)
            .map_err(|e| SmtpUrlError(format!("{}: {e}", path.display())))
    }

    /// [`Self::with_ca_file`] with the file's contents.
    pub fn with_ca_pem(mut self, pem: Vec<u8>) -> Result<Self, SmtpUrlError> {
        if !String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----") {
            return Err(SmtpUrlError(
                "holds no PEM certificate (-----BEGIN CERTIFICATE-----)".to_owned(),
            ));
        }
        // Built once here so that a certificate that does not parse is refused at start-up.
        root_tls_parameters(&self.host, Some(&pem))?;
        self.ca_pem = Some(pem);
        Ok(self)
    }
}

/// TLS parameters for `host`: the public roots, plus the certificates of `ca_pem`.
fn root_tls_parameters(host: &str, ca_pem: Option<&[u8]>) -> Result<TlsParameters, SmtpUrlError> {
    let mut builder = TlsParameters::builder(host.to_owned());
    if let Some(pem) = ca_pem {
        let certificate = Certificate::from_pem(pem)
            .map_err(|e| SmtpUrlError(format!("has a certificate that does not parse: {e}")))?;
        builder = builder.add_root_certificate(certificate);
    }
    builder
        .build()
        .map_err(|e| SmtpUrlError(format!("TLS set-up for {host} failed: {e}")))
}

impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("extra_roots", &self.ca_pem.is_some())
            .finish()
    }
}

impl fmt::Display for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.tls == TlsMode::Wrapper {
            "smtps"
        } else {
            "smtp"
        };
        write!(f, "{scheme}://{}:{} ({:?})", self.host, self.port, self.tls)
    }
}

/// One failed delivery: `message` is for the log and the admin outbox page; `relay` is set when
/// the relay failed as a whole (connecting, TLS, STARTTLS, the log-in, a 421), not this message:
/// a short reason for the administrators, and the message's attempt is not counted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    pub message: String,
    pub relay: Option<String>,
}

impl SendError {
    /// A failure of this message.
    fn message(message: String) -> Self {
        Self {
            message,
            relay: None,
        }
    }
}

/// The configured destination of messages.
#[derive(Clone)]
pub enum MailTransport {
    Smtp {
        pool: Arc<SmtpPool>,
        description: String,
    },
    /// `.eml` files in a folder (the local default).
    Folder(PathBuf),
}

impl fmt::Debug for MailTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

impl MailTransport {
    /// A pooled SMTP transport (connects lazily, on the first message).
    pub fn smtp(settings: &SmtpSettings) -> Result<Self, SmtpUrlError> {
        let tls_parameters = || root_tls_parameters(&settings.host, settings.ca_pem.as_deref());
        let tls = match settings.tls {
            TlsMode::Plain => Tls::None,
            TlsMode::StartTls => Tls::Required(tls_parameters()?),
            TlsMode::Opportunistic => Tls::Opportunistic(tls_parameters()?),
            TlsMode::Wrapper => Tls::Wrapper(tls_parameters()?),
        };
        let credentials = match (&settings.username, &settings.password) {
            (Some(user), Some(password)) => Some(Credentials::new(user.clone(), password.clone())),
            _ => None,
        };
        let pool = SmtpPool::new(
            settings.host.clone(),
            settings.port,
            tls,
            credentials,
            settings.timeout,
            settings.pool_size as usize,
        );
        Ok(Self::Smtp {
            pool: Arc::new(pool),
            description: settings.to_string(),
        })
    }

    /// Writes messages as `.eml` files into `folder` (created when missing).
    pub fn folder(folder: impl Into<PathBuf>) -> Self {
        Self::Folder(folder.into())
    }

    /// For the log: where messages go (never credentials).
    pub fn describe(&self) -> String {
        match self {
            Self::Smtp { description, .. } => format!("SMTP server {description}"),
            Self::Folder(folder) => format!(".eml files in {}", folder.display()),
        }
    }

    /// Delivers one message; `file_stem` names the file in folder mode (the same stem on a
    /// resend overwrites, so a resend never leaves two files).
    pub async fn send(&self, message: &Message, file_stem: &str) -> Result<(), SendError> {
        match self {
            Self::Smtp { pool, .. } => pool
                .send(message.envelope(), &message.formatted())
                .await
                .map_err(|e| SendError {
                    message: format!("SMTP: {}", e.text),
                    relay: e.relay,
                }),
            Self::Folder(folder) => {
                let folder = folder.clone();
                let bytes = message.formatted();
                let stem = file_stem.to_owned();
                tokio::task::spawn_blocking(move || write_eml(&folder, &stem, &bytes))
                    .await
                    .map_err(|e| SendError::message(format!("writing .eml: {e}")))?
            }
        }
    }
}

fn write_eml(folder: &std::path::Path, stem: &str, bytes: &[u8]) -> Result<(), SendError> {
    std::fs::create_dir_all(folder)
        .map_err(|e| SendError::message(format!("cannot create {}: {e}", folder.display())))?;
    let target = folder.join(format!("{stem}.eml"));
    let partial = folder.join(format!(".{stem}.eml.partial"));
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, &target))
        .map_err(|e| SendError::message(format!("cannot write {}: {e}", target.display())))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        let plain = SmtpSettings::parse("smtp://127.0.0.1:2525", None, None).unwrap();
        assert_eq!(
            (plain.host.as_str(), plain.port, plain.tls),
            ("127.0.0.1", 2525, TlsMode::Plain)
        );
        let tls = SmtpSettings::parse("smtps://mail.example.org", None, None).unwrap();
        assert_eq!((tls.port, tls.tls), (465, TlsMode::Wrapper));
        let starttls =
            SmtpSettings::parse("smtp://mail.example.org?tls=starttls", None, None).unwrap();
        assert_eq!((starttls.port, starttls.tls), (587, TlsMode::StartTls));
    }

    #[test]
    fn never_shows_credentials() {
        let settings = SmtpSettings::parse(
            "smtp://mail.example.org:587?tls=starttls",
            Some("tta".to_owned()),
            Some("hunter2".to_owned()),
        )
        .unwrap();
        assert!(!format!("{settings:?}").contains("hunter2"));
        assert!(!settings.to_string().contains("hunter2"));
        let err =
            SmtpSettings::parse("smtp://tta:hunter2@mail.example.org", None, None).unwrap_err();
        assert!(!err.to_string().contains("hunter2"));
    }

    #[test]
    fn refuses_a_ca_file_without_a_certificate() {
        let settings = SmtpSettings::parse("smtps://mail.example.org", None, None).unwrap();
        let empty = settings
            .clone()
            .with_ca_pem(b"no certificate here\n".to_vec());
        assert!(
            empty
                .unwrap_err()
                .to_string()
                .contains("no PEM certificate")
        );
        let broken = settings.clone().with_ca_pem(
            b"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"
                .to_vec(),
        );
        assert!(broken.is_err());
        let missing = settings
            .with_ca_file(Path::new("/nonexistent/ca.pem"))
            .unwrap_err();
        assert!(
            missing.to_string().contains("/nonexistent/ca.pem"),
            "{missing}"
        );
    }

    #[test]
    fn rejects_unknown_schemes_and_modes() {
        assert!(SmtpSettings::parse("http://x", None, None).is_err());
        assert!(SmtpSettings::parse("smtp://x?tls=maybe", None, None).is_err());
        assert!(SmtpSettings::parse("smtp://x:port", None, None).is_err());
    }
}
