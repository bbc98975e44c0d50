//! Resolving references against the store (which holds what this file and earlier ones made).
//! A category is named by id (`20`) or by a `/`-separated path of names, either from the tree
//! root (`Default Category/Gear/Bags`) or from below a root category (`Gear/Bags`); a path that
//! fits several categories is refused as ambiguous.

use magemock_catalog::categories::{self, TREE_ROOT_ID};
use magemock_catalog::{admins, attributes, customer_groups, stores};

use crate::error::{FixtureError, Problem};
use crate::model::Ref;

use super::Run;

impl Run<'_> {
    fn unknown(&self, kind: &'static str, r: &Ref) -> FixtureError {
        self.fail(
            r.pos,
            Problem::UnknownReference {
                kind,
                value: r.value.clone(),
            },
        )
    }

    pub(super) fn category_ref(&self, r: &Ref) -> Result<i64, FixtureError> {
        if let Ok(id) = r.value.parse::<i64>() {
            return match self.at(r.pos, categories::category_by_id(self.conn, id))? {
                Some(c) => Ok(c.id),
                None => Err(self.unknown("category", r)),
            };
        }
        let segments: Vec<&str> = r
            .value
            .split('/')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let mut starts = vec![TREE_ROOT_ID];
        starts.extend(
            self.at(r.pos, categories::children(self.conn, TREE_ROOT_ID))?
                .into_iter()
                .map(|c| c.id),
        );
        let mut found: Vec<i64> = Vec::new();
        for start in starts {
            for id in self.walk(start, &segments, r)? {
                if !found.contains(&id) {
                    found.push(id);
                }
            }
        }
        match found.as_slice() {
            [id] => Ok(*id),
            [] => Err(self.unknown("category", r)),
            _ => Err(self.fail(r.pos, Problem::AmbiguousCategory(r.value.clone()))),
        }
    }

    /// Every category reached from `start` by following `segments` by name.
    fn walk(&self, start: i64, segments: &[&str], r: &Ref) -> Result<Vec<i64>, FixtureError> {
        let mut current = vec![start];
        for segment in segments {
            let mut next = Vec::new();
            for parent in current {
                next.extend(
                    self.at(
                        r.pos,
                        categories::children_named(self.conn, parent, segment),
                    )?
                    .into_iter()
                    .map(|c| c.id),
                );
            }
            current = next;
        }
        Ok(if segments.is_empty() {
            Vec::new()
        } else {
            current
        })
    }

    pub(super) fn website_ref(&self, r: &Ref) -> Result<stores::Website, FixtureError> {
        self.at(r.pos, stores::website_by_code(self.conn, &r.value))?
            .ok_or_else(|| self.unknown("website", r))
    }

    pub(super) fn store_ref(&self, r: &Ref) -> Result<stores::Store, FixtureError> {
        let code = self.at(
            r.pos,
            magemock_catalog::StoreCode::try_from(r.value.as_str()),
        )?;
        self.at(r.pos, stores::store_by_code(self.conn, &code))?
            .ok_or_else(|| self.unknown("store", r))
    }

    /// A customer group by code (`Wholesale`) or id (`2`).
    pub(super) fn customer_group_ref(&self, r: &Ref) -> Result<i64, FixtureError> {
        let found = match r.value.parse::<i64>() {
            Ok(id) => self.at(r.pos, customer_groups::customer_group_by_id(self.conn, id))?,
            Err(_) => self.at(
                r.pos,
                customer_groups::customer_group_by_code(self.conn, &r.value),
            )?,
        };
        found
            .map(|g| g.id)
            .ok_or_else(|| self.unknown("customer group", r))
    }

    /// A product attribute set by name (`Bag`) or id (`15`).
    pub(super) fn attribute_set_ref(&self, r: &Ref) -> Result<i64, FixtureError> {
        let found = match r.value.parse::<i64>() {
            Ok(id) => self
                .at(r.pos, attributes::attribute_set_by_id(self.conn, id))?
                .filter(|s| s.entity_type_id == attributes::PRODUCT_ENTITY_TYPE_ID),
            Err(_) => self.at(
                r.pos,
                attributes::attribute_set_by_name(self.conn, &r.value),
            )?,
        };
        found
            .map(|s| s.id)
            .ok_or_else(|| self.unknown("attribute set", r))
    }

    pub(super) fn attribute_ref(&self, r: &Ref) -> Result<i64, FixtureError> {
        self.at(r.pos, attributes::attribute_by_code(self.conn, &r.value))?
            .map(|a| a.id)
            .ok_or_else(|| self.unknown("attribute", r))
    }

    pub(super) fn role_ref(&self, r: &Ref) -> Result<i64, FixtureError> {
        self.at(r.pos, admins::role_by_name(self.conn, &r.value))?
            .map(|role| role.id)
            .ok_or_else(|| self.unknown("admin role", r))
    }
}
