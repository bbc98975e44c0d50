//! Magento's own words for OAuth failures, verbatim, with the file that says them. Read in the
//! 2.3+/2.4 copies named in each comment; where the reference document quotes an older text,
//! the comment says so.

/// lib/internal/Magento/Framework/Oauth/Oauth.php (`_checkRequiredParams`), 2.3+ wording; the
/// same template as `magemock_core::error::messages::REQUIRED_FIELD`.
pub const REQUIRED_FIELD: &str = "\"%fieldName\" is required. Enter and try again.";
/// The named placeholder of [`REQUIRED_FIELD`].
pub const FIELD_NAME: &str = "fieldName";
/// lib/internal/Magento/Framework/Exception/InputException.php: the message of an
/// OauthInputException holding two or more errors.
pub const INPUT_EXCEPTION_DEFAULT: &str = "One or more input exceptions have occurred.";
/// Oauth.php `_validateVersionParam`.
pub const VERSION_NOT_SUPPORTED: &str = "The \"%1\" Oauth version isn't supported.";
/// Oauth.php `_validateProtocolParams` (an OauthInputException, 400).
pub const TOKEN_LENGTH_INVALID: &str =
    "The token length is invalid. Check the length and try again.";
/// Oauth.php `_validateProtocolParams` and `_validateSignature`.
pub const SIGNATURE_METHOD_NOT_SUPPORTED: &str = "Signature method %1 is not supported";
/// Oauth.php `_validateSignature`.
pub const SIGNATURE_INVALID: &str = "The signature is invalid. Verify and try again.";

/// app/code/Magento/Integration/Model/Oauth/Token/Provider.php `getConsumerByKey`.
pub const CONSUMER_KEY_LENGTH: &str = "Consumer key is not the correct length";
/// Provider.php `getConsumerByKey`.
pub const CONSUMER_NOT_FOUND: &str = "A consumer having the specified key does not exist";
/// Provider.php `validateConsumer`.
pub const CONSUMER_KEY_EXPIRED: &str = "Consumer key has expired";
/// Provider.php `createRequestToken`.
pub const NOT_VERIFIER_TOKEN: &str =
    "Cannot create request token because consumer token is not a verifier token";
/// Provider.php `getAccessToken`.
pub const NOT_REQUEST_TOKEN: &str =
    "Cannot get access token because consumer token is not a request token";
/// Provider.php `_getToken` in 2.3+ (an Oauth\Exception, 401). The 2.1 copy said `Token is
/// not the correct length`, which is what the reference document quotes.
pub const PROVIDER_TOKEN_LENGTH: &str = TOKEN_LENGTH_INVALID;
/// Provider.php `_getToken`.
pub const TOKEN_NOT_FOUND: &str = "Specified token does not exist";
/// Provider.php `validateRequestToken`.
pub const REQUEST_TOKEN_CONSUMER_MISMATCH: &str =
    "Request token is not associated with the specified consumer";
/// Provider.php `validateRequestToken`.
pub const TOKEN_ALREADY_USED: &str = "Token is already being used";
/// Provider.php `_validateVerifierParam`.
pub const VERIFIER_INVALID: &str = "Verifier is invalid";
/// Provider.php `_validateVerifierParam`.
pub const VERIFIER_LENGTH: &str = "Verifier is not the correct length";
/// Provider.php `_validateVerifierParam`.
pub const VERIFIER_MISMATCH: &str = "Token verifier and verifier token do not match";
/// Provider.php `validateAccessTokenRequest`.
pub const ACCESS_TOKEN_CONSUMER_MISMATCH: &str =
    "Token is not associated with the specified consumer";
/// Provider.php `validateAccessTokenRequest` and `validateAccessToken`.
pub const NOT_ACCESS_TOKEN: &str = "Token is not an access token";
/// Provider.php `validateAccessTokenRequest` and `validateAccessToken`.
pub const ACCESS_TOKEN_REVOKED: &str = "Access token has been revoked";
/// Provider.php `getIntegrationTokenByConsumerId`.
pub const INTEGRATION_TOKEN_NOT_FOUND: &str = "A token with consumer ID %1 does not exist";
/// Provider.php `_getConsumer`.
pub const CONSUMER_ID_NOT_FOUND: &str = "A consumer with the ID %1 does not exist";

/// app/code/Magento/Integration/Model/Oauth/Nonce/Generator.php `validateNonce` (2.4 copy,
/// PHP 8.4-era signature): a reused nonce.
pub const NONCE_USED: &str = "The nonce is already being used by the consumer with ID %1";
/// Generator.php `validateNonce`: what any other failure inside it becomes, including the
/// OauthInputException `Incorrect timestamp value in the oauth_timestamp parameter`, which
/// the catch-all re-throws as an Oauth\Exception with this text.
pub const NONCE_VALIDATION_FAILED: &str = "An error occurred validating the nonce";

/// lib/internal/Magento/Framework/Oauth/Helper/Request.php `prepareErrorResponse`: the
/// problem prefix of anything that is neither an Oauth\Exception nor an OauthInputException.
pub const INTERNAL_ERROR_PREFIX: &str = "internal_error&message=";
/// Request.php `prepareErrorResponse`, for an exception whose message is falsy.
pub const EMPTY_MESSAGE: &str = "empty_message";
