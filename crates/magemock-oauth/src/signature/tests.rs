//! Base strings and signatures of `Oauth::_validateSignature` (Oauth.php commits 0bd0482 /
//! 447c9b4, laminas-oauth `AbstractSignature`, Magento `Helper/Signature/Hmac.php` 64f689d),
//! with RFC 5849's worked examples as fixtures.

use magemock_core::MagentoVersion;

use super::*;
use crate::header::parse_authorization;

const ALL_RULES: [SignatureRules; 4] = [
    SignatureRules::Zend,
    SignatureRules::Laminas,
    SignatureRules::LaminasUnreservedPath,
    SignatureRules::Magento,
];

fn params_of(header: &str, url: &str, form_body: Option<&str>) -> Params {
    prepare_request(&HttpRequest {
        authorization: Some(header.as_bytes()),
        content_type: form_body.map(|_| &b"application/x-www-form-urlencoded"[..]),
        body: form_body.unwrap_or_default().as_bytes(),
        url: url.as_bytes(),
    })
}

#[track_caller]
fn check_base(rules: SignatureRules, method: &str, url: &str, params: &Params, expect: &str) {
    let got = base_string(rules, method.as_bytes(), url.as_bytes(), params);
    assert_eq!(got.as_deref(), Ok(expect), "{rules:?}");
}

/// RFC 5849 §3.4.1.1, the base string of the §3.4.1 request (which has no secrets, so its
/// printed signature `bYT5CMsGcbgUdFHObYMEfcx6bsw=` cannot be recomputed; see §1.2 below).
const RFC_3_4_1_BASE: &str = concat!(
    "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q",
    "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_",
    "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m",
    "ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk",
    "9d7dh3k39sjv7",
);

#[test]
fn rfc5849_section_3_4_1_base_string_minus_the_overwritten_a3() {
    let header = r#"OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_token="kkk9d7dh3k39sjv7",
        oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="7d8f3e4a",
        oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D""#;
    let url = "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b";
    let params = params_of(header, url, Some("c2&a3=2+q"));
    // Magento's params are a PHP array: the query's `a3=a` replaced the body's `a3=2 q`, so
    // Magento signs the RFC's base string without that pair (and so rejects RFC clients
    // that repeat a parameter).
    let one_a3 = RFC_3_4_1_BASE.replace("a3%3D2%2520q%26", "");
    for rules in [
        SignatureRules::Zend,
        SignatureRules::Laminas,
        SignatureRules::LaminasUnreservedPath,
    ] {
        check_base(rules, "POST", url, &params, &one_a3);
    }
    // 2.4.8 sorts *decoded* keys: `c2` ('2' is 0x32) now precedes `c@` ('@' is 0x40), where
    // the RFC sorts the encoded `c%40` ('%' is 0x25) first.
    let decoded_order = one_a3.replace("c%2540%3D%26c2%3D%26", "c2%3D%26c%2540%3D%26");
    check_base(
        SignatureRules::Magento,
        "POST",
        url,
        &params,
        &decoded_order,
    );
}

/// RFC 5849 §1.2: the one worked example with secrets, HMAC-SHA1.
#[test]
fn rfc5849_section_1_2_signature() {
    let header = r#"OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk",
        oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH",
        oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D""#;
    let url = "http://photos.example.net/photos?file=vacation.jpg&size=original";
    let params = params_of(header, url, None);
    let base = concat!(
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03",
        "%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202",
        "%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal",
    );
    for rules in ALL_RULES {
        check_base(rules, "get", url, &params, base);
    }
    let key = signing_key(b"kd94hf93k423kf44", b"pfkkdhi9sl3r4s00");
    assert_eq!(
        sign(SignatureMethod::HmacSha1, &key, base).as_deref(),
        Ok("MdpQcU8iPSUjWoN/UDMsK2sui9I=")
    );
    let request = SignedRequest {
        rules: SignatureRules::Zend,
        method: SignatureMethod::HmacSha1,
        http_method: b"GET",
        url: url.as_bytes(),
        params: &params,
    };
    let provided = params.get_str("oauth_signature").unwrap_or_default();
    assert_eq!(
        check_signature(&request, b"kd94hf93k423kf44", b"pfkkdhi9sl3r4s00", provided),
        Ok(())
    );
    assert_eq!(
        check_signature(&request, b"kd94hf93k423kf44", b"", provided),
        Err(OauthError::SignatureInvalid)
    );
}

const MAGENTO_EXAMPLE_BASE: &str = concat!(
    "POST&https%3A%2F%2Fshop.example%2Foauth%2Ftoken%2Frequest&oauth_consumer_key%3D",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa%26oauth_nonce%3Dnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
    "%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_version%3D1.0",
);

fn magento_example_params() -> Params {
    [
        ("oauth_version", "1.0"),
        ("oauth_signature_method", "HMAC-SHA256"),
        ("oauth_nonce", "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"),
        ("oauth_timestamp", "1700000000"),
        ("oauth_consumer_key", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        ("oauth_signature", "ignored"),
    ]
    .into_iter()
    .collect()
}

/// Reference §4.4's request-token example.
#[test]
fn reference_magento_example() {
    let params = magento_example_params();
    let url = "https://shop.example/oauth/token/request";
    for rules in ALL_RULES {
        check_base(rules, "POST", url, &params, MAGENTO_EXAMPLE_BASE);
    }
    let key = signing_key(&[b's'; 32], b"");
    assert_eq!(key, "ssssssssssssssssssssssssssssssss&");
    let sha256 = sign(SignatureMethod::HmacSha256, &key, MAGENTO_EXAMPLE_BASE);
    assert_eq!(
        sha256.as_deref(),
        Ok("spse0obU9ZKHdGJjQcmx7XQ3a/14ZTVmeUABFuC0ztg=")
    );
    let sha1 = sign(SignatureMethod::HmacSha1, &key, MAGENTO_EXAMPLE_BASE);
    assert_eq!(sha1.as_deref(), Ok("0N98blISHw5G1Xy8+hPga96hVuU="));
}

#[test]
fn key_encodes_both_secrets() {
    assert_eq!(signing_key(b"a b&c~", b"d/e"), "a%20b%26c~&d%2Fe");
}

#[test]
fn ordering_is_natural_on_encoded_keys_until_2_4_8() {
    let params: Params = [("a10", "x"), ("a9", "y"), ("B", "z"), ("a[b]", "w")]
        .into_iter()
        .collect();
    let url = "http://h/p";
    let natural = "GET&http%3A%2F%2Fh%2Fp&B%3Dz%26a%255Bb%255D%3Dw%26a9%3Dy%26a10%3Dx";
    check_base(SignatureRules::Laminas, "GET", url, &params, natural);
    check_base(SignatureRules::Zend, "GET", url, &params, natural);
    // 2.4.8 sorts the decoded keys with ksort: byte order for non-numeric strings.
    check_base(
        SignatureRules::Magento,
        "GET",
        url,
        &params,
        "GET&http%3A%2F%2Fh%2Fp&B%3Dz%26a10%3Dx%26a9%3Dy%26a%255Bb%255D%3Dw",
    );
}

#[test]
fn magento_2_4_8_merges_the_query_again() {
    let header = r#"OAuth oauth_nonce="n""#;
    let url = "http://h/p?5=x&oauth_foo=bar&f[k]=v&a.b=1";
    let params = params_of(header, url, None);
    assert_eq!(
        params.to_string(),
        r#"oauth_nonce="n" 5="x" f[k]="v" a.b="1""#
    );
    // Laminas signs what Request.php collected.
    check_base(
        SignatureRules::Laminas,
        "GET",
        url,
        &params,
        "GET&http%3A%2F%2Fh%2Fp&5%3Dx%26a.b%3D1%26f%255Bk%255D%3Dv%26oauth_nonce%3Dn",
    );
    // 2.4.8: array_merge renumbers "5" (twice), parse_str adds oauth_foo and a_b, and the
    // array `f` yields to the flat `f[k]`.
    check_base(
        SignatureRules::Magento,
        "GET",
        url,
        &params,
        "GET&http%3A%2F%2Fh%2Fp&0%3Dx%261%3Dx%26a.b%3D1%26a_b%3D1%26f%255Bk%255D%3Dv%26oauth_foo%3Dbar%26oauth_nonce%3Dn",
    );
}

#[test]
fn form_arrays_break_laminas_and_vanish_in_2_4_8() {
    let params = params_of(
        r#"OAuth oauth_nonce="n""#,
        "http://h/p",
        Some("list[]=1&x=2"),
    );
    let got = base_string(SignatureRules::Laminas, b"POST", b"http://h/p", &params);
    assert_eq!(got, Err(SignatureError::ArrayParameter));
    check_base(
        SignatureRules::Magento,
        "POST",
        "http://h/p",
        &params,
        "POST&http%3A%2F%2Fh%2Fp&oauth_nonce%3Dn%26x%3D2",
    );
}

#[test]
fn url_failures_surface_as_internal_errors() {
    let params = Params::new();
    let request = SignedRequest {
        rules: SignatureRules::Laminas,
        method: SignatureMethod::HmacSha256,
        http_method: b"GET",
        url: b"ftp://h/x",
        params: &params,
    };
    assert_eq!(
        check_signature(&request, b"s", b"", b"x"),
        Err(OauthError::Internal {
            message: "Invalid URL provided; must be an HTTP or HTTPS scheme".into()
        })
    );
}

#[test]
fn comparison_is_exact() {
    assert!(signatures_match(b"abc=", b"abc="));
    assert!(!signatures_match(b"abc=", b"abc"));
    assert!(!signatures_match(b"abc=", b"abd="));
    assert!(!signatures_match(b"abc=", b"ABC="));
}

#[test]
fn rules_follow_the_release() {
    let rules = |v: &str| v.parse::<MagentoVersion>().map(SignatureRules::for_version);
    assert_eq!(rules("2.4.3-p3"), Ok(SignatureRules::Zend));
    assert_eq!(rules("2.4.4"), Ok(SignatureRules::Laminas));
    assert_eq!(rules("2.4.6-p9"), Ok(SignatureRules::Laminas));
    assert_eq!(rules("2.4.7"), Ok(SignatureRules::LaminasUnreservedPath));
    assert_eq!(rules("2.4.8"), Ok(SignatureRules::Magento));
}

const CREDENTIALS: ClientCredentials<'static> = ClientCredentials {
    consumer_key: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    consumer_secret: "ssssssssssssssssssssssssssssssss",
    token: None,
    token_secret: "",
    verifier: None,
};

fn client_request(rules: SignatureRules, url: &'static str) -> ClientRequest<'static> {
    ClientRequest {
        http_method: "POST",
        url,
        form_body: None,
        nonce: "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
        timestamp: "1700000000",
        method: SignatureMethod::HmacSha256,
        rules,
    }
}

#[test]
fn sign_header_reproduces_the_reference_example() {
    let header = sign_header(
        &client_request(
            SignatureRules::Laminas,
            "https://shop.example/oauth/token/request",
        ),
        &CREDENTIALS,
    );
    let expect = concat!(
        r#"OAuth oauth_nonce="nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",oauth_timestamp="1700000000",oauth_version="1.0","#,
        r#"oauth_consumer_key="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",oauth_signature_method="HMAC-SHA256","#,
        r#"oauth_signature="spse0obU9ZKHdGJjQcmx7XQ3a%2F14ZTVmeUABFuC0ztg%3D""#,
    );
    assert_eq!(header.as_deref(), Ok(expect));
    let magento = sign_header(
        &client_request(
            SignatureRules::Magento,
            "https://shop.example/oauth/token/request",
        ),
        &CREDENTIALS,
    );
    assert_eq!(magento, Ok(expect.replace("\",oauth", "\", oauth")));
}

#[test]
fn sign_header_round_trips_through_the_provider() {
    let credentials = ClientCredentials {
        token: Some("tttttttttttttttttttttttttttttttt"),
        token_secret: "token secret with spaces & ~",
        ..CREDENTIALS
    };
    for rules in ALL_RULES {
        let url =
            "https://Shop.Example:443/rest/./V1/products/a%2Fb?searchCriteria[pageSize]=10&q=a+b";
        let mut request = client_request(rules, url);
        request.http_method = "put";
        request.form_body = Some(b"name=caf%E9");
        let header = sign_header(&request, &credentials);
        let Ok(header) = header else {
            panic!("{rules:?}: {header:?}")
        };
        let params = params_of(&header, url, Some("name=caf%E9"));
        let signed = SignedRequest {
            rules,
            method: SignatureMethod::HmacSha256,
            http_method: b"PUT",
            url: url.as_bytes(),
            params: &params,
        };
        let provided = params.get_str("oauth_signature").unwrap_or_default();
        let verdict = check_signature(
            &signed,
            credentials.consumer_secret.as_bytes(),
            credentials.token_secret.as_bytes(),
            provided,
        );
        assert_eq!(verdict, Ok(()), "{rules:?}: {header}");
        assert!(parse_authorization(Some(header.as_bytes())).is_some_and(|p| p.len() == 7));
    }
}
