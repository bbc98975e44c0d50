//! The Magento release whose behaviour magemock copies (`--magento-version`). Behaviour that
//! changed between 2.4 patch releases (JWT user tokens since 2.4.4, integration tokens as bearer
//! off by default since 2.4.4, input limits) is decided by comparing against this.

use std::fmt;
use std::str::FromStr;

/// A Magento 2.4 release, `2.4.<patch>`; security suffixes such as `-p3` are accepted and kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MagentoVersion {
    pub minor: u8,
    pub patch: u8,
    pub security: u8,
}

impl MagentoVersion {
    /// The newest release the reference covers, and the default profile.
    pub const NEWEST: MagentoVersion = MagentoVersion::new(4, 8);
    /// The oldest release magemock emulates.
    pub const OLDEST: MagentoVersion = MagentoVersion::new(4, 0);

    pub const fn new(minor: u8, patch: u8) -> Self {
        Self {
            minor,
            patch,
            security: 0,
        }
    }

    /// True from `2.<minor>.<patch>` on (security releases of that patch included).
    pub fn at_least(&self, minor: u8, patch: u8) -> bool {
        (self.minor, self.patch) >= (minor, patch)
    }

    /// 2.4.4 replaced opaque admin/customer tokens with JWTs.
    pub fn jwt_user_tokens(&self) -> bool {
        self.at_least(4, 4)
    }
}

impl Default for MagentoVersion {
    fn default() -> Self {
        Self::NEWEST
    }
}

impl fmt::Display for MagentoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "2.{}.{}", self.minor, self.patch)?;
        if self.security > 0 {
            write!(f, "-p{}", self.security)?;
        }
        Ok(())
    }
}

/// Why a version string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported Magento version {0:?}: expected 2.4.0 to {newest} (e.g. 2.4.6 or 2.4.6-p3)", newest = MagentoVersion::NEWEST)]
pub struct UnsupportedVersion(pub String);

impl FromStr for MagentoVersion {
    type Err = UnsupportedVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || UnsupportedVersion(s.to_string());
        let (release, security) = match s.trim().split_once("-p") {
            Some((r, p)) => (r, p.parse::<u8>().map_err(|_| bad())?),
            None => (s.trim(), 0),
        };
        let mut parts = release.split('.');
        let (Some("2"), Some(minor), Some(patch), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let version = MagentoVersion {
            minor: minor.parse().map_err(|_| bad())?,
            patch: patch.parse().map_err(|_| bad())?,
            security,
        };
        if version < Self::OLDEST || (version.minor, version.patch) > (4, 8) {
            return Err(bad());
        }
        Ok(version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_releases_and_security_patches() {
        let v: MagentoVersion = "2.4.6-p3".parse().expect("valid");
        assert_eq!(v.to_string(), "2.4.6-p3");
        assert!(v.jwt_user_tokens());
        assert!(
            !"2.4.3"
                .parse::<MagentoVersion>()
                .expect("valid")
                .jwt_user_tokens()
        );
        assert_eq!(MagentoVersion::default().to_string(), "2.4.8");
        for bad in ["2.3.7", "2.4.9", "2.4", "latest", "2.4.x", "2.4.6-pX"] {
            assert!(bad.parse::<MagentoVersion>().is_err(), "{bad}");
        }
    }
}
