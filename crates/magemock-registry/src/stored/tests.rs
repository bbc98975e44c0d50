use magemock_acl::{AclResourceId, Grant};
use magemock_core::{Clock, Entropy, Store};

use super::*;
use crate::declared::{DeclaredIntegration, Origin};

fn with_store(f: impl FnOnce(&rusqlite::Transaction<'_>, &RegistryContext<'_>)) {
    let (store, _) = Store::open(None).expect("store");
    let clock =
        Clock::frozen(magemock_core::clock::parse_instant("2026-01-01 00:00:00").expect("t"));
    let entropy = Entropy::new(1);
    let ctx = RegistryContext {
        clock: &clock,
        entropy: &entropy,
    };
    store
        .write(|tx| {
            f(tx, &ctx);
            Ok::<_, magemock_core::CoreError>(())
        })
        .expect("write");
}

fn manual(name: &str) -> NewIntegration {
    NewIntegration {
        name: name.into(),
        email: "dev@acme.example".into(),
        endpoint: Some("https://erp.acme.example/endpoint".into()),
        identity_link_url: None,
        setup_type: SetupType::Manual,
        status: Status::Inactive,
        grant: Grant::All,
    }
}

fn declared(email: &str, resources: &[&str], origin: Origin) -> DeclaredIntegration {
    DeclaredIntegration {
        name: "AcmeErp".into(),
        email: email.into(),
        endpoint_url: Some("https://erp.acme.example/endpoint".into()),
        identity_link_url: None,
        resources: resources.iter().map(|r| (*r).to_string()).collect(),
        origin,
        files: vec!["app/code/Acme/Erp/etc/integration.xml".into()],
    }
}

/// IntegrationService::create: consumer `Integration<id>` with 32-char key and secret.
#[test]
fn create_makes_a_consumer_and_refuses_duplicate_names() {
    with_store(|tx, ctx| {
        let i = create(tx, ctx, &manual("AcmeErp")).expect("created");
        let c = consumer(tx, i.consumer_id)
            .expect("read")
            .expect("consumer");
        assert_eq!(c.name, format!("Integration{}", i.id));
        assert_eq!((c.key.len(), c.secret.len()), (32, 32));
        assert_eq!(grant_of(tx, i.id).expect("grant"), Grant::All);
        let dup = create(tx, ctx, &manual("AcmeErp")).expect_err("duplicate");
        assert_eq!(
            dup.to_string(),
            "The integration with name \"AcmeErp\" exists."
        );
        assert!(matches!(
            create(
                tx,
                ctx,
                &NewIntegration {
                    email: "nope".into(),
                    ..manual("X2")
                }
            ),
            Err(RegistryError::Invalid(_))
        ));
        assert!(matches!(get(tx, 99), Err(RegistryError::NoSuchId(99))));
    });
}

#[test]
fn delete_takes_consumer_grant_and_tokens_along() {
    with_store(|tx, ctx| {
        let i = create(tx, ctx, &manual("AcmeErp")).expect("created");
        tx.execute(
            "INSERT INTO oauth_token(consumer_id, type, token, secret, created_at) VALUES (?1, 'access', 't', 's', 'now')",
            [i.consumer_id],
        )
        .expect("token");
        delete(tx, i.id).expect("deleted");
        assert!(consumer(tx, i.consumer_id).expect("read").is_none());
        assert_eq!(access_token(tx, i.consumer_id).expect("read"), None);
        assert_eq!(grant_of(tx, i.id).expect("grant"), Grant::none());
    });
}

/// ConfigBasedIntegrationManager.php: new → created; same → untouched; changed → re-created
/// with status 2 and a new consumer; the legacy pair only updates in place.
#[test]
fn sync_follows_config_based_integration_manager() {
    let tree = magemock_acl::default_tree().expect("tree");
    with_store(|tx, ctx| {
        let first = declared(
            "dev@acme.example",
            &["Magento_Catalog::products"],
            Origin::Consolidated,
        );
        let r = sync_declared(tx, ctx, &tree, std::slice::from_ref(&first)).expect("sync");
        assert_eq!(r.created, vec!["AcmeErp"]);
        let created = by_name(tx, "AcmeErp").expect("read").expect("there");
        assert_eq!(
            (created.status, created.setup_type),
            (Status::Inactive, SetupType::Config)
        );
        let Grant::Resources(set) = grant_of(tx, created.id).expect("grant") else {
            panic!("a resource set");
        };
        for id in [
            "Magento_Backend::admin",
            "Magento_Catalog::catalog",
            "Magento_Catalog::catalog_inventory",
            "Magento_Catalog::products",
        ] {
            assert!(
                set.contains(&AclResourceId::try_from(id).expect("id")),
                "{id}"
            );
        }
        let r = sync_declared(tx, ctx, &tree, std::slice::from_ref(&first)).expect("sync");
        assert_eq!(r.unchanged, vec!["AcmeErp"]);

        let changed = declared(
            "ops@acme.example",
            &["Magento_Catalog::products"],
            Origin::Consolidated,
        );
        let r = sync_declared(tx, ctx, &tree, &[changed]).expect("sync");
        assert_eq!(r.recreated, vec!["AcmeErp"]);
        let recreated = by_name(tx, "AcmeErp").expect("read").expect("there");
        assert_ne!(recreated.id, created.id);
        assert_eq!(recreated.status, Status::Recreated);
        assert!(consumer(tx, created.consumer_id).expect("read").is_none());

        let legacy = declared(
            "legacy@acme.example",
            &["Magento_Customer::manage"],
            Origin::Legacy,
        );
        let r = sync_declared(tx, ctx, &tree, &[legacy]).expect("sync");
        assert_eq!(r.updated, vec!["AcmeErp"]);
        let updated = by_name(tx, "AcmeErp").expect("read").expect("there");
        assert_eq!(
            (updated.id, updated.status, updated.email.as_str()),
            (recreated.id, Status::Recreated, "legacy@acme.example")
        );
    });
}

#[test]
fn unknown_declared_resources_are_named() {
    let tree = magemock_acl::default_tree().expect("tree");
    with_store(|tx, ctx| {
        let bad = declared(
            "dev@acme.example",
            &["Acme_Erp::nothing"],
            Origin::Consolidated,
        );
        let err = sync_declared(tx, ctx, &tree, &[bad]).expect_err("unknown");
        assert!(err.to_string().contains("Acme_Erp::nothing"), "{err}");
    });
}

#[test]
fn config_integrations_cannot_be_edited_by_hand() {
    with_store(|tx, ctx| {
        let i = create(
            tx,
            ctx,
            &NewIntegration {
                setup_type: SetupType::Config,
                ..manual("AcmeErp")
            },
        )
        .expect("created");
        let err = update(tx, ctx, i.id, &IntegrationChanges::default()).expect_err("refused");
        assert!(matches!(err, RegistryError::ConfigBased(_)));
    });
}
