//! The DNS resolver of outbound clients: resolves a host name once, refuses it when any of its
//! addresses is not public, and otherwise gives the connection exactly the addresses it checked,
//! so what is connected to is what was judged (no second lookup a rebinding name could change).

use std::net::SocketAddr;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::{OutboundPolicy, Purpose};

/// A resolver that enforces the deny-private policy for `purpose`'s calls.
#[derive(Clone, Copy, Debug)]
pub struct CheckingResolver {
    purpose: Purpose,
}

impl CheckingResolver {
    pub fn new(purpose: Purpose) -> Self {
        Self { purpose }
    }
}

impl Resolve for CheckingResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let purpose = self.purpose;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addresses: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            for address in &addresses {
                OutboundPolicy::default().check_ip(purpose, address.ip())?;
            }
            let addresses: Addrs = Box::new(addresses.into_iter());
            Ok(addresses)
        })
    }
}
