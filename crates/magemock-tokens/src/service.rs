//! Issuing, reading, listing and revoking user tokens.

use chrono::TimeDelta;
use magemock_core::store::cache::{self, GenerationCache};
use magemock_core::{Clock, Entropy, MagentoError, MagentoVersion, Settings};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::TokenError;
use crate::jwt::{self, Alg, Claims};
use crate::throttle::{self, ThrottledType};

/// Time, randomness and the release profile a token operation runs under.
pub struct TokenContext<'a> {
    pub clock: &'a Clock,
    pub entropy: &'a Entropy,
    pub version: MagentoVersion,
}

/// The two user kinds that hold user tokens (`UserContextInterface` 2 and 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserKind {
    Admin,
    Customer,
}

impl UserKind {
    /// `UserContextInterface::USER_TYPE_ADMIN` / `USER_TYPE_CUSTOMER`.
    pub fn user_type(self) -> u8 {
        match self {
            UserKind::Admin => 2,
            UserKind::Customer => 3,
        }
    }

    /// `webapi/jwtauth/*_expiration` (minutes) and `oauth/access_token_lifetime/*` (hours).
    fn paths(self) -> (&'static str, &'static str) {
        match self {
            UserKind::Admin => (
                "webapi/jwtauth/admin_expiration",
                "oauth/access_token_lifetime/admin",
            ),
            UserKind::Customer => (
                "webapi/jwtauth/customer_expiration",
                "oauth/access_token_lifetime/customer",
            ),
        }
    }
}

/// Who a valid token belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TokenUser {
    pub kind: UserKind,
    pub id: i64,
}

/// One issued token, for the control API.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssuedToken {
    pub user_type: UserKind,
    pub user_id: i64,
    pub token: String,
    pub format: &'static str,
    pub issued_at: String,
    /// `None`: never expires.
    pub expires_at: Option<String>,
    pub expired: bool,
    pub revoked: bool,
}

/// The instance crypt key (env.php `crypt/key`): drawn from the entropy once, at seeding.
pub fn ensure_crypt_key(conn: &Connection, entropy: &Entropy) -> Result<String, TokenError> {
    if let Some(key) = crypt_key(conn)? {
        return Ok(key);
    }
    let key = entropy.hex(16);
    conn.prepare_cached("INSERT INTO magemock_meta(key, value) VALUES ('crypt_key', ?1)")
        .and_then(|mut s| s.execute([&key]))?;
    Ok(key)
}

/// The crypt key per data generation: every bearer request checks its token with it.
#[derive(Default)]
struct CryptKeyCache(GenerationCache<(), Option<String>>);

pub fn crypt_key(conn: &Connection) -> Result<Option<String>, TokenError> {
    match cache::current::<CryptKeyCache>() {
        Some((cache, generation)) => cache
            .0
            .get_or_try_insert(generation, (), || crypt_key_uncached(conn)),
        None => crypt_key_uncached(conn),
    }
}

fn crypt_key_uncached(conn: &Connection) -> Result<Option<String>, TokenError> {
    Ok(conn
        .prepare_cached("SELECT value FROM magemock_meta WHERE key = 'crypt_key'")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .optional()?)
}

/// CredentialsValidator::validate: each empty field is one REQUIRED_FIELD error.
fn validate_credentials(username: Option<&str>, password: Option<&str>) -> Result<(), TokenError> {
    let mut errors = Vec::new();
    if username.is_none_or(str::is_empty) {
        errors.push(MagentoError::required_field("username"));
    }
    if password.is_none_or(str::is_empty) {
        errors.push(MagentoError::required_field("password"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(TokenError::MissingCredentials(errors))
    }
}

/// `AdminTokenService::createAdminAccessToken`.
pub fn create_admin_token(
    conn: &Connection,
    ctx: &TokenContext<'_>,
    username: Option<&str>,
    password: Option<&str>,
) -> Result<String, TokenError> {
    let id = admin_id_for(conn, ctx, username, password)?;
    issue(
        conn,
        ctx,
        TokenUser {
            kind: UserKind::Admin,
            id,
        },
    )
}

/// The admin behind valid credentials, with the lock and failure counting of
/// `AdminTokenService::createAdminAccessToken` (which 2FA runs first, too).
pub fn admin_id_for(
    conn: &Connection,
    ctx: &TokenContext<'_>,
    username: Option<&str>,
    password: Option<&str>,
) -> Result<i64, TokenError> {
    validate_credentials(username, password)?;
    let (username, password) = (username.unwrap_or(""), password.unwrap_or(""));
    throttle::throttle(conn, ctx.clock, username, ThrottledType::Admin)?;
    let admin = magemock_catalog::admins::admin_by_username(conn, username)?;
    let id = match admin {
        Some(a)
            if a.is_active && magemock_catalog::password::verify(&a.password_hash, password) =>
        {
            a.id
        }
        _ => {
            throttle::log_failure(conn, ctx.clock, username, ThrottledType::Admin)?;
            return Err(TokenError::SignInIncorrect);
        }
    };
    throttle::reset(conn, username, ThrottledType::Admin)?;
    Ok(id)
}

/// `CustomerTokenService::createCustomerAccessToken`, in the current store's website.
pub fn create_customer_token(
    conn: &Connection,
    ctx: &TokenContext<'_>,
    username: Option<&str>,
    password: Option<&str>,
    website_id: i64,
) -> Result<String, TokenError> {
    validate_credentials(username, password)?;
    let (username, password) = (username.unwrap_or(""), password.unwrap_or(""));
    throttle::throttle(conn, ctx.clock, username, ThrottledType::Customer)?;
    let customer = magemock_catalog::customers::customer_by_email(conn, username, website_id)?;
    let failure = |err: TokenError| -> Result<String, TokenError> {
        throttle::log_failure(conn, ctx.clock, username, ThrottledType::Customer)?;
        Err(err)
    };
    let Some(customer) = customer else {
        return failure(TokenError::SignInIncorrect);
    };
    let hash = customer.password_hash.as_deref().unwrap_or("");
    if hash.is_empty() || !magemock_catalog::password::verify(hash, password) {
        return failure(TokenError::SignInIncorrect);
    }
    // AccountManagement::authenticate: unconfirmed only matters when confirmation is required.
    if customer.confirmation.is_some() && Settings::flag(conn, "customer/create_account/confirm")? {
        return failure(TokenError::EmailNotConfirmed);
    }
    throttle::reset(conn, username, ThrottledType::Customer)?;
    issue(
        conn,
        ctx,
        TokenUser {
            kind: UserKind::Customer,
            id: customer.id,
        },
    )
}

/// Issues a token for a user in the profile's format (also used by the control API to mint
/// tokens without a password round trip).
pub fn issue(
    conn: &Connection,
    ctx: &TokenContext<'_>,
    user: TokenUser,
) -> Result<String, TokenError> {
    let now = ctx.clock.now();
    let (jwt_minutes, _) = user.kind.paths();
    if ctx.version.jwt_user_tokens() {
        // ConfigReader: an empty or non-positive TTL falls back to 30 minutes.
        let ttl = Settings::get_int(conn, jwt_minutes)?
            .filter(|m| *m > 0)
            .unwrap_or(30);
        let alg = Settings::get(conn, "webapi/jwtauth/jwt_alg")?
            .and_then(|a| Alg::parse(&a))
            .unwrap_or(Alg::Hs256);
        let claims = Claims {
            uid: user.id,
            utypid: user.kind.user_type(),
            iat: now.timestamp(),
            exp: (now + TimeDelta::minutes(ttl)).timestamp(),
        };
        let key = crypt_key(conn)?.ok_or_else(|| {
            TokenError::Core(magemock_core::CoreError::Sqlite(
                rusqlite::Error::QueryReturnedNoRows,
            ))
        })?;
        let token = jwt::encode(alg, &key, &claims);
        record_issued(conn, &claims, &token, ISSUED_JWTS_KEPT)?;
        Ok(token)
    } else {
        // Oauth\Helper\Oauth::generateToken / generateTokenSecret: 32 chars of [0-9a-z].
        let token = ctx.entropy.token32();
        let secret = ctx.entropy.token32();
        let (admin_id, customer_id) = match user.kind {
            UserKind::Admin => (Some(user.id), None),
            UserKind::Customer => (None, Some(user.id)),
        };
        conn.prepare_cached(
            "INSERT INTO oauth_token(admin_id, customer_id, type, token, secret, user_type, created_at) \
             VALUES (?1, ?2, 'access', ?3, ?4, ?5, ?6)",
        )
        .and_then(|mut s| s.execute(params![admin_id, customer_id, token, secret, user.kind.user_type(), ctx.clock.now_db()]))?;
        Ok(token)
    }
}

/// How many issued JWTs magemock remembers for `GET /__magemock/tokens`: the newest. Magento
/// keeps no record of issued JWTs at all (only revocations, `jwt_auth_revoked`) and a JWT is
/// read without its row, so forgetting old rows changes no answer; unbounded, a long run's
/// token issuance grew the store without limit (463,176 rows, 101 MiB, in 15 s).
pub const ISSUED_JWTS_KEPT: i64 = 10_000;

/// Remembers an issued JWT and forgets all but the newest `keep` (ids only grow, so the rows
/// to forget are a range of the primary key: usually the one row that just fell out).
fn record_issued(
    conn: &Connection,
    claims: &Claims,
    token: &str,
    keep: i64,
) -> Result<(), TokenError> {
    conn.prepare_cached(
        "INSERT INTO magemock_jwt_issued(user_type_id, user_id, iat, exp, token) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut s| {
        s.execute(params![
            claims.utypid,
            claims.uid,
            claims.iat,
            claims.exp,
            token
        ])
    })?;
    let newest = conn.last_insert_rowid();
    conn.prepare_cached("DELETE FROM magemock_jwt_issued WHERE id <= ?1")
        .and_then(|mut s| s.execute([newest - keep]))?;
    Ok(())
}

/// The user behind a bearer token, or `None` for anything Magento would not accept: unreadable,
/// foreign, expired or revoked (the caller is then a guest).
pub fn read(
    conn: &Connection,
    ctx: &TokenContext<'_>,
    token: &str,
) -> Result<Option<TokenUser>, TokenError> {
    let now = ctx.clock.unix();
    if ctx.version.jwt_user_tokens()
        && let Some(key) = crypt_key(conn)?
        && let Some(claims) = jwt::decode(&key, token)
    {
        return jwt_user(conn, now, &claims);
    }
    read_opaque(conn, ctx, token)
}

/// ExpirationValidator (expired when `exp <= now`) and RevokedValidator (dead when
/// `iat <= revoke_before`) for a JWT whose signature checked out.
fn jwt_user(conn: &Connection, now: i64, claims: &Claims) -> Result<Option<TokenUser>, TokenError> {
    if jwt_kind(claims).is_none() || claims.exp <= now || claims.uid <= 0 {
        return Ok(None);
    }
    let revoke_before = revoke_before(conn, claims)?;
    Ok(jwt_user_at(claims, now, revoke_before))
}

fn jwt_kind(claims: &Claims) -> Option<UserKind> {
    match claims.utypid {
        2 => Some(UserKind::Admin),
        3 => Some(UserKind::Customer),
        _ => None,
    }
}

/// The JWT side of [`read`] in steps, for a caller that keeps what comes from the store (the
/// crypt key, the revocation) in a cache: the claims of a token signed with `crypt_key`.
pub fn jwt_claims(ctx: &TokenContext<'_>, crypt_key: &str, token: &str) -> Option<Claims> {
    if !ctx.version.jwt_user_tokens() {
        return None;
    }
    jwt::decode(crypt_key, token)
}

/// The `jwt_auth_revoked` mark of the claims' user.
pub fn revoke_before(conn: &Connection, claims: &Claims) -> Result<Option<i64>, TokenError> {
    Ok(conn
        .prepare_cached(
            "SELECT revoke_before FROM jwt_auth_revoked WHERE user_type_id = ?1 AND user_id = ?2",
        )
        .and_then(|mut s| s.query_row(params![claims.utypid, claims.uid], |r| r.get(0)))
        .optional()?)
}

/// The user of checked claims at `now` (unix seconds), given the user's revocation mark:
/// ExpirationValidator then RevokedValidator, as [`read`] applies them.
pub fn jwt_user_at(claims: &Claims, now: i64, revoke_before: Option<i64>) -> Option<TokenUser> {
    let kind = jwt_kind(claims)?;
    if claims.exp <= now || claims.uid <= 0 {
        return None;
    }
    if revoke_before.is_some_and(|rb| claims.iat <= rb) {
        return None;
    }
    Some(TokenUser {
        kind,
        id: claims.uid,
    })
}

/// OpaqueToken\Reader + ExpirationValidator for admin/customer rows of `oauth_token`.
fn read_opaque(
    conn: &Connection,
    ctx: &TokenContext<'_>,
    token: &str,
) -> Result<Option<TokenUser>, TokenError> {
    let row: Option<(Option<i64>, Option<i64>, bool, String)> = conn
        .prepare_cached(
            "SELECT admin_id, customer_id, revoked, created_at FROM oauth_token \
             WHERE token = ?1 AND type = 'access' AND consumer_id IS NULL",
        )
        .and_then(|mut s| {
            s.query_row([token], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? != 0, r.get(3)?))
            })
        })
        .optional()?;
    let Some((admin_id, customer_id, revoked, created_at)) = row else {
        return Ok(None);
    };
    if revoked {
        return Ok(None);
    }
    let user = match (admin_id, customer_id) {
        (Some(id), _) => TokenUser {
            kind: UserKind::Admin,
            id,
        },
        (None, Some(id)) => TokenUser {
            kind: UserKind::Customer,
            id,
        },
        (None, None) => return Ok(None),
    };
    if let Some(expires) = opaque_expiry(conn, user.kind, &created_at)?
        && expires <= ctx.clock.now_db()
    {
        return Ok(None);
    }
    Ok(Some(user))
}

/// `created_at + oauth/access_token_lifetime/<kind>` hours; `None` when the lifetime is empty.
fn opaque_expiry(
    conn: &Connection,
    kind: UserKind,
    created_at: &str,
) -> Result<Option<String>, TokenError> {
    let (_, hours_path) = kind.paths();
    let Some(hours) = Settings::get_int(conn, hours_path)?.filter(|h| *h > 0) else {
        return Ok(None);
    };
    Ok(magemock_core::clock::parse_instant(created_at)
        .map(|t| magemock_core::clock::format_db(t + TimeDelta::hours(hours))))
}

/// Revokes every token of the user: JWT revoke-before (JwtUserToken/Model/Revoker.php, 2.4.8:
/// `now - 1`) and the opaque rows.
pub fn revoke(
    conn: &Connection,
    ctx: &TokenContext<'_>,
    user: TokenUser,
) -> Result<(), TokenError> {
    let column = match user.kind {
        UserKind::Admin => "admin_id",
        UserKind::Customer => "customer_id",
    };
    conn.prepare_cached(&format!(
        "UPDATE oauth_token SET revoked = 1 WHERE {column} = ?1 AND consumer_id IS NULL"
    ))
    .and_then(|mut s| s.execute([user.id]))?;
    if ctx.version.jwt_user_tokens() {
        conn.prepare_cached(
            "INSERT INTO jwt_auth_revoked(user_type_id, user_id, revoke_before) VALUES (?1, ?2, ?3) \
             ON CONFLICT(user_type_id, user_id) DO UPDATE SET revoke_before = excluded.revoke_before",
        )
        .and_then(|mut s| s.execute(params![user.kind.user_type(), user.id, ctx.clock.unix() - 1]))?;
    }
    Ok(())
}

/// Every admin/customer token issued, oldest first, with its state now.
pub fn list(conn: &Connection, ctx: &TokenContext<'_>) -> Result<Vec<IssuedToken>, TokenError> {
    let mut out = Vec::new();
    let now = ctx.clock.unix();
    let mut stmt = conn.prepare_cached(
        "SELECT i.user_type_id, i.user_id, i.token, i.iat, i.exp, r.revoke_before FROM magemock_jwt_issued i \
         LEFT JOIN jwt_auth_revoked r ON r.user_type_id = i.user_type_id AND r.user_id = i.user_id ORDER BY i.id")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, u8>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, Option<i64>>(5)?,
        ))
    })?;
    for row in rows {
        let (utype, uid, token, iat, exp, revoke_before) = row?;
        let at = |s: i64| {
            chrono::DateTime::from_timestamp(s, 0)
                .map(magemock_core::clock::format_db)
                .unwrap_or_default()
        };
        out.push(IssuedToken {
            user_type: if utype == 2 {
                UserKind::Admin
            } else {
                UserKind::Customer
            },
            user_id: uid,
            token,
            format: "jwt",
            issued_at: at(iat),
            expires_at: Some(at(exp)),
            expired: exp <= now,
            revoked: revoke_before.is_some_and(|rb| iat <= rb),
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT admin_id, customer_id, token, created_at, revoked FROM oauth_token \
         WHERE consumer_id IS NULL AND type = 'access' ORDER BY entity_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Option<i64>>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)? != 0,
        ))
    })?;
    for row in rows {
        let (admin_id, customer_id, token, created_at, revoked) = row?;
        let (kind, id) = match (admin_id, customer_id) {
            (Some(id), _) => (UserKind::Admin, id),
            (None, Some(id)) => (UserKind::Customer, id),
            (None, None) => continue,
        };
        let expires_at = opaque_expiry(conn, kind, &created_at)?;
        out.push(IssuedToken {
            user_type: kind,
            user_id: id,
            token,
            format: "opaque",
            expired: expires_at
                .as_ref()
                .is_some_and(|e| *e <= ctx.clock.now_db()),
            expires_at,
            issued_at: created_at,
            revoked,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
