//! The admin page's sessions: who is signed in, the form key that guards every change, the
//! messages waiting for the next page, and the activation whose identity-link popup is open.
//! Kept in memory (Magento keeps them in its session storage); ids and form keys come from the
//! instance's seeded entropy and lifetimes from its clock, like everything else.

use std::collections::HashMap;
use std::sync::Mutex;

use magemock_core::{Clock, Entropy};

/// Magento's admin session cookie (`Magento\Backend\Model\Session\AdminConfig::SESSION_NAME_ADMIN`).
pub const COOKIE: &str = "admin";

/// The cookie's path: the admin area's front name.
pub const COOKIE_PATH: &str = "/admin";

/// A message shown once, on the next page (Magento's message manager).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub kind: FlashKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashKind {
    Success,
    Notice,
    Error,
}

impl FlashKind {
    pub fn class(self) -> &'static str {
        match self {
            FlashKind::Success => "message-success",
            FlashKind::Notice => "message-notice",
            FlashKind::Error => "message-error",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    pub admin_id: i64,
    pub username: String,
    pub form_key: String,
    /// Unix seconds on the instance clock; each request moves it (Magento prolongs the
    /// session on activity).
    expires_at: i64,
    flashes: Vec<Flash>,
    /// What the last form post carried, to fill the form again after a refused save.
    pub form_data: Option<Vec<(String, String)>>,
    /// The integration whose identity link is open in the popup, for the handshake report
    /// when the popup reaches the success callback.
    pub pending_activation: Option<i64>,
}

#[derive(Debug, Default)]
pub struct Sessions(Mutex<HashMap<String, Session>>);

impl Sessions {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        // A poisoned map still holds valid sessions.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Signs `admin_id` in: a new session id and form key.
    pub fn open(
        &self,
        entropy: &Entropy,
        clock: &Clock,
        lifetime: i64,
        admin_id: i64,
        username: &str,
    ) -> String {
        let id = entropy.token32();
        let session = Session {
            admin_id,
            username: username.to_string(),
            form_key: entropy.string(16, FORM_KEY_ALPHABET),
            expires_at: clock.unix() + lifetime,
            flashes: Vec::new(),
            form_data: None,
            pending_activation: None,
        };
        let mut map = self.map();
        // Expired sessions go when a new one comes, so the map stays as small as the use.
        let now = clock.unix();
        map.retain(|_, s| s.expires_at > now);
        map.insert(id.clone(), session);
        id
    }

    /// The live session behind `id`, its lifetime prolonged; an expired one is removed.
    pub fn touch(&self, id: &str, clock: &Clock, lifetime: i64) -> Option<Session> {
        let mut map = self.map();
        let now = clock.unix();
        match map.get_mut(id) {
            Some(s) if s.expires_at > now => {
                s.expires_at = now + lifetime;
                Some(s.clone())
            }
            Some(_) => {
                map.remove(id);
                None
            }
            None => None,
        }
    }

    pub fn close(&self, id: &str) {
        self.map().remove(id);
    }

    pub fn flash(&self, id: &str, kind: FlashKind, text: impl Into<String>) {
        if let Some(s) = self.map().get_mut(id) {
            s.flashes.push(Flash {
                kind,
                text: text.into(),
            });
        }
    }

    /// The waiting messages, which are then gone.
    pub fn take_flashes(&self, id: &str) -> Vec<Flash> {
        self.map()
            .get_mut(id)
            .map(|s| std::mem::take(&mut s.flashes))
            .unwrap_or_default()
    }

    pub fn set_form_data(&self, id: &str, data: Option<Vec<(String, String)>>) {
        if let Some(s) = self.map().get_mut(id) {
            s.form_data = data;
        }
    }

    /// The kept form data, which is then gone.
    pub fn take_form_data(&self, id: &str) -> Option<Vec<(String, String)>> {
        self.map().get_mut(id).and_then(|s| s.form_data.take())
    }

    pub fn set_pending_activation(&self, id: &str, integration: Option<i64>) {
        if let Some(s) = self.map().get_mut(id) {
            s.pending_activation = integration;
        }
    }
}

/// `Magento\Framework\Math\Random::getRandomString` for form keys: letters and digits.
const FORM_KEY_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

#[cfg(test)]
mod tests {
    use super::*;

    fn at(clock: &Clock) -> i64 {
        clock.unix()
    }

    #[test]
    fn a_session_lives_as_long_as_it_is_used() {
        let clock = Clock::frozen(chrono::DateTime::from_timestamp(1_768_471_200, 0).expect("t"));
        let entropy = Entropy::new(7);
        let sessions = Sessions::default();
        let id = sessions.open(&entropy, &clock, 900, 1, "admin");
        assert!(at(&clock) > 0);
        clock.advance(chrono::TimeDelta::seconds(899));
        assert!(
            sessions.touch(&id, &clock, 900).is_some(),
            "used within 900 s"
        );
        clock.advance(chrono::TimeDelta::seconds(899));
        assert!(
            sessions.touch(&id, &clock, 900).is_some(),
            "the last use prolonged it"
        );
        clock.advance(chrono::TimeDelta::seconds(900));
        assert!(
            sessions.touch(&id, &clock, 900).is_none(),
            "idle 900 s: gone"
        );
        assert!(sessions.touch(&id, &clock, 900).is_none());
    }

    #[test]
    fn flashes_and_form_data_are_read_once() {
        let clock = Clock::frozen(chrono::DateTime::from_timestamp(1_768_471_200, 0).expect("t"));
        let sessions = Sessions::default();
        let id = sessions.open(&Entropy::new(1), &clock, 900, 1, "admin");
        sessions.flash(&id, FlashKind::Error, "no");
        sessions.set_form_data(&id, Some(vec![("name".into(), "x".into())]));
        assert_eq!(sessions.take_flashes(&id).len(), 1);
        assert!(sessions.take_flashes(&id).is_empty());
        assert!(sessions.take_form_data(&id).is_some());
        assert!(sessions.take_form_data(&id).is_none());
    }

    #[test]
    fn ids_and_form_keys_follow_the_seed() {
        let clock = Clock::frozen(chrono::DateTime::from_timestamp(1_768_471_200, 0).expect("t"));
        let one = Sessions::default();
        let two = Sessions::default();
        let a = one.open(&Entropy::new(5), &clock, 900, 1, "admin");
        let b = two.open(&Entropy::new(5), &clock, 900, 1, "admin");
        assert_eq!(a, b);
        let fa = one.touch(&a, &clock, 900).map(|s| s.form_key);
        let fb = two.touch(&b, &clock, 900).map(|s| s.form_key);
        assert_eq!(fa, fb);
        assert_eq!(fa.map(|k| k.len()), Some(16));
    }
}
