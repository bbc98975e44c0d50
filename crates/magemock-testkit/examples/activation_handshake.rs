//! Test the activation handshake: the admin clicks Activate, magemock POSTs the consumer
//! credentials to the connector's endpoint, the connector trades them for an access token
//! (`/oauth/token/request`, `/oauth/token/access`) and signs its first call with it. The test
//! plays the admin with the client and checks each step.
//!
//! `cargo test -p magemock-testkit --example activation_handshake`
//!
//! The connector signs with the `oauth1-request` crate, which ships HMAC-SHA1 only; Magento
//! dropped that method in 2.4.4, so the store emulates 2.4.3. A connector with an HMAC-SHA256
//! signer tests against the default 2.4.8 the same way.

// Only the tests below use the connector; a plain build (`main`) leaves it unused.
#![cfg_attr(not(test), allow(dead_code))]

/// The code under test: an ERP connector's side of the activation.
mod connector {
    use std::collections::HashMap;

    use actix_web::{App, HttpResponse, HttpServer, web};
    use tokio::sync::{Mutex, mpsc};

    /// What Magento POSTs to the endpoint when the admin activates the integration.
    #[derive(Debug, Clone)]
    pub struct Credentials {
        pub consumer_key: String,
        pub consumer_secret: String,
        pub store_base_url: String,
        pub verifier: String,
    }

    /// Everything a signed call needs.
    #[derive(Debug, Clone)]
    pub struct Session {
        pub credentials: Credentials,
        pub token: String,
        pub token_secret: String,
    }

    pub struct Connector {
        /// The URL to give the integration as its endpoint.
        pub endpoint: String,
        posted: Mutex<mpsc::UnboundedReceiver<Credentials>>,
        http: reqwest::Client,
    }

    impl Connector {
        /// Starts the endpoint on 127.0.0.1 and a free port. It runs on its own thread (actix
        /// brings its own runtime) until the test process ends.
        pub fn start() -> std::io::Result<Self> {
            let (tx, posted) = mpsc::unbounded_channel();
            let (bound, port) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                actix_web::rt::System::new().block_on(async move {
                    let server = HttpServer::new(move || {
                        let tx = tx.clone();
                        App::new().route(
                            "/magento/endpoint",
                            web::post().to(move |form: web::Form<HashMap<String, String>>| {
                                let tx = tx.clone();
                                async move {
                                    let field = |k: &str| form.get(k).cloned().unwrap_or_default();
                                    let _ = tx.send(Credentials {
                                        consumer_key: field("oauth_consumer_key"),
                                        consumer_secret: field("oauth_consumer_secret"),
                                        store_base_url: field("store_base_url"),
                                        verifier: field("oauth_verifier"),
                                    });
                                    HttpResponse::Ok().finish()
                                }
                            }),
                        )
                    })
                    .workers(1)
                    .bind("127.0.0.1:0");
                    match server {
                        Ok(server) => {
                            let _ = bound.send(Ok(server.addrs()[0].port()));
                            let _ = server.run().await;
                        }
                        Err(e) => {
                            let _ = bound.send(Err(e));
                        }
                    }
                });
            });
            let port = port.recv().map_err(std::io::Error::other)??;
            Ok(Self {
                endpoint: format!("http://127.0.0.1:{port}/magento/endpoint"),
                posted: Mutex::new(posted),
                http: reqwest::Client::new(),
            })
        }

        /// Waits for Magento's credentials POST, then runs the OAuth 1.0a exchange.
        pub async fn complete_handshake(
            &self,
            consumer_secret: Option<&str>,
        ) -> Result<Session, String> {
            let mut credentials = self
                .posted
                .lock()
                .await
                .recv()
                .await
                .ok_or("the endpoint stopped")?;
            if let Some(secret) = consumer_secret {
                // a connector bug, for the test that shows how it is caught
                credentials.consumer_secret = secret.into();
            }
            let consumer = (
                credentials.consumer_key.as_str(),
                credentials.consumer_secret.as_str(),
            );
            let url = format!("{}oauth/token/request", credentials.store_base_url);
            let (request_token, request_secret) = self
                .token_call(&url, sign("POST", &url, consumer, None, None))
                .await?;
            let url = format!("{}oauth/token/access", credentials.store_base_url);
            let header = sign(
                "POST",
                &url,
                consumer,
                Some((&request_token, &request_secret)),
                Some(&credentials.verifier),
            );
            let (token, token_secret) = self.token_call(&url, header).await?;
            Ok(Session {
                credentials,
                token,
                token_secret,
            })
        }

        async fn token_call(
            &self,
            url: &str,
            authorization: String,
        ) -> Result<(String, String), String> {
            let answer = self
                .http
                .post(url)
                .header("Authorization", authorization)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = answer.status();
            let body = answer.text().await.map_err(|e| e.to_string())?;
            if !status.is_success() {
                return Err(format!("{url} answered {status}: {body}"));
            }
            let field = |name: &str| {
                body.split('&')
                    .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
                    .map(str::to_string)
                    .ok_or_else(|| format!("no {name} in {body}"))
            };
            Ok((field("oauth_token")?, field("oauth_token_secret")?))
        }

        /// A REST call signed with the session's access token.
        pub async fn get(&self, session: &Session, path: &str) -> Result<u16, String> {
            let url = format!(
                "{}{}",
                session.credentials.store_base_url,
                path.trim_start_matches('/')
            );
            let consumer = (
                session.credentials.consumer_key.as_str(),
                session.credentials.consumer_secret.as_str(),
            );
            let header = sign(
                "GET",
                &url,
                consumer,
                Some((&session.token, &session.token_secret)),
                None,
            );
            let answer = self
                .http
                .get(&url)
                .header("Authorization", header)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            Ok(answer.status().as_u16())
        }
    }

    /// An `Authorization: OAuth ...` value; the nonce is random and the timestamp the
    /// connector's clock, as in production.
    fn sign(
        method: &str,
        url: &str,
        consumer: (&str, &str),
        token: Option<(&str, &str)>,
        verifier: Option<&str>,
    ) -> String {
        let mut builder = oauth1_request::Builder::new(
            oauth1_request::Credentials::new(consumer.0, consumer.1),
            oauth1_request::HMAC_SHA1,
        );
        if let Some((token, secret)) = token {
            builder.token(oauth1_request::Credentials::new(token, secret));
        }
        builder.verifier(verifier);
        builder.authorize(method, url, &())
    }
}

fn main() {
    println!(
        "the activation guide runs as tests: cargo test -p magemock-testkit --example activation_handshake"
    );
}

#[cfg(test)]
mod tests {
    use magemock_testkit::{Method, NewIntegration, StoreOptions, TestStore, Wait};

    use super::connector::Connector;

    /// The connector signs with its own clock, so magemock's runs too (it is frozen by
    /// default, in the past of any real clock).
    async fn store() -> TestStore {
        let options = StoreOptions::default()
            .magento_version("2.4.3")
            .expect("a known release")
            .running_clock();
        TestStore::start_with(options)
            .await
            .expect("magemock starts")
    }

    #[tokio::test]
    async fn the_connector_completes_the_handshake() {
        let store = store().await;
        let client = store.client();
        let connector = Connector::start().expect("endpoint listens");
        let integration = client
            .create_integration(
                &NewIntegration::with_resources(
                    "AcmeErp",
                    "dev@acme.example",
                    ["Magento_Catalog::products"],
                )
                .endpoint(&connector.endpoint),
            )
            .await
            .expect("created");

        // the admin clicks Activate and the page waits, while the connector does its part
        let (activation, session) = tokio::join!(
            client.activate(integration.id, Wait::ForExchange),
            connector.complete_handshake(None),
        );
        let session = session.expect("the exchange succeeds");
        let active = activation
            .expect("activated")
            .integration
            .expect("with a wait, the integration comes back");
        assert_eq!(active.status_label, "Active");
        assert_eq!(active.token.as_deref(), Some(session.token.as_str()));
        assert_eq!(
            session.credentials.store_base_url,
            format!("{}/", store.base_url())
        );

        // the first signed call, inside and outside the grant
        assert_eq!(
            connector.get(&session, "/rest/V1/products/24-MB01").await,
            Ok(200)
        );
        assert_eq!(
            connector.get(&session, "/rest/V1/customers/1").await,
            Ok(401)
        );

        let report = client
            .handshake_report(integration.id)
            .await
            .expect("report");
        let posted = report.credentials_posted.expect("credentials posted");
        assert_eq!(posted.outcome, "HTTP 200");
        assert!(report.request_token.is_some() && report.access_token.is_some());
        assert!(report.first_signed_call.is_some());

        let journal = store.journal().await.expect("journal");
        journal.expect(Method::Post, &connector.endpoint).times(1);
        journal
            .expect(Method::Post, "/oauth/token/request")
            .times(1);
        journal.expect(Method::Post, "/oauth/token/access").times(1);
        let signed = journal.expect(Method::Get, "/V1/products/24-MB01").times(1);
        assert_eq!(
            (signed[0].caller.as_str(), signed[0].caller_id),
            ("integration", Some(integration.id))
        );
    }

    #[tokio::test]
    async fn a_wrong_secret_is_reported_step_by_step() {
        let store = store().await;
        let client = store.client();
        let connector = Connector::start().expect("endpoint listens");
        let integration = client
            .create_integration(
                &NewIntegration::new("AcmeErp", "dev@acme.example").endpoint(&connector.endpoint),
            )
            .await
            .expect("created");
        let (activation, session) = tokio::join!(
            client.activate(integration.id, Wait::No),
            connector.complete_handshake(Some("not-the-secret")),
        );
        activation.expect("the credentials were posted");
        let refused = session.expect_err("a bad signature");
        assert!(
            refused.contains("answered 401") && refused.contains("signature"),
            "{refused}"
        );

        // what a developer looks at: the step that failed and what magemock signed
        let report = client
            .handshake_report(integration.id)
            .await
            .expect("report");
        assert!(report.request_token.is_none());
        let error = report.last_error.expect("the failure is recorded");
        assert!(error.outcome.contains("signature"), "{error:?}");
        let journal = store.journal().await.expect("journal");
        let failed = journal
            .expect(Method::Post, "/oauth/token/request")
            .times(1);
        assert_eq!(failed[0].status, 401);
        assert!(
            failed[0].diagnostics.is_some(),
            "the base string magemock computed"
        );
    }
}
