//! Calls the server makes to addresses other people typed — an administrator's webhook
//! endpoint, a provider's ICS or CalDAV address — and the one rule they follow: **no private
//! addresses** (server-side request forgery). Unless the installation allows them
//! (`TTA_ALLOW_PRIVATE_ADDRESSES=true`, for tests and closed networks), such a call may not reach
//! a loopback, private (RFC 1918), link-local (the cloud metadata address 169.254.169.254
//! included), unique-local IPv6, CGNAT (100.64/10), multicast, unspecified or reserved address
//! ([`address::classify`]).
//!
//! The rule is applied twice:
//! - **When the address is saved** ([`OutboundPolicy::check_url`]): an IP literal is judged as
//!   written and a host name by every address it resolves to now; a refusal is a field error on
//!   `url`. A name that does not resolve (within 5 s) is accepted: it is judged again on every
//!   call.
//! - **On every call**, against the address actually connected to: the HTTP client
//!   ([`OutboundPolicy::client_builder`]) resolves each host name once through
//!   [`resolver::CheckingResolver`], which refuses the name if any of its addresses is private
//!   and otherwise hands exactly the checked addresses to the connection — so a name that
//!   pointed elsewhere when it was saved, or that changes between a check and the connection
//!   (DNS rebinding), cannot reach a private address. IP literals never reach a resolver, so
//!   callers check them before sending ([`OutboundPolicy::check_literal`]) and redirects are
//!   checked the same way ([`OutboundPolicy::redirects`]). No proxy from the environment is used
//!   while the rule is on (a proxy would connect on our behalf, unchecked).
//!
//! A refused call is a [`Refused`] error whose text names the address, e.g. `webhook deliveries
//! to private or loopback addresses are not allowed: 10.0.0.5 (private)`; [`refusal`] finds it
//! inside a `reqwest` error.

pub mod address;
pub mod resolver;

use std::net::IpAddr;
use std::sync::Arc;

use reqwest::Url;
use reqwest::redirect;

pub use address::{Reserved, classify};

/// How long saving an address waits for its name to resolve before accepting it unjudged (every
/// call judges it again).
const SAVE_LOOKUP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// What the installation allows outbound calls to reach.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutboundPolicy {
    /// `TTA_ALLOW_PRIVATE_ADDRESSES`: private and loopback addresses are allowed too (tests,
    /// closed networks). Off by default.
    pub allow_private: bool,
}

/// Who is calling out: it words the refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Webhook,
    Calendar,
}

impl Purpose {
    fn calls(self) -> &'static str {
        match self {
            Self::Webhook => "webhook deliveries",
            Self::Calendar => "calendar connections",
        }
    }
}

/// A call refused because its address is not public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} to private or loopback addresses are not allowed: {ip} ({})", purpose.calls(), kind.label())]
pub struct Refused {
    pub purpose: Purpose,
    pub ip: IpAddr,
    pub kind: Reserved,
}

impl Refused {
    /// The refusal as a form's sentence, for the `url` field.
    pub fn sentence(&self) -> String {
        let text = self.to_string();
        let mut chars = text.chars();
        let first = chars.next().map(|c| c.to_uppercase().to_string());
        format!(
            "{}{}. Give an address on the public internet.",
            first.unwrap_or_default(),
            chars.as_str()
        )
    }
}

impl OutboundPolicy {
    /// The policy that allows private addresses (`TTA_ALLOW_PRIVATE_ADDRESSES=true`).
    pub const ALLOW_PRIVATE: Self = Self {
        allow_private: true,
    };

    /// Judges one address.
    pub fn check_ip(self, purpose: Purpose, ip: IpAddr) -> Result<(), Refused> {
        if self.allow_private {
            return Ok(());
        }
        match classify(ip) {
            None => Ok(()),
            Some(kind) => Err(Refused { purpose, ip, kind }),
        }
    }

    /// Judges `url`'s host when it is an IP literal (no DNS needed); a name passes here and is
    /// judged by the client's resolver when connecting.
    pub fn check_literal(self, purpose: Purpose, url: &Url) -> Result<(), Refused> {
        match literal(url) {
            Some(ip) => self.check_ip(purpose, ip),
            None => Ok(()),
        }
    }

    /// Judges `url` as it would be called now: an IP literal as written, a host name by every
    /// address it resolves to. A name that does not resolve passes (checked again per call).
    pub async fn check_url(self, purpose: Purpose, url: &Url) -> Result<(), Refused> {
        if self.allow_private {
            return Ok(());
        }
        self.check_literal(purpose, url)?;
        let Some(name) = url.host_str().filter(|_| literal(url).is_none()) else {
            return Ok(());
        };
        let port = url.port_or_known_default().unwrap_or(0);
        let lookup = tokio::net::lookup_host((name, port));
        let Ok(Ok(addresses)) = tokio::time::timeout(SAVE_LOOKUP_TIMEOUT, lookup).await else {
            return Ok(());
        };
        for address in addresses {
            self.check_ip(purpose, address.ip())?;
        }
        Ok(())
    }

    /// An HTTP client builder whose connections reach only addresses this policy allows (see
    /// the module documentation); the caller adds timeouts and its redirect policy.
    pub fn client_builder(self, purpose: Purpose) -> reqwest::ClientBuilder {
        let builder = reqwest::Client::builder();
        if self.allow_private {
            builder
        } else {
            builder
                .no_proxy()
                .dns_resolver(Arc::new(resolver::CheckingResolver::new(purpose)))
        }
    }

    /// Follows at most `max` redirects, refusing one to an IP literal this policy forbids
    /// (a host name is judged by the client's resolver).
    pub fn redirects(self, purpose: Purpose, max: usize) -> redirect::Policy {
        redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() > max {
                return attempt.error(format!("more than {max} redirects"));
            }
            match self.check_literal(purpose, attempt.url()) {
                Ok(()) => attempt.follow(),
                Err(refused) => attempt.error(refused),
            }
        })
    }
}

/// `url`'s host when it is an IP address (the URL parser has already normalised forms such as
/// `127.1` or `0x7f000001`; an IPv6 host comes in brackets).
fn literal(url: &Url) -> Option<IpAddr> {
    let host = url.host_str()?;
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    bare.parse().ok()
}

/// The [`Refused`] inside an error (a `reqwest` error wraps the resolver's or the redirect
/// policy's several layers deep), if that is why it failed.
pub fn refusal(error: &(dyn std::error::Error + 'static)) -> Option<Refused> {
    let mut next = Some(error);
    while let Some(error) = next {
        if let Some(refused) = error.downcast_ref::<Refused>() {
            return Some(*refused);
        }
        next = error.source();
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn literals_are_judged_as_written() {
        let deny = OutboundPolicy::default();
        for text in [
            "http://127.0.0.1:9000/in",
            "http://10.0.0.1/",
            "http://[::1]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://0x7f000001/",
            "http://127.1/",
            "http://[::ffff:192.168.0.1]/",
        ] {
            assert!(
                deny.check_literal(Purpose::Webhook, &url(text)).is_err(),
                "{text}"
            );
        }
        assert!(
            deny.check_literal(Purpose::Webhook, &url("https://93.184.216.34/"))
                .is_ok()
        );
        assert!(
            OutboundPolicy::ALLOW_PRIVATE
                .check_literal(Purpose::Webhook, &url("http://127.0.0.1/"))
                .is_ok()
        );
    }

    #[test]
    fn the_refusal_names_the_address() {
        let refused = OutboundPolicy::default()
            .check_literal(Purpose::Webhook, &url("http://10.0.0.5/hooks"))
            .unwrap_err();
        assert_eq!(
            refused.to_string(),
            "webhook deliveries to private or loopback addresses are not allowed: 10.0.0.5 (private)"
        );
        assert!(refused.sentence().starts_with("Webhook deliveries"));
    }

    #[tokio::test]
    async fn a_name_resolving_to_loopback_is_refused() {
        let deny = OutboundPolicy::default();
        let refused = deny
            .check_url(Purpose::Calendar, &url("http://localhost:8080/cal.ics"))
            .await
            .unwrap_err();
        assert_eq!(refused.kind, Reserved::Loopback);
        assert!(
            OutboundPolicy::ALLOW_PRIVATE
                .check_url(Purpose::Calendar, &url("http://localhost:8080/cal.ics"))
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn the_client_refuses_to_connect_to_a_name_resolving_to_loopback() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let client = OutboundPolicy::default()
            .client_builder(Purpose::Webhook)
            .build()
            .unwrap();
        let error = client
            .get(format!("http://localhost:{port}/"))
            .send()
            .await
            .unwrap_err();
        let refused = refusal(&error).unwrap();
        assert_eq!(refused.kind, Reserved::Loopback);
        listener.set_nonblocking(true).unwrap();
        assert!(listener.accept().is_err(), "no connection was made");
    }
}
