//! Test a connector's token flow: a connector that logs in with an admin's credentials, keeps
//! the token, and logs in again when Magento stops accepting it. magemock's clock moves the
//! token past its lifetime without a test that sleeps.
//!
//! `cargo test -p magemock-testkit --example token_flow`

// Only the tests below use the connector; a plain build (`main`) leaves it unused.
#![cfg_attr(not(test), allow(dead_code))]

/// The code under test: an ERP connector's Magento client. In your project it is your crate;
/// the tests below are what you would put in its `tests/` folder.
mod connector {
    use std::sync::Mutex;

    pub struct Magento {
        base_url: String,
        username: String,
        password: String,
        http: reqwest::Client,
        token: Mutex<Option<String>>,
    }

    impl Magento {
        pub fn new(base_url: &str, username: &str, password: &str) -> Self {
            Self {
                base_url: base_url.trim_end_matches('/').to_string(),
                username: username.into(),
                password: password.into(),
                http: reqwest::Client::new(),
                token: Mutex::new(None),
            }
        }

        fn cached(&self) -> Option<String> {
            // a panic elsewhere leaves a valid Option behind
            self.token.lock().unwrap_or_else(|e| e.into_inner()).clone()
        }

        fn cache(&self, token: Option<String>) {
            *self.token.lock().unwrap_or_else(|e| e.into_inner()) = token;
        }

        async fn log_in(&self) -> Result<String, String> {
            let answer = self
                .http
                .post(format!("{}/rest/V1/integration/admin/token", self.base_url))
                .json(&serde_json::json!({"username": self.username, "password": self.password}))
                .send()
                .await
                .map_err(|e| e.to_string())?;
            if !answer.status().is_success() {
                let body: serde_json::Value = answer.json().await.map_err(|e| e.to_string())?;
                return Err(format!("Magento refused the login: {}", body["message"]));
            }
            let token: String = answer.json().await.map_err(|e| e.to_string())?;
            self.cache(Some(token.clone()));
            Ok(token)
        }

        /// A product's name; one new login when the cached token is refused.
        pub async fn product_name(&self, sku: &str) -> Result<String, String> {
            let mut fresh = false;
            loop {
                let token = match self.cached() {
                    Some(token) => token,
                    None => {
                        fresh = true;
                        self.log_in().await?
                    }
                };
                let answer = self
                    .http
                    .get(format!("{}/rest/V1/products/{sku}", self.base_url))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                if answer.status() == 401 && !fresh {
                    self.cache(None);
                    continue;
                }
                let product: serde_json::Value = answer.json().await.map_err(|e| e.to_string())?;
                return product["name"]
                    .as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("no product name in {product}"));
            }
        }
    }
}

fn main() {
    println!(
        "the token flow guide runs as tests: cargo test -p magemock-testkit --example token_flow"
    );
}

#[cfg(test)]
mod tests {
    use magemock_testkit::{ADMIN_PASSWORD, Method, TestStore};

    use super::connector::Magento;

    #[tokio::test]
    async fn logs_in_once_and_reuses_the_token() {
        let store = TestStore::start().await.expect("magemock starts");
        let magento = Magento::new(store.base_url(), "admin", ADMIN_PASSWORD);

        assert_eq!(
            magento.product_name("24-MB01").await.as_deref(),
            Ok("Joust Duffle Bag")
        );
        assert_eq!(
            magento.product_name("24-MB04").await.as_deref(),
            Ok("Strive Shoulder Pack")
        );

        let journal = store.journal().await.expect("journal");
        journal
            .expect(Method::Post, "/V1/integration/admin/token")
            .times(1);
        journal.expect(Method::Get, "/V1/products/24-MB01").times(1);
        journal.expect(Method::Get, "/V1/products/24-MB04").times(1);
    }

    #[tokio::test]
    async fn logs_in_again_when_the_token_expires() {
        let store = TestStore::start().await.expect("magemock starts");
        let magento = Magento::new(store.base_url(), "admin", ADMIN_PASSWORD);
        assert!(magento.product_name("24-MB01").await.is_ok());

        // admin JWTs live 60 minutes (webapi/jwtauth/admin_expiration): one second past that
        store
            .client()
            .advance_clock(3601)
            .await
            .expect("clock moves");
        assert_eq!(
            magento.product_name("24-MB01").await.as_deref(),
            Ok("Joust Duffle Bag")
        );

        let journal = store.journal().await.expect("journal");
        journal
            .expect(Method::Post, "/V1/integration/admin/token")
            .times(2);
        let reads: Vec<u16> = journal
            .expect(Method::Get, "/V1/products/24-MB01")
            .times(3)
            .iter()
            .map(|e| e.status)
            .collect();
        assert_eq!(
            reads,
            [200, 401, 200],
            "read, refused, read after the new login"
        );
    }

    #[tokio::test]
    async fn a_shorter_lifetime_is_one_config_value() {
        let store = TestStore::start().await.expect("magemock starts");
        let client = store.client();
        client
            .set_config("webapi/jwtauth/admin_expiration", "5")
            .await
            .expect("config");
        let magento = Magento::new(store.base_url(), "admin", ADMIN_PASSWORD);
        assert!(magento.product_name("24-MB01").await.is_ok());
        client.advance_clock(5 * 60 + 1).await.expect("clock moves");
        assert!(magento.product_name("24-MB01").await.is_ok());
        store
            .journal()
            .await
            .expect("journal")
            .expect(Method::Post, "/V1/integration/admin/token")
            .times(2);
    }

    #[tokio::test]
    async fn a_wrong_password_surfaces_magento_s_message() {
        let store = TestStore::start().await.expect("magemock starts");
        let magento = Magento::new(store.base_url(), "admin", "not-the-password");
        let refused = magento.product_name("24-MB01").await;
        assert_eq!(
            refused,
            Err("Magento refused the login: \"The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.\"".into())
        );
        store
            .journal()
            .await
            .expect("journal")
            .expect(Method::Get, "/V1/products/24-MB01")
            .times(0);
    }
}
