//! Websites with their groups and stores, and customer groups.

use magemock_catalog::StoreCode;
use magemock_catalog::customer_groups::{self, NewCustomerGroup};
use magemock_catalog::stores::{self, NewStore, NewStoreGroup, NewWebsite};

use crate::error::{FixtureError, Problem};
use crate::model::{CustomerGroupDecl, GroupDecl, StoreDecl, WebsiteDecl};

use super::Run;

impl Run<'_> {
    pub(super) fn websites(&mut self, decls: &[WebsiteDecl]) -> Result<(), FixtureError> {
        for decl in decls {
            let (website_id, groups) = match decl {
                WebsiteDecl::New {
                    pos,
                    code,
                    name,
                    sort_order,
                    groups,
                } => {
                    let new = NewWebsite {
                        code: code.clone(),
                        name: name.clone(),
                        sort_order: *sort_order,
                    };
                    let id = self.at(*pos, stores::insert_website(self.conn, &new))?;
                    self.report.websites += 1;
                    (id, groups)
                }
                WebsiteDecl::Existing { code, groups, .. } => (self.website_ref(code)?.id, groups),
            };
            for group in groups {
                self.group(website_id, group)?;
            }
        }
        Ok(())
    }

    fn group(&mut self, website_id: i64, decl: &GroupDecl) -> Result<(), FixtureError> {
        let (group_id, stores) = match decl {
            GroupDecl::New {
                pos,
                name,
                code,
                root_category,
                stores,
            } => {
                let new = NewStoreGroup {
                    website_id,
                    name: name.clone(),
                    code: code.clone(),
                    root_category_id: self.category_ref(root_category)?,
                };
                let id = self.at(*pos, stores::insert_group(self.conn, &new))?;
                self.report.groups += 1;
                (id, stores)
            }
            GroupDecl::Existing { code, stores, .. } => {
                let group = self
                    .at(code.pos, stores::group_by_code(self.conn, &code.value))?
                    .ok_or_else(|| {
                        self.fail(
                            code.pos,
                            Problem::UnknownReference {
                                kind: "store group",
                                value: code.value.clone(),
                            },
                        )
                    })?;
                if group.website_id != website_id {
                    return Err(self.fail(
                        code.pos,
                        Problem::Structure(format!(
                            "store group `{}` belongs to another website",
                            code.value
                        )),
                    ));
                }
                (group.id, stores)
            }
        };
        for store in stores {
            self.store(group_id, store)?;
        }
        Ok(())
    }

    fn store(&mut self, group_id: i64, decl: &StoreDecl) -> Result<(), FixtureError> {
        let new = NewStore {
            group_id,
            code: self.at(decl.pos, StoreCode::try_from(decl.code.as_str()))?,
            name: decl.name.clone(),
            sort_order: decl.sort_order,
            is_active: decl.is_active,
        };
        self.at(decl.pos, stores::insert_store(self.conn, &new))?;
        self.report.stores += 1;
        Ok(())
    }

    pub(super) fn customer_groups(
        &mut self,
        decls: &[CustomerGroupDecl],
    ) -> Result<(), FixtureError> {
        for decl in decls {
            let new = NewCustomerGroup {
                code: decl.code.clone(),
                tax_class_id: decl.tax_class_id,
            };
            self.at(
                decl.pos,
                customer_groups::insert_customer_group(self.conn, &new),
            )?;
            self.report.customer_groups += 1;
        }
        Ok(())
    }
}
