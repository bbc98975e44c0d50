//! A signed REST call over the store, step by step: Magento's order (the nonce stored before
//! the token is looked up, the active integration only after the signature), the nonce kept
//! when the signature fails, a replay refused, and of two concurrent requests with one nonce
//! exactly one accepted. Magento's sources: lib/internal/Magento/Framework/Oauth/Oauth.php
//! (`validateAccessTokenRequest`, `_validateProtocolParams`, `_validateSignature`),
//! app/code/Magento/Integration/Model/Oauth/Nonce/Generator.php (`validateNonce`: the nonce
//! saved before the signature is checked; `The nonce is already being used by the consumer
//! with ID %1`) and app/code/Magento/Integration/Model/Oauth/Token/Provider.php.

use std::cell::RefCell;
use std::sync::Barrier;

use magemock_core::{Clock, CoreError, Entropy, MagentoVersion, Store};
use rusqlite::Connection;

use super::*;
use crate::{ClientCredentials, ClientRequest, SignatureMethod, SignatureRules, sign_header};

const KEY: &str = "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";
const SECRET: &str = "ssssssssssssssssssssssssssssssss";
const TOKEN: &str = "tttttttttttttttttttttttttttttttt";
const TOKEN_SECRET: &str = "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu";
const URL: &str = "http://shop.example/rest/V1/products/24-MB01";
const CONSUMER_ID: i64 = 7;
const INTEGRATION_ID: i64 = 3;

/// An in-memory store with one active integration holding an access token.
fn store() -> Store {
    let (store, _) = Store::open(None).unwrap_or_else(|e| panic!("open: {e}"));
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO oauth_consumer(entity_id, created_at, name, key, secret) \
                 VALUES (?1, '2026-01-01 00:00:00', 'erp', ?2, ?3)",
                rusqlite::params![CONSUMER_ID, KEY, SECRET],
            )?;
            tx.execute(
                "INSERT INTO integration(integration_id, name, email, status, consumer_id, \
                 created_at, updated_at) VALUES (?1, 'erp', 'erp@example.com', 1, ?2, \
                 '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
                rusqlite::params![INTEGRATION_ID, CONSUMER_ID],
            )?;
            tx.execute(
                "INSERT INTO oauth_token(consumer_id, type, token, secret, user_type, created_at) \
                 VALUES (?1, 'access', ?2, ?3, 1, '2026-01-01 00:00:00')",
                rusqlite::params![CONSUMER_ID, TOKEN, TOKEN_SECRET],
            )?;
            Ok::<_, CoreError>(())
        })
        .unwrap_or_else(|e| panic!("seed: {e}"));
    store
}

fn header(clock: &Clock, nonce: &str, token_secret: &str) -> String {
    let timestamp = clock.unix().to_string();
    let request = ClientRequest {
        http_method: "GET",
        url: URL,
        form_body: None,
        nonce,
        timestamp: &timestamp,
        method: SignatureMethod::HmacSha256,
        rules: SignatureRules::for_version(MagentoVersion::default()),
    };
    let credentials = ClientCredentials {
        consumer_key: KEY,
        consumer_secret: SECRET,
        token: Some(TOKEN),
        token_secret,
        verifier: None,
    };
    sign_header(&request, &credentials).unwrap_or_else(|e| panic!("sign: {e}"))
}

fn incoming(authorization: &str) -> Incoming<'_> {
    Incoming {
        http_method: b"GET",
        url: URL.as_bytes(),
        authorization: Some(authorization.as_bytes()),
        content_type: None,
        body: b"",
    }
}

fn nonces(conn: &Connection) -> i64 {
    conn.query_row("SELECT COUNT(*) FROM oauth_nonce", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("count: {e}"))
}

/// Each step as the server runs it: lookups in reads of their own, the nonce in a write
/// transaction that commits whatever the insert gave.
struct Steps<'s>(&'s Store);

impl CallStore for Steps<'_> {
    fn consumer_by_key(&self, key: &str) -> Result<Option<Consumer>, OauthError> {
        self.0.read(|c| consumer_by_key(c, key))
    }

    fn store_nonce(&self, nonce: &str, timestamp: i64, consumer_id: i64) -> Result<(), OauthError> {
        self.0
            .write(|tx| Ok::<_, OauthError>(insert_nonce(tx, nonce, timestamp, consumer_id)))?
    }

    fn token(&self, token: &[u8]) -> Result<Option<TokenRow>, OauthError> {
        self.0.read(|c| token_by_value(c, token))
    }

    fn active_integration(&self, consumer_id: i64) -> Result<Option<i64>, OauthError> {
        self.0.read(|c| active_integration(c, consumer_id))
    }
}

/// [`Steps`], writing down which step ran.
struct Recording<'s> {
    steps: Steps<'s>,
    log: RefCell<Vec<&'static str>>,
}

impl Recording<'_> {
    fn taken(&self) -> Vec<&'static str> {
        self.log.take()
    }
}

impl CallStore for Recording<'_> {
    fn consumer_by_key(&self, key: &str) -> Result<Option<Consumer>, OauthError> {
        self.log.borrow_mut().push("consumer");
        self.steps.consumer_by_key(key)
    }

    fn store_nonce(&self, nonce: &str, timestamp: i64, consumer_id: i64) -> Result<(), OauthError> {
        self.log.borrow_mut().push("nonce");
        self.steps.store_nonce(nonce, timestamp, consumer_id)
    }

    fn token(&self, token: &[u8]) -> Result<Option<TokenRow>, OauthError> {
        self.log.borrow_mut().push("token");
        self.steps.token(token)
    }

    fn active_integration(&self, consumer_id: i64) -> Result<Option<i64>, OauthError> {
        self.log.borrow_mut().push("integration");
        self.steps.active_integration(consumer_id)
    }
}

fn context<'a>(clock: &'a Clock, entropy: &'a Entropy) -> ProviderContext<'a> {
    ProviderContext {
        clock,
        entropy,
        version: MagentoVersion::default(),
    }
}

#[test]
fn steps_run_in_magentos_order_and_a_failed_signature_keeps_its_nonce() {
    let store = store();
    let (clock, entropy) = (Clock::system(), Entropy::new(1));
    let ctx = context(&clock, &entropy);
    let steps = Recording {
        steps: Steps(&store),
        log: RefCell::default(),
    };

    let bad = header(&clock, "nonce-of-a-bad-signature", "wrong secret");
    assert_eq!(
        rest_caller(&steps, &ctx, &incoming(&bad)),
        Err(OauthError::SignatureInvalid)
    );
    // No integration lookup: OauthUserContext asks for it only once the signature holds.
    assert_eq!(steps.taken(), ["consumer", "nonce", "token"]);
    assert_eq!(store.read(|c| Ok::<_, CoreError>(nonces(c))).ok(), Some(1));

    // The same nonce, now correctly signed: refused by the stored nonce, before the token.
    let replay = header(&clock, "nonce-of-a-bad-signature", TOKEN_SECRET);
    let refused = rest_caller(&steps, &ctx, &incoming(&replay));
    assert_eq!(
        refused,
        Err(OauthError::NonceUsed {
            consumer_id: CONSUMER_ID.to_string()
        })
    );
    assert_eq!(
        refused.map_err(|e| String::from_utf8_lossy(&e.message_bytes()).into_owned()),
        Err("The nonce is already being used by the consumer with ID 7".to_owned())
    );
    assert_eq!(steps.taken(), ["consumer", "nonce"]);

    let good = header(&clock, "a-fresh-nonce", TOKEN_SECRET);
    assert_eq!(
        rest_caller(&steps, &ctx, &incoming(&good)),
        Ok(Some(INTEGRATION_ID))
    );
    assert_eq!(steps.taken(), ["consumer", "nonce", "token", "integration"]);

    // A timestamp too far ahead fails inside validateNonce before the save: nothing stored.
    let ahead = ClientRequest {
        http_method: "GET",
        url: URL,
        form_body: None,
        nonce: "a-nonce-from-the-future",
        timestamp: &(clock.unix() + 3_600).to_string(),
        method: SignatureMethod::HmacSha256,
        rules: SignatureRules::for_version(MagentoVersion::default()),
    };
    let ahead = sign_header(
        &ahead,
        &ClientCredentials {
            consumer_key: KEY,
            consumer_secret: SECRET,
            token: Some(TOKEN),
            token_secret: TOKEN_SECRET,
            verifier: None,
        },
    )
    .unwrap_or_else(|e| panic!("sign: {e}"));
    assert_eq!(
        rest_caller(&steps, &ctx, &incoming(&ahead)),
        Err(OauthError::NonceValidationFailed)
    );
    assert_eq!(steps.taken(), ["consumer"]);
    assert_eq!(store.read(|c| Ok::<_, CoreError>(nonces(c))).ok(), Some(2));
}

#[test]
fn a_nonce_whose_consumer_went_is_the_nonce_failure() {
    let store = store();
    let outcome = store.write(|tx| Ok::<_, OauthError>(insert_nonce(tx, "n", 1, CONSUMER_ID + 1)));
    assert_eq!(outcome, Ok(Err(OauthError::NonceValidationFailed)));
}

#[test]
fn of_two_concurrent_requests_with_one_nonce_exactly_one_is_accepted() {
    let store = store();
    let (clock, entropy) = (Clock::system(), Entropy::new(1));
    for round in 0..20 {
        let nonce = format!("concurrent-nonce-{round}");
        let authorization = header(&clock, &nonce, TOKEN_SECRET);
        let barrier = Barrier::new(2);
        let outcomes: Vec<_> = std::thread::scope(|s| {
            let run = || {
                barrier.wait();
                rest_caller(
                    &Steps(&store),
                    &context(&clock, &entropy),
                    &incoming(&authorization),
                )
            };
            let (a, b) = (s.spawn(run), s.spawn(run));
            [a, b]
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| panic!("a request panicked")))
                .collect()
        });
        let accepted = outcomes
            .iter()
            .filter(|o| **o == Ok(Some(INTEGRATION_ID)))
            .count();
        let replayed = outcomes
            .iter()
            .filter(|o| {
                **o == Err(OauthError::NonceUsed {
                    consumer_id: CONSUMER_ID.to_string(),
                })
            })
            .count();
        assert_eq!((accepted, replayed), (1, 1), "{round}: {outcomes:?}");
    }
}
