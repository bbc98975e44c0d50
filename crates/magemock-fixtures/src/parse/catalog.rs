//! `<category>`, `<attribute>`, `<attributeSet>` and `<product>`.

use magemock_catalog::products::{STATUS_DISABLED, STATUS_ENABLED, VISIBILITY_BOTH};

use crate::error::Problem;
use crate::model::{
    AttributeDecl, AttributeSetDecl, CategoryDecl, NewCategoryDecl, ProductAttributeDecl,
    ProductCategoryDecl, ProductDecl, Ref,
};
use crate::xml_tree::Element;

use super::Parser;
use super::fields::{Failure, Fields, bad, no_children, no_text, unknown_child};

const CATEGORY_ATTRIBUTES: &[&str] = &[
    "ref",
    "id",
    "name",
    "parent",
    "position",
    "is_active",
    "include_in_menu",
    "url_key",
];

const VISIBILITIES: &[(i64, &str)] = &[
    (1, "not_visible"),
    (2, "catalog"),
    (3, "search"),
    (4, "catalog_search"),
];

const STATUSES: &[(i64, &str)] = &[(STATUS_ENABLED, "enabled"), (STATUS_DISABLED, "disabled")];

impl Parser {
    /// A top-level `<category>`: a new category under `parent`, or `ref` to an existing one.
    pub(super) fn top_category(&mut self, el: &Element) -> Result<(), Failure> {
        let f = Fields::check(el, CATEGORY_ATTRIBUTES)?;
        let decl = match f.opt_reference("ref")? {
            Some(target) => {
                for other in &CATEGORY_ATTRIBUTES[1..] {
                    f.exclusive(
                        "ref",
                        other,
                        &format!(
                            "`ref` adds children to an existing category; `{other}` belongs to a new one"
                        ),
                    )?;
                }
                no_text(el)?;
                let mut children = Vec::new();
                for child in &el.children {
                    match child.name.as_str() {
                        "category" => children.push(self.category(child, false)?),
                        _ => return Err(unknown_child(child, el, &["category"])),
                    }
                }
                CategoryDecl::Existing {
                    pos: el.pos,
                    target,
                    children,
                }
            }
            None => CategoryDecl::New(self.category(el, true)?),
        };
        self.fixture.categories.push(decl);
        Ok(())
    }

    fn category(&mut self, el: &Element, top_level: bool) -> Result<NewCategoryDecl, Failure> {
        let f = Fields::check(el, CATEGORY_ATTRIBUTES)?;
        if let Some(r) = f.attr("ref") {
            return Err((
                r.pos,
                Problem::Structure(
                    "`ref` is for a top-level <category>; a nested one is always new".to_string(),
                ),
            ));
        }
        let parent = match (top_level, f.attr("parent")) {
            (true, _) => Some(f.reference("parent")?),
            (false, Some(p)) => {
                return Err((
                    p.pos,
                    Problem::Structure(
                        "a nested <category> takes its parent from the nesting; remove `parent`"
                            .to_string(),
                    ),
                ));
            }
            (false, None) => None,
        };
        no_text(el)?;
        let id = f.opt_int("id")?;
        if let (Some(id), Some(attr)) = (id, f.attr("id")) {
            if id <= 0 {
                return Err(bad(attr, "a positive integer"));
            }
            self.unique("category id", &id.to_string(), el.pos)?;
        }
        let mut children = Vec::new();
        for child in &el.children {
            match child.name.as_str() {
                "category" => children.push(self.category(child, false)?),
                _ => return Err(unknown_child(child, el, &["category"])),
            }
        }
        Ok(NewCategoryDecl {
            pos: el.pos,
            id,
            parent,
            name: f.text("name")?,
            position: f.opt_int("position")?,
            is_active: f.flag_or("is_active", true)?,
            include_in_menu: f.flag_or("include_in_menu", true)?,
            url_key: f.opt_text("url_key"),
            children,
        })
    }

    pub(super) fn attribute(&mut self, el: &Element) -> Result<(), Failure> {
        let f = Fields::check(el, &["code", "label", "input", "type", "required"])?;
        no_text(el)?;
        let code = f.text("code")?;
        self.unique("attribute", &code, el.pos)?;
        let mut options = Vec::new();
        for child in &el.children {
            match child.name.as_str() {
                "option" => {
                    Fields::check(child, &[])?;
                    no_children(child)?;
                    let label = child.text.trim();
                    if label.is_empty() {
                        return Err((
                            child.pos,
                            Problem::Structure("an <option> needs its label as text".to_string()),
                        ));
                    }
                    if options.iter().any(|o| o == label) {
                        return Err((
                            child.pos,
                            Problem::Structure(format!(
                                "option `{label}` is listed twice in attribute `{code}`"
                            )),
                        ));
                    }
                    options.push(label.to_string());
                }
                _ => return Err(unknown_child(child, el, &["option"])),
            }
        }
        self.fixture.attributes.push(AttributeDecl {
            pos: el.pos,
            label: f.text("label")?,
            input: f.opt_text("input").unwrap_or_else(|| "text".to_string()),
            backend_type: f.opt_text("type"),
            required: f.flag_or("required", false)?,
            options,
            code,
        });
        Ok(())
    }

    pub(super) fn attribute_set(&mut self, el: &Element) -> Result<(), Failure> {
        let f = Fields::check(el, &["ref", "name", "based_on"])?;
        for other in ["name", "based_on"] {
            f.exclusive(
                "ref",
                other,
                &format!(
                    "`ref` adds to an existing <attributeSet>; `{other}` belongs to a new one"
                ),
            )?;
        }
        no_text(el)?;
        let mut attributes = Vec::new();
        for child in &el.children {
            match child.name.as_str() {
                "attribute" => {
                    let cf = Fields::check(child, &["code"])?;
                    no_children(child)?;
                    no_text(child)?;
                    attributes.push(cf.reference("code")?);
                }
                _ => return Err(unknown_child(child, el, &["attribute"])),
            }
        }
        let decl = match f.opt_reference("ref")? {
            Some(name) => AttributeSetDecl::Existing {
                pos: el.pos,
                name,
                attributes,
            },
            None => {
                let name = f.text("name")?;
                self.unique("attribute set", &name, el.pos)?;
                let based_on = f.opt_reference("based_on")?.unwrap_or(Ref {
                    value: "Default".to_string(),
                    pos: el.pos,
                });
                AttributeSetDecl::New {
                    pos: el.pos,
                    name,
                    based_on,
                    attributes,
                }
            }
        };
        self.fixture.attribute_sets.push(decl);
        Ok(())
    }

    pub(super) fn product(&mut self, el: &Element) -> Result<(), Failure> {
        let f = Fields::check(
            el,
            &[
                "sku",
                "name",
                "price",
                "type",
                "attribute_set",
                "visibility",
                "status",
                "weight",
                "qty",
                "is_in_stock",
                "websites",
            ],
        )?;
        no_text(el)?;
        let sku = f.text("sku")?;
        self.unique("SKU", sku.trim(), el.pos)?;
        let mut categories = Vec::new();
        let mut attributes: Vec<ProductAttributeDecl> = Vec::new();
        for child in &el.children {
            match child.name.as_str() {
                "category" => {
                    let cf = Fields::check(child, &["ref", "position"])?;
                    no_children(child)?;
                    no_text(child)?;
                    categories.push(ProductCategoryDecl {
                        target: cf.reference("ref")?,
                        position: cf.int_or("position", 0)?,
                    });
                }
                "attribute" => attributes.push(product_attribute(child)?),
                _ => return Err(unknown_child(child, el, &["category", "attribute"])),
            }
        }
        let websites = f.opt_text("websites").map(|list| {
            let pos = f.attr("websites").map_or(el.pos, |a| a.value_pos);
            list.split(',')
                .map(str::trim)
                .filter(|code| !code.is_empty())
                .map(|code| Ref {
                    value: code.to_string(),
                    pos,
                })
                .collect()
        });
        let qty = f.opt_number("qty")?.unwrap_or(0.0);
        self.fixture.products.push(ProductDecl {
            pos: el.pos,
            name: f.text("name")?,
            price: f.opt_number("price")?,
            type_id: f.opt_text("type").unwrap_or_else(|| "simple".to_string()),
            attribute_set: f.opt_reference("attribute_set")?.unwrap_or(Ref {
                value: "Default".to_string(),
                pos: el.pos,
            }),
            visibility: f.choice_or("visibility", VISIBILITIES, VISIBILITY_BOTH)?,
            status: f.choice_or("status", STATUSES, STATUS_ENABLED)?,
            weight: f.opt_number("weight")?,
            qty,
            is_in_stock: f.opt_flag("is_in_stock")?,
            websites,
            categories,
            attributes,
            sku,
        });
        Ok(())
    }
}

/// `<attribute code value="..."/>` or `<attribute code>text</attribute>` (for long or HTML
/// values, usually in CDATA).
fn product_attribute(el: &Element) -> Result<ProductAttributeDecl, Failure> {
    let f = Fields::check(el, &["code", "value"])?;
    no_children(el)?;
    let code = f.text("code")?;
    let value = match (f.attr("value"), el.text_pos) {
        (Some(_), Some(text)) => {
            return Err((
                text,
                Problem::Structure(format!(
                    "attribute `{code}` has both a `value` and text; give one"
                )),
            ));
        }
        (Some(attr), None) => attr.value.clone(),
        (None, Some(_)) => el.text.trim().to_string(),
        (None, None) => {
            return Err((
                el.pos,
                Problem::MissingAttribute {
                    element: "attribute".to_string(),
                    attribute: "value".to_string(),
                },
            ));
        }
    };
    Ok(ProductAttributeDecl {
        pos: el.pos,
        code,
        value,
    })
}
