//! [`DeclaredError`]: everything that can go wrong finding modules and reading what they
//! declare, and [`Location`], the `file:line:column` every file error starts with.
//!
//! Magento checks its XSDs only in developer mode (`Config\Dom::validate` asks
//! `ValidationStateInterface::isValidationRequired`). magemock always checks, because a
//! contract test should fail on a file that a developer-mode Magento would refuse.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A place in one file, as an editor shows it: lines and columns count from 1, and columns
/// count characters, not bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// Shared by every node of one document, so cloning a location is cheap.
    pub file: Arc<Path>,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DeclaredError {
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{at}: the file is not UTF-8; magemock reads Magento's XML files as UTF-8")]
    NotUtf8 { at: Location },

    /// Not well-formed XML; libxml2 refuses the document before any schema is consulted.
    #[error("{at}: malformed XML: {message}")]
    Xml { at: Location, message: String },

    #[error("{at}: the root element must be <{expected}> ({schema}), found <{found}>")]
    WrongRoot {
        at: Location,
        found: String,
        expected: &'static str,
        schema: &'static str,
    },

    #[error(
        "{at}: <{name}> is in namespace {namespace:?}, but Magento's schema declares its \
         elements in no namespace; remove the xmlns=\"...\" declaration"
    )]
    ElementNamespace {
        at: Location,
        name: String,
        namespace: String,
    },

    #[error("{at}: unknown element <{name}> in <{parent}>; {schema} allows {allowed} there")]
    UnknownElement {
        at: Location,
        name: String,
        parent: &'static str,
        allowed: &'static str,
        schema: &'static str,
    },

    #[error(
        "{at}: second <{name}> in <{parent}> (the first is at {first}); the schema allows at \
         most one"
    )]
    DuplicateElement {
        at: Location,
        name: &'static str,
        parent: &'static str,
        first: Location,
    },

    #[error("{at}: <{parent}> must contain a <{name}> element ({schema})")]
    MissingElement {
        at: Location,
        name: &'static str,
        parent: &'static str,
        schema: &'static str,
    },

    #[error(
        "{at}: <{name}> must come before <{before}>; config.xsd wants <email>, <endpoint_url>, \
         <identity_link_url> in that order"
    )]
    OutOfOrder {
        at: Location,
        name: &'static str,
        before: &'static str,
    },

    #[error("{at}: text {text:?} is not allowed in <{parent}>, which holds only elements")]
    UnexpectedText {
        at: Location,
        parent: &'static str,
        text: String,
    },

    #[error("{at}: attribute {name:?} is not allowed on <{element}>; the schema allows {allowed}")]
    UnexpectedAttribute {
        at: Location,
        name: String,
        element: &'static str,
        allowed: &'static str,
    },

    #[error("{at}: <{element}> has no {name} attribute, which is required")]
    MissingAttribute {
        at: Location,
        element: &'static str,
        name: &'static str,
    },

    #[error(
        "{at}: integration name {name:?} is {} character(s) long; the schema requires at least 2",
        name.chars().count()
    )]
    NameTooShort { at: Location, name: String },

    #[error(
        "{at}: email {value:?} does not match the schema pattern `[^@]+@[^\\.]+\\..+` \
         (name@domain.tld, with no line break after the dot)"
    )]
    InvalidEmail { at: Location, value: String },

    #[error("{at}: <{element}> {value:?} {problem}")]
    InvalidUrl {
        at: Location,
        element: &'static str,
        value: String,
        problem: &'static str,
    },

    #[error(
        "{at}: resource name {value:?} does not match the schema pattern `.+_.+::.+` \
         (Vendor_Module::resource)"
    )]
    InvalidResourceName { at: Location, value: String },

    #[error(
        "{at}: integration {name:?} has no <email> once every module's {file} is merged; \
         {schema} requires one, so declare it in one of those files"
    )]
    MissingEmail {
        at: Location,
        name: String,
        file: &'static str,
        schema: &'static str,
    },

    #[error(
        "{at}: integration {name:?} has resources in etc/integration/api.xml but no entry in \
         any etc/integration/config.xml, so it has no email; declare it there too (or move \
         it to etc/integration.xml)"
    )]
    ApiWithoutConfig { at: Location, name: String },

    #[error(
        "{at}: Magento's config merger finds more than one node for {query} (an earlier file \
         declares it twice) and stops with \"More than one node matching the query\"; keep \
         one declaration per file"
    )]
    AmbiguousMerge { at: Location, query: String },

    #[error(
        "{at}: {value:?} contains an apostrophe, which breaks the XPath query Magento's config \
         merger builds from it"
    )]
    UnmergeableValue { at: Location, value: String },

    #[error(
        "{}: no Magento module here; expected etc/module.xml, app/code/<Vendor>/<Module>/ or \
         vendor/<vendor>/<package>/",
        root.display()
    )]
    NoModules { root: PathBuf },

    #[error(
        "{}: registration.php registers a module but there is no etc/module.xml, which \
         Magento's module loader reads for every registered module",
        dir.display()
    )]
    ModuleXmlMissing { dir: PathBuf },

    #[error("{at}: module.xml has no <module> element under <config>")]
    NoModuleElement { at: Location },

    /// Magento's own words (`Component\ComponentRegistrar::register`).
    #[error(
        "Module '{name}' from '{}' has been already defined in '{}'.",
        second.display(),
        first.display()
    )]
    DuplicateModule {
        name: String,
        first: PathBuf,
        second: PathBuf,
    },

    /// Magento's own words (`Module\ModuleList\Loader::expandSequence`).
    #[error(
        "Circular sequence reference from '{from}' to '{to}'. (the <sequence> of their \
         etc/module.xml files)"
    )]
    CircularSequence { from: String, to: String },
}
