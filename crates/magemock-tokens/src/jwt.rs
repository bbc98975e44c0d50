//! JWS compact tokens as Magento_JwtUserToken issues them (app/code/Magento/JwtUserToken/Model/
//! Issuer.php, SecretBasedJwksFactory.php; JwtFrameworkAdapter/Model/JwsManager.php): protected
//! header `{"kid":"1","alg":"HS256"}`, claims `uid`, `utypid`, `iat`, `exp` in that order, HMAC
//! keyed by the last `crypt/key` padded with `&` on both sides to 2048 characters.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Sha256, Sha384, Sha512};

/// The JWS algorithms of `webapi/jwtauth/jwt_alg` (Model/Config/JwtAlgorithmSource.php).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    Hs256,
    Hs384,
    Hs512,
}

impl Alg {
    pub fn parse(s: &str) -> Option<Alg> {
        match s {
            "HS256" => Some(Alg::Hs256),
            "HS384" => Some(Alg::Hs384),
            "HS512" => Some(Alg::Hs512),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Hs384 => "HS384",
            Alg::Hs512 => "HS512",
        }
    }
}

/// The claims, in the order Issuer.php adds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub uid: i64,
    pub utypid: u8,
    pub iat: i64,
    pub exp: i64,
}

/// `str_pad($key, 2048, '&', STR_PAD_BOTH)`: PHP puts the odd character on the right.
pub fn hmac_key(crypt_key: &str) -> Vec<u8> {
    let key = crypt_key.as_bytes();
    if key.len() >= 2048 {
        return key.to_vec();
    }
    let total = 2048 - key.len();
    let left = total / 2;
    let right = total - left;
    let mut out = Vec::with_capacity(2048);
    out.extend(std::iter::repeat_n(b'&', left));
    out.extend_from_slice(key);
    out.extend(std::iter::repeat_n(b'&', right));
    out
}

/// An HMAC already keyed with an instance's padded crypt key: keying hashes the 2048-byte key
/// (32 SHA-256 blocks), which was most of a token check when done for every request.
#[derive(Clone)]
enum Keyed {
    Hs256(Hmac<Sha256>),
    Hs384(Hmac<Sha384>),
    Hs512(Hmac<Sha512>),
}

impl Keyed {
    fn new(alg: Alg, key: &[u8]) -> Option<Self> {
        // HMAC accepts keys of any length, so new_from_slice does not fail.
        Some(match alg {
            Alg::Hs256 => Keyed::Hs256(Hmac::new_from_slice(key).ok()?),
            Alg::Hs384 => Keyed::Hs384(Hmac::new_from_slice(key).ok()?),
            Alg::Hs512 => Keyed::Hs512(Hmac::new_from_slice(key).ok()?),
        })
    }

    fn sign(self, input: &[u8]) -> Vec<u8> {
        match self {
            Keyed::Hs256(mut m) => {
                m.update(input);
                m.finalize().into_bytes().to_vec()
            }
            Keyed::Hs384(mut m) => {
                m.update(input);
                m.finalize().into_bytes().to_vec()
            }
            Keyed::Hs512(mut m) => {
                m.update(input);
                m.finalize().into_bytes().to_vec()
            }
        }
    }
}

/// The keyed HMAC for a crypt key and algorithm, keyed once per process (a pure function of
/// the two, so no store generation is involved). A handful of entries: one per crypt key and
/// algorithm in use (tests start many stores, mostly with the same seed and so the same key).
fn keyed(alg: Alg, crypt_key: &str) -> Option<Keyed> {
    type Entries = Vec<(Alg, String, Keyed)>;
    static KEYED: std::sync::Mutex<Entries> = std::sync::Mutex::new(Vec::new());
    const KEPT: usize = 8;
    let mut entries = KEYED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, _, k)) = entries
        .iter()
        .find(|(a, key, _)| *a == alg && key == crypt_key)
    {
        return Some(k.clone());
    }
    let k = Keyed::new(alg, &hmac_key(crypt_key))?;
    if entries.len() >= KEPT {
        entries.remove(0);
    }
    entries.push((alg, crypt_key.to_string(), k.clone()));
    Some(k)
}

fn sign(alg: Alg, crypt_key: &str, input: &[u8]) -> Vec<u8> {
    keyed(alg, crypt_key)
        .map(|k| k.sign(input))
        .unwrap_or_default()
}

pub fn encode(alg: Alg, crypt_key: &str, claims: &Claims) -> String {
    let header = format!(r#"{{"kid":"1","alg":"{}"}}"#, alg.name());
    let payload = format!(
        r#"{{"uid":{},"utypid":{},"iat":{},"exp":{}}}"#,
        claims.uid, claims.utypid, claims.iat, claims.exp
    );
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let signature = sign(alg, crypt_key, signing_input.as_bytes());
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

#[derive(Deserialize)]
struct Header {
    alg: String,
}

/// Verifies signature and shape; `None` for anything that is not a token of this instance.
/// (Expiry and revocation are checked by the caller, against the clock and the store.)
pub fn decode(crypt_key: &str, token: &str) -> Option<Claims> {
    let mut parts = token.split('.');
    let (h, p, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let header: Header = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(h).ok()?).ok()?;
    let alg = Alg::parse(&header.alg)?;
    let expected = sign(alg, crypt_key, format!("{h}.{p}").as_bytes());
    let given = URL_SAFE_NO_PAD.decode(s).ok()?;
    if !constant_time_eq(&expected, &given) {
        return None;
    }
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).ok()?).ok()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0123456789abcdef0123456789abcdef";

    fn claims() -> Claims {
        Claims {
            uid: 68,
            utypid: 2,
            iat: 1_689_350_618,
            exp: 1_689_354_218,
        }
    }

    /// app/code/Magento/JwtUserToken/Model/Issuer.php: header and claim order.
    #[test]
    fn header_and_payload_are_magentos() {
        let token = encode(Alg::Hs256, KEY, &claims());
        let mut parts = token.split('.');
        assert_eq!(parts.next(), Some("eyJraWQiOiIxIiwiYWxnIjoiSFMyNTYifQ"));
        let payload = URL_SAFE_NO_PAD
            .decode(parts.next().expect("payload"))
            .expect("b64");
        assert_eq!(
            payload,
            br#"{"uid":68,"utypid":2,"iat":1689350618,"exp":1689354218}"#
        );
        assert_eq!(decode(KEY, &token), Some(claims()));
        assert_eq!(decode("another key", &token), None);
        assert_eq!(
            decode(KEY, &token.replace("eyJ1aWQiOjY4", "eyJ1aWQiOjY5")),
            None
        );
        assert_eq!(decode(KEY, "a.b"), None);
    }

    /// SecretBasedJwksFactory.php: `str_pad(..., 2048, '&', STR_PAD_BOTH)`.
    #[test]
    fn key_is_padded_on_both_sides() {
        let k = hmac_key("abc");
        assert_eq!(k.len(), 2048);
        assert_eq!(&k[1022..1025], b"abc");
        assert_eq!(k.iter().filter(|b| **b == b'&').count(), 2045);
    }

    /// A standard JWT library verifies magemock's tokens with the padded instance key.
    #[test]
    fn a_standard_library_verifies_the_token() {
        for (alg, jalg) in [
            (Alg::Hs256, jsonwebtoken::Algorithm::HS256),
            (Alg::Hs512, jsonwebtoken::Algorithm::HS512),
        ] {
            let token = encode(alg, KEY, &claims());
            let mut validation = jsonwebtoken::Validation::new(jalg);
            validation.validate_exp = false;
            validation.required_spec_claims.clear();
            let data = jsonwebtoken::decode::<Claims>(
                &token,
                &jsonwebtoken::DecodingKey::from_secret(&hmac_key(KEY)),
                &validation,
            )
            .expect("verifies");
            assert_eq!(data.claims, claims());
            assert_eq!(data.header.kid.as_deref(), Some("1"));
        }
    }
}
