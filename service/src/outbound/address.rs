//! Which IP addresses the server must not call on an administrator's or a provider's say-so:
//! loopback, private (RFC 1918), link-local (with the cloud metadata address), unique-local
//! IPv6, shared CGNAT space (100.64/10), multicast, broadcast, unspecified and reserved
//! ranges. IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`, compatible
//! `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the address inside.
//! Pure: no I/O.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why an address is not a public one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reserved {
    Unspecified,
    Loopback,
    /// RFC 1918: 10/8, 172.16/12, 192.168/16.
    Private,
    /// 169.254.169.254 (and `fd00:ec2::254`): the cloud instance metadata service.
    Metadata,
    /// 169.254/16, fe80::/10.
    LinkLocal,
    /// fc00::/7 (and the old site-local fec0::/10).
    UniqueLocal,
    /// 100.64/10, carrier-grade NAT.
    SharedCgnat,
    Multicast,
    Broadcast,
    /// 0/8, 192.0.0/24, 198.18/15 (benchmarking), 240/4 and the like.
    Reserved,
}

impl Reserved {
    /// The kind in a few words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Unspecified => "unspecified",
            Self::Loopback => "loopback",
            Self::Private => "private",
            Self::Metadata => "cloud metadata",
            Self::LinkLocal => "link-local",
            Self::UniqueLocal => "unique-local",
            Self::SharedCgnat => "shared (CGNAT)",
            Self::Multicast => "multicast",
            Self::Broadcast => "broadcast",
            Self::Reserved => "reserved",
        }
    }
}

/// The metadata address of the common clouds.
pub const METADATA_V4: Ipv4Addr = Ipv4Addr::new(169, 254, 169, 254);

/// `None` for a public address; otherwise why it is not one.
pub fn classify(ip: IpAddr) -> Option<Reserved> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<Reserved> {
    let [a, b, c, _] = ip.octets();
    if ip.is_unspecified() {
        Some(Reserved::Unspecified)
    } else if ip.is_loopback() {
        Some(Reserved::Loopback)
    } else if ip == METADATA_V4 {
        Some(Reserved::Metadata)
    } else if ip.is_private() {
        Some(Reserved::Private)
    } else if ip.is_link_local() {
        Some(Reserved::LinkLocal)
    } else if a == 100 && (b & 0b1100_0000) == 64 {
        Some(Reserved::SharedCgnat)
    } else if ip.is_multicast() {
        Some(Reserved::Multicast)
    } else if ip.is_broadcast() {
        Some(Reserved::Broadcast)
    } else if a == 0 || a >= 240 || (a == 192 && b == 0 && c == 0) || (a == 198 && (b & 0xfe) == 18)
    {
        Some(Reserved::Reserved)
    } else {
        None
    }
}

fn classify_v6(ip: Ipv6Addr) -> Option<Reserved> {
    let segments = ip.segments();
    if ip.is_unspecified() {
        return Some(Reserved::Unspecified);
    }
    if ip.is_loopback() {
        return Some(Reserved::Loopback);
    }
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    // ::a.b.c.d (deprecated IPv4-compatible form).
    if segments[..6].iter().all(|s| *s == 0) {
        return classify_v4(embedded_v4(segments[6], segments[7]));
    }
    // NAT64 well-known prefix 64:ff9b::/96.
    if segments[0] == 0x64 && segments[1] == 0xff9b && segments[2..6].iter().all(|s| *s == 0) {
        return classify_v4(embedded_v4(segments[6], segments[7]));
    }
    // 6to4 2002:aabb:ccdd::/48.
    if segments[0] == 0x2002 {
        return classify_v4(embedded_v4(segments[1], segments[2]));
    }
    if ip == Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x254) {
        return Some(Reserved::Metadata);
    }
    match segments[0] {
        s if s & 0xfe00 == 0xfc00 => Some(Reserved::UniqueLocal),
        s if s & 0xffc0 == 0xfe80 => Some(Reserved::LinkLocal),
        s if s & 0xffc0 == 0xfec0 => Some(Reserved::UniqueLocal),
        s if s & 0xff00 == 0xff00 => Some(Reserved::Multicast),
        _ => None,
    }
}

fn embedded_v4(high: u16, low: u16) -> Ipv4Addr {
    let [a, b] = high.to_be_bytes();
    let [c, d] = low.to_be_bytes();
    Ipv4Addr::new(a, b, c, d)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<Reserved> {
        classify(text.parse().unwrap())
    }

    #[test]
    fn reserved_ipv4_ranges_are_named() {
        for (text, expected) in [
            ("0.0.0.0", Reserved::Unspecified),
            ("127.0.0.1", Reserved::Loopback),
            ("127.255.0.9", Reserved::Loopback),
            ("10.0.0.5", Reserved::Private),
            ("172.16.0.1", Reserved::Private),
            ("172.31.255.254", Reserved::Private),
            ("192.168.1.1", Reserved::Private),
            ("169.254.169.254", Reserved::Metadata),
            ("169.254.1.1", Reserved::LinkLocal),
            ("100.64.0.1", Reserved::SharedCgnat),
            ("100.127.255.255", Reserved::SharedCgnat),
            ("100.100.100.200", Reserved::SharedCgnat),
            ("224.0.0.1", Reserved::Multicast),
            ("239.255.255.250", Reserved::Multicast),
            ("255.255.255.255", Reserved::Broadcast),
            ("0.1.2.3", Reserved::Reserved),
            ("240.0.0.1", Reserved::Reserved),
            ("198.18.0.1", Reserved::Reserved),
        ] {
            assert_eq!(kind(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn public_ipv4_addresses_pass() {
        for text in [
            "93.184.216.34",
            "8.8.8.8",
            "1.1.1.1",
            "172.15.255.255",
            "172.32.0.1",
            "100.63.255.255",
            "100.128.0.1",
            "192.169.0.1",
            "169.253.0.1",
            "198.20.0.1",
        ] {
            assert_eq!(kind(text), None, "{text}");
        }
    }

    #[test]
    fn reserved_ipv6_ranges_are_named() {
        for (text, expected) in [
            ("::", Reserved::Unspecified),
            ("::1", Reserved::Loopback),
            ("fc00::1", Reserved::UniqueLocal),
            ("fd12:3456::1", Reserved::UniqueLocal),
            ("fd00:ec2::254", Reserved::Metadata),
            ("fe80::1", Reserved::LinkLocal),
            ("febf::1", Reserved::LinkLocal),
            ("fec0::1", Reserved::UniqueLocal),
            ("ff02::1", Reserved::Multicast),
            ("::ffff:127.0.0.1", Reserved::Loopback),
            ("::ffff:10.0.0.5", Reserved::Private),
            ("::ffff:169.254.169.254", Reserved::Metadata),
            ("::10.0.0.5", Reserved::Private),
            ("64:ff9b::a9fe:a9fe", Reserved::Metadata),
            ("2002:c0a8:0101::1", Reserved::Private),
            ("2002:7f00:0001::1", Reserved::Loopback),
        ] {
            assert_eq!(kind(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn public_ipv6_addresses_pass() {
        for text in [
            "2606:4700:4700::1111",
            "2001:4860:4860::8888",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:0808:0808::1",
            "fbff::1",
            "fe7f::1",
        ] {
            assert_eq!(kind(text), None, "{text}");
        }
    }
}
