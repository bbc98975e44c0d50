//! Seeded stores to copy: a process that starts many stores with the same seed, fixtures and
//! frozen clock (a test suite) seeds once and copies the database afterwards.

use sha2::{Digest, Sha256};

use super::{Options, Services, StartError};

/// Magento's default ACL tree, parsed once per process, plus `--acl` files.
pub(super) fn acl_tree(extra: &[(String, String)]) -> Result<magemock_acl::AclTree, StartError> {
    static DEFAULT: std::sync::OnceLock<Result<magemock_acl::AclTree, String>> =
        std::sync::OnceLock::new();
    let default = DEFAULT
        .get_or_init(|| magemock_acl::default_tree().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| StartError::Modules(e.clone()))?;
    if extra.is_empty() {
        Ok(default.clone())
    } else {
        Ok(default.extend(extra)?)
    }
}

/// A seeded store to copy: its database and where its entropy stood after seeding.
pub(super) struct Template {
    pub(super) db: std::sync::Mutex<rusqlite::Connection>,
    pub(super) entropy: magemock_core::EntropyState,
}

type Templates = std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<Template>>>;

fn templates() -> &'static Templates {
    static TEMPLATES: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    TEMPLATES.get_or_init(Default::default)
}

/// Only in-memory stores with a frozen clock and no module trees are copied: then seeding is a
/// pure function of seed, fixtures, ACL files and clock (module files may change on disk).
pub(super) fn template_key(options: &Options, fixtures_digest: &str) -> Option<String> {
    if options.data.is_some() || !options.modules.is_empty() {
        return None;
    }
    let at = options.frozen_at?.timestamp();
    let mut hasher = Sha256::new();
    for (name, xml) in &options.acl {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(xml.as_bytes());
        hasher.update([0]);
    }
    Some(format!(
        "{}:{}:{}:{}:{}",
        options.seed,
        options.magento_version,
        at,
        fixtures_digest,
        hex::encode(hasher.finalize())
    ))
}

pub(super) fn template_for(key: &String) -> Option<std::sync::Arc<Template>> {
    templates()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(key)
        .cloned()
}

pub(super) fn remember_template(key: String, services: &Services) -> Result<(), StartError> {
    let template = Template {
        db: std::sync::Mutex::new(services.store.snapshot()?),
        entropy: services.entropy.state(),
    };
    templates()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, std::sync::Arc::new(template));
    Ok(())
}
