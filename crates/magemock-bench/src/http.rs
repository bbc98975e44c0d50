//! A minimal HTTP/1.1 client: enough for the harness's set-up calls and for the built-in load
//! generator (keep-alive, `Content-Length` and chunked bodies), with nothing between the socket
//! and the server that could cost the client CPU the server needs.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// Largest response head or body the harness accepts (a 100k-product page is far smaller).
const MAX_RESPONSE: usize = 64 * 1024 * 1024;

/// One parsed response, or how much more is needed.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    Incomplete,
    Done {
        status: u16,
        /// Bytes of the buffer the response took.
        consumed: usize,
        /// The decoded body, when asked for.
        body: Option<Vec<u8>>,
        /// The server will close the connection after this response.
        close: bool,
    },
}

/// Parses one response at the start of `buf`. `want_body` copies (and de-chunks) the body.
pub fn parse_response(buf: &[u8], want_body: bool) -> Result<Parsed, String> {
    let Some(head_end) = find(buf, b"\r\n\r\n") else {
        if buf.len() > MAX_RESPONSE {
            return Err("response head too large".into());
        }
        return Ok(Parsed::Incomplete);
    };
    let head = std::str::from_utf8(&buf[..head_end]).map_err(|_| "non-UTF-8 response head")?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("bad status line {status_line:?}"))?;
    let mut length = None;
    let mut chunked = false;
    let mut close = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| format!("bad content-length {value:?}"))?,
            );
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.eq_ignore_ascii_case("chunked");
        } else if name.eq_ignore_ascii_case("connection") {
            close = value.eq_ignore_ascii_case("close");
        }
    }
    let body_start = head_end + 4;
    if chunked {
        return parse_chunked(buf, body_start, status, want_body, close);
    }
    let length = match length {
        Some(n) => n,
        // 1xx, 204 and 304 have no body; anything else without a length is not supported.
        None if status == 204 || status == 304 || status < 200 => 0,
        None => return Err(format!("response {status} without Content-Length")),
    };
    if length > MAX_RESPONSE {
        return Err("response body too large".into());
    }
    if buf.len() < body_start + length {
        return Ok(Parsed::Incomplete);
    }
    Ok(Parsed::Done {
        status,
        consumed: body_start + length,
        body: want_body.then(|| buf[body_start..body_start + length].to_vec()),
        close,
    })
}

fn parse_chunked(
    buf: &[u8],
    mut at: usize,
    status: u16,
    want_body: bool,
    close: bool,
) -> Result<Parsed, String> {
    let mut body = Vec::new();
    // Every turn consumes at least the size line, so the loop ends with the buffer.
    while at < buf.len() {
        let Some(line_end) = find(&buf[at..], b"\r\n") else {
            return Ok(Parsed::Incomplete);
        };
        let size_text = std::str::from_utf8(&buf[at..at + line_end]).map_err(|_| "bad chunk")?;
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("bad chunk size {size_text:?}"))?;
        if size > MAX_RESPONSE {
            return Err("chunk too large".into());
        }
        at += line_end + 2;
        if size == 0 {
            // No trailers from actix: the final CRLF follows.
            if buf.len() < at + 2 {
                return Ok(Parsed::Incomplete);
            }
            return Ok(Parsed::Done {
                status,
                consumed: at + 2,
                body: want_body.then_some(body),
                close,
            });
        }
        if buf.len() < at + size + 2 {
            return Ok(Parsed::Incomplete);
        }
        if want_body {
            body.extend_from_slice(&buf[at..at + size]);
        }
        at += size + 2;
    }
    Ok(Parsed::Incomplete)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The bytes of one request. `Host` is always sent; `Content-Length` when there is a body.
pub fn request_bytes(
    method: &str,
    host: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Vec<u8> {
    let mut out = format!("{method} {target} HTTP/1.1\r\nHost: {host}\r\n");
    for (name, value) in headers {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push_str("\r\n");
    }
    if let Some(body) = body {
        out.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if let Some(body) = body {
        bytes.extend_from_slice(body);
    }
    bytes
}

/// A response read by [`Client`].
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Result<serde_json::Value, String> {
        serde_json::from_slice(&self.body).map_err(|e| {
            format!(
                "response {} is not JSON ({e}): {}",
                self.status,
                self.text()
            )
        })
    }
}

/// A blocking keep-alive connection, for set-up calls and sequential timings.
pub struct Client {
    addr: SocketAddr,
    host: String,
    stream: Option<TcpStream>,
    buf: Vec<u8>,
}

impl Client {
    pub fn new(addr: SocketAddr) -> Self {
        Self {
            addr,
            host: addr.to_string(),
            stream: None,
            buf: Vec::new(),
        }
    }

    pub fn request(
        &mut self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Result<Response, String> {
        let bytes = request_bytes(method, &self.host, target, headers, body);
        self.send(&bytes)
    }

    /// Sends prepared request bytes and reads the response (30 s bound).
    pub fn send(&mut self, bytes: &[u8]) -> Result<Response, String> {
        let stream = match self.stream.take() {
            Some(s) => s,
            None => {
                let s = TcpStream::connect_timeout(&self.addr, Duration::from_secs(5))
                    .map_err(|e| format!("connect {}: {e}", self.addr))?;
                s.set_nodelay(true).map_err(|e| e.to_string())?;
                s.set_read_timeout(Some(Duration::from_secs(30)))
                    .map_err(|e| e.to_string())?;
                s
            }
        };
        let mut stream = stream;
        stream
            .write_all(bytes)
            .map_err(|e| format!("write to {}: {e}", self.addr))?;
        self.buf.clear();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            match parse_response(&self.buf, true)? {
                Parsed::Done {
                    status,
                    body,
                    close,
                    ..
                } => {
                    if !close {
                        self.stream = Some(stream);
                    }
                    return Ok(Response {
                        status,
                        body: body.unwrap_or_default(),
                    });
                }
                Parsed::Incomplete => {
                    let n = stream
                        .read(&mut chunk)
                        .map_err(|e| format!("read from {}: {e}", self.addr))?;
                    if n == 0 {
                        return Err(format!("{} closed the connection mid-response", self.addr));
                    }
                    self.buf.extend_from_slice(&chunk[..n]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, want_body: bool, expected: Parsed) {
        assert_eq!(
            parse_response(input.as_bytes(), want_body),
            Ok(expected),
            "{input:?}"
        );
    }

    #[test]
    fn parses_length_chunked_and_partial_responses() {
        check(
            "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhiHTTP/1.1",
            true,
            Parsed::Done {
                status: 200,
                consumed: 40,
                body: Some(b"hi".to_vec()),
                close: false,
            },
        );
        check(
            "HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhi",
            true,
            Parsed::Incomplete,
        );
        check(
            "HTTP/1.1 401 Unauthorized\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n2\r\nhi\r\n1\r\n!\r\n0\r\n\r\n",
            true,
            Parsed::Done {
                status: 401,
                consumed: 94,
                body: Some(b"hi!".to_vec()),
                close: true,
            },
        );
        check(
            "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nhi\r\n",
            false,
            Parsed::Incomplete,
        );
        check(
            "HTTP/1.1 204 No Content\r\n\r\n",
            false,
            Parsed::Done {
                status: 204,
                consumed: 27,
                body: None,
                close: false,
            },
        );
    }

    #[test]
    fn refuses_what_it_cannot_frame() {
        assert!(parse_response(b"HTTP/1.1 200 OK\r\n\r\n", false).is_err());
        assert!(parse_response(b"garbage\r\n\r\n", false).is_err());
    }
}
