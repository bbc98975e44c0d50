//! Fixture errors: every one names the file, the line and column of the element or attribute at
//! fault, and what is wrong, as `<file>:<line>:<column>: <what is wrong>`.

use magemock_catalog::CatalogError;
use magemock_core::{CoreError, MagentoError, Params, ToMagentoError};

use crate::position::Pos;

#[derive(Debug)]
pub struct FixtureError {
    /// The fixture's name as the caller gave it to [`crate::parse`]; empty for failures of the
    /// store itself, which belong to no file.
    pub file: String,
    /// Where in the file; `None` for failures of the store itself.
    pub pos: Option<Pos>,
    /// Boxed: errors travel up many frames, the happy path should stay small.
    pub problem: Box<Problem>,
}

impl std::error::Error for FixtureError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        // The problem's text is already part of this error's message.
        self.problem.source()
    }
}

impl std::fmt::Display for FixtureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.pos, self.file.is_empty()) {
            (Some(pos), _) => write!(
                f,
                "{}:{}:{}: {}",
                self.file, pos.line, pos.column, self.problem
            ),
            (None, false) => write!(f, "{}: {}", self.file, self.problem),
            (None, true) => write!(f, "{}", self.problem),
        }
    }
}

/// What is wrong.
#[derive(Debug, thiserror::Error)]
pub enum Problem {
    /// The XML itself is malformed (quick-xml's own words).
    #[error("malformed XML: {0}")]
    Xml(String),
    #[error("the root element must be <magemock>, not <{0}>")]
    WrongRoot(String),
    #[error("no root element: a fixture is one <magemock> element")]
    NoRoot,
    #[error("{0}")]
    Structure(String),
    #[error("unknown element <{name}> in <{parent}>; expected {expected}")]
    UnknownElement {
        name: String,
        parent: String,
        expected: String,
    },
    #[error("<{0}> is not supported yet")]
    NotSupportedYet(String),
    #[error("unknown attribute `{name}` on <{element}>; allowed: {allowed}")]
    UnknownAttribute {
        name: String,
        element: String,
        allowed: String,
    },
    #[error("<{element}> needs the attribute `{attribute}`")]
    MissingAttribute { element: String, attribute: String },
    #[error("`{attribute}` must be {expected}, not `{value}`")]
    BadValue {
        attribute: String,
        value: String,
        expected: String,
    },
    #[error("unexpected text in <{0}>")]
    UnexpectedText(String),
    #[error("unknown {kind} `{value}`")]
    UnknownReference { kind: &'static str, value: String },
    #[error("ambiguous category reference `{0}`: several categories match; use the id")]
    AmbiguousCategory(String),
    #[error("duplicate {kind} `{value}` (first declared at {first})")]
    Duplicate {
        kind: &'static str,
        value: String,
        first: Pos,
    },
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Integration(Box<magemock_registry::RegistryError>),
    /// A `<config>` value the configuration refuses (unknown path, ill-typed value).
    #[error("{0}")]
    Config(CoreError),
    #[error(transparent)]
    Store(#[from] CoreError),
}

impl FixtureError {
    pub(crate) fn at(file: &str, pos: Pos, problem: impl Into<Problem>) -> Self {
        Self {
            file: file.to_string(),
            pos: Some(pos),
            problem: Box::new(problem.into()),
        }
    }
}

/// Store failures (a commit that failed, a broken database) have no place in a file.
impl From<CoreError> for FixtureError {
    fn from(e: CoreError) -> Self {
        Self {
            file: String::new(),
            pos: None,
            problem: Box::new(Problem::Store(e)),
        }
    }
}

/// The control API answers a bad fixture with a 400 carrying the whole located message; a
/// failing store is an internal error.
impl ToMagentoError for FixtureError {
    fn to_magento(&self) -> MagentoError {
        let input = || MagentoError::input(self.to_string(), Params::None);
        match &*self.problem {
            Problem::Store(core) => core.to_magento(),
            Problem::Catalog(catalog) => match catalog {
                CatalogError::Sqlite(_) | CatalogError::Core(_) => catalog.to_magento(),
                CatalogError::InvalidSku { .. }
                | CatalogError::InvalidCode(_)
                | CatalogError::AlreadyExists(_)
                | CatalogError::NoSuchEntity { .. }
                | CatalogError::InvalidValue { .. }
                | CatalogError::RequiredValueEmpty(_) => input(),
            },
            Problem::Integration(e) => match &**e {
                magemock_registry::RegistryError::Core(_)
                | magemock_registry::RegistryError::Sqlite(_) => e.to_magento(),
                magemock_registry::RegistryError::NameExists(_)
                | magemock_registry::RegistryError::NoSuchId(_)
                | magemock_registry::RegistryError::Invalid(_)
                | magemock_registry::RegistryError::ConfigBased(_)
                | magemock_registry::RegistryError::Acl(_) => input(),
            },
            Problem::Xml(_)
            | Problem::WrongRoot(_)
            | Problem::NoRoot
            | Problem::Structure(_)
            | Problem::UnknownElement { .. }
            | Problem::NotSupportedYet(_)
            | Problem::UnknownAttribute { .. }
            | Problem::MissingAttribute { .. }
            | Problem::BadValue { .. }
            | Problem::UnexpectedText(_)
            | Problem::UnknownReference { .. }
            | Problem::Config(_)
            | Problem::AmbiguousCategory(_)
            | Problem::Duplicate { .. } => input(),
        }
    }
}

impl From<magemock_registry::RegistryError> for Problem {
    fn from(e: magemock_registry::RegistryError) -> Self {
        Problem::Integration(Box::new(e))
    }
}
