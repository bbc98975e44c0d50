//! What every REST request looks up and writes almost never change: the store a URL segment
//! names, the ACL side of a caller and the OAuth rows behind a signed call. Kept per data generation ([`magemock_core::store::cache`])
//! and consulted before taking the store's connection, so a hit costs no lock: a value cached
//! at the current generation is what a read just before the next write would return.

use std::sync::Arc;

use magemock_core::store::cache::GenerationCache;

use super::*;
use crate::coverage::Holder;

/// The ACL side of a caller, resolved once per request: the grant the check uses and whose
/// use the coverage report counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub grant: Option<magemock_acl::Grant>,
    pub holder: Option<Holder>,
}

#[derive(Default)]
pub(super) struct RequestCaches {
    store_codes: GenerationCache<String, bool>,
    scopes: GenerationCache<StoreSegment, StoreScope>,
    access: GenerationCache<Caller, Arc<Access>>,
    pub(super) crypt_key: GenerationCache<(), Option<String>>,
    /// `jwt_auth_revoked` by (user type, user id).
    pub(super) revocations: GenerationCache<(u8, i64), Option<i64>>,
    /// OAuth consumers by key.
    pub(super) oauth_consumers:
        GenerationCache<String, Option<magemock_registry::stored::Consumer>>,
    /// `oauth_token` rows by token.
    pub(super) oauth_tokens: GenerationCache<Vec<u8>, Option<magemock_oauth::provider::TokenRow>>,
    /// The active integration by consumer id.
    pub(super) active_integrations: GenerationCache<i64, Option<i64>>,
}

impl Services {
    /// The cached value at the current generation, else `load`'s, read (and cached) under the
    /// connection with the generation the read saw.
    pub(super) fn cached<K, V, E>(
        &self,
        cache: &GenerationCache<K, V>,
        key: K,
        load: impl FnOnce(&rusqlite::Connection) -> Result<V, E>,
    ) -> Result<V, E>
    where
        K: std::hash::Hash + Eq,
        V: Clone,
        E: From<CoreError>,
    {
        if let Some(hit) = cache.get(self.store.generation(), &key) {
            return Ok(hit);
        }
        self.store.read(|c| {
            let generation = self.store.generation();
            let value = load(c)?;
            cache.insert(generation, key, value.clone());
            Ok(value)
        })
    }

    /// Whether `code` names a store view. PathProcessor looks the code up as a key of
    /// `StoreManager::getStores(false, true)`: exact case, and never the admin store.
    pub fn is_store_code(&self, code: &str) -> bool {
        let Ok(store_code) = magemock_catalog::store_code::StoreCode::try_from(code) else {
            return false;
        };
        self.cached(&self.caches.store_codes, code.to_string(), |c| {
            Ok::<_, magemock_catalog::CatalogError>(
                magemock_catalog::stores::store_by_code(c, &store_code)?
                    .is_some_and(|s| s.id != 0 && s.code == store_code.as_str()),
            )
        })
        .unwrap_or(false)
    }

    /// The store a REST call runs in: the named one, the admin store for `all`, else the
    /// default website's default store.
    pub fn store_scope(&self, segment: &StoreSegment) -> Result<StoreScope, MagentoError> {
        use magemock_catalog::stores;
        self.cached(&self.caches.scopes, segment.clone(), |c| {
            let row = match segment {
                StoreSegment::Default => match stores::default_website(c)? {
                    Some(w) => stores::website_default_store(c, w.id)?,
                    None => None,
                },
                StoreSegment::All => stores::store_by_id(c, 0)?,
                StoreSegment::Code(code) => {
                    let code = magemock_catalog::store_code::StoreCode::try_from(code.as_str())?;
                    stores::store_by_code(c, &code)?
                }
            };
            let row =
                row.ok_or_else(|| MagentoError::internal(format!("no store for {segment:?}")))?;
            Ok::<_, ScopeError>(StoreScope {
                store_id: row.id,
                code: row.code,
                website_id: row.website_id,
            })
        })
        .map_err(ScopeError::into_magento)
    }

    /// The grant behind a caller and the holder its use is counted for: an admin's role, an
    /// active integration's resources; nothing for guests and customers (WebapiRoleLocator
    /// finds no role for them). A failure to read leaves the caller without a grant.
    pub fn caller_access(&self, caller: &Caller) -> Arc<Access> {
        let none = || {
            Arc::new(Access {
                grant: None,
                holder: None,
            })
        };
        if matches!(caller, Caller::Guest | Caller::Customer { .. }) {
            return none();
        }
        self.cached(&self.caches.access, caller.clone(), |c| {
            Ok::<_, CoreError>(Arc::new(access_of(c, caller)))
        })
        .unwrap_or_else(|_| none())
    }
}

/// [`Services::caller_access`] read from the store.
fn access_of(c: &rusqlite::Connection, caller: &Caller) -> Access {
    match caller {
        Caller::Guest | Caller::Customer { .. } => Access {
            grant: None,
            holder: None,
        },
        Caller::Admin { id } => match magemock_catalog::admins::admin_role(c, *id) {
            Ok(Some(role)) => Access {
                grant: Some(match role.resources {
                    magemock_catalog::admins::Resources::All => magemock_acl::Grant::All,
                    magemock_catalog::admins::Resources::Some(ids) => {
                        magemock_acl::Grant::Resources(
                            ids.iter()
                                .filter_map(|id| {
                                    magemock_acl::AclResourceId::try_from(id.as_str()).ok()
                                })
                                .collect(),
                        )
                    }
                }),
                holder: Some(Holder::AdminRole(role.id)),
            },
            _ => Access {
                grant: None,
                holder: None,
            },
        },
        // OauthUserContext only yields an integration that is active.
        Caller::Integration { id } => {
            let grant = (|| {
                let i = magemock_registry::stored::get(c, *id)?;
                if i.status != magemock_registry::Status::Active {
                    return Ok::<_, magemock_registry::RegistryError>(None);
                }
                magemock_registry::stored::grant_of(c, *id).map(Some)
            })()
            .ok()
            .flatten();
            Access {
                grant,
                holder: Some(Holder::Integration(*id)),
            }
        }
    }
}

/// A store-scope lookup failed in the store or found nothing.
enum ScopeError {
    Catalog(magemock_catalog::CatalogError),
    Magento(MagentoError),
}

impl ScopeError {
    fn into_magento(self) -> MagentoError {
        match self {
            ScopeError::Catalog(e) => e.to_magento(),
            ScopeError::Magento(e) => e,
        }
    }
}

impl From<CoreError> for ScopeError {
    fn from(e: CoreError) -> Self {
        ScopeError::Catalog(e.into())
    }
}

impl From<magemock_catalog::CatalogError> for ScopeError {
    fn from(e: magemock_catalog::CatalogError) -> Self {
        ScopeError::Catalog(e)
    }
}

impl From<MagentoError> for ScopeError {
    fn from(e: MagentoError) -> Self {
        ScopeError::Magento(e)
    }
}
