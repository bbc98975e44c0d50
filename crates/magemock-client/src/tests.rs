//! The transports against a stand-in server that answers canned responses and records what it
//! was sent: the URLs, methods and bodies the clients build, and how answers become errors.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;

use crate::{Error, JournalFilter, Method, NewIntegration};

/// A server for `answers.len()` requests; each one received comes out of the receiver as
/// `"METHOD /path\nbody"`.
fn canned(answers: Vec<(u16, &'static str)>) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/", listener.local_addr().expect("addr"));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for (status, body) in answers {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            let mut reader = BufReader::new(&stream);
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            let mut length = 0;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
                if let Some((name, value)) = header.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut sent = vec![0; length];
            let _ = reader.read_exact(&mut sent);
            let line = request_line
                .split(' ')
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            let _ = tx.send(format!("{line}\n{}", String::from_utf8_lossy(&sent)));
            let _ = write!(
                &stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (url, rx)
}

const INTEGRATION: &str = r#"{"id":1,"name":"Erp","email":"e@x.example","endpoint":null,
    "identity_link_url":null,"status":0,"status_label":"Inactive","consumer_key":"k",
    "consumer_secret":"s","resources":"all"}"#;

#[test]
fn the_async_client_sends_each_call_where_it_belongs() {
    let (url, sent) = canned(vec![
        (200, r#"{"token":"eyJ.admin"}"#),
        (200, INTEGRATION),
        (200, "[]"),
        (404, r#"{"message":"no such integration 9"}"#),
    ]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let client = crate::Client::new(url.clone()).expect("client");
        assert_eq!(format!("{}/", client.base_url()), url);
        assert_eq!(client.admin_token("admin").await.ok().as_deref(), Some("eyJ.admin"));
        let made = client
            .create_integration(&NewIntegration::new("Erp", "e@x.example"))
            .await
            .expect("created");
        assert_eq!((made.id, made.consumer_key.as_deref()), (1, Some("k")));
        let journal = client
            .journal_where(&JournalFilter::new().method(Method::Get).limit(3))
            .await
            .expect("journal");
        assert!(journal.is_empty());
        let missing = client.integration(9).await.expect_err("404");
        assert!(
            matches!(&missing, Error::Status { status: 404, url: u, .. } if u.ends_with("/__magemock/integrations/9")),
            "{missing:?}"
        );
    });
    let sent: Vec<String> = sent.try_iter().collect();
    assert_eq!(
        sent,
        [
            "POST /__magemock/tokens/admin\n{\"username\":\"admin\"}",
            "POST /__magemock/integrations\n{\"name\":\"Erp\",\"email\":\"e@x.example\",\"resources\":\"all\"}",
            "GET /__magemock/journal?method=GET&limit=3\n",
            "GET /__magemock/integrations/9\n",
        ]
    );
}

#[test]
fn a_refused_connection_names_the_call() {
    // a port nobody listens on: bind one, then let it go
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let client = crate::Client::new(format!("http://127.0.0.1:{port}")).expect("client");
    let err = runtime.block_on(client.reset()).expect_err("refused");
    assert!(
        err.to_string()
            .starts_with(&format!("POST http://127.0.0.1:{port}/__magemock/reset: ")),
        "{err}"
    );
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_sends_the_same_calls() {
    let (url, sent) = canned(vec![
        (
            200,
            r#"{"now":"2026-01-15 11:00:00","unix":1768474800,"frozen":true}"#,
        ),
        (400, r#"{"message":"unknown config path nope"}"#),
    ]);
    let client = crate::blocking::Client::new(url).expect("client");
    let clock = client.advance_clock(3600).expect("advanced");
    assert_eq!((clock.unix, clock.frozen), (1768474800, true));
    let refused = client.set_config("nope", "1").expect_err("400");
    assert_eq!(refused.status(), Some(400));
    assert_eq!(
        sent.try_iter().collect::<Vec<_>>(),
        [
            "POST /__magemock/clock/advance\n{\"seconds\":3600}",
            "PUT /__magemock/config\n{\"nope\":\"1\"}",
        ]
    );
}
