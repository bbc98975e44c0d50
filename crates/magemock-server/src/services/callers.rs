//! Who is calling: the token service, the OAuth provider and the ACL grants behind a caller,
//! and the coverage report's counting.

use super::*;

impl Services {
    /// What token operations need from the instance.
    pub fn token_context(&self) -> magemock_tokens::TokenContext<'_> {
        magemock_tokens::TokenContext {
            clock: &self.clock,
            entropy: &self.entropy,
            version: self.options.magento_version,
        }
    }

    /// The caller behind a bearer token, if the token service recognises it, or an active
    /// integration's access token when integration tokens may be used as bearer tokens. Any
    /// failure to read it leaves the caller a guest, as TokenUserContext does.
    pub fn bearer_caller(&self, token: &str) -> Option<Caller> {
        let ctx = self.token_context();
        let user = match self.jwt_from_caches(&ctx, token) {
            Some(jwt) => jwt,
            None => self
                .store
                .read(|c| magemock_tokens::read(c, &ctx, token))
                .ok()
                .flatten(),
        };
        if let Some(user) = user {
            return Some(match user.kind {
                magemock_tokens::UserKind::Admin => Caller::Admin { id: user.id },
                magemock_tokens::UserKind::Customer => Caller::Customer { id: user.id },
            });
        }
        self.store
            .read(|c| {
                if !self.integration_bearer_allowed(c)? {
                    return Ok::<_, CoreError>(None);
                }
                // An unreadable token is simply no integration.
                Ok(magemock_oauth::provider::bearer_integration(c, token)
                    .ok()
                    .flatten())
            })
            .ok()
            .flatten()
            .map(|id| Caller::Integration { id })
    }

    /// `magemock_tokens::read` for a token that is a JWT of this instance, with the crypt key
    /// and the user's revocation mark from the request caches, so that a bearer request does
    /// not take the store's connection for them: `Some(user or none)` for such a token, `None`
    /// for anything else (not a JWT, no key), which the store then reads as before.
    fn jwt_from_caches(
        &self,
        ctx: &magemock_tokens::TokenContext<'_>,
        token: &str,
    ) -> Option<Option<magemock_tokens::TokenUser>> {
        let key = self
            .cached(&self.caches.crypt_key, (), magemock_tokens::crypt_key)
            .ok()??;
        let claims = magemock_tokens::jwt_claims(ctx, &key, token)?;
        // An unreadable mark leaves the caller a guest, as an error of `read` does.
        let user = self
            .cached(&self.caches.revocations, (claims.utypid, claims.uid), |c| {
                magemock_tokens::revoke_before(c, &claims)
            })
            .ok()
            .and_then(|mark| magemock_tokens::jwt_user_at(&claims, ctx.clock.unix(), mark));
        Some(user)
    }

    /// `oauth/consumer/enable_integration_as_bearer`; before 2.4.4 integration tokens were
    /// always accepted as bearer tokens.
    fn integration_bearer_allowed(&self, c: &rusqlite::Connection) -> Result<bool, CoreError> {
        if !self.options.magento_version.at_least(4, 4) {
            return Ok(true);
        }
        magemock_core::Settings::flag(c, "oauth/consumer/enable_integration_as_bearer")
    }

    pub fn provider_context(&self) -> magemock_oauth::provider::ProviderContext<'_> {
        magemock_oauth::provider::ProviderContext {
            clock: &self.clock,
            entropy: &self.entropy,
            version: self.options.magento_version,
        }
    }

    /// An OAuth-signed REST request: the integration when the signature and token check out
    /// and it is active, a guest without OAuth parameters, else Magento's REST error. The
    /// nonce is kept whatever the outcome.
    pub fn oauth_caller(
        &self,
        req: &crate::rest::caller::Request<'_>,
    ) -> Result<Caller, crate::rest::caller::Refused> {
        let ctx = self.provider_context();
        let incoming = magemock_oauth::provider::Incoming {
            http_method: req.method.as_bytes(),
            url: req.url.as_bytes(),
            authorization: req.authorization.map(str::as_bytes),
            content_type: req.content_type.map(str::as_bytes),
            body: req.body,
        };
        let outcome = magemock_oauth::provider::rest_caller(&SignedCall(self), &ctx, &incoming);
        match outcome {
            Ok(Some(id)) => {
                self.handshake.first_signed_call(id, self.clock.now_db());
                Ok(Caller::Integration { id })
            }
            Ok(None) => Ok(Caller::Guest),
            Err(e) => {
                let diagnostics = (e == magemock_oauth::OauthError::SignatureInvalid)
                    .then(|| {
                        diagnosis_json(&ctx, &incoming, "consumer secret & access-token secret")
                    })
                    .flatten();
                Err(crate::rest::caller::Refused {
                    error: Box::new(e.to_magento()),
                    diagnostics,
                })
            }
        }
    }

    /// `/oauth/token/request` or `/oauth/token/access`. The nonce (and any failure count) is
    /// committed whatever the outcome.
    pub fn oauth_token(
        &self,
        which: crate::oauth::Endpoint,
        incoming: &magemock_oauth::provider::Incoming<'_>,
    ) -> (
        Result<(String, String), magemock_oauth::OauthError>,
        Option<Value>,
    ) {
        let ctx = self.provider_context();
        let outcome = self
            .store
            .write(|tx| {
                Ok::<_, CoreError>(match which {
                    crate::oauth::Endpoint::Request => {
                        magemock_oauth::provider::request_token(tx, &ctx, incoming)
                    }
                    crate::oauth::Endpoint::Access => {
                        magemock_oauth::provider::access_token(tx, &ctx, incoming)
                    }
                })
            })
            .unwrap_or_else(|e| {
                Err(magemock_oauth::OauthError::Internal {
                    message: e.to_string(),
                })
            });
        let integration = self.integration_of_request(incoming);
        if let Some(id) = integration {
            let now = self.clock.now_db();
            match (&outcome, which) {
                (Ok(_), crate::oauth::Endpoint::Request) => self.handshake.request_token(id, now),
                (Ok(_), crate::oauth::Endpoint::Access) => self.handshake.access_token(id, now),
                (Err(e), step) => self
                    .handshake
                    .error(id, now, format!("{step:?} token: {e}")),
            }
        }
        let key = match which {
            crate::oauth::Endpoint::Request => "consumer secret & empty token secret",
            crate::oauth::Endpoint::Access => "consumer secret & request-token secret",
        };
        let diagnostics = matches!(outcome, Err(magemock_oauth::OauthError::SignatureInvalid))
            .then(|| diagnosis_json(&ctx, incoming, key))
            .flatten();
        (outcome, diagnostics)
    }

    /// The integration whose consumer key the request's OAuth header names, for the handshake
    /// report.
    fn integration_of_request(
        &self,
        incoming: &magemock_oauth::provider::Incoming<'_>,
    ) -> Option<i64> {
        let params = magemock_oauth::parse_authorization(incoming.authorization)?;
        let key = String::from_utf8_lossy(params.get_str("oauth_consumer_key")?).into_owned();
        self.store
            .read(|c| {
                let Some(consumer) = magemock_registry::stored::consumer_by_key(c, &key)? else {
                    return Ok(None);
                };
                Ok::<_, magemock_registry::RegistryError>(
                    magemock_registry::stored::list(c)?
                        .into_iter()
                        .find(|i| i.consumer_id == consumer.id)
                        .map(|i| i.id),
                )
            })
            .ok()
            .flatten()
    }

    /// The ACL grant behind a caller: an admin's role, an integration's resources; none for
    /// guests and customers (WebapiRoleLocator finds no role for them).
    pub fn caller_grant(&self, caller: &Caller) -> Option<magemock_acl::Grant> {
        self.caller_access(caller).grant.clone()
    }

    /// Counts an allowed request's resources for the ACL coverage report.
    pub fn record_coverage(&self, caller: &Caller, resources: &[&str]) {
        if let Some(holder) = self.caller_access(caller).holder {
            self.coverage.record(holder, resources);
        }
    }

    /// `self`: the customer's account is shared with the current store (per-website sharing:
    /// same website; global sharing: any store).
    pub fn customer_shares_store(&self, customer_id: i64, store: &StoreScope) -> bool {
        self.store
            .read(|c| {
                let global = magemock_core::Settings::get(c, "customer/account_share/scope")
                    .map_err(magemock_catalog::CatalogError::from)?
                    .as_deref()
                    == Some("0");
                let customer = magemock_catalog::customers::customer_by_id(c, customer_id)?;
                Ok::<_, magemock_catalog::CatalogError>(
                    customer.is_some_and(|cu| global || cu.website_id == Some(store.website_id)),
                )
            })
            .unwrap_or(false)
    }
}

/// The store behind a signed REST call. Every signed request stores a nonce, so this is the
/// one write on the OAuth GET path: it alone takes the store's write transaction; the
/// consumer, the token and the integration come from the request caches (a read on a miss),
/// and the provider computes the signature holding nothing.
struct SignedCall<'s>(&'s Services);

impl magemock_oauth::provider::CallStore for SignedCall<'_> {
    fn consumer_by_key(
        &self,
        key: &str,
    ) -> Result<Option<magemock_registry::stored::Consumer>, magemock_oauth::OauthError> {
        self.0
            .cached(&self.0.caches.oauth_consumers, key.to_owned(), |c| {
                magemock_oauth::provider::consumer_by_key(c, key)
            })
    }

    fn store_nonce(
        &self,
        nonce: &str,
        timestamp: i64,
        consumer_id: i64,
    ) -> Result<(), magemock_oauth::OauthError> {
        // The outcome of the insert is the inner result: the transaction commits either way.
        self.0.store.write(|tx| {
            Ok::<_, magemock_oauth::OauthError>(magemock_oauth::provider::insert_nonce(
                tx,
                nonce,
                timestamp,
                consumer_id,
            ))
        })?
    }

    fn token(
        &self,
        token: &[u8],
    ) -> Result<Option<magemock_oauth::provider::TokenRow>, magemock_oauth::OauthError> {
        self.0
            .cached(&self.0.caches.oauth_tokens, token.to_vec(), |c| {
                magemock_oauth::provider::token_by_value(c, token)
            })
    }

    fn active_integration(
        &self,
        consumer_id: i64,
    ) -> Result<Option<i64>, magemock_oauth::OauthError> {
        self.0
            .cached(&self.0.caches.active_integrations, consumer_id, |c| {
                magemock_oauth::provider::active_integration(c, consumer_id)
            })
    }
}

/// The signature diagnosis as the journal shows it.
fn diagnosis_json(
    ctx: &magemock_oauth::provider::ProviderContext<'_>,
    incoming: &magemock_oauth::provider::Incoming<'_>,
    key: &'static str,
) -> Option<Value> {
    let d = magemock_oauth::provider::diagnose(ctx, incoming, key)?;
    Some(json!({
        "problem": "signature mismatch",
        "base_string": d.base_string,
        "parameters": d.parameters.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        "signature_method": d.signature_method,
        "received_signature": d.received_signature,
        "key": d.key,
    }))
}
