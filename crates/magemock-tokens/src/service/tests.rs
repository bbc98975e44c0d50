use chrono::{TimeZone, Utc};
use magemock_core::{Clock, Entropy, MagentoVersion, Store};

use super::*;

fn claims(uid: i64) -> Claims {
    Claims {
        uid,
        utypid: UserKind::Admin.user_type(),
        iat: 1_712_577_600,
        exp: 1_712_581_200,
    }
}

fn remembered(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT token FROM magemock_jwt_issued ORDER BY id")
        .expect("prepare");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// Only the newest rows stay, however many tokens were issued.
#[test]
fn only_the_newest_issued_jwts_are_remembered() {
    let (store, _) = Store::open(None).expect("open");
    let kept = store
        .write(|tx| {
            for uid in 1..=5 {
                record_issued(tx, &claims(uid), &format!("token-{uid}"), 3)?;
            }
            Ok::<_, TokenError>(remembered(tx))
        })
        .expect("write");
    assert_eq!(kept, ["token-3", "token-4", "token-5"]);
}

/// A JWT whose row was forgotten is still read as its user (Magento keeps no rows at all), and
/// the list shows what is left.
#[test]
fn a_forgotten_jwt_still_authenticates() {
    let (store, _) = Store::open(None).expect("open");
    let clock = Clock::frozen(
        Utc.with_ymd_and_hms(2024, 4, 8, 12, 0, 0)
            .single()
            .expect("instant"),
    );
    let entropy = Entropy::new(1);
    let ctx = TokenContext {
        clock: &clock,
        entropy: &entropy,
        version: MagentoVersion::default(),
    };
    let admin = TokenUser {
        kind: UserKind::Admin,
        id: 1,
    };
    let (token, user, listed) = store
        .write(|tx| {
            ensure_crypt_key(tx, &entropy)?;
            let token = issue(tx, &ctx, admin)?;
            record_issued(tx, &claims(2), "newer", 1)?;
            Ok::<_, TokenError>((token.clone(), read(tx, &ctx, &token)?, list(tx, &ctx)?))
        })
        .expect("write");
    assert!(token.starts_with("eyJ"));
    assert_eq!(user, Some(admin));
    assert_eq!(
        listed.iter().map(|t| t.token.as_str()).collect::<Vec<_>>(),
        ["newer"]
    );
}

/// Reads take the crypt key from the cache, and see a changed key at once.
#[test]
fn the_cached_crypt_key_follows_writes() {
    let (store, _) = Store::open(None).expect("open");
    let entropy = Entropy::new(1);
    let first = store
        .write(|tx| ensure_crypt_key(tx, &entropy))
        .expect("seed key");
    let read = |store: &Store| store.read(crypt_key).expect("read");
    assert_eq!(read(&store).as_deref(), Some(first.as_str()));
    assert_eq!(read(&store).as_deref(), Some(first.as_str()));
    store
        .write(|tx| {
            tx.execute(
                "UPDATE magemock_meta SET value = 'another' WHERE key = 'crypt_key'",
                [],
            )?;
            Ok::<_, TokenError>(())
        })
        .expect("change key");
    assert_eq!(read(&store).as_deref(), Some("another"));
}

/// The keyed HMACs kept per crypt key never mix keys up.
#[test]
fn tokens_verify_with_their_own_key_only() {
    let claims = claims(1);
    for alg in [jwt::Alg::Hs256, jwt::Alg::Hs384, jwt::Alg::Hs512] {
        let a = jwt::encode(alg, "key-a", &claims);
        let b = jwt::encode(alg, "key-b", &claims);
        assert_ne!(a, b);
        assert_eq!(jwt::decode("key-a", &a), Some(claims.clone()));
        assert_eq!(jwt::decode("key-b", &a), None);
        assert_eq!(jwt::decode("key-b", &b), Some(claims.clone()));
    }
}
