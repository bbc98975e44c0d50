use magemock_core::Entropy;

use crate::password::*;

#[test]
fn the_hash_has_magentos_shape_and_verifies() {
    let hash = hash(&Entropy::new(7), "admin123");
    let parts: Vec<&str> = hash.split(':').collect();
    let [digest, salt, version] = parts.as_slice() else {
        panic!("hash:salt:version expected, got {hash}");
    };
    assert_eq!(digest.len(), 64);
    assert!(
        digest
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    assert_eq!(salt.len(), SALT_LENGTH);
    assert!(salt.bytes().all(|b| b.is_ascii_alphanumeric()));
    assert_eq!(*version, "1");
    assert!(verify(&hash, "admin123"));
    assert!(!verify(&hash, "admin124"));
    assert!(!verify(&hash, ""));
}

#[test]
fn the_same_seed_gives_the_same_hashes_and_another_seed_other_ones() {
    let a = Entropy::new(20_240_408);
    let b = Entropy::new(20_240_408);
    let first = (hash(&a, "admin123"), hash(&a, "roni_cost3@example.com"));
    let second = (hash(&b, "admin123"), hash(&b, "roni_cost3@example.com"));
    assert_eq!(first, second);
    assert_ne!(first.0, hash(&Entropy::new(1), "admin123"));
}

#[test]
fn a_known_salt_gives_sha256_of_salt_then_password() {
    // sha256("saltpassword") computed independently with `printf saltpassword | sha256sum`.
    assert_eq!(
        hash_with_salt("salt", "password"),
        "13601bda4ea78e55a07b98866d2be6be0744e3866f13c00c811cab608a28f322:salt:1"
    );
}

#[test]
fn other_shapes_never_verify() {
    for hash in [
        "",
        "abc",
        "abc:salt",
        "abc:salt:2",
        "abc:salt:1:extra",
        ":::",
    ] {
        assert!(!verify(hash, "password"), "{hash:?}");
    }
    let argon_like = hash_with_salt("salt", "password").replace(":1", ":3_32_2_67108864");
    assert!(!verify(&argon_like, "password"));
}
