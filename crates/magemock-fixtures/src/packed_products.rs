//! A fixture's products, packed: their text in one string and their fields in a few vectors,
//! not as a dozen small strings each. A 100,000-product fixture is held until the store is
//! seeded, and when the small strings were freed the ~60 MiB they took stayed resident (glibc
//! cannot give back heap that lies below the store's pages); a few large allocations are given
//! back to the system when the fixture is dropped.

use std::fmt;
use std::ops::Range;

use crate::model::{ProductAttributeDecl, ProductCategoryDecl, ProductDecl, Ref};
use crate::position::Pos;

/// The `<product>`s of a fixture, in document order; [`Products::iter`] unpacks them.
#[derive(Clone, PartialEq, Default)]
pub struct Products {
    text: String,
    items: Vec<Packed>,
    categories: Vec<PackedCategory>,
    attributes: Vec<PackedAttribute>,
    websites: Vec<PackedRef>,
}

#[derive(Clone, PartialEq)]
struct Packed {
    pos: Pos,
    sku: Range<usize>,
    name: Range<usize>,
    price: Option<f64>,
    type_id: Range<usize>,
    attribute_set: PackedRef,
    visibility: i64,
    status: i64,
    weight: Option<f64>,
    qty: f64,
    is_in_stock: Option<bool>,
    websites: Option<Range<usize>>,
    categories: Range<usize>,
    attributes: Range<usize>,
}

#[derive(Clone, PartialEq)]
struct PackedRef {
    value: Range<usize>,
    pos: Pos,
}

#[derive(Clone, PartialEq)]
struct PackedCategory {
    target: PackedRef,
    position: i64,
}

#[derive(Clone, PartialEq)]
struct PackedAttribute {
    pos: Pos,
    code: Range<usize>,
    value: Range<usize>,
}

impl Products {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Each product as the parser declared it (unpacked on the way: one product's strings at
    /// a time).
    pub fn iter(&self) -> impl ExactSizeIterator<Item = ProductDecl> + '_ {
        self.items.iter().map(|p| self.unpack(p))
    }

    pub(crate) fn push(&mut self, decl: ProductDecl) {
        let websites = decl.websites.map(|refs| {
            let start = self.websites.len();
            for r in refs {
                let packed = self.put_ref(&r);
                self.websites.push(packed);
            }
            start..self.websites.len()
        });
        let categories = {
            let start = self.categories.len();
            for link in decl.categories {
                let target = self.put_ref(&link.target);
                self.categories.push(PackedCategory {
                    target,
                    position: link.position,
                });
            }
            start..self.categories.len()
        };
        let attributes = {
            let start = self.attributes.len();
            for attribute in decl.attributes {
                let code = self.put(&attribute.code);
                let value = self.put(&attribute.value);
                self.attributes.push(PackedAttribute {
                    pos: attribute.pos,
                    code,
                    value,
                });
            }
            start..self.attributes.len()
        };
        let packed = Packed {
            pos: decl.pos,
            sku: self.put(&decl.sku),
            name: self.put(&decl.name),
            price: decl.price,
            type_id: self.put(&decl.type_id),
            attribute_set: self.put_ref(&decl.attribute_set),
            visibility: decl.visibility,
            status: decl.status,
            weight: decl.weight,
            qty: decl.qty,
            is_in_stock: decl.is_in_stock,
            websites,
            categories,
            attributes,
        };
        self.items.push(packed);
    }

    fn put(&mut self, s: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(s);
        start..self.text.len()
    }

    fn put_ref(&mut self, r: &Ref) -> PackedRef {
        PackedRef {
            value: self.put(&r.value),
            pos: r.pos,
        }
    }

    fn text(&self, range: &Range<usize>) -> String {
        // Ranges are only made by `put`, so they always fit.
        self.text.get(range.clone()).unwrap_or_default().to_string()
    }

    fn unpack_ref(&self, r: &PackedRef) -> Ref {
        Ref {
            value: self.text(&r.value),
            pos: r.pos,
        }
    }

    fn unpack(&self, p: &Packed) -> ProductDecl {
        ProductDecl {
            pos: p.pos,
            sku: self.text(&p.sku),
            name: self.text(&p.name),
            price: p.price,
            type_id: self.text(&p.type_id),
            attribute_set: self.unpack_ref(&p.attribute_set),
            visibility: p.visibility,
            status: p.status,
            weight: p.weight,
            qty: p.qty,
            is_in_stock: p.is_in_stock,
            websites: p.websites.as_ref().map(|range| {
                self.websites
                    .get(range.clone())
                    .unwrap_or_default()
                    .iter()
                    .map(|r| self.unpack_ref(r))
                    .collect()
            }),
            categories: self
                .categories
                .get(p.categories.clone())
                .unwrap_or_default()
                .iter()
                .map(|c| ProductCategoryDecl {
                    target: self.unpack_ref(&c.target),
                    position: c.position,
                })
                .collect(),
            attributes: self
                .attributes
                .get(p.attributes.clone())
                .unwrap_or_default()
                .iter()
                .map(|a| ProductAttributeDecl {
                    pos: a.pos,
                    code: self.text(&a.code),
                    value: self.text(&a.value),
                })
                .collect(),
        }
    }
}

impl fmt::Debug for Products {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Products;
    use crate::model::{ProductAttributeDecl, ProductCategoryDecl, ProductDecl, Ref};
    use crate::position::Pos;

    fn at(line: usize) -> Pos {
        Pos { line, column: 3 }
    }

    fn reference(value: &str, line: usize) -> Ref {
        Ref {
            value: value.to_string(),
            pos: at(line),
        }
    }

    /// What goes in comes out, field by field, in order; empty lists stay empty and "every
    /// website" (`None`) stays apart from "no website listed" (`Some([])`).
    #[test]
    fn products_unpack_as_they_were_declared() {
        let full = ProductDecl {
            pos: at(2),
            sku: "24-MB01".to_string(),
            name: "Joust Duffle Bag".to_string(),
            price: Some(34.0),
            type_id: "simple".to_string(),
            attribute_set: reference("Bag", 2),
            visibility: 4,
            status: 1,
            weight: Some(1.5),
            qty: 100.0,
            is_in_stock: Some(true),
            websites: Some(vec![reference("base", 2), reference("second", 2)]),
            categories: vec![
                ProductCategoryDecl {
                    target: reference("Gear/Bags", 3),
                    position: 1,
                },
                ProductCategoryDecl {
                    target: reference("4", 4),
                    position: 0,
                },
            ],
            attributes: vec![ProductAttributeDecl {
                pos: at(5),
                code: "description".to_string(),
                value: "<p>é</p>".to_string(),
            }],
        };
        let bare = ProductDecl {
            pos: at(7),
            sku: "B".to_string(),
            name: "b".to_string(),
            price: None,
            type_id: "virtual".to_string(),
            attribute_set: reference("Default", 7),
            visibility: 1,
            status: 2,
            weight: None,
            qty: 0.5,
            is_in_stock: None,
            websites: None,
            categories: Vec::new(),
            attributes: Vec::new(),
        };
        let no_website = ProductDecl {
            websites: Some(Vec::new()),
            ..bare.clone()
        };
        let declared = vec![full, bare, no_website];
        let mut products = Products::default();
        for decl in declared.clone() {
            products.push(decl);
        }
        assert_eq!(products.len(), 3);
        assert_eq!(products.iter().collect::<Vec<_>>(), declared);
    }
}
