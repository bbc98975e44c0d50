//! What the builders turn into: environment, copied files, mounts.

use std::borrow::Cow;

use testcontainers::Image;

use super::*;

fn env(image: &Magemock) -> Vec<(String, String)> {
    image
        .env_vars()
        .into_iter()
        .map(|(k, v)| {
            let (k, v): (Cow<'_, str>, Cow<'_, str>) = (k.into(), v.into());
            (k.into_owned(), v.into_owned())
        })
        .collect()
}

#[track_caller]
fn check(image: &Magemock, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect();
    assert_eq!(env(image), expected);
}

#[test]
fn the_default_image_sets_nothing() {
    let image = Magemock::default();
    check(&image, &[]);
    assert_eq!(
        (image.name(), image.tag()),
        ("magemock", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(image.expose_ports(), &[ContainerPort::Tcp(8080)]);
    assert_eq!(image.copy_to_sources().into_iter().count(), 0);
}

#[test]
fn settings_become_magemock_env_and_the_last_value_wins() {
    check(
        &Magemock::default()
            .with_seed(7)
            .with_magento_version("2.4.3-p2")
            .with_frozen_clock("2024-04-08 10:00:00")
            .with_journal_size(50)
            .with_base_url("http://localhost:18080/")
            .with_seed(8),
        &[
            ("MAGEMOCK_MAGENTO_VERSION", "2.4.3-p2"),
            ("MAGEMOCK_FREEZE_AT", "2024-04-08 10:00:00"),
            ("MAGEMOCK_JOURNAL_SIZE", "50"),
            ("MAGEMOCK_BASE_URL", "http://localhost:18080/"),
            ("MAGEMOCK_SEED", "8"),
        ],
    );
}

#[test]
fn extra_fixtures_load_after_the_default_store_and_config_last() {
    let image = Magemock::default()
        .with_config("oauth/access_token_lifetime/admin", "1")
        .with_fixture("my store.xml", "<magemock/>")
        .with_fixture("../../etc/passwd", "<magemock/>");
    check(
        &image,
        &[(
            "MAGEMOCK_FIXTURES",
            "/usr/share/magemock/fixtures/default.xml,/etc/magemock/fixtures/00-my_store.xml,\
             /etc/magemock/fixtures/01-_.._etc_passwd,/etc/magemock/fixtures/zz-config.xml",
        )],
    );
    assert_eq!(image.copy_to_sources().into_iter().count(), 3);
    check(
        &image.without_default_store(),
        &[(
            "MAGEMOCK_FIXTURES",
            "/etc/magemock/fixtures/00-my_store.xml,/etc/magemock/fixtures/01-_.._etc_passwd,\
             /etc/magemock/fixtures/zz-config.xml",
        )],
    );
}

#[test]
fn config_values_are_escaped_and_replaced() {
    let xml = config_fixture(&[
        ("a/b/c".into(), "x\"<&>'".into()),
        ("d/e/f".into(), "2".into()),
    ]);
    assert_eq!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<magemock>\n    \
         <config path=\"a/b/c\" value=\"x&quot;&lt;&amp;&gt;&apos;\"/>\n    \
         <config path=\"d/e/f\" value=\"2\"/>\n</magemock>\n"
    );
    let image = Magemock::default()
        .with_config("a/b/c", "1")
        .with_config("a/b/c", "2");
    assert_eq!(image.config, vec![("a/b/c".to_string(), "2".to_string())]);
}

#[test]
fn modules_are_mounted_read_only_and_acl_files_copied() {
    let image = Magemock::default()
        .with_modules_dir("/srv/magento/app/code")
        .with_modules_dir("/srv/magento/vendor")
        .with_acl_xml("acl.xml", "<config/>");
    check(
        &image,
        &[
            ("MAGEMOCK_ACL", "/etc/magemock/acl/00-acl.xml"),
            ("MAGEMOCK_MODULES", "/modules/0,/modules/1"),
        ],
    );
    let mounts: Vec<_> = image
        .mounts()
        .into_iter()
        .map(|m| (m.source(), m.target(), m.access_mode()))
        .collect();
    assert_eq!(
        mounts,
        vec![
            (
                Some("/srv/magento/app/code"),
                Some("/modules/0"),
                AccessMode::ReadOnly
            ),
            (
                Some("/srv/magento/vendor"),
                Some("/modules/1"),
                AccessMode::ReadOnly
            ),
        ]
    );
}

#[test]
fn host_networking_listens_on_loopback_at_the_chosen_port() {
    let request = Magemock::default()
        .with_seed(1)
        .with_host_network_port(18080);
    assert_eq!(request.network().as_deref(), Some("host"));
    let image = request.image();
    check(
        image,
        &[
            ("MAGEMOCK_HOST", "127.0.0.1"),
            ("MAGEMOCK_PORT", "18080"),
            ("MAGEMOCK_HEALTHCHECK_URL", "http://127.0.0.1:18080"),
            ("MAGEMOCK_SEED", "1"),
        ],
    );
    assert!(image.expose_ports().is_empty());
    // port 0: magemock picks, the health check cannot know it
    let image = Magemock::default().with_host_network_port(0);
    check(
        image.image(),
        &[("MAGEMOCK_HOST", "127.0.0.1"), ("MAGEMOCK_PORT", "0")],
    );
    // a free port is picked
    let picked = Magemock::default().with_host_network();
    assert!(matches!(picked.image().networking, Networking::Host { port } if port != 0));
}
