//! [`AclError`]: everything that can go wrong loading acl.xml files or reading grants.
//!
//! Load errors name the file, line and column and say what Magento's schema wanted, so
//! whoever wrote an `--acl FILE` can fix it without reading the XSD. Magento itself only
//! checks the schema in developer mode; magemock always does, because a contract test should
//! fail on a file that a developer-mode Magento would refuse.

use std::fmt;

use crate::id::{AclResourceId, PATTERN};
use crate::location::Location;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AclError {
    /// Not well-formed XML (quick-xml's own description).
    #[error("{at}: malformed XML: {message}")]
    Xml { at: Location, message: String },

    #[error("{at}: the root element must be <config>, found <{name}>")]
    UnexpectedRoot { at: Location, name: String },

    #[error("{at}: unexpected element <{name}> in <{parent}>; acl.xsd allows only {allowed} there")]
    UnexpectedElement {
        at: Location,
        name: String,
        parent: String,
        allowed: &'static str,
    },

    #[error("{at}: <{parent}> must contain a <{name}> element")]
    MissingElement {
        at: Location,
        parent: String,
        name: &'static str,
    },

    #[error("{at}: text {text:?} is not allowed in <{parent}>; it may hold only elements")]
    UnexpectedText {
        at: Location,
        parent: String,
        text: String,
    },

    #[error("{at}: attribute {name:?} is not allowed on <{element}>; acl.xsd allows {allowed}")]
    UnexpectedAttribute {
        at: Location,
        element: String,
        name: String,
        allowed: &'static str,
    },

    #[error("{at}: <resource> has no id attribute, which acl.xsd requires")]
    MissingId { at: Location },

    #[error("{at}: resource id {value:?} {problem}; Magento's acl.xsd pattern is `{PATTERN}`")]
    InvalidIdInFile {
        at: Location,
        value: String,
        problem: IdProblem,
    },

    #[error("{at}: title {title:?} of {id} is {length} characters long; acl.xsd allows 3 to 50")]
    TitleLength {
        at: Location,
        id: AclResourceId,
        title: String,
        length: usize,
    },

    #[error(
        "{at}: sortOrder {value:?} of {id} is not an xs:int (a whole number from -2147483648 to 2147483647)"
    )]
    InvalidSortOrder {
        at: Location,
        id: AclResourceId,
        value: String,
    },

    #[error("{at}: disabled {value:?} of {id} is not an xs:boolean (true, false, 1 or 0)")]
    InvalidDisabled {
        at: Location,
        id: AclResourceId,
        value: String,
    },

    #[error(
        "{at}: resource {id} appears twice in this file (first at {first}); acl.xsd requires unique ids"
    )]
    DuplicateId {
        at: Location,
        id: AclResourceId,
        first: Location,
    },

    /// Boxed to keep `AclError` small: this is the one variant with two locations.
    #[error("{0}")]
    ConflictingParent(Box<ParentConflict>),

    #[error(
        "{at}: resource {id} has no title in any loaded file; Magento's merged schema \
         (acl_merged.xsd) requires one, so also load the module file that defines {id}"
    )]
    MissingTitle { at: Location, id: AclResourceId },

    /// A string given as an id outside any file (CLI, integration.xml, webapi routes).
    #[error(
        "{value:?} is not an ACL resource id: it {problem}; Magento's acl.xsd pattern is `{PATTERN}`"
    )]
    InvalidId { value: String, problem: IdProblem },

    #[error(
        "the ACL tree has no top-level Magento_Backend::admin, under which integration \
         resources are expanded; load Magento_Backend.xml"
    )]
    NoAdminRoot,

    #[error(
        "route resources {refs:?} combine `self` with ACL ids; magemock cannot express that \
         (no stock Magento 2.4 route does it)"
    )]
    UnsupportedRequirement { refs: Vec<String> },
}

/// Which part of a would-be resource id breaks the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdProblem {
    Empty,
    NoSeparator,
    NoUnderscore(String),
    BadVendor(String),
    BadModule(String),
    BadResource(String),
}

impl fmt::Display for IdProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdProblem::Empty => f.write_str("is empty"),
            IdProblem::NoSeparator => {
                f.write_str("has no `::` between the module name and the resource name")
            }
            IdProblem::NoUnderscore(module) => write!(
                f,
                "has {module:?} before `::`, which is not Vendor_Module (one underscore)"
            ),
            IdProblem::BadVendor(vendor) => write!(
                f,
                "has vendor {vendor:?}, which must be an upper-case letter followed by letters or digits"
            ),
            IdProblem::BadModule(module) => write!(
                f,
                "has module {module:?}, which must be an upper-case letter followed by letters or digits"
            ),
            IdProblem::BadResource(resource) => write!(
                f,
                "has resource name {resource:?}, which must be one or more letters, digits or underscores"
            ),
        }
    }
}

/// One id placed under two different parents, by two declarations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentConflict {
    pub at: Location,
    pub id: AclResourceId,
    pub parent: Option<AclResourceId>,
    /// Where the id was first declared, and under which parent.
    pub first: Location,
    pub first_parent: Option<AclResourceId>,
}

impl fmt::Display for ParentConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: resource {} is placed under {}, but {} already placed it under {}; \
             a resource has one parent, so repeat its parent chain to add to it",
            self.at,
            self.id,
            Parent(&self.parent),
            self.first,
            Parent(&self.first_parent),
        )
    }
}

/// A parent in a message: its id, or "the top level".
struct Parent<'a>(&'a Option<AclResourceId>);

impl fmt::Display for Parent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, "{id}"),
            None => f.write_str("the top level"),
        }
    }
}
