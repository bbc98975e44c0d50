use crate::CatalogError;
use crate::customers::*;
use crate::error::Existing;

use super::{NOW, failing, storefront, with_store};

fn roni_address() -> NewAddress {
    NewAddress {
        firstname: "Veronica".into(),
        lastname: "Costello".into(),
        middlename: None,
        prefix: None,
        suffix: None,
        company: None,
        street: vec!["6146 Honey Bluff Parkway".into()],
        city: "Calder".into(),
        region: Region {
            region: Some("Michigan".into()),
            region_code: Some("MI".into()),
            region_id: Some(33),
        },
        country_id: "US".into(),
        postcode: Some("49628-7978".into()),
        telephone: "(555) 229-3326".into(),
        fax: None,
        vat_id: None,
        default_billing: true,
        default_shipping: true,
    }
}

fn roni() -> NewCustomer {
    NewCustomer {
        website_id: 1,
        store_id: 1,
        group_id: 1,
        email: "roni_cost@example.com".into(),
        firstname: "Veronica".into(),
        lastname: "Costello".into(),
        middlename: None,
        prefix: None,
        suffix: None,
        dob: Some("1973-12-15".into()),
        gender: Some(GENDER_FEMALE),
        taxvat: None,
        password_hash: Some("hash:salt:1".into()),
        is_active: true,
        disable_auto_group_change: false,
        addresses: vec![roni_address()],
    }
}

#[test]
fn a_customer_keeps_its_default_addresses_on_the_customer_row() {
    let (customer, addresses, by_email) = with_store(|tx| {
        storefront(tx)?;
        let id = insert_customer(tx, &roni(), NOW)?;
        Ok((
            customer_by_id(tx, id)?,
            customer_addresses(tx, id)?,
            customer_by_email(tx, "RONI_COST@example.com", 1)?,
        ))
    });
    let customer = customer.expect("customer");
    assert_eq!(
        (
            customer.id,
            customer.default_billing,
            customer.default_shipping,
            customer.created_in.as_deref(),
            customer.gender,
        ),
        (1, Some(1), Some(1), Some("Default Store View"), Some(2))
    );
    assert_eq!(by_email.map(|c| c.id), Some(1));
    let [address] = addresses.as_slice() else {
        panic!("one address expected, got {addresses:?}");
    };
    assert!(address.default_billing && address.default_shipping);
    assert_eq!(address.street, ["6146 Honey Bluff Parkway"]);
    assert_eq!(address.region.region_code.as_deref(), Some("MI"));
}

#[test]
fn e_mails_are_unique_per_website() {
    let err = failing(|tx| {
        storefront(tx)?;
        insert_customer(tx, &roni(), NOW)?;
        insert_customer(
            tx,
            &NewCustomer {
                email: "Roni_Cost@Example.com".into(),
                addresses: vec![],
                ..roni()
            },
            NOW,
        )
    });
    assert!(matches!(
        err,
        CatalogError::AlreadyExists(Existing::CustomerEmail(_))
    ));
}

#[test]
fn bad_customers_are_refused() {
    let cases: Vec<(NewCustomer, &str)> = vec![
        (
            NewCustomer {
                store_id: 0,
                ..roni()
            },
            "no store with storeId = `0`",
        ),
        (
            NewCustomer {
                group_id: 9,
                ..roni()
            },
            "no customer group with id = `9`",
        ),
        (
            NewCustomer {
                email: "roni".into(),
                ..roni()
            },
            "invalid email `roni`: not a valid e-mail address",
        ),
        (
            NewCustomer {
                dob: Some("15/12/1973".into()),
                ..roni()
            },
            "invalid dob `15/12/1973`: a date YYYY-MM-DD is expected",
        ),
        (
            NewCustomer {
                gender: Some(4),
                ..roni()
            },
            "invalid gender `4`: 1 (male), 2 (female) or 3 (not specified)",
        ),
        (
            NewCustomer {
                addresses: vec![roni_address(), roni_address()],
                ..roni()
            },
            "invalid default_billing `true`: only one address can be the default",
        ),
        (
            NewCustomer {
                addresses: vec![NewAddress {
                    country_id: "usa".into(),
                    ..roni_address()
                }],
                ..roni()
            },
            "invalid country_id `usa`: a two-letter ISO 3166 code in capitals (US, DE) is expected",
        ),
    ];
    for (customer, expected) in cases {
        let err = failing(|tx| {
            storefront(tx)?;
            insert_customer(tx, &customer, NOW)
        });
        assert_eq!(err.to_string(), expected);
    }
}
