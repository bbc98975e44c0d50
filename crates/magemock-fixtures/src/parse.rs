//! The second pass: each child of the root, as its element tree, to a part of a [`Fixture`],
//! while the first pass reads on. Everything that can be checked without
//! the store is checked here (element and attribute names, required attributes, numbers and
//! flags, keys declared twice in the file); references to what may already be in the store are
//! resolved by [`crate::apply`].

mod catalog;
mod fields;
mod people;
mod stores;

use std::collections::HashMap;

use crate::error::{FixtureError, Problem};
use crate::model::Fixture;
use crate::position::{LineIndex, Pos};
use crate::xml_tree::{self, Element};

use fields::{Failure, Fields, no_text, unknown_child_named};

/// The root element.
pub const ROOT: &str = "magemock";

/// The elements a fixture's root may hold, in the order the format documents them.
pub const TOP_LEVEL: &[&str] = &[
    "config",
    "website",
    "customerGroup",
    "category",
    "attribute",
    "attributeSet",
    "product",
    "customer",
    "adminRole",
    "admin",
    "integration",
];

/// Elements that belong to the format but that this version cannot load yet (none at the
/// moment). Naming them here turns "unknown element" into "not supported yet".
pub const NOT_SUPPORTED_YET: &[&str] = &[];

/// Parses a fixture. `file_name` is only used in error messages.
///
/// Each child of the root becomes part of the model as soon as it is read, but a failure is
/// reported as if the whole file had been read first: malformed XML anywhere wins over a
/// refused element, then the root's own problems, then the first refused child.
pub fn parse(file_name: &str, xml: &str) -> Result<Fixture, FixtureError> {
    let index = LineIndex::new(xml);
    let mut reading = Reading {
        parser: Parser {
            fixture: Fixture {
                file: file_name.to_string(),
                ..Fixture::default()
            },
            seen: HashMap::new(),
        },
        root_failure: None,
        child_failure: None,
    };
    let at = |(pos, problem)| FixtureError::at(file_name, pos, problem);
    let root = xml_tree::read_document(xml, &index, &mut reading).map_err(at)?;
    if let Some(failure) = reading.root_failure {
        return Err(at(failure));
    }
    no_text(&root).map_err(at)?;
    if let Some(failure) = reading.child_failure {
        return Err(at(failure));
    }
    Ok(reading.parser.fixture)
}

/// The parser fed by the XML reader, with the first failures kept until the file is read.
struct Reading {
    parser: Parser,
    root_failure: Option<Failure>,
    child_failure: Option<Failure>,
}

impl xml_tree::Sink for Reading {
    fn root_opened(&mut self, root: &Element) {
        self.root_failure = Parser::check_root(root).err();
    }

    fn child_closed(&mut self, child: Element) {
        // After the first failure the rest is only read for well-formedness.
        if self.root_failure.is_none() && self.child_failure.is_none() {
            self.child_failure = self.parser.top_level(&child).err();
        }
    }
}

struct Parser {
    fixture: Fixture,
    /// Keys declared so far, per kind, with the place of the first declaration.
    seen: HashMap<(&'static str, String), Pos>,
}

impl Parser {
    fn check_root(root: &Element) -> Result<(), Failure> {
        if root.name != ROOT {
            return Err((root.pos, Problem::WrongRoot(root.name.clone())));
        }
        // Namespace declarations let editors find the XSD; they mean nothing to magemock.
        if let Some(attr) = root
            .attrs
            .iter()
            .find(|a| !(a.name.starts_with("xmlns") || a.name.starts_with("xsi:")))
        {
            return Err((
                attr.pos,
                Problem::UnknownAttribute {
                    name: attr.name.clone(),
                    element: ROOT.to_string(),
                    allowed: "xmlns:xsi, xsi:noNamespaceSchemaLocation".to_string(),
                },
            ));
        }
        Ok(())
    }

    /// One child of the (checked) root.
    fn top_level(&mut self, child: &Element) -> Result<(), Failure> {
        match child.name.as_str() {
            "config" => self.config(child),
            "website" => self.website(child),
            "customerGroup" => self.customer_group(child),
            "category" => self.top_category(child),
            "attribute" => self.attribute(child),
            "attributeSet" => self.attribute_set(child),
            "product" => self.product(child),
            "customer" => self.customer(child),
            "adminRole" => self.role(child),
            "admin" => self.admin(child),
            "integration" => self.integration(child),
            name if NOT_SUPPORTED_YET.contains(&name) => {
                Err((child.pos, Problem::NotSupportedYet(name.to_string())))
            }
            _ => Err(unknown_child_of_root(child)),
        }
    }

    /// Records a key; a second declaration of it in the same file is an error.
    fn unique(&mut self, kind: &'static str, key: &str, pos: Pos) -> Result<(), Failure> {
        match self.seen.get(&(kind, key.to_lowercase())) {
            Some(first) => Err((
                pos,
                Problem::Duplicate {
                    kind,
                    value: key.to_string(),
                    first: *first,
                },
            )),
            None => {
                self.seen.insert((kind, key.to_lowercase()), pos);
                Ok(())
            }
        }
    }

    fn config(&mut self, el: &Element) -> Result<(), Failure> {
        let f = Fields::check(el, &["path", "value"])?;
        fields::no_children(el)?;
        no_text(el)?;
        let path = f.text("path")?;
        self.unique("config path", &path, el.pos)?;
        self.fixture.config.push(crate::model::ConfigDecl {
            pos: el.pos,
            path,
            value: f.raw("value")?,
        });
        Ok(())
    }
}

fn unknown_child_of_root(child: &Element) -> Failure {
    unknown_child_named(child, ROOT, TOP_LEVEL)
}
