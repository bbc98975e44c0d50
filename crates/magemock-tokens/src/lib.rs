//! Magento's user token service (Magento_Integration's AdminTokenService and
//! CustomerTokenService, Magento_JwtUserToken): admin and customer tokens as JWTs (2.4.4+) or
//! 32-character opaque tokens (before), their lifetimes, revocation and the authentication
//! lock. Time comes from the caller's `Clock`, randomness from its `Entropy`.

mod error;
pub mod jwt;
pub mod messages;
mod service;
pub mod tfa;
pub mod throttle;

pub use error::TokenError;
pub use service::{
    IssuedToken, TokenContext, TokenUser, UserKind, admin_id_for, create_admin_token,
    create_customer_token, crypt_key, ensure_crypt_key, issue, jwt_claims, jwt_user_at, list, read,
    revoke, revoke_before,
};
