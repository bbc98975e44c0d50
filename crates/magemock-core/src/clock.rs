//! The one clock. Magento reads time for token issue and expiry, the OAuth timestamp window,
//! the consumer window and lockouts; magemock reads it here so that tests can freeze and
//! advance it instead of sleeping.

use std::sync::Mutex;

use chrono::{DateTime, TimeDelta, Utc};

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockMode {
    /// Wall-clock time plus an offset (zero unless someone set the time).
    Running { offset: TimeDelta },
    /// Time stands still at this instant until set or advanced.
    Frozen { at: DateTime<Utc> },
}

/// A clock shared by every crate. Cheap to read; interior mutability so that the control API
/// can set it while requests are served.
#[derive(Debug)]
pub struct Clock {
    mode: Mutex<ClockMode>,
    initial: ClockMode,
}

impl Clock {
    /// A clock that follows the system time.
    pub fn system() -> Self {
        Self::with_mode(ClockMode::Running {
            offset: TimeDelta::zero(),
        })
    }

    /// A clock frozen at `at`.
    pub fn frozen(at: DateTime<Utc>) -> Self {
        Self::with_mode(ClockMode::Frozen { at })
    }

    fn with_mode(mode: ClockMode) -> Self {
        Self {
            mode: Mutex::new(mode),
            initial: mode,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ClockMode> {
        // A poisoned clock still holds a valid mode: a panic elsewhere cannot corrupt a Copy value.
        self.mode.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The current instant, at whole-second precision when frozen (Magento stores seconds).
    pub fn now(&self) -> DateTime<Utc> {
        match *self.lock() {
            ClockMode::Running { offset } => system_now() + offset,
            ClockMode::Frozen { at } => at,
        }
    }

    /// Unix seconds, as Magento's `time()`.
    pub fn unix(&self) -> i64 {
        self.now().timestamp()
    }

    /// Magento's database timestamp form, `YYYY-MM-DD HH:MM:SS` in UTC.
    pub fn now_db(&self) -> String {
        format_db(self.now())
    }

    pub fn mode(&self) -> ClockMode {
        *self.lock()
    }

    /// Sets the current instant; a running clock keeps running from there.
    pub fn set(&self, at: DateTime<Utc>) {
        let mut mode = self.lock();
        *mode = match *mode {
            ClockMode::Running { .. } => ClockMode::Running {
                offset: at - system_now(),
            },
            ClockMode::Frozen { .. } => ClockMode::Frozen { at },
        };
    }

    /// Freezes at the current instant, or lets a frozen clock run again from where it stands.
    pub fn set_frozen(&self, frozen: bool) {
        let mut mode = self.lock();
        *mode = match (*mode, frozen) {
            (ClockMode::Running { offset }, true) => ClockMode::Frozen {
                at: truncate_to_second(system_now() + offset),
            },
            (ClockMode::Frozen { at }, false) => ClockMode::Running {
                offset: at - system_now(),
            },
            (unchanged, _) => unchanged,
        };
    }

    /// Moves time forward (or back, with a negative delta).
    pub fn advance(&self, by: TimeDelta) {
        let mut mode = self.lock();
        *mode = match *mode {
            ClockMode::Running { offset } => ClockMode::Running {
                offset: offset + by,
            },
            ClockMode::Frozen { at } => ClockMode::Frozen { at: at + by },
        };
    }

    /// Back to the mode the clock was created with (used by reset).
    pub fn reset(&self) {
        *self.lock() = self.initial;
    }
}

/// The single place magemock reads the system time.
#[allow(clippy::disallowed_methods)]
fn system_now() -> DateTime<Utc> {
    Utc::now()
}

fn truncate_to_second(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

/// `YYYY-MM-DD HH:MM:SS`, Magento's DB datetime form.
pub fn format_db(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Parses `YYYY-MM-DD HH:MM:SS`, RFC 3339, or unix seconds.
pub fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(secs) = s.parse::<i64>() {
        return DateTime::from_timestamp(secs, 0);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|n| n.and_utc())
}

#[cfg(test)]
mod tests;
