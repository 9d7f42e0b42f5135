//! Which `Host` a request may name. A web page on another site can make the
//! browser send requests to `127.0.0.1:1111` under a name its owner controls
//! (DNS rebinding: `evil.example` first resolves to the attacker's server,
//! then to 127.0.0.1) and read the answers, drafts included. The server
//! therefore answers only requests addressed to its own names, with its port:
//!
//! - always `localhost`, `127.0.0.1` and `[::1]`;
//! - the address it is bound to (`--bind 192.168.1.5` → `192.168.1.5`);
//! - bound to every address (`--bind 0.0.0.0` or `::`), any IP address
//!   (`192.168.1.5:1111`, `[fe80::1]:1111`): the machine's addresses are not
//!   known in advance, and a rebinding attack needs a host *name*, since a
//!   page can only read answers from its own origin and a page whose origin
//!   is an IP address of this machine is served by this machine.
//!
//! Other names (`evil.example`, `may-tinh.local`) get 421, a missing or
//! repeated `Host` 400. In an absolute-form request (`GET http://host/ …`)
//! the target's authority is checked too.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::messages::Lang;

/// The names the server answers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedHosts {
    bound: IpAddr,
    port: u16,
    /// Language of the refusal's text.
    lang: Lang,
}

/// Why a request's host is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostRefusal {
    /// No `Host` (HTTP/1.0), several, or not a valid `host[:port]`: 400.
    Malformed,
    /// A name or port that is not the server's: 421.
    Foreign,
}

impl AllowedHosts {
    pub fn new(bound: IpAddr, port: u16) -> AllowedHosts {
        AllowedHosts {
            bound,
            port,
            lang: Lang::Vi,
        }
    }

    /// The same names, refusing others in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> AllowedHosts {
        self.lang = lang;
        self
    }

    /// The `Host` values a browser on this computer may send, for messages.
    pub fn examples(&self) -> String {
        let p = self.port;
        let mut out = format!("localhost:{p}, 127.0.0.1:{p}, [::1]:{p}");
        if !self.bound.is_loopback() {
            if self.bound.is_unspecified() {
                let ip = crate::msg!("serve-host-any-ip").render(self.lang);
                out.push_str(&format!(", <{ip}>:{p}"));
            } else {
                out.push_str(&format!(", {}", host_port(self.bound, p)));
            }
        }
        out
    }

    /// Does `value` (a `Host` header or a URI authority) name this server?
    pub fn allows(&self, value: &str) -> bool {
        let Some((host, port)) = split_host_port(value) else {
            return false;
        };
        if port != self.port {
            return false;
        }
        if host.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let Some(ip) = parse_ip(host) else {
            return false;
        };
        ip == IpAddr::V4(Ipv4Addr::LOCALHOST)
            || ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
            || ip == self.bound
            || self.bound.is_unspecified()
    }

    /// Check a request: its `Host` header, and the authority of an
    /// absolute-form target.
    pub fn check<B>(&self, req: &axum::http::Request<B>) -> Result<(), HostRefusal> {
        let mut hosts = req.headers().get_all(header::HOST).iter();
        let host = hosts.next();
        if hosts.next().is_some() {
            return Err(HostRefusal::Malformed);
        }
        let host = match host.map(|h| h.to_str()) {
            Some(Ok(h)) => Some(h),
            Some(Err(_)) => return Err(HostRefusal::Malformed),
            None => None,
        };
        let authority = req.uri().authority().map(|a| a.as_str());
        if host.is_none() && authority.is_none() {
            return Err(HostRefusal::Malformed);
        }
        for value in host.into_iter().chain(authority) {
            if split_host_port(value).is_none() {
                return Err(HostRefusal::Malformed);
            }
            if !self.allows(value) {
                return Err(HostRefusal::Foreign);
            }
        }
        Ok(())
    }
}

/// `host:port` as it appears in a `Host` header (`[v6]:port`).
fn host_port(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) => format!("{v4}:{port}"),
        IpAddr::V6(v6) => format!("[{v6}]:{port}"),
    }
}

/// `localhost:1111` → (`localhost`, 1111); `[::1]:1111` → (`[::1]`, 1111);
/// no port → 80 (the default a browser leaves out). `None` when malformed
/// (userinfo, empty host, a bad port).
fn split_host_port(value: &str) -> Option<(&str, u16)> {
    if value.is_empty() || value.contains(['@', '/', ' ', '\\']) {
        return None;
    }
    let (host, port) = if value.starts_with('[') {
        let end = value.find(']')?;
        let (h, rest) = value.split_at(end + 1);
        match rest {
            "" => (h, None),
            _ => (h, Some(rest.strip_prefix(':')?)),
        }
    } else {
        match value.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (value, None),
        }
    };
    if host.is_empty() {
        return None;
    }
    let port = match port {
        None => 80,
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok()?,
        Some(_) => return None,
    };
    Some((host, port))
}

/// An IP address as written in a host: `127.0.0.1` or `[::1]` (never a bare v6).
fn parse_ip(host: &str) -> Option<IpAddr> {
    match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => host.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
    }
}

/// Axum middleware: refuse requests not addressed to this server.
pub async fn guard(State(allowed): State<AllowedHosts>, req: Request, next: Next) -> Response {
    match allowed.check(&req) {
        Ok(()) => next.run(req).await,
        Err(why) => refusal(why, &allowed),
    }
}

fn refusal(why: HostRefusal, allowed: &AllowedHosts) -> Response {
    let (status, head) = match why {
        HostRefusal::Malformed => (StatusCode::BAD_REQUEST, "400 Bad Request"),
        HostRefusal::Foreign => (StatusCode::MISDIRECTED_REQUEST, "421 Misdirected Request"),
    };
    let text = crate::msg!(
        "serve-host-refused",
        status = head,
        hosts = allowed.examples()
    );
    let mut res = super::http::plain(status, text, allowed.lang);
    // Nothing more will be read from a client that does not know where it is.
    res.headers_mut().insert(
        header::CONNECTION,
        header::HeaderValue::from_static("close"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> AllowedHosts {
        AllowedHosts::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 1111)
    }

    #[test]
    fn loopback_binding_answers_its_names_with_its_port() {
        let a = loopback();
        for ok in [
            "localhost:1111",
            "LOCALHOST:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
        ] {
            assert!(a.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "localhost.evil.example:1111",
            "localhost:1112",
            "localhost",
            "127.0.0.1",
            "127.0.0.2:1111",
            "0.0.0.0:1111",
            "192.168.1.5:1111",
            "localhost.:1111",
            "::1:1111",
            "[::1]1111",
            "localhost:",
            "localhost:+1111",
            "localhost:01111x",
            "user@localhost:1111",
            ":1111",
            "",
            "[::1:1111",
        ] {
            assert!(!a.allows(bad), "{bad}");
        }
    }

    #[test]
    fn port_80_may_be_left_out() {
        let a = AllowedHosts::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 80);
        assert!(a.allows("localhost"));
        assert!(a.allows("localhost:80"));
        assert!(a.allows("[::1]"));
        assert!(!a.allows("localhost:1111"));
    }

    #[test]
    fn a_lan_binding_adds_its_own_address_only() {
        let a = AllowedHosts::new("192.168.1.5".parse().unwrap(), 1111);
        assert!(a.allows("192.168.1.5:1111"));
        assert!(a.allows("localhost:1111"));
        assert!(!a.allows("192.168.1.6:1111"));
        assert!(!a.allows("may-tinh.local:1111"));
    }

    #[test]
    fn binding_every_address_accepts_any_ip_but_no_other_name() {
        for bound in ["0.0.0.0", "::"] {
            let a = AllowedHosts::new(bound.parse().unwrap(), 1111);
            for ok in [
                "192.168.1.5:1111",
                "10.0.0.7:1111",
                "[fe80::1]:1111",
                "0.0.0.0:1111",
                "localhost:1111",
            ] {
                assert!(a.allows(ok), "{bound}: {ok}");
            }
            for bad in [
                "evil.example:1111",
                "may-tinh.local:1111",
                "192.168.1.5:1112",
                "192.168.1.5",
            ] {
                assert!(!a.allows(bad), "{bound}: {bad}");
            }
        }
    }

    #[test]
    fn requests_are_checked_by_header_and_absolute_target() {
        let a = loopback();
        let req = |target: &str, hosts: &[&str]| {
            let mut b = axum::http::Request::builder().uri(target);
            for h in hosts {
                b = b.header(header::HOST, *h);
            }
            b.body(()).unwrap()
        };
        assert_eq!(a.check(&req("/", &["localhost:1111"])), Ok(()));
        assert_eq!(
            a.check(&req("/", &["evil.example:1111"])),
            Err(HostRefusal::Foreign)
        );
        assert_eq!(a.check(&req("/", &[])), Err(HostRefusal::Malformed));
        assert_eq!(
            a.check(&req("/", &["localhost:1111", "localhost:1111"])),
            Err(HostRefusal::Malformed)
        );
        assert_eq!(
            a.check(&req("http://evil.example:1111/", &["localhost:1111"])),
            Err(HostRefusal::Foreign)
        );
        assert_eq!(a.check(&req("http://127.0.0.1:1111/", &[])), Ok(()));
    }
}
