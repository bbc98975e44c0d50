//! Snapshot a product sync: a PIM connector pushes its catalogue into Magento; the test
//! snapshots what the connector sent, what Magento then holds, and the journal of the
//! exchange. Nothing is redacted: magemock's ids, timestamps and tokens are the same on every
//! run (seeded store, frozen clock).
//!
//! `cargo test -p magemock-testkit --example product_sync`

// Only the tests below use the connector; a plain build (`main`) leaves it unused.
#![cfg_attr(not(test), allow(dead_code))]

/// The code under test: a PIM connector's upsert of its products.
mod connector {
    use serde_json::{Value, json};

    pub struct PimProduct {
        pub sku: &'static str,
        pub name: &'static str,
        pub price: f64,
        pub qty: f64,
    }

    /// Creates or updates each product (`PUT /V1/products/:sku` creates an unknown SKU) with
    /// its stock; answers the ids Magento gave them.
    pub async fn push(
        http: &reqwest::Client,
        base_url: &str,
        token: &str,
        products: &[PimProduct],
    ) -> Result<Vec<i64>, String> {
        let mut ids = Vec::new();
        for p in products {
            let body = json!({"product": {
                "sku": p.sku,
                "name": p.name,
                "price": p.price,
                "attribute_set_id": 4,
                "type_id": "simple",
                "status": 1,
                "visibility": 4,
                "extension_attributes": {"stock_item": {"qty": p.qty, "is_in_stock": p.qty > 0.0}},
            }});
            let answer = http
                .put(format!("{base_url}/rest/V1/products/{}", p.sku))
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = answer.status();
            let saved: Value = answer.json().await.map_err(|e| e.to_string())?;
            if !status.is_success() {
                return Err(format!(
                    "{} refused ({status}): {}",
                    p.sku, saved["message"]
                ));
            }
            ids.push(saved["id"].as_i64().ok_or("no id in the answer")?);
        }
        Ok(ids)
    }
}

fn main() {
    println!(
        "the product sync guide runs as tests: cargo test -p magemock-testkit --example product_sync"
    );
}

#[cfg(test)]
mod tests {
    use magemock_testkit::{Method, TestStore, snapshot_settings};
    use serde_json::Value;

    use super::connector::{PimProduct, push};

    const CATALOGUE: &[PimProduct] = &[
        PimProduct {
            sku: "PIM-1",
            name: "Trail Mug",
            price: 12.5,
            qty: 40.0,
        },
        PimProduct {
            sku: "PIM-2",
            name: "Summit Flask",
            price: 24.0,
            qty: 0.0,
        },
        // already in the store: an update
        PimProduct {
            sku: "24-MB01",
            name: "Joust Duffle Bag",
            price: 36.0,
            qty: 80.0,
        },
    ];

    #[tokio::test]
    async fn the_sync_snapshot() {
        let store = TestStore::start().await.expect("magemock starts");
        let client = store.client();
        let token = client.admin_token("admin").await.expect("token");

        let ids = push(client.http(), store.base_url(), &token, CATALOGUE)
            .await
            .expect("pushed");
        assert_eq!(ids.len(), 3);

        // what the connector sent, as magemock journaled it
        let journal = store.journal().await.expect("journal");
        let sent: Value = journal
            .expect(Method::Put, "/V1/products/PIM-1")
            .times(1)
            .first()
            .map(|e| serde_json::from_str(&e.request_body).unwrap_or(Value::Null))
            .unwrap_or_default();

        // what Magento holds now, as the connector's next read would see it
        let mut held = Vec::new();
        for p in CATALOGUE {
            let product: Value = client
                .http()
                .get(client.url(&format!(
                    "/rest/V1/products/{}?fields=id,sku,name,price,updated_at,\
                     extension_attributes[website_ids,stock_item[qty,is_in_stock]]",
                    p.sku
                )))
                .bearer_auth(&token)
                .send()
                .await
                .expect("read back")
                .json()
                .await
                .expect("JSON");
            held.push(product);
        }

        snapshot_settings().bind(|| {
            insta::assert_snapshot!(journal.to_string(), @r#"
            #1 PUT /rest/V1/products/PIM-1 → 200 (admin 1)
            #2 PUT /rest/V1/products/PIM-2 → 200 (admin 1)
            #3 PUT /rest/V1/products/24-MB01 → 200 (admin 1)
            "#);
            // the journal keeps the first 2 KiB of each body
            insta::assert_json_snapshot!(sent, @r#"
            {
              "product": {
                "sku": "PIM-1",
                "name": "Trail Mug",
                "price": 12.5,
                "attribute_set_id": 4,
                "type_id": "simple",
                "status": 1,
                "visibility": 4,
                "extension_attributes": {
                  "stock_item": {
                    "qty": 40.0,
                    "is_in_stock": true
                  }
                }
              }
            }
            "#);
            // a new product's id, and its timestamps from the frozen clock, are the same on
            // every run
            insta::assert_json_snapshot!(held, @r#"
            [
              {
                "id": 51,
                "sku": "PIM-1",
                "name": "Trail Mug",
                "price": 12.5,
                "updated_at": "2026-01-15 10:00:00",
                "extension_attributes": {
                  "website_ids": [
                    1
                  ],
                  "stock_item": {
                    "qty": 40,
                    "is_in_stock": true
                  }
                }
              },
              {
                "id": 52,
                "sku": "PIM-2",
                "name": "Summit Flask",
                "price": 24,
                "updated_at": "2026-01-15 10:00:00",
                "extension_attributes": {
                  "website_ids": [
                    1
                  ],
                  "stock_item": {
                    "qty": 0,
                    "is_in_stock": false
                  }
                }
              },
              {
                "id": 1,
                "sku": "24-MB01",
                "name": "Joust Duffle Bag",
                "price": 36,
                "updated_at": "2026-01-15 10:00:00",
                "extension_attributes": {
                  "website_ids": [
                    1
                  ],
                  "stock_item": {
                    "qty": 80,
                    "is_in_stock": true
                  }
                }
              }
            ]
            "#);
        });
    }
}
