//! An OAuth 1.0a client built on an independent implementation (the `oauth1-request` crate
//! builds the signature base string), with HMAC-SHA256 added, since Magento 2.4.4+ accepts
//! only that method and the crate ships HMAC-SHA1 alone.

use std::fmt::{Display, Write};

use base64::Engine;
use hmac::{Hmac, Mac};
use oauth1_request::signature_method::{Sign, SignatureMethod};

#[derive(Clone, Copy, Default)]
pub struct HmacSha256;

pub struct HmacSha256Sign {
    key: String,
    base: String,
}

fn pct(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

impl SignatureMethod for HmacSha256 {
    type Sign = HmacSha256Sign;

    fn sign_with(self, client_secret: &str, token_secret: Option<&str>) -> HmacSha256Sign {
        HmacSha256Sign {
            key: format!("{}&{}", pct(client_secret), pct(token_secret.unwrap_or(""))),
            base: String::new(),
        }
    }
}

impl Sign for HmacSha256Sign {
    type Signature = String;

    fn get_signature_method_name(&self) -> &'static str {
        "HMAC-SHA256"
    }

    fn request_method(&mut self, method: &str) {
        self.base.push_str(method);
        self.base.push('&');
    }

    fn uri<T: Display>(&mut self, uri: T) {
        let _ = write!(self.base, "{uri}&");
    }

    fn parameter<V: Display>(&mut self, key: &str, value: V) {
        let _ = write!(self.base, "{key}%3D{value}");
    }

    fn delimiter(&mut self) {
        self.base.push_str("%26");
    }

    fn end(self) -> String {
        let mut mac =
            Hmac::<sha2::Sha256>::new_from_slice(self.key.as_bytes()).expect("any key length");
        mac.update(self.base.as_bytes());
        pct(&base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
    }
}

/// The clients' time: the test store's frozen start (`helpers::FROZEN_AT`).
pub const CLIENT_TIME: u64 = 1_768_471_200;

/// An `Authorization: OAuth ...` value for `method uri` with these extra signed parameters.
pub fn authorize(
    method: &str,
    uri: &str,
    consumer: (&str, &str),
    token: Option<(&str, &str)>,
    verifier: Option<&str>,
    params: &[(&str, &str)],
) -> String {
    let client = oauth1_request::Credentials::new(consumer.0, consumer.1);
    let mut builder = oauth1_request::Builder::new(client, HmacSha256);
    if let Some((t, s)) = token {
        builder.token(oauth1_request::Credentials::new(t, s));
    }
    builder.verifier(verifier);
    // The test store's clock is frozen in the past; Magento refuses timestamps more than
    // 600 s ahead of its own clock, and accepts old ones.
    builder.timestamp(std::num::NonZeroU64::new(CLIENT_TIME));
    let list = oauth1_request::ParameterList::new(params.to_vec());
    builder.authorize(method, uri, &list)
}

/// `oauth_token=...&oauth_token_secret=...` → the pair.
pub fn token_pair(body: &str) -> (String, String) {
    let mut token = String::new();
    let mut secret = String::new();
    for pair in body.split('&') {
        match pair.split_once('=') {
            Some(("oauth_token", v)) => token = v.to_string(),
            Some(("oauth_token_secret", v)) => secret = v.to_string(),
            _ => {}
        }
    }
    (token, secret)
}
