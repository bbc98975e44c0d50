use super::*;
use crate::Store;

fn with_conn(f: impl FnOnce(&Connection) -> Result<(), CoreError>) {
    let (store, _) = Store::open(None).expect("open");
    store.write(|tx| f(tx)).expect("config test");
}

#[test]
fn defaults_come_from_magento_config_xml() {
    with_conn(|c| {
        assert_eq!(
            Settings::get(c, "oauth/consumer/expiration_period")?.as_deref(),
            Some("300")
        );
        assert_eq!(
            Settings::get_int(c, "oauth/authentication_lock/max_failures_count")?,
            Some(6)
        );
        assert!(!Settings::flag(
            c,
            "oauth/consumer/enable_integration_as_bearer"
        )?);
        assert_eq!(
            Settings::get(c, "webapi/validation/maximum_page_size")?,
            None
        );
        Ok(())
    });
}

#[test]
fn set_checks_the_kind_and_none_restores_the_default() {
    with_conn(|c| {
        Settings::set(c, "webapi/jwtauth/admin_expiration", Some("5"))?;
        assert_eq!(
            Settings::get_int(c, "webapi/jwtauth/admin_expiration")?,
            Some(5)
        );
        assert!(matches!(
            Settings::set(c, "oauth/consumer/expiration_period", Some("soon")),
            Err(CoreError::InvalidConfigValue { .. })
        ));
        assert!(matches!(
            Settings::set(c, "webapi/jwtauth/jwt_alg", Some("none")),
            Err(CoreError::InvalidConfigValue { .. })
        ));
        assert!(matches!(
            Settings::set(c, "no/such/path", Some("1")),
            Err(CoreError::UnknownConfigPath(_))
        ));
        Settings::set(c, "webapi/jwtauth/admin_expiration", None)?;
        assert_eq!(
            Settings::get_int(c, "webapi/jwtauth/admin_expiration")?,
            Some(60)
        );
        Ok(())
    });
}

#[test]
fn empty_value_reads_as_no_integer() {
    with_conn(|c| {
        Settings::set(c, "oauth/access_token_lifetime/admin", Some(""))?;
        assert_eq!(
            Settings::get_int(c, "oauth/access_token_lifetime/admin")?,
            None
        );
        Ok(())
    });
}

#[test]
fn php_intval_matches_php() {
    for (s, n) in [
        ("42", 42),
        (" 7abc", 7),
        ("-3", -3),
        ("abc", 0),
        ("", 0),
        ("+5", 5),
    ] {
        assert_eq!(php_intval(s), n, "{s:?}");
    }
}
