//! Plain HTTP/1.1 for IMDS: one request per connection, as the SDKs send it, with `httparse`
//! reading the answer. Through an HTTP proxy the request goes in absolute form
//! (`GET http://169.254.169.254/latest/… HTTP/1.1` to the proxy), which is what botocore
//! (urllib3) and Go's `net/http` do for plain-HTTP URLs; a CONNECT tunnel (ureq's way) would hide
//! the proxy's own answer, which is the evidence. No TLS: IMDS has none.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// Where a request goes: the URL's host and port, or a proxy in front of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// `169.254.169.254`, `[fd00:ec2::254]`, `127.0.0.1`.
    pub host: String,
    pub port: u16,
}

impl Endpoint {
    /// Reads `http://HOST[:PORT][/…]`; `None` for another scheme or no host.
    pub fn parse(url: &str) -> Option<Endpoint> {
        let rest = url.trim().strip_prefix("http://")?;
        let authority = rest.split('/').next().unwrap_or_default();
        // `user:password@` before a proxy's host.
        let authority = authority.rsplit('@').next().unwrap_or(authority);
        let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
            let (host, after) = inner.split_once(']')?;
            let port = after
                .strip_prefix(':')
                .map_or(Some(80), |p| p.parse().ok())?;
            (format!("[{host}]"), port)
        } else {
            match authority.rsplit_once(':') {
                Some((host, port)) => (host.to_owned(), port.parse().ok()?),
                None => (authority.to_owned(), 80),
            }
        };
        (!host.is_empty() && host != "[]").then_some(Endpoint { host, port })
    }

    /// `host:port` as the `Host` header writes it (the port only when not 80).
    pub fn authority(&self) -> String {
        if self.port == 80 {
            self.host.clone()
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    fn addresses(&self) -> std::io::Result<Vec<SocketAddr>> {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        Ok((host, self.port).to_socket_addrs()?.collect())
    }
}

/// One request.
pub struct Request<'a> {
    pub method: &'a str,
    /// The IMDS endpoint the request is for.
    pub target: &'a Endpoint,
    /// `/latest/api/token`.
    pub path: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    /// A proxy to send it through, in absolute form.
    pub proxy: Option<&'a Endpoint>,
    /// For connecting, and again for the whole answer.
    pub timeout: Duration,
}

/// What came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub reason: String,
    /// In the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Why no answer came.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// Nothing accepted the connection in time.
    ConnectTimeout,
    /// Connected, but the answer did not come in time (a hop limit drops the token's answer).
    ReadTimeout {
        received: usize,
    },
    Refused,
    /// Any other network or protocol error, as the system words it.
    Other(String),
}

/// The longest answer read: IMDS documents are a few kilobytes; a proxy page a few more.
const MAX_ANSWER: usize = 1 << 20;

pub fn send(request: &Request) -> Result<Response, Failure> {
    let started = Instant::now();
    let server = request.proxy.unwrap_or(request.target);
    let addresses = server
        .addresses()
        .map_err(|e| Failure::Other(e.to_string()))?;
    let mut last = Failure::Other("no address".to_owned());
    let mut stream = None;
    for address in addresses {
        match TcpStream::connect_timeout(&address, request.timeout) {
            Ok(connected) => {
                stream = Some(connected);
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => last = Failure::ConnectTimeout,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => last = Failure::Refused,
            Err(e) => last = Failure::Other(e.to_string()),
        }
    }
    let mut stream = stream.ok_or(last)?;
    let target = match request.proxy {
        Some(_) => format!("http://{}{}", request.target.authority(), request.path),
        None => request.path.to_owned(),
    };
    let mut head = format!(
        "{} {target} HTTP/1.1\r\nHost: {}\r\nUser-Agent: ec2-iam-doctor/{}\r\nAccept: */*\r\nConnection: close\r\n",
        request.method,
        request.target.authority(),
        env!("CARGO_PKG_VERSION"),
    );
    for (name, value) in request.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if request.method == "PUT" {
        head.push_str("Content-Length: 0\r\n");
    }
    head.push_str("\r\n");
    let remaining = request
        .timeout
        .saturating_sub(started.elapsed())
        .max(Duration::from_millis(1));
    stream
        .set_write_timeout(Some(remaining))
        .and_then(|()| stream.write_all(head.as_bytes()))
        .map_err(|e| Failure::Other(e.to_string()))?;
    read_response(&mut stream, started, request.timeout)
}

fn read_response(
    stream: &mut TcpStream,
    started: Instant,
    timeout: Duration,
) -> Result<Response, Failure> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let left = timeout.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(Failure::ReadTimeout {
                received: buffer.len(),
            });
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|e| Failure::Other(e.to_string()))?;
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                buffer.extend_from_slice(chunk.get(..n).unwrap_or_default());
                if buffer.len() > MAX_ANSWER || complete(&buffer) {
                    break;
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Failure::ReadTimeout {
                    received: buffer.len(),
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Failure::Other(e.to_string())),
        }
    }
    parse(&buffer).ok_or_else(|| Failure::Other("the answer is not HTTP".to_owned()))
}

/// Whether the bytes hold a whole answer (headers, and the body its length says).
fn complete(bytes: &[u8]) -> bool {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut response = httparse::Response::new(&mut headers);
    let Ok(httparse::Status::Complete(head)) = response.parse(bytes) else {
        return false;
    };
    let length = response
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-length"))
        .and_then(|h| {
            std::str::from_utf8(h.value)
                .ok()?
                .trim()
                .parse::<usize>()
                .ok()
        });
    match length {
        Some(length) => bytes.len() >= head + length,
        // Chunked: the last chunk; otherwise the server closes the connection.
        None => is_chunked(response.headers) && bytes.ends_with(b"0\r\n\r\n"),
    }
}

fn is_chunked(headers: &[httparse::Header]) -> bool {
    headers.iter().any(|h| {
        h.name.eq_ignore_ascii_case("transfer-encoding")
            && std::str::from_utf8(h.value)
                .is_ok_and(|v| v.to_ascii_lowercase().contains("chunked"))
    })
}

fn parse(bytes: &[u8]) -> Option<Response> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut response = httparse::Response::new(&mut headers);
    let httparse::Status::Complete(head) = response.parse(bytes).ok()? else {
        return None;
    };
    let status = response.code?;
    let reason = response.reason.unwrap_or_default().to_owned();
    let chunked = is_chunked(response.headers);
    let headers: Vec<(String, String)> = response
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_owned(),
                String::from_utf8_lossy(h.value).into_owned(),
            )
        })
        .collect();
    let rest = bytes.get(head..).unwrap_or_default();
    let body = if chunked {
        unchunk(rest)
    } else {
        rest.to_vec()
    };
    Some(Response {
        status,
        reason,
        headers,
        body,
    })
}

/// A chunked body's data (what is readable of it when cut short).
fn unchunk(mut rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size_text =
            String::from_utf8_lossy(rest.get(..line_end).unwrap_or_default()).into_owned();
        let size_text = size_text
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        let Ok(size) = usize::from_str_radix(&size_text, 16) else {
            break;
        };
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        let Some(data) = rest.get(start..start + size) else {
            body.extend_from_slice(rest.get(start..).unwrap_or_default());
            break;
        };
        body.extend_from_slice(data);
        rest = rest.get(start + size + 2..).unwrap_or_default();
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_read_from_urls() {
        let imds = Endpoint::parse("http://169.254.169.254").map(|e| (e.host, e.port));
        assert_eq!(imds, Some(("169.254.169.254".to_owned(), 80)));
        let v6 = Endpoint::parse("http://[fd00:ec2::254]/").map(|e| e.authority());
        assert_eq!(v6.as_deref(), Some("[fd00:ec2::254]"));
        let proxy = Endpoint::parse("http://user:pass@proxy.corp:3128").map(|e| e.authority());
        assert_eq!(proxy.as_deref(), Some("proxy.corp:3128"));
        assert_eq!(Endpoint::parse("https://169.254.169.254"), None);
        assert_eq!(Endpoint::parse("http://:80"), None);
    }

    #[test]
    fn answers_are_read_by_length_or_chunks() {
        let fixed = parse(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nDate: x\r\n\r\nabc");
        assert_eq!(
            fixed.map(|r| (r.status, r.body)),
            Some((200, b"abc".to_vec()))
        );
        let chunked = b"HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<htm\r\n2\r\nl>\r\n0\r\n\r\n";
        assert!(complete(chunked));
        assert_eq!(parse(chunked).map(|r| r.body), Some(b"<html>".to_vec()));
        assert!(!complete(
            b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc"
        ));
    }
}
