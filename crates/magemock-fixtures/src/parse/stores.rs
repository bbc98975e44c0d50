//! `<website>`, `<group>`, `<store>` and `<customerGroup>`.

use crate::error::Problem;
use crate::model::{CustomerGroupDecl, GroupDecl, StoreDecl, WebsiteDecl};
use crate::xml_tree::Element;

use super::Parser;
use super::fields::{Failure, Fields, no_children, no_text, unknown_child};

/// `ref` names an existing entity: it cannot come with the attributes that create one.
fn ref_alone(f: &Fields<'_>, creating: &[&str], element: &str) -> Result<(), Failure> {
    for attribute in creating {
        f.exclusive(
            "ref",
            attribute,
            &format!("`ref` adds to an existing <{element}>; `{attribute}` belongs to a new one"),
        )?;
    }
    Ok(())
}

impl Parser {
    pub(super) fn website(&mut self, el: &Element) -> Result<(), Failure> {
        const CREATE: &[&str] = &["code", "name", "sort_order"];
        let f = Fields::check(el, &["ref", "code", "name", "sort_order"])?;
        ref_alone(&f, CREATE, "website")?;
        no_text(el)?;
        let mut groups = Vec::new();
        for child in &el.children {
            match child.name.as_str() {
                "group" => groups.push(self.group(child)?),
                _ => return Err(unknown_child(child, el, &["group"])),
            }
        }
        let decl = match f.opt_reference("ref")? {
            Some(code) => WebsiteDecl::Existing {
                pos: el.pos,
                code,
                groups,
            },
            None => {
                let code = f.text("code")?;
                self.unique("website code", &code, el.pos)?;
                WebsiteDecl::New {
                    pos: el.pos,
                    name: f.text("name")?,
                    sort_order: f.int_or("sort_order", 0)?,
                    code,
                    groups,
                }
            }
        };
        self.fixture.websites.push(decl);
        Ok(())
    }

    fn group(&mut self, el: &Element) -> Result<GroupDecl, Failure> {
        const CREATE: &[&str] = &["code", "name", "root_category"];
        let f = Fields::check(el, &["ref", "code", "name", "root_category"])?;
        ref_alone(&f, CREATE, "group")?;
        no_text(el)?;
        let mut stores = Vec::new();
        for child in &el.children {
            match child.name.as_str() {
                "store" => stores.push(self.store(child)?),
                _ => return Err(unknown_child(child, el, &["store"])),
            }
        }
        Ok(match f.opt_reference("ref")? {
            Some(code) => GroupDecl::Existing {
                pos: el.pos,
                code,
                stores,
            },
            None => {
                let code = f.opt_text("code");
                if let Some(code) = &code {
                    self.unique("group code", code, el.pos)?;
                }
                GroupDecl::New {
                    pos: el.pos,
                    name: f.text("name")?,
                    code,
                    root_category: f.reference("root_category")?,
                    stores,
                }
            }
        })
    }

    fn store(&mut self, el: &Element) -> Result<StoreDecl, Failure> {
        let f = Fields::check(el, &["code", "name", "sort_order", "is_active"])?;
        no_children(el)?;
        no_text(el)?;
        let code = f.text("code")?;
        self.unique("store code", &code, el.pos)?;
        Ok(StoreDecl {
            pos: el.pos,
            name: f.text("name")?,
            sort_order: f.int_or("sort_order", 0)?,
            is_active: f.flag_or("is_active", true)?,
            code,
        })
    }

    pub(super) fn customer_group(&mut self, el: &Element) -> Result<(), Failure> {
        let f = Fields::check(el, &["code", "tax_class_id"])?;
        no_children(el)?;
        no_text(el)?;
        let code = f.text("code")?;
        self.unique("customer group", &code, el.pos)?;
        let tax_class_id = f.int_or(
            "tax_class_id",
            magemock_catalog::customer_groups::RETAIL_CUSTOMER_TAX_CLASS_ID,
        )?;
        if tax_class_id < 0 {
            return Err((
                f.attr("tax_class_id").map_or(el.pos, |a| a.value_pos),
                Problem::BadValue {
                    attribute: "tax_class_id".to_string(),
                    value: tax_class_id.to_string(),
                    expected: "a tax class id (0 or more)".to_string(),
                },
            ));
        }
        self.fixture.customer_groups.push(CustomerGroupDecl {
            pos: el.pos,
            code,
            tax_class_id,
        });
        Ok(())
    }
}
