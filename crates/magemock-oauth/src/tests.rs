//! Whole-pipeline tests through the public API: one handshake in Magento's order
//! (`Oauth::getRequestToken`, `getAccessToken`, `validateAccessTokenRequest`), and garbage
//! that must never panic.

use magemock_core::{MagentoVersion, ToMagentoError};

use crate::*;

const KEY: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const SECRET: &str = "ssssssssssssssssssssssssssssssss";
const NOW: i64 = 1_700_000_000;

/// What the token controllers do with a request, minus the rows: `Ok` is the 200 body.
fn serve(
    step: Step,
    version: MagentoVersion,
    url: &str,
    header: &str,
    token_secret: &str,
) -> Result<String, OauthError> {
    let params = prepare_request(&HttpRequest {
        authorization: Some(header.as_bytes()),
        url: url.as_bytes(),
        ..HttpRequest::default()
    });
    let valid = validate_protocol_params(&params, step, version)?;
    check_consumer_key_length(valid.consumer_key)?;
    check_timestamp(valid.timestamp, NOW)?;
    if step == Step::RequestToken {
        check_consumer_window(NOW - 10, NOW, 300)?;
    }
    let signed = SignedRequest {
        rules: SignatureRules::for_version(version),
        method: valid.signature_method,
        http_method: b"POST",
        url: url.as_bytes(),
        params: &params,
    };
    let provided = valid.signature.as_bytes().unwrap_or_default();
    check_signature(
        &signed,
        SECRET.as_bytes(),
        token_secret.as_bytes(),
        provided,
    )?;
    Ok(token_body(
        "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr",
        "request token secret",
    ))
}

fn client(
    version: MagentoVersion,
    url: &'static str,
    method: SignatureMethod,
    token: Option<&'static str>,
    token_secret: &'static str,
) -> String {
    let request = ClientRequest {
        http_method: "POST",
        url,
        form_body: None,
        nonce: "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
        timestamp: "1700000000",
        method,
        rules: SignatureRules::for_version(version),
    };
    let credentials = ClientCredentials {
        consumer_key: KEY,
        consumer_secret: SECRET,
        token,
        token_secret,
        verifier: token.map(|_| "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"),
    };
    sign_header(&request, &credentials).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn handshake_and_signed_call_in_magento_order() {
    let url = "https://shop.example/oauth/token/request";
    for release in ["2.4.3", "2.4.6", "2.4.7", "2.4.8"] {
        let version: MagentoVersion = release.parse().unwrap_or_else(|e| panic!("{e}"));
        let header = client(version, url, SignatureMethod::HmacSha256, None, "");
        assert_eq!(
            serve(Step::RequestToken, version, url, &header, ""),
            Ok("oauth_token=rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr&oauth_token_secret=request+token+secret".to_owned()),
            "{release}"
        );
        let access = "https://shop.example/oauth/token/access";
        let token = "tttttttttttttttttttttttttttttttt";
        let header = client(
            version,
            access,
            SignatureMethod::HmacSha256,
            Some(token),
            "request token secret",
        );
        assert!(
            serve(
                Step::AccessToken,
                version,
                access,
                &header,
                "request token secret"
            )
            .is_ok(),
            "{release}"
        );
        let wrong = serve(
            Step::AccessToken,
            version,
            access,
            &header,
            "another secret",
        );
        assert_eq!(
            wrong.map_err(|e| e.problem_body()),
            Err("oauth_problem=The+signature+is+invalid.+Verify+and+try+again.".to_owned())
        );
    }
}

#[test]
fn sha1_clients_meet_the_2_4_4_cut() {
    let url = "https://shop.example/oauth/token/request";
    let old: MagentoVersion = "2.4.3".parse().unwrap_or_else(|e| panic!("{e}"));
    let new: MagentoVersion = "2.4.4".parse().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        serve(
            Step::RequestToken,
            old,
            url,
            &client(old, url, SignatureMethod::HmacSha1, None, ""),
            ""
        )
        .is_ok()
    );
    let refused = serve(
        Step::RequestToken,
        new,
        url,
        &client(new, url, SignatureMethod::HmacSha1, None, ""),
        "",
    );
    let refused = refused.map_err(|e| (e.status(), e.problem_body(), e.to_magento().params));
    assert_eq!(
        refused,
        Err((
            400,
            "oauth_problem=Signature+method+HMAC-SHA1+is+not+supported".to_owned(),
            magemock_core::Params::positional(["HMAC-SHA1"])
        ))
    );
}

#[test]
fn no_oauth_header_means_every_parameter_is_missing() {
    let got = serve(
        Step::RequestToken,
        MagentoVersion::NEWEST,
        "http://h/oauth/token/request?oauth_nonce=x",
        "Bearer abc",
        "",
    );
    assert_eq!(
        got.map_err(|e| e.problem_body()),
        Err(concat!(
            "oauth_problem=%22oauth_consumer_key%22+is+required.+Enter+and+try+again%2C+",
            "%22oauth_signature%22+is+required.+Enter+and+try+again%2C+",
            "%22oauth_signature_method%22+is+required.+Enter+and+try+again%2C+",
            "%22oauth_nonce%22+is+required.+Enter+and+try+again%2C+",
            "%22oauth_timestamp%22+is+required.+Enter+and+try+again",
        )
        .to_owned())
    );
}

/// A tiny deterministic generator (xorshift64*), so that the garbage is the same every run.
struct Garbage(u64);

impl Garbage {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or_default()
    }

    /// Bytes biased towards what the parsers split and decode on.
    fn bytes(&mut self) -> Vec<u8> {
        const PIECES: &[&[u8]] = &[
            b"OAuth ",
            b"oauth_",
            b"oauth_nonce",
            b"oauth_token",
            b"oauth_version",
            b"oauth_signature_method",
            b"=",
            b",",
            b"\"",
            b"%",
            b"%2",
            b"%E9",
            b"%00",
            b"&",
            b"?",
            b"#",
            b"/",
            b"/../",
            b"/./",
            b"[",
            b"]",
            b".",
            b" ",
            b"\t",
            b"\0",
            b":",
            b"@",
            b"+",
            b"1.0",
            b"HMAC-SHA256",
            b"http://",
            b"https://",
            b"0",
            b"99999999999999999999",
            b"-",
            b"e",
            b"\xFF",
            b"\xC3\xA9",
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ];
        let mut out = Vec::new();
        for _ in 0..self.below(40) {
            if self.below(4) == 0 {
                out.push(self.next().to_le_bytes()[0]);
            } else {
                out.extend_from_slice(PIECES[self.below(PIECES.len())]);
            }
        }
        out
    }
}

/// Everything a hostile client controls goes through every public function.
#[test]
fn garbage_never_panics() {
    let versions: Vec<MagentoVersion> = ["2.4.0", "2.4.3", "2.4.4", "2.4.7", "2.4.8"]
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect();
    let mut g = Garbage(0x9E37_79B9_7F4A_7C15);
    let mut fixed: Vec<Vec<u8>> = vec![
        b",".repeat(20_000),
        b"%".repeat(20_000),
        [b"OAuth ".as_slice(), &b"oauth_a=%,".repeat(5_000)].concat(),
        b"/..".repeat(5_000),
        vec![0xFF; 1000],
        Vec::new(),
        // 50 000 distinct names: must stay fast, as Magento's hash tables do.
        format!(
            "OAuth {}",
            (0..50_000)
                .map(|i| format!("oauth_n{i}=1,"))
                .collect::<String>()
        )
        .into_bytes(),
    ];
    for _ in 0..2000 {
        fixed.push(g.bytes());
    }
    for (i, header) in fixed.iter().enumerate() {
        let other = g.bytes();
        let url = if i % 3 == 0 {
            [b"https://h".as_slice(), &other].concat()
        } else {
            other.clone()
        };
        let request = HttpRequest {
            authorization: Some(header),
            content_type: Some(b"application/x-www-form-urlencoded"),
            body: &other,
            url: &url,
        };
        let params = prepare_request(&request);
        let _ = parse_authorization(Some(header));
        for &version in &versions {
            let rules = SignatureRules::for_version(version);
            let _ = base_string(rules, header, &url, &params);
            for method in [SignatureMethod::HmacSha1, SignatureMethod::HmacSha256] {
                let signed = SignedRequest {
                    rules,
                    method,
                    http_method: &other,
                    url: &url,
                    params: &params,
                };
                let _ = check_signature(&signed, header, &other, &url);
            }
            for step in [Step::RequestToken, Step::AccessToken, Step::RestCall] {
                let error = match validate_protocol_params(&params, step, version) {
                    Ok(valid) => {
                        let _ = check_consumer_key_length(valid.consumer_key);
                        let _ = check_timestamp(valid.timestamp, i64::MAX);
                        let _ = check_timestamp(valid.timestamp, i64::MIN);
                        valid.verifier.map(|v| check_verifier(v, header));
                        continue;
                    }
                    Err(error) => error,
                };
                let _ = (
                    error.problem_body(),
                    error.to_magento(),
                    error.to_string(),
                    error.status(),
                );
            }
            let text = String::from_utf8_lossy(&other);
            let client = ClientRequest {
                http_method: &text,
                url: &text,
                form_body: Some(header),
                nonce: &text,
                timestamp: &text,
                method: SignatureMethod::HmacSha256,
                rules,
            };
            let credentials = ClientCredentials {
                consumer_key: &text,
                consumer_secret: &text,
                token: Some(&text),
                token_secret: &text,
                verifier: None,
            };
            let _ = sign_header(&client, &credentials);
        }
        let internal = OauthError::Internal {
            message: String::from_utf8_lossy(header).into_owned(),
        };
        let _ = (internal.problem_body(), internal.to_magento());
    }
}
