//! The client address behind trusted reverse proxies, for per-client limits.
//!
//! Behind a load balancer every connection comes from the balancer, so keying
//! the login rate limit on the socket address would put all clients in one
//! bucket. `X-Forwarded-For` names the client, but anyone can send it, so it
//! is read only when the connection comes from a proxy listed in
//! `TRUSTED_PROXIES`, and only as far back as the proxies are trusted: walking
//! from the right (the hop nearest to us), the first address that is not a
//! trusted proxy is the client. The same rule as Express's and Rails'
//! "trust proxy" settings.

use std::net::IpAddr;

use ipnet::IpNet;

/// The address a request is attributed to.
pub fn client_ip(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let Some(header) = forwarded_for else {
        return peer;
    };
    let mut client = peer;
    for hop in header.rsplit(',') {
        // A hop we cannot read ends the walk: the last address vouched for stands.
        let Ok(ip) = hop.trim().parse::<IpAddr>() else {
            break;
        };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(
            client_ip(ip("203.0.113.9"), Some("198.51.100.1"), &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_ip(ip("10.0.0.2"), Some("198.51.100.1"), &[]),
            ip("10.0.0.2"),
            "no trusted proxies: the header is ignored"
        );
    }

    #[test]
    fn the_first_untrusted_hop_from_the_right_is_the_client() {
        let trusted = nets(&["10.0.0.0/8", "192.0.2.7/32"]);
        // A client-sent (spoofed) entry on the left stays out of reach.
        let header = "1.2.3.4, 198.51.100.1, 192.0.2.7";
        assert_eq!(
            client_ip(ip("10.1.2.3"), Some(header), &trusted),
            ip("198.51.100.1")
        );
        assert_eq!(
            client_ip(ip("10.1.2.3"), Some(" 2001:db8::1 "), &trusted),
            ip("2001:db8::1")
        );
    }

    #[test]
    fn a_trusted_peer_without_a_header_or_with_only_proxies_stays_itself_or_the_leftmost() {
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(client_ip(ip("10.0.0.2"), None, &trusted), ip("10.0.0.2"));
        assert_eq!(
            client_ip(ip("10.0.0.2"), Some("10.0.0.5, 10.0.0.3"), &trusted),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn an_unreadable_hop_stops_the_walk_at_the_last_readable_one() {
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(
            client_ip(
                ip("10.0.0.2"),
                Some("198.51.100.1, junk, 10.0.0.3"),
                &trusted
            ),
            ip("10.0.0.3")
        );
        assert_eq!(
            client_ip(ip("10.0.0.2"), Some(""), &trusted),
            ip("10.0.0.2")
        );
    }
}
