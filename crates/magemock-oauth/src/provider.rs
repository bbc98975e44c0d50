//! The stateful OAuth provider over the store: consumers and their token-exchange window,
//! nonces, and the verifier → request → access life of an `oauth_token` row
//! (lib/internal/Magento/Framework/Oauth/Oauth.php with
//! app/code/Magento/Integration/Model/Oauth/Token/Provider.php, Model/Oauth/Token.php and
//! Model/OauthService.php). The steps run in the order `validate.rs` documents.
//!
//! A failed exchange still stores its nonce (Magento saves it before the signature is checked),
//! so callers commit the transaction whatever the outcome: the outcome is the inner `Result`.
//!
//! A signed REST call ([`rest_caller`]) does not run in one transaction: Magento runs each of
//! its lookups and the nonce's save as statements of their own, so the caller supplies them
//! one by one through [`CallStore`] and only the nonce's insert needs the store's write lock.

use magemock_core::{Clock, Entropy, MagentoVersion, Settings};
use magemock_registry::stored::{self, Consumer};
use rusqlite::{Connection, OptionalExtension, params};

use crate::header::{HttpRequest, prepare_request};
use crate::params::Params;
use crate::problem::OauthError;
use crate::signature::{SignatureRules, SignedRequest, check_signature};
use crate::validate::{
    ProtocolParams, Step, check_consumer_key_length, check_consumer_window, check_timestamp,
    check_verifier, validate_protocol_params,
};

/// Time, randomness and the release profile of one provider call.
pub struct ProviderContext<'a> {
    pub clock: &'a Clock,
    pub entropy: &'a Entropy,
    pub version: MagentoVersion,
}

/// One HTTP request as the provider reads it.
#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    pub http_method: &'a [u8],
    /// Scheme, `Host` header and request URI (see [`crate::request_url`]).
    pub url: &'a [u8],
    pub authorization: Option<&'a [u8]>,
    pub content_type: Option<&'a [u8]>,
    pub body: &'a [u8],
}

/// What `postToConsumer` sends to the integration's endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activation {
    pub consumer_key: String,
    pub consumer_secret: String,
    pub verifier: String,
}

/// A token row of `oauth_token`, as a [`CallStore`] hands it back (its fields are the
/// provider's business).
#[derive(Debug, Clone)]
pub struct TokenRow {
    id: i64,
    consumer_id: Option<i64>,
    kind: String,
    secret: String,
    verifier: Option<String>,
    revoked: bool,
}

const TOKEN_COLUMNS: &str = "entity_id, consumer_id, type, secret, verifier, revoked";

fn token_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TokenRow> {
    Ok(TokenRow {
        id: r.get(0)?,
        consumer_id: r.get(1)?,
        kind: r.get(2)?,
        secret: r.get(3)?,
        verifier: r.get(4)?,
        revoked: r.get::<_, i64>(5)? != 0,
    })
}

/// `Token::load($token, 'token')`.
pub fn token_by_value(conn: &Connection, token: &[u8]) -> Result<Option<TokenRow>, OauthError> {
    conn.prepare_cached(&format!(
        "SELECT {TOKEN_COLUMNS} FROM oauth_token WHERE token = ?1"
    ))
    .and_then(|mut s| s.query_row([String::from_utf8_lossy(token)], token_row))
    .optional()
    .map_err(OauthError::internal)
}

/// `Token::loadByConsumerIdAndUserType($consumerId, USER_TYPE_INTEGRATION)`.
fn integration_token(conn: &Connection, consumer_id: i64) -> Result<Option<TokenRow>, OauthError> {
    conn.prepare_cached(&format!(
        "SELECT {TOKEN_COLUMNS} FROM oauth_token WHERE consumer_id = ?1 AND user_type \
                  = 1 ORDER BY entity_id DESC LIMIT 1"
    ))
    .and_then(|mut s| s.query_row([consumer_id], token_row))
    .optional()
    .map_err(OauthError::internal)
}

/// Gives a token row a new token and secret and a new type (the row lives on through the
/// exchange: `createRequestToken`, `convertToAccess`).
fn convert(
    conn: &Connection,
    ctx: &ProviderContext<'_>,
    row_id: i64,
    kind: &str,
) -> Result<(String, String), OauthError> {
    let token = ctx.entropy.token32();
    let secret = ctx.entropy.token32();
    conn.prepare_cached(
        "UPDATE oauth_token SET type = ?1, token = ?2, secret = ?3, authorized = ?4 WHERE \
         entity_id = ?5",
    )
    .and_then(|mut s| {
        s.execute(params![
            kind,
            token,
            secret,
            i64::from(kind == "access"),
            row_id
        ])
    })
    .map_err(OauthError::internal)?;
    Ok((token, secret))
}

/// The store's side of the steps up to the nonce and of a signed REST call, one statement
/// each, in the order the provider calls them. Magento runs them without a transaction around
/// them, so each lookup may be answered by anything that gives what a read at the moment of
/// the call would: the store, or a cache entry of the store's current data generation.
pub trait CallStore {
    /// `Consumer::loadByKey`.
    fn consumer_by_key(&self, key: &str) -> Result<Option<Consumer>, OauthError>;
    /// `Nonce::save`, committed whatever the request's outcome: [`insert_nonce`].
    fn store_nonce(&self, nonce: &str, timestamp: i64, consumer_id: i64) -> Result<(), OauthError>;
    /// `Token::load($token, 'token')`: [`token_by_value`].
    fn token(&self, token: &[u8]) -> Result<Option<TokenRow>, OauthError>;
    /// `IntegrationService::findActiveIntegrationByConsumerId`: [`active_integration`].
    fn active_integration(&self, consumer_id: i64) -> Result<Option<i64>, OauthError>;
}

/// Every step read from (and the nonce written to) one connection, for the token exchanges,
/// which run in one write transaction because they go on to write the token row.
pub struct OnConnection<'c>(pub &'c Connection);

impl CallStore for OnConnection<'_> {
    fn consumer_by_key(&self, key: &str) -> Result<Option<Consumer>, OauthError> {
        consumer_by_key(self.0, key)
    }

    fn store_nonce(&self, nonce: &str, timestamp: i64, consumer_id: i64) -> Result<(), OauthError> {
        insert_nonce(self.0, nonce, timestamp, consumer_id)
    }

    fn token(&self, token: &[u8]) -> Result<Option<TokenRow>, OauthError> {
        token_by_value(self.0, token)
    }

    fn active_integration(&self, consumer_id: i64) -> Result<Option<i64>, OauthError> {
        active_integration(self.0, consumer_id)
    }
}

/// `Consumer::loadByKey`.
pub fn consumer_by_key(conn: &Connection, key: &str) -> Result<Option<Consumer>, OauthError> {
    stored::consumer_by_key(conn, key).map_err(OauthError::internal)
}

/// The insert of `Nonce\Generator::validateNonce`. Magento looks the nonce up first and throws
/// `NonceUsed` when it is there; the table's unique key makes the insert itself that check,
/// so that of two requests with one nonce exactly one gets in. Any other failure (the consumer
/// deleted since it was read: a foreign-key violation, as in MySQL) is the catch-all's message.
pub fn insert_nonce(
    conn: &Connection,
    nonce: &str,
    timestamp: i64,
    consumer_id: i64,
) -> Result<(), OauthError> {
    let stored = conn
        .prepare_cached(
            "INSERT INTO oauth_nonce(nonce, timestamp, consumer_id) VALUES (?1, ?2, ?3)",
        )
        .and_then(|mut s| s.execute(params![nonce, timestamp, consumer_id]));
    match stored {
        Ok(rows) => {
            // oauth_nonce is WITHOUT ROWID, unseen by the store's update hook: unreported, the
            // row would empty every read cache after each signed request.
            magemock_core::store::cache::record_unhooked(
                "oauth_nonce",
                u64::try_from(rows).unwrap_or(u64::MAX),
            );
            Ok(())
        }
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(
                e.extended_code,
                rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                    | rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            ) =>
        {
            Err(OauthError::NonceUsed {
                consumer_id: consumer_id.to_string(),
            })
        }
        Err(_) => Err(OauthError::NonceValidationFailed),
    }
}

/// Everything up to the nonce: protocol params, consumer, timestamp, nonce (stored).
fn common<'p>(
    store: &impl CallStore,
    ctx: &ProviderContext<'_>,
    params: &'p Params,
    step: Step,
) -> Result<(ProtocolParams<'p>, Consumer), OauthError> {
    let p = validate_protocol_params(params, step, ctx.version)?;
    let key = check_consumer_key_length(p.consumer_key)?;
    let consumer = store
        .consumer_by_key(&String::from_utf8_lossy(key))?
        .ok_or(OauthError::ConsumerNotFound)?;
    let timestamp = check_timestamp(p.timestamp, ctx.clock.unix())?;
    let nonce = p
        .nonce
        .as_bytes()
        .map(String::from_utf8_lossy)
        .unwrap_or_default();
    store.store_nonce(&nonce, timestamp, consumer.id)?;
    Ok((p, consumer))
}

fn signed<'a>(
    ctx: &ProviderContext<'_>,
    p: &ProtocolParams<'_>,
    req: &Incoming<'a>,
    params: &'a Params,
) -> SignedRequest<'a> {
    SignedRequest {
        rules: SignatureRules::for_version(ctx.version),
        method: p.signature_method,
        http_method: req.http_method,
        url: req.url,
        params,
    }
}

fn provided(p: &ProtocolParams<'_>) -> Vec<u8> {
    p.signature
        .as_bytes()
        .map(<[u8]>::to_vec)
        .unwrap_or_default()
}

fn request_params(req: &Incoming<'_>) -> Params {
    prepare_request(&HttpRequest {
        authorization: req.authorization,
        content_type: req.content_type,
        body: req.body,
        url: req.url,
    })
}

/// `POST /oauth/token/request` (`Oauth::getRequestToken`).
pub fn request_token(
    conn: &Connection,
    ctx: &ProviderContext<'_>,
    req: &Incoming<'_>,
) -> Result<(String, String), OauthError> {
    let params = request_params(req);
    let (p, consumer) = common(&OnConnection(conn), ctx, &params, Step::RequestToken)?;
    let period = Settings::get_int(conn, "oauth/consumer/expiration_period")
        .map_err(OauthError::internal)?
        .unwrap_or(300);
    let started = consumer
        .updated_at
        .as_deref()
        .and_then(magemock_core::clock::parse_instant)
        .map_or(0, |t| t.timestamp());
    check_consumer_window(started, ctx.clock.unix(), period)?;
    check_signature(
        &signed(ctx, &p, req, &params),
        consumer.secret.as_bytes(),
        b"",
        &provided(&p),
    )?;
    let row = integration_token(conn, consumer.id)?.ok_or_else(|| {
        OauthError::IntegrationTokenNotFound {
            consumer_id: consumer.id.to_string(),
        }
    })?;
    if row.kind != "verifier" {
        return Err(OauthError::NotVerifierToken);
    }
    convert(conn, ctx, row.id, "request")
}

/// `POST /oauth/token/access` (`Oauth::getAccessToken`); the integration becomes Active.
pub fn access_token(
    conn: &Connection,
    ctx: &ProviderContext<'_>,
    req: &Incoming<'_>,
) -> Result<(String, String), OauthError> {
    let params = request_params(req);
    let (p, consumer) = common(&OnConnection(conn), ctx, &params, Step::AccessToken)?;
    let sent = p.token.unwrap_or_default();
    let row = token_by_value(conn, sent)?.ok_or(OauthError::TokenNotFound)?;
    if row.consumer_id != Some(consumer.id) {
        return Err(OauthError::RequestTokenConsumerMismatch);
    }
    if row.kind != "request" {
        return Err(OauthError::TokenAlreadyUsed);
    }
    let verifier = p.verifier.ok_or(OauthError::VerifierInvalid)?;
    check_verifier(verifier, row.verifier.as_deref().unwrap_or("").as_bytes())?;
    check_signature(
        &signed(ctx, &p, req, &params),
        consumer.secret.as_bytes(),
        row.secret.as_bytes(),
        &provided(&p),
    )?;
    let pair = convert(conn, ctx, row.id, "access")?;
    conn.prepare_cached(
        "UPDATE integration SET status = 1, updated_at = ?1 WHERE consumer_id = ?2",
    )
    .and_then(|mut s| s.execute(params![ctx.clock.now_db(), consumer.id]))
    .map_err(OauthError::internal)?;
    Ok(pair)
}

/// A REST call signed with an access token (`Oauth::validateAccessTokenRequest`, then
/// `OauthUserContext`'s active-integration lookup): the integration's id when it is active,
/// `None` (a guest) when not. Only [`CallStore::store_nonce`] writes, and the signature is
/// computed with no store access in progress.
pub fn rest_caller(
    store: &impl CallStore,
    ctx: &ProviderContext<'_>,
    req: &Incoming<'_>,
) -> Result<Option<i64>, OauthError> {
    let params = request_params(req);
    // OauthUserContext: a request without OAuth parameters is a guest, not an error.
    if params.is_empty() {
        return Ok(None);
    }
    let (p, consumer) = common(store, ctx, &params, Step::RestCall)?;
    // Magento loads the consumer by key a second time here; the row read before the nonce is
    // what that load returns unless the consumer changed in between, a race either way.
    let row = store
        .token(p.token.unwrap_or_default())?
        .ok_or(OauthError::TokenNotFound)?;
    if row.consumer_id != Some(consumer.id) {
        return Err(OauthError::AccessTokenConsumerMismatch);
    }
    if row.kind != "access" {
        return Err(OauthError::NotAccessToken);
    }
    if row.revoked {
        return Err(OauthError::AccessTokenRevoked);
    }
    check_signature(
        &signed(ctx, &p, req, &params),
        consumer.secret.as_bytes(),
        row.secret.as_bytes(),
        &provided(&p),
    )?;
    store.active_integration(consumer.id)
}

/// `IntegrationService::findActiveIntegrationByConsumerId`'s id.
pub fn active_integration(conn: &Connection, consumer_id: i64) -> Result<Option<i64>, OauthError> {
    conn.prepare_cached(
        "SELECT integration_id FROM integration WHERE consumer_id = ?1 AND status = 1",
    )
    .and_then(|mut s| s.query_row([consumer_id], |r| r.get(0)))
    .optional()
    .map_err(OauthError::internal)
}

/// An integration access token used alone as `Authorization: Bearer` (allowed only when
/// `oauth/consumer/enable_integration_as_bearer` is on; Integration/Model/Validator/
/// BearerTokenValidator.php): the active integration behind it.
pub fn bearer_integration(conn: &Connection, token: &str) -> Result<Option<i64>, OauthError> {
    let Some(row) = token_by_value(conn, token.as_bytes())? else {
        return Ok(None);
    };
    match (row.kind.as_str(), row.revoked, row.consumer_id) {
        ("access", false, Some(consumer_id)) => active_integration(conn, consumer_id),
        _ => Ok(None),
    }
}

/// `OauthService::postToConsumer` before the HTTP POST: the consumer's window starts now, and
/// the verifier row is created (or reused).
pub fn prepare_activation(
    conn: &Connection,
    ctx: &ProviderContext<'_>,
    consumer_id: i64,
) -> Result<Activation, OauthError> {
    let consumer = stored::consumer(conn, consumer_id)
        .map_err(OauthError::internal)?
        .ok_or_else(|| OauthError::ConsumerIdNotFound {
            consumer_id: consumer_id.to_string(),
        })?;
    stored::touch_consumer(conn, &registry_ctx(ctx), consumer_id).map_err(OauthError::internal)?;
    let verifier = match integration_token(conn, consumer_id)? {
        Some(row) if row.kind == "verifier" => row.verifier.unwrap_or_default(),
        _ => {
            let (token, secret, verifier) = (
                ctx.entropy.token32(),
                ctx.entropy.token32(),
                ctx.entropy.token32(),
            );
            conn.prepare_cached(
                "INSERT INTO oauth_token(consumer_id, type, token, secret, verifier, callback_url, user_type, created_at) \
                 VALUES (?1, 'verifier', ?2, ?3, ?4, 'oob', 1, ?5)",
            )
            .and_then(|mut s| s.execute(params![consumer_id, token, secret, verifier, ctx.clock.now_db()]))
            .map_err(OauthError::internal)?;
            verifier
        }
    };
    Ok(Activation {
        consumer_key: consumer.key,
        consumer_secret: consumer.secret,
        verifier,
    })
}

fn registry_ctx<'a>(ctx: &ProviderContext<'a>) -> magemock_registry::RegistryContext<'a> {
    magemock_registry::RegistryContext {
        clock: ctx.clock,
        entropy: ctx.entropy,
    }
}

/// `OauthService::createAccessToken` for an integration without an endpoint: the admin's
/// "Allow" creates verifier, request and access token at once; the integration becomes Active.
pub fn activate_locally(
    conn: &Connection,
    ctx: &ProviderContext<'_>,
    consumer_id: i64,
) -> Result<(String, String), OauthError> {
    prepare_activation(conn, ctx, consumer_id)?;
    let row = integration_token(conn, consumer_id)?.ok_or_else(|| {
        OauthError::IntegrationTokenNotFound {
            consumer_id: consumer_id.to_string(),
        }
    })?;
    convert(conn, ctx, row.id, "request")?;
    let pair = convert(conn, ctx, row.id, "access")?;
    conn.prepare_cached(
        "UPDATE integration SET status = 1, updated_at = ?1 WHERE consumer_id = ?2",
    )
    .and_then(|mut s| s.execute(params![ctx.clock.now_db(), consumer_id]))
    .map_err(OauthError::internal)?;
    Ok(pair)
}

/// Reauthorize (TokensExchange.php): the old integration token goes, the status is Inactive.
pub fn reset_for_reauthorize(
    conn: &Connection,
    ctx: &ProviderContext<'_>,
    consumer_id: i64,
) -> Result<(), OauthError> {
    conn.prepare_cached("DELETE FROM oauth_token WHERE consumer_id = ?1")
        .and_then(|mut s| s.execute([consumer_id]))
        .map_err(OauthError::internal)?;
    conn.prepare_cached(
        "UPDATE integration SET status = 0, updated_at = ?1 WHERE consumer_id = ?2",
    )
    .and_then(|mut s| s.execute(params![ctx.clock.now_db(), consumer_id]))
    .map_err(OauthError::internal)?;
    Ok(())
}

/// What magemock computed for a signed request, for a connector team chasing a signature
/// mismatch: the base string, the parameters it was built from, and which secrets make the
/// key (named, never shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub base_string: String,
    pub parameters: Vec<(String, String)>,
    pub signature_method: String,
    pub received_signature: String,
    pub key: &'static str,
}

/// Recomputes the base string of a request the way the provider checked it.
pub fn diagnose(
    ctx: &ProviderContext<'_>,
    req: &Incoming<'_>,
    key: &'static str,
) -> Option<Diagnosis> {
    let params = request_params(req);
    let base = crate::signature::base_string(
        SignatureRules::for_version(ctx.version),
        req.http_method,
        req.url,
        &params,
    )
    .ok()?;
    let text = |k: &str| {
        params
            .get_str(k)
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .unwrap_or_default()
    };
    Some(Diagnosis {
        base_string: base,
        parameters: params
            .iter()
            .filter(|(k, _)| *k != b"oauth_signature")
            .map(|(k, v)| {
                (
                    String::from_utf8_lossy(k).into_owned(),
                    v.as_bytes()
                        .map(|b| String::from_utf8_lossy(b).into_owned())
                        .unwrap_or_else(|| "Array".into()),
                )
            })
            .collect(),
        signature_method: text("oauth_signature_method"),
        received_signature: text("oauth_signature"),
        key,
    })
}

#[cfg(test)]
mod tests;
