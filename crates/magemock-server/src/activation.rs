//! What the admin's Activate / Reauthorize buttons do
//! (app/code/Magento/Integration/Controller/Adminhtml/Integration/TokensExchange.php,
//! Model/OauthService.php `postToConsumer`): start the consumer's window, create the verifier,
//! POST the credentials form to the integration's endpoint (Magento's timeout, no redirects, the
//! reply not inspected), and hand back the identity link; integrations without an endpoint are
//! given their access token at once.

use std::time::{Duration, Instant};

use magemock_core::{CoreError, Settings};
use magemock_registry::stored;
use serde_json::{Value, json};

use crate::journal::{self, Direction, Entry};
use crate::services::Services;

/// Model/OauthService.php `postToConsumer` (logged, then this is what the admin sees).
pub const POST_FAILED: &str = "Unable to post data to consumer due to an unexpected error";

#[derive(Debug, thiserror::Error)]
pub enum ActivationError {
    #[error("{0}")]
    Registry(#[from] magemock_registry::RegistryError),
    #[error("{0}")]
    Oauth(#[from] magemock_oauth::OauthError),
    #[error("{0}")]
    Store(#[from] CoreError),
    #[error("{POST_FAILED} ({0})")]
    PostFailed(String),
}

impl Services {
    /// Activates (or reauthorizes) integration `id` and answers what the admin page gets.
    pub fn activate(&self, id: i64, reauthorize: bool) -> Result<Value, ActivationError> {
        let ctx = self.provider_context();
        let integration = self.store.read(|c| stored::get(c, id))?;
        if reauthorize {
            self.store.write(|tx| {
                Ok::<_, ActivationError>(magemock_oauth::provider::reset_for_reauthorize(
                    tx,
                    &ctx,
                    integration.consumer_id,
                )?)
            })?;
        }
        let Some(endpoint) = integration.endpoint.clone() else {
            let (token, secret) = self.store.write(|tx| {
                Ok::<_, ActivationError>(magemock_oauth::provider::activate_locally(
                    tx,
                    &ctx,
                    integration.consumer_id,
                )?)
            })?;
            let consumer = self
                .store
                .read(|c| stored::consumer(c, integration.consumer_id))?;
            self.handshake.started(
                id,
                self.clock.now_db(),
                "no endpoint: activated at once".into(),
            );
            return Ok(json!({
                "integration_id": id,
                "oauth_consumer_key": consumer.as_ref().map(|c| c.key.clone()),
                "oauth_consumer_secret": consumer.as_ref().map(|c| c.secret.clone()),
                "oauth_token": token,
                "oauth_token_secret": secret,
                "status": 1,
            }));
        };
        let (activation, timeout) = self.store.write(|tx| {
            let activation =
                magemock_oauth::provider::prepare_activation(tx, &ctx, integration.consumer_id)?;
            let timeout = Settings::get_int(tx, "oauth/consumer/post_timeout")?.unwrap_or(5);
            Ok::<_, ActivationError>((activation, timeout))
        })?;
        let form = magemock_oauth::http_build_query(&[
            ("oauth_consumer_key", activation.consumer_key.as_bytes()),
            (
                "oauth_consumer_secret",
                activation.consumer_secret.as_bytes(),
            ),
            ("store_base_url", self.options.base_url.as_bytes()),
            ("oauth_verifier", activation.verifier.as_bytes()),
        ]);
        // Started before sending: a fast connector may be exchanging tokens before the POST
        // has returned.
        self.handshake
            .started(id, self.clock.now_db(), "sending".into());
        let posted = self.post_credentials(&endpoint, &form, timeout);
        let outcome = match &posted {
            Ok(status) => format!("HTTP {status}"),
            Err(e) => e.clone(),
        };
        self.handshake.posted(id, outcome);
        if let Err(e) = posted {
            return Err(ActivationError::PostFailed(e));
        }
        let identity_link_url = integration.identity_link_url.as_ref().map(|link| {
            let callback = format!(
                "{}/__magemock/integrations/{id}/success",
                self.options.base_url.trim_end_matches('/')
            );
            let query = magemock_oauth::http_build_query(&[
                ("oauth_consumer_key", activation.consumer_key.as_bytes()),
                ("success_call_back", callback.as_bytes()),
            ]);
            let sep = if link.contains('?') { '&' } else { '?' };
            format!("{link}{sep}{query}")
        });
        Ok(json!({
            "integration_id": id,
            "identity_link_url": identity_link_url,
            "oauth_consumer_key": activation.consumer_key,
        }))
    }

    /// The admin page's Allow for an integration without both an endpoint and an identity link
    /// (Controller/Adminhtml/Integration/TokensDialog.php, `OauthService::createAccessToken`):
    /// no POST; the access token is made here and the integration is Active. An existing token
    /// is kept unless reauthorizing, as `createAccessToken` does without `$clearExistingToken`.
    pub fn activate_without_exchange(
        &self,
        id: i64,
        reauthorize: bool,
    ) -> Result<(), ActivationError> {
        let ctx = self.provider_context();
        self.store.write(|tx| {
            let integration = stored::get(tx, id)?;
            if reauthorize {
                magemock_oauth::provider::reset_for_reauthorize(tx, &ctx, integration.consumer_id)?;
            } else if stored::access_token(tx, integration.consumer_id)?.is_some() {
                return Ok(());
            }
            magemock_oauth::provider::activate_locally(tx, &ctx, integration.consumer_id)?;
            Ok::<_, ActivationError>(())
        })?;
        self.handshake.started(
            id,
            self.clock.now_db(),
            "admin page: no token exchange, activated at once".into(),
        );
        Ok(())
    }

    /// The form POST to the endpoint; any completed HTTP exchange counts as delivered.
    fn post_credentials(
        &self,
        endpoint: &str,
        form: &str,
        timeout_secs: i64,
    ) -> Result<u16, String> {
        let started = Instant::now();
        let client = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(
                u64::try_from(timeout_secs.max(1)).unwrap_or(5),
            ))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.to_string());
        let result = client.and_then(|c| {
            c.post(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form.to_string())
                .send()
                .map(|r| r.status().as_u16())
                .map_err(|e| e.to_string())
        });
        tracing::info!(
            endpoint,
            micros = started.elapsed().as_micros() as u64,
            ok = result.is_ok(),
            "activation post"
        );
        self.journal.record(Entry {
            seq: 0,
            at: self.clock.now_db(),
            direction: Direction::Outbound,
            method: "POST".into(),
            path: endpoint.to_string(),
            status: *result.as_ref().unwrap_or(&0),
            caller: "magemock".into(),
            caller_id: None,
            route: Some("Magento\\Integration\\Model\\OauthService::postToConsumer".into()),
            acl: None,
            diagnostics: None,
            request_body: journal::excerpt(form.as_bytes()),
            response_body: match &result {
                Ok(_) => String::new(),
                Err(e) => format!("transport error: {e}"),
            },
        });
        result
    }

    /// Whether the integration is Active, or its consumer window has run out (by the clock).
    pub fn activation_settled(&self, id: i64) -> bool {
        self.store
            .read(|c| {
                let i = stored::get(c, id)?;
                if i.status == magemock_registry::Status::Active {
                    return Ok(true);
                }
                let consumer = stored::consumer(c, i.consumer_id)?;
                let period =
                    Settings::get_int(c, "oauth/consumer/expiration_period")?.unwrap_or(300);
                let started = consumer
                    .and_then(|c| c.updated_at)
                    .as_deref()
                    .and_then(magemock_core::clock::parse_instant)
                    .map_or(0, |t| t.timestamp());
                Ok::<_, magemock_registry::RegistryError>(self.clock.unix() - started >= period)
            })
            .unwrap_or(true)
    }
}

impl ActivationError {
    pub fn status(&self) -> u16 {
        match self {
            ActivationError::Registry(magemock_registry::RegistryError::NoSuchId(_)) => 404,
            ActivationError::PostFailed(_) => 502,
            ActivationError::Registry(_) | ActivationError::Oauth(_) => 400,
            ActivationError::Store(_) => 500,
        }
    }
}
