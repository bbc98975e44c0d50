//! The authentication lock of app/code/Magento/Integration/Model/Oauth/Token/RequestThrottler.php
//! over ResourceModel/Oauth/Token/RequestLog.php: failures are counted per (username as sent,
//! user type); at `max_failures_count` the account answers like a wrong password until the
//! lock expires (`timeout` seconds after the last failure; Magento's cron deletes expired rows,
//! magemock treats them as gone at once); success deletes the count.

use magemock_core::{Clock, Settings};
use rusqlite::{Connection, OptionalExtension, params};

use crate::TokenError;

/// RequestThrottler's own user-type codes (not UserContextInterface's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThrottledType {
    Customer = 2,
    Admin = 3,
}

/// Fails with the sign-in message when the account is locked.
pub fn throttle(
    conn: &Connection,
    clock: &Clock,
    user: &str,
    kind: ThrottledType,
) -> Result<(), TokenError> {
    let max = Settings::get_int(conn, "oauth/authentication_lock/max_failures_count")?.unwrap_or(6);
    let row: Option<(i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT failures_count, lock_expires_at FROM oauth_token_request_log WHERE \
             user_name = ?1 AND user_type = ?2",
        )
        .and_then(|mut s| s.query_row(params![user, kind as i64], |r| Ok((r.get(0)?, r.get(1)?))))
        .optional()?;
    let count = match row {
        Some((count, Some(expires))) if expires > clock.now_db() => count,
        Some((count, None)) => count,
        _ => 0,
    };
    if count >= max {
        return Err(TokenError::SignInIncorrect);
    }
    Ok(())
}

/// `incrementFailuresCount`: +1 (or 1 when the old lock has expired), lock = now + timeout.
pub fn log_failure(
    conn: &Connection,
    clock: &Clock,
    user: &str,
    kind: ThrottledType,
) -> Result<(), TokenError> {
    let timeout = Settings::get_int(conn, "oauth/authentication_lock/timeout")?.unwrap_or(1800);
    let now = clock.now();
    let expires = magemock_core::clock::format_db(now + chrono::TimeDelta::seconds(timeout));
    conn.prepare_cached(
        "DELETE FROM oauth_token_request_log WHERE user_name = ?1 AND user_type = ?2 AND \
         lock_expires_at <= ?3",
    )
    .and_then(|mut s| s.execute(params![user, kind as i64, clock.now_db()]))?;
    conn.prepare_cached(
        "INSERT INTO oauth_token_request_log(user_name, user_type, failures_count, lock_expires_at) VALUES (?1, ?2, 1, ?3) \
         ON CONFLICT(user_name, user_type) DO UPDATE SET failures_count = failures_count + 1, lock_expires_at = excluded.lock_expires_at",
    )
    .and_then(|mut s| s.execute(params![user, kind as i64, expires]))?;
    Ok(())
}

pub fn reset(conn: &Connection, user: &str, kind: ThrottledType) -> Result<(), TokenError> {
    conn.prepare_cached(
        "DELETE FROM oauth_token_request_log WHERE user_name = ?1 AND user_type = ?2",
    )
    .and_then(|mut s| s.execute(params![user, kind as i64]))?;
    Ok(())
}
