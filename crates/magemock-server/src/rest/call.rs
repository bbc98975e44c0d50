//! What a route handler receives: the services, the resolved caller, the current store and the
//! call's parameters.

use super::caller::Caller;
use super::request::Input;
use crate::services::Services;

/// The store a REST call runs in (`StoreManager::getStore()` after PathProcessor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreScope {
    pub store_id: i64,
    pub code: String,
    pub website_id: i64,
}

pub struct Call<'a> {
    pub services: &'a Services,
    pub caller: &'a Caller,
    pub store: &'a StoreScope,
    pub input: Input,
}
