//! Password hashes in the form `Magento\Framework\Encryption\Encryptor::getHash` writes for
//! hash version 1 (SHA-256): `hex(sha256(salt . password)) . ':' . salt . ':1'`, with a
//! 32-character letters-and-digits salt (`DEFAULT_SALT_LENGTH`, `Math\Random::getRandomString`).
//!
//! Magento 2.4 prefers Argon2id (version 3) when libsodium is present; SHA-256 is the version
//! every 2.4 install still verifies, and it keeps loading a fixture fast. The salt is drawn from
//! the seeded [`Entropy`], so the same seed gives the same hashes.

use magemock_core::Entropy;
use magemock_core::entropy::ALNUM;
use sha2::{Digest, Sha256};

/// `Encryptor::DEFAULT_SALT_LENGTH`.
pub const SALT_LENGTH: usize = 32;
/// `Encryptor::HASH_VERSION_SHA256`.
pub const HASH_VERSION_SHA256: &str = "1";

/// Hashes `password` with a fresh salt from `entropy`.
pub fn hash(entropy: &Entropy, password: &str) -> String {
    let salt = entropy.string(SALT_LENGTH, ALNUM);
    hash_with_salt(&salt, password)
}

/// Hashes `password` with the given salt (used by [`hash`] and by tests).
pub fn hash_with_salt(salt: &str, password: &str) -> String {
    format!(
        "{}:{salt}:{HASH_VERSION_SHA256}",
        sha256_hex(salt, password)
    )
}

/// Whether `password` matches a `hash:salt:1` hash. Any other shape (another version, a bare
/// hash, an empty string) does not match.
pub fn verify(hash: &str, password: &str) -> bool {
    let mut parts = hash.split(':');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(expected), Some(salt), Some(HASH_VERSION_SHA256), None) => {
            constant_time_eq(sha256_hex(salt, password).as_bytes(), expected.as_bytes())
        }
        _ => false,
    }
}

fn sha256_hex(salt: &str, password: &str) -> String {
    let mut digest = Sha256::new();
    digest.update(salt.as_bytes());
    digest.update(password.as_bytes());
    hex::encode(digest.finalize())
}

/// Compares without stopping at the first difference, as Magento's `Security::compareStrings`
/// (`hash_equals`) does, so the time taken does not tell how much of a guess was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
