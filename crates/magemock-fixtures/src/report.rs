//! What one fixture load created, per kind: the control API answers a load with it.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct LoadReport {
    /// `<config>` values set.
    pub config: usize,
    pub websites: usize,
    pub groups: usize,
    pub stores: usize,
    pub customer_groups: usize,
    pub categories: usize,
    pub attributes: usize,
    pub attribute_sets: usize,
    pub products: usize,
    pub customers: usize,
    pub addresses: usize,
    pub roles: usize,
    pub admins: usize,
    pub integrations: usize,
}
