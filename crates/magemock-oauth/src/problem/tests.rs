//! `/oauth/token/*` bodies per `Helper\Request::prepareErrorResponse` (Request.php commit
//! 0074c14) and `OauthInputException::getAggregatedErrorMessage`, the controllers'
//! `http_build_query` (Token/Request.php 06691e1, Token/Access.php 0a78c67), and the REST
//! error each exception becomes (`Oauth\Exception` extends `AuthenticationException`,
//! `OauthInputException` extends `InputException`).

use magemock_core::{ExceptionKind, MagentoError, Params, ToMagentoError};

use super::*;

#[track_caller]
fn check(error: OauthError, status: u16, body: &str, rest: MagentoError) {
    assert_eq!(error.status(), status, "{error:?}");
    assert_eq!(error.problem_body(), body, "{error:?}");
    assert_eq!(error.to_magento(), rest, "{error:?}");
}

fn oauth(message: &'static str, params: Params) -> MagentoError {
    MagentoError::new(ExceptionKind::Authentication, message, params)
}

#[test]
fn input_exceptions_are_400_and_aggregate() {
    check(
        OauthError::RequiredParams(vec!["oauth_nonce"]),
        400,
        "oauth_problem=%22oauth_nonce%22+is+required.+Enter+and+try+again.",
        MagentoError::required_field("oauth_nonce"),
    );
    let two = OauthError::RequiredParams(vec!["oauth_nonce", "oauth_timestamp"]);
    let rest = MagentoError::aggregate(vec![
        MagentoError::required_field("oauth_nonce"),
        MagentoError::required_field("oauth_timestamp"),
    ]);
    assert_eq!(
        rest.as_ref().map(|e| e.message.as_ref()),
        Some("One or more input exceptions have occurred.")
    );
    check(
        two,
        400,
        concat!(
            "oauth_problem=%22oauth_nonce%22+is+required.+Enter+and+try+again%2C+",
            "%22oauth_timestamp%22+is+required.+Enter+and+try+again",
        ),
        rest.unwrap_or_else(|| MagentoError::internal("no aggregate")),
    );
    check(
        OauthError::UnsupportedVersion(b"2.0".to_vec()),
        400,
        "oauth_problem=The+%222.0%22+Oauth+version+isn%27t+supported.",
        MagentoError::input(messages::VERSION_NOT_SUPPORTED, Params::positional(["2.0"])),
    );
    check(
        OauthError::InvalidTokenLength,
        400,
        "oauth_problem=The+token+length+is+invalid.+Check+the+length+and+try+again.",
        MagentoError::input(messages::TOKEN_LENGTH_INVALID, Params::None),
    );
    check(
        OauthError::UnsupportedSignatureMethod(b"HMAC-SHA1".to_vec()),
        400,
        "oauth_problem=Signature+method+HMAC-SHA1+is+not+supported",
        MagentoError::input(
            messages::SIGNATURE_METHOD_NOT_SUPPORTED,
            Params::positional(["HMAC-SHA1"]),
        ),
    );
}

#[test]
fn oauth_exceptions_are_401_with_rendered_problem_and_raw_rest_template() {
    check(
        OauthError::NonceUsed {
            consumer_id: "7".into(),
        },
        401,
        "oauth_problem=The+nonce+is+already+being+used+by+the+consumer+with+ID+7",
        oauth(messages::NONCE_USED, Params::positional(["7"])),
    );
    check(
        OauthError::SignatureInvalid,
        401,
        "oauth_problem=The+signature+is+invalid.+Verify+and+try+again.",
        oauth(messages::SIGNATURE_INVALID, Params::None),
    );
    check(
        OauthError::NonceValidationFailed,
        401,
        "oauth_problem=An+error+occurred+validating+the+nonce",
        oauth(messages::NONCE_VALIDATION_FAILED, Params::None),
    );
    check(
        OauthError::IntegrationTokenNotFound {
            consumer_id: "12".into(),
        },
        401,
        "oauth_problem=A+token+with+consumer+ID+12+does+not+exist",
        oauth(
            messages::INTEGRATION_TOKEN_NOT_FOUND,
            Params::positional(["12"]),
        ),
    );
}

#[test]
fn anything_else_is_500_internal_error_with_message() {
    check(
        OauthError::Internal {
            message: "URI is not valid".into(),
        },
        500,
        "oauth_problem=internal_error%26message%3DURI+is+not+valid",
        MagentoError::internal("URI is not valid"),
    );
    for falsy in ["", "0"] {
        let error = OauthError::Internal {
            message: falsy.into(),
        };
        assert_eq!(
            error.problem_body(),
            "oauth_problem=internal_error%26message%3Dempty_message"
        );
    }
}

#[test]
fn request_bytes_reach_the_problem_unchanged() {
    let error = OauthError::UnsupportedSignatureMethod(vec![b'x', 0xE9, b' ', b'~']);
    assert_eq!(
        error.problem_body(),
        "oauth_problem=Signature+method+x%E9+%7E+is+not+supported"
    );
    assert_eq!(
        error.to_string(),
        "Signature method x\u{fffd} ~ is not supported"
    );
}

#[test]
fn every_variant_has_its_magento_class() {
    use OauthError::*;
    let input = [
        RequiredParams(vec!["x"]),
        UnsupportedVersion(vec![]),
        InvalidTokenLength,
        UnsupportedSignatureMethod(vec![]),
    ];
    let id = || "1".to_owned();
    let oauth = [
        ConsumerKeyLength,
        ConsumerNotFound,
        ConsumerKeyExpired,
        NonceValidationFailed,
        NonceUsed { consumer_id: id() },
        NotVerifierToken,
        NotRequestToken,
        ProviderTokenLength,
        TokenNotFound,
        RequestTokenConsumerMismatch,
        TokenAlreadyUsed,
        VerifierInvalid,
        VerifierLength,
        VerifierMismatch,
        AccessTokenConsumerMismatch,
        NotAccessToken,
        AccessTokenRevoked,
        IntegrationTokenNotFound { consumer_id: id() },
        ConsumerIdNotFound { consumer_id: id() },
        SignatureInvalid,
    ];
    for e in &input {
        assert_eq!(
            (e.class(), e.to_magento().kind),
            (ProblemClass::Input, ExceptionKind::Input),
            "{e:?}"
        );
    }
    for e in &oauth {
        assert_eq!(
            (e.class(), e.to_magento().kind),
            (ProblemClass::Oauth, ExceptionKind::Authentication),
            "{e:?}"
        );
        assert!(
            e.problem_body().starts_with("oauth_problem=") && !e.to_string().is_empty(),
            "{e:?}"
        );
    }
    assert_eq!(
        ProviderTokenLength.to_string(),
        "The token length is invalid. Check the length and try again."
    );
    assert_eq!(
        ConsumerIdNotFound { consumer_id: id() }.to_string(),
        "A consumer with the ID 1 does not exist"
    );
}

#[test]
fn success_body_is_http_build_query() {
    assert_eq!(
        token_body("abc", "d e~"),
        "oauth_token=abc&oauth_token_secret=d+e%7E"
    );
}
