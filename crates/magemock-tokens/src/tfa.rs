//! Two-factor authentication on the admin token route (magento/security-package
//! TwoFactorAuth/Model/AdminAccessTokenService.php, Provider/Engine/Google.php): with 2FA on,
//! valid credentials never yield a token from `/V1/integration/admin/token`; a Google
//! Authenticator code (RFC 6238 TOTP, 30 s steps, 6 digits, HMAC-SHA1) on
//! `/V1/tfa/provider/google/authenticate` does.

use hmac::{Hmac, Mac};
use magemock_core::{Entropy, ExceptionKind, MagentoError, Params, Settings};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use crate::TokenError;
use crate::service::{TokenContext, TokenUser, UserKind, admin_id_for, issue};

/// magento/security-package TwoFactorAuth/Model/AdminAccessTokenService.php
pub const USE_PROVIDER_ENDPOINTS: &str =
    "Please use the 2fa provider-specific endpoints to obtain a token.";
pub const ASK_ADMINISTRATOR: &str =
    "Please ask an administrator with sufficient access to configure 2FA first";
pub const CONFIGURE_FIRST: &str = "You are required to configure personal Two-Factor Authorization in order to login. Please check your email.";
/// TwoFactorAuth/Model/Provider/Engine/Google/Authenticate.php
pub const PROVIDER_NOT_ALLOWED: &str = "Provider is not allowed.";
pub const PROVIDER_NOT_CONFIGURED: &str = "Provider is not configured.";
pub const INVALID_CODE: &str = "Invalid code.";

pub fn enabled(conn: &Connection) -> Result<bool, TokenError> {
    Ok(Settings::flag(conn, "twofactorauth/general/enable")?)
}

fn forced_providers(conn: &Connection) -> Result<Vec<String>, TokenError> {
    Ok(
        Settings::get(conn, "twofactorauth/general/force_providers")?
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// The user's Google secret (base32) and whether it is activated.
fn google(conn: &Connection, user_id: i64) -> Result<Option<(String, bool)>, TokenError> {
    Ok(conn
        .prepare_cached(
            "SELECT google_secret, google_activated FROM tfa_user_config WHERE user_id = ?1 \
             AND google_secret IS NOT NULL",
        )
        .and_then(|mut s| {
            s.query_row([user_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? != 0))
            })
        })
        .optional()?)
}

/// The admin's Google Authenticator secret, if one is set.
pub fn google_secret(conn: &Connection, user_id: i64) -> Result<Option<String>, TokenError> {
    Ok(google(conn, user_id)?.map(|(secret, _)| secret))
}

/// Sets (or draws) an admin's Google Authenticator secret, activated; returns it.
pub fn set_google_secret(
    conn: &Connection,
    entropy: &Entropy,
    user_id: i64,
    secret: Option<&str>,
) -> Result<String, TokenError> {
    let secret = match secret {
        Some(s) => s.to_ascii_uppercase(),
        None => {
            let mut raw = [0u8; 20];
            entropy.fill(&mut raw);
            data_encoding::BASE32_NOPAD.encode(&raw)
        }
    };
    conn.prepare_cached(
        "INSERT INTO tfa_user_config(user_id, google_secret, google_activated) VALUES (?1, ?2, 1) \
         ON CONFLICT(user_id) DO UPDATE SET google_secret = excluded.google_secret, google_activated = 1",
    )
    .and_then(|mut s| s.execute(params![user_id, secret]))?;
    Ok(secret)
}

/// RFC 6238 TOTP for `unix` seconds: 30 s steps, 6 digits, HMAC-SHA1 (RFC 4226 truncation).
pub fn totp(secret_base32: &str, unix: i64) -> Option<String> {
    let key = data_encoding::BASE32_NOPAD
        .decode(
            secret_base32
                .trim_end_matches('=')
                .to_ascii_uppercase()
                .as_bytes(),
        )
        .ok()?;
    let counter = u64::try_from(unix.div_euclid(30)).ok()?;
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).ok()?;
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let code = (u32::from(digest[offset] & 0x7f) << 24)
        | (u32::from(digest[offset + 1]) << 16)
        | (u32::from(digest[offset + 2]) << 8)
        | u32::from(digest[offset + 3]);
    Some(format!("{:06}", code % 1_000_000))
}

fn localized(message: &'static str, params: Params) -> MagentoError {
    MagentoError::new(ExceptionKind::Input, message, params)
}

/// `AdminAccessTokenService::createAdminAccessToken` with 2FA on: credentials are checked (and
/// failures counted) by the normal service, then a 400 says where to go instead.
pub fn refuse_plain_token(conn: &Connection, user: TokenUser) -> Result<MagentoError, TokenError> {
    let forced = forced_providers(conn)?;
    let active: Vec<Value> = match google(conn, user.id)? {
        Some((_, true)) => vec![Value::from("google")],
        _ => Vec::new(),
    };
    Ok(if !active.is_empty() {
        localized(
            USE_PROVIDER_ENDPOINTS,
            Params::named([("active_providers", Value::Array(active))]),
        )
    } else if forced.is_empty() {
        localized(ASK_ADMINISTRATOR, Params::None)
    } else {
        localized(
            CONFIGURE_FIRST,
            Params::named([
                (
                    "providers",
                    Value::Array(forced.into_iter().map(Value::from).collect()),
                ),
                ("active_providers", Value::Array(active)),
            ]),
        )
    })
}

/// `Google\Authenticate::createAdminAccessToken($username, $password, $otp)`.
pub fn google_authenticate(
    conn: &Connection,
    ctx: &TokenContext<'_>,
    username: Option<&str>,
    password: Option<&str>,
    otp: &str,
) -> Result<Result<String, MagentoError>, TokenError> {
    let user_id = admin_id_for(conn, ctx, username, password)?;
    if !forced_providers(conn)?.iter().any(|p| p == "google") {
        return Ok(Err(localized(PROVIDER_NOT_ALLOWED, Params::None)));
    }
    let Some((secret, true)) = google(conn, user_id)? else {
        return Ok(Err(localized(PROVIDER_NOT_CONFIGURED, Params::None)));
    };
    // One step of leeway either side, as authenticator apps drift.
    let now = ctx.clock.unix();
    let ok = [now - 30, now, now + 30]
        .iter()
        .filter_map(|t| totp(&secret, *t))
        .any(|code| code == otp.trim());
    if !ok {
        return Ok(Err(MagentoError::new(
            ExceptionKind::Authorization,
            INVALID_CODE,
            Params::None,
        )));
    }
    Ok(Ok(issue(
        conn,
        ctx,
        TokenUser {
            kind: UserKind::Admin,
            id: user_id,
        },
    )?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, SHA-1 rows (secret "12345678901234567890"), last six digits.
    #[test]
    fn totp_matches_rfc_6238() {
        let secret = data_encoding::BASE32_NOPAD.encode(b"12345678901234567890");
        for (t, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(totp(&secret, t).as_deref(), Some(code), "t={t}");
        }
        assert_eq!(totp("not base32!", 59), None);
    }
}
