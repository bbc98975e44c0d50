//! The order and texts of `Oauth::_validateProtocolParams` / `_checkRequiredParams` /
//! `_validateVersionParam` (Oauth.php commits 0bd0482 and 447c9b4), `Provider.php` (2.3+
//! copy) and `Nonce/Generator.php` (2.4 copy), as one table per check.

use magemock_core::MagentoVersion;

use super::*;

fn version(v: &str) -> MagentoVersion {
    v.parse().unwrap_or_else(|e| panic!("{e}"))
}

const KEY: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const TOKEN: &str = "tttttttttttttttttttttttttttttttt";
const TOKEN_EDIT: &str = "oauth_token=tttttttttttttttttttttttttttttttt";

/// A complete request-token parameter set, then `edits` (`name=value`, or `-name` to drop).
fn params(edits: &[&str]) -> Params {
    let mut params: Params = [
        ("oauth_consumer_key", KEY),
        ("oauth_signature", "sig"),
        ("oauth_signature_method", "HMAC-SHA256"),
        ("oauth_nonce", "nonce"),
        ("oauth_timestamp", "1700000000"),
        ("oauth_version", "1.0"),
    ]
    .into_iter()
    .collect();
    for edit in edits {
        match edit.strip_prefix('-') {
            Some(name) => params.remove(name),
            None => {
                let (name, value) = edit.split_once('=').unwrap_or((edit, ""));
                params.insert_str(name, value);
            }
        }
    }
    params
}

/// (what, step, release, edits, expected signature method or error)
type Row = (
    &'static str,
    Step,
    &'static str,
    Vec<&'static str>,
    Result<SignatureMethod, OauthError>,
);

#[test]
fn protocol_checks_in_magento_order() {
    use OauthError::*;
    let all_missing = vec![
        "oauth_consumer_key",
        "oauth_signature",
        "oauth_signature_method",
        "oauth_nonce",
        "oauth_timestamp",
    ];
    #[rustfmt::skip]
    let table: Vec<Row> = vec![
        ("happy request step", Step::RequestToken, "2.4.8", vec![], Ok(SignatureMethod::HmacSha256)),
        ("version is checked first", Step::RequestToken, "2.4.8",
            vec!["oauth_version=2.0", "-oauth_nonce", "oauth_signature_method=PLAINTEXT"], Err(UnsupportedVersion(b"2.0".to_vec()))),
        ("an empty version is still sent", Step::RequestToken, "2.4.8", vec!["oauth_version="], Err(UnsupportedVersion(vec![]))),
        ("version compares loosely", Step::RequestToken, "2.4.8", vec!["oauth_version=1"], Ok(SignatureMethod::HmacSha256)),
        ("PHP 8 numeric strings may end in spaces", Step::RequestToken, "2.4.8", vec!["oauth_version=1.0 "], Ok(SignatureMethod::HmacSha256)),
        ("PHP 7 ones may not", Step::RequestToken, "2.4.3", vec!["oauth_version=1.0 "], Err(UnsupportedVersion(b"1.0 ".to_vec()))),
        ("version is optional", Step::RequestToken, "2.4.8", vec!["-oauth_version"], Ok(SignatureMethod::HmacSha256)),
        ("every missing parameter at once", Step::RequestToken, "2.4.8",
            vec!["-oauth_consumer_key", "-oauth_signature", "-oauth_signature_method", "-oauth_nonce", "-oauth_timestamp"],
            Err(RequiredParams(all_missing.clone()))),
        ("empty values count as present", Step::RequestToken, "2.4.8", vec!["oauth_nonce="], Ok(SignatureMethod::HmacSha256)),
        ("access step needs token and verifier", Step::AccessToken, "2.4.8", vec![],
            Err(RequiredParams(vec!["oauth_token", "oauth_verifier"]))),
        ("REST step needs the token", Step::RestCall, "2.4.8", vec!["-oauth_nonce"],
            Err(RequiredParams(vec!["oauth_nonce", "oauth_token"]))),
        ("missing params before token length", Step::RestCall, "2.4.8", vec!["oauth_token=short", "-oauth_nonce"],
            Err(RequiredParams(vec!["oauth_nonce"]))),
        ("token length before signature method", Step::RestCall, "2.4.8",
            vec!["oauth_token=short", "oauth_signature_method=RSA-SHA1"], Err(InvalidTokenLength)),
        ("an optional token is still length-checked", Step::RequestToken, "2.4.8", vec!["oauth_token=short"], Err(InvalidTokenLength)),
        ("32-byte token passes", Step::RestCall, "2.4.8", vec![TOKEN_EDIT], Ok(SignatureMethod::HmacSha256)),
        ("SHA-1 until 2.4.3", Step::RequestToken, "2.4.3-p3", vec!["oauth_signature_method=HMAC-SHA1"], Ok(SignatureMethod::HmacSha1)),
        ("no SHA-1 from 2.4.4", Step::RequestToken, "2.4.4", vec!["oauth_signature_method=HMAC-SHA1"],
            Err(UnsupportedSignatureMethod(b"HMAC-SHA1".to_vec()))),
        ("method names are case-sensitive", Step::RequestToken, "2.4.8", vec!["oauth_signature_method=hmac-sha256"],
            Err(UnsupportedSignatureMethod(b"hmac-sha256".to_vec()))),
    ];
    for (what, step, release, edits, expect) in table {
        let params = params(&edits);
        let got =
            validate_protocol_params(&params, step, version(release)).map(|p| p.signature_method);
        assert_eq!(got, expect, "{what}");
    }
}

#[test]
fn form_arrays_are_present_but_unusable() {
    let mut p = params(&[]);
    p.insert("oauth_version", Value::Array);
    assert_eq!(
        validate_protocol_params(&p, Step::RequestToken, version("2.4.8")),
        Err(OauthError::UnsupportedVersion(b"Array".to_vec()))
    );
    let mut p = params(&[]);
    p.insert("oauth_token", Value::Array);
    assert!(matches!(
        validate_protocol_params(&p, Step::RestCall, version("2.4.8")),
        Err(OauthError::Internal { .. })
    ));
}

#[test]
fn typed_params_carry_the_token_and_verifier() {
    let p = params(&[TOKEN_EDIT, "oauth_verifier=v"]);
    let valid = validate_protocol_params(&p, Step::AccessToken, version("2.4.8"));
    assert_eq!(
        valid.map(|v| (v.token, v.verifier.cloned())),
        Ok((Some(TOKEN.as_bytes()), Some(Value::Str(b"v".to_vec()))))
    );
}

#[test]
fn consumer_key_length() {
    assert_eq!(
        check_consumer_key_length(&Value::Str(KEY.into())),
        Ok(KEY.as_bytes())
    );
    assert_eq!(
        check_consumer_key_length(&Value::Str(b"short".to_vec())),
        Err(OauthError::ConsumerKeyLength)
    );
}

#[test]
fn timestamp_rule_of_the_nonce_generator() {
    let now = 1_700_000_000;
    #[rustfmt::skip]
    let table: &[(&str, Result<i64, OauthError>)] = &[
        ("1700000000", Ok(now)),
        ("1", Ok(1)),
        ("1700000600", Ok(now + 600)),
        ("1700000601", Err(OauthError::NonceValidationFailed)),
        ("0", Err(OauthError::NonceValidationFailed)),
        ("-1", Err(OauthError::NonceValidationFailed)),
        ("abc", Err(OauthError::NonceValidationFailed)),
        ("12abc", Ok(12)),
        ("1.7e9", Ok(1_700_000_000)),
        (" 99", Ok(99)),
        ("99999999999999999999", Err(OauthError::NonceValidationFailed)),
    ];
    for (sent, expect) in table {
        assert_eq!(
            check_timestamp(&Value::Str(sent.as_bytes().to_vec()), now),
            *expect,
            "{sent:?}"
        );
    }
    assert_eq!(check_timestamp(&Value::Str(b"1".to_vec()), i64::MAX), Ok(1));
}

#[test]
fn consumer_window_is_strict() {
    assert_eq!(check_consumer_window(1000, 1299, 300), Ok(()));
    assert_eq!(
        check_consumer_window(1000, 1300, 300),
        Err(OauthError::ConsumerKeyExpired)
    );
}

#[test]
fn verifier_checks_in_provider_order() {
    let stored = b"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv";
    assert_eq!(
        check_verifier(&Value::Array, stored),
        Err(OauthError::VerifierInvalid)
    );
    assert_eq!(
        check_verifier(&Value::Str(b"short".to_vec()), stored),
        Err(OauthError::VerifierLength)
    );
    assert_eq!(
        check_verifier(&Value::Str([b'w'; 32].to_vec()), stored),
        Err(OauthError::VerifierMismatch)
    );
    assert_eq!(check_verifier(&Value::Str(stored.to_vec()), stored), Ok(()));
}
