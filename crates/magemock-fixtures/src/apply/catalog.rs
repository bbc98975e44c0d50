//! Categories, attributes, attribute sets and products.

use magemock_catalog::attributes::{self, NewAttribute, NewAttributeSet};
use magemock_catalog::categories::{self, NewCategory};
use magemock_catalog::products::{self, CategoryLink, NewProduct};
use magemock_catalog::stock::NewStockItem;
use magemock_catalog::{CatalogError, Sku, stores};

use crate::error::FixtureError;
use crate::model::{
    AttributeDecl, AttributeSetDecl, CategoryDecl, NewCategoryDecl, ProductDecl, Products,
};
use crate::position::Pos;

use super::Run;

impl Run<'_> {
    pub(super) fn categories(&mut self, decls: &[CategoryDecl]) -> Result<(), FixtureError> {
        for decl in decls {
            match decl {
                CategoryDecl::New(new) => {
                    let parent = match &new.parent {
                        Some(parent) => self.category_ref(parent)?,
                        // The parser requires `parent` on a top-level category.
                        None => categories::TREE_ROOT_ID,
                    };
                    self.category(parent, new)?;
                }
                CategoryDecl::Existing {
                    target, children, ..
                } => {
                    let parent = self.category_ref(target)?;
                    for child in children {
                        self.category(parent, child)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn category(&mut self, parent_id: i64, decl: &NewCategoryDecl) -> Result<(), FixtureError> {
        let new = NewCategory {
            id: decl.id,
            parent_id,
            name: decl.name.clone(),
            position: decl.position,
            is_active: decl.is_active,
            include_in_menu: decl.include_in_menu,
            url_key: decl.url_key.clone(),
        };
        let id = self.at(
            decl.pos,
            categories::insert_category(self.conn, &new, &self.now),
        )?;
        self.report.categories += 1;
        for child in &decl.children {
            self.category(id, child)?;
        }
        Ok(())
    }

    pub(super) fn attributes(&mut self, decls: &[AttributeDecl]) -> Result<(), FixtureError> {
        for decl in decls {
            let new = NewAttribute {
                code: decl.code.clone(),
                label: decl.label.clone(),
                frontend_input: decl.input.clone(),
                backend_type: decl.backend_type.clone(),
                is_required: decl.required,
                options: decl.options.clone(),
            };
            self.at(decl.pos, attributes::insert_attribute(self.conn, &new))?;
            self.report.attributes += 1;
        }
        Ok(())
    }

    pub(super) fn attribute_sets(
        &mut self,
        decls: &[AttributeSetDecl],
    ) -> Result<(), FixtureError> {
        for decl in decls {
            let (set_id, members) = match decl {
                AttributeSetDecl::New {
                    pos,
                    name,
                    based_on,
                    attributes: members,
                } => {
                    let new = NewAttributeSet {
                        name: name.clone(),
                        based_on: self.attribute_set_ref(based_on)?,
                    };
                    let id = self.at(*pos, attributes::insert_attribute_set(self.conn, &new))?;
                    self.report.attribute_sets += 1;
                    (id, members)
                }
                AttributeSetDecl::Existing {
                    name,
                    attributes: members,
                    ..
                } => (self.attribute_set_ref(name)?, members),
            };
            for member in members {
                let attribute_id = self.attribute_ref(member)?;
                self.at(
                    member.pos,
                    attributes::add_attribute_to_set(self.conn, set_id, attribute_id),
                )?;
            }
        }
        Ok(())
    }

    pub(super) fn products(&mut self, decls: &Products) -> Result<(), FixtureError> {
        // Products only add products, values, links and stock: the categories, websites,
        // attributes and sets every product looks up are fixed for the whole loop, so the
        // lookups are memoised for it (a 100,000-product load repeated them per product).
        let Some(first) = decls.iter().next() else {
            return Ok(());
        };
        let mut deferred = self.at(
            first.pos,
            products::defer_row_indexes(self.conn, decls.len()),
        )?;
        magemock_core::store::cache::with_load_memo(|| {
            for decl in decls.iter() {
                let new = self.new_product(&decl)?;
                products::insert_product_in_load(self.conn, &new, &self.now, &mut deferred)
                    .map_err(|e| self.fail(product_error_pos(&decl, &e), e))?;
                self.report.products += 1;
            }
            Ok::<_, FixtureError>(())
        })?;
        self.at(
            first.pos,
            products::restore_row_indexes(self.conn, deferred),
        )
    }

    fn new_product(&self, decl: &ProductDecl) -> Result<NewProduct, FixtureError> {
        let mut category_links = Vec::with_capacity(decl.categories.len());
        for link in &decl.categories {
            category_links.push(CategoryLink {
                category_id: self.category_ref(&link.target)?,
                position: link.position,
            });
        }
        let website_ids = match &decl.websites {
            Some(codes) => {
                let mut ids = Vec::with_capacity(codes.len());
                for code in codes {
                    ids.push(self.website_ref(code)?.id);
                }
                ids
            }
            // Every storefront website, as saving a product through store code `all` assigns.
            None => self
                .at(decl.pos, stores::websites(self.conn))?
                .into_iter()
                .filter(|w| w.id != stores::ADMIN_ID)
                .map(|w| w.id)
                .collect(),
        };
        Ok(NewProduct {
            sku: self.at(decl.pos, Sku::try_from(decl.sku.as_str()))?,
            name: decl.name.clone(),
            attribute_set_id: self.attribute_set_ref(&decl.attribute_set)?,
            type_id: decl.type_id.clone(),
            price: decl.price,
            status: decl.status,
            visibility: decl.visibility,
            weight: decl.weight,
            custom_attributes: decl
                .attributes
                .iter()
                .map(|a| (a.code.clone(), a.value.clone()))
                .collect(),
            category_links,
            website_ids,
            stock: NewStockItem {
                qty: decl.qty,
                is_in_stock: decl.is_in_stock.unwrap_or(decl.qty > 0.0),
                is_qty_decimal: decl.qty.fract() != 0.0,
            },
        })
    }
}

/// Points a refused value at its `<attribute>` child when the failure names one.
fn product_error_pos(decl: &ProductDecl, error: &CatalogError) -> Pos {
    let named = match error {
        CatalogError::InvalidValue { field, value, .. } => {
            if field == "custom_attributes" {
                Some(value.as_str())
            } else {
                Some(field.as_str())
            }
        }
        CatalogError::NoSuchEntity {
            what: "attribute",
            value,
            ..
        } => Some(value.as_str()),
        _ => None,
    };
    named
        .and_then(|code| decl.attributes.iter().find(|a| a.code == code))
        .map_or(decl.pos, |a| a.pos)
}
