//! The integrations that Magento modules declare, read exactly as Magento 2.4's
//! `Magento_Integration` reads them, with no database and no ACL.
//!
//! * [`scan`] finds modules in `app/code/<Vendor>/<Module>/`, `vendor/<vendor>/<package>/`
//!   or a single module directory, reads their `etc/module.xml` and returns them in
//!   Magento's load order (`ModuleList\Loader::sortBySequence`).
//! * [`load`] reads what they declare, in that order:
//!   * `etc/integration.xml` (`Model\Config\Consolidated\Reader`): each file checked against
//!     `integration_file.xsd`, merged into the files before it (integrations by `name`,
//!     resources by `name`; a later module overrides values and adds resources), the result
//!     checked against `integration.xsd`, which requires an email;
//!   * the deprecated `etc/integration/config.xml` + `etc/integration/api.xml`
//!     (`Model\Config\Reader`, `Model\Config\Integration\Reader`): merged the same way, the
//!     results checked against `config.xsd` and `api.xsd` (these readers have no per-file
//!     schema), then joined by name.
//!
//!   It returns every integration or the first error, never part of them.
//! * [`parse_consolidated`], [`parse_legacy_config`], [`parse_legacy_api`] read one document
//!   held in memory; [`load_sources`] reads several.
//!
//! # What happens next in Magento, and is left to the caller
//!
//! * `Setup\Recurring` hands the integration.xml result to
//!   `ConfigBasedIntegrationManager::processConfigBasedIntegrations` on every
//!   `setup:upgrade`, creating, updating or re-creating each integration.
//! * The legacy pair is only ever installed by a module's own setup code calling the
//!   deprecated `processIntegrationConfig([names])`, which creates or overwrites in place.
//! * Declared resources are expanded with their ACL ancestors and `Magento_Backend::admin` by
//!   the integration.xml converter, which also silently drops names its ACL tree lacks
//!   (`Magento_Backend::all` among them: it is not under `Magento_Backend::admin`). The
//!   api.xml converter passes names through unexpanded.
//!
//! # When one name is declared in both formats
//!
//! The integration.xml declaration wins and the legacy one is dropped, with its origin
//! [`Origin::Consolidated`]: `Setup\Recurring` re-applies integration.xml's values on every
//! `setup:upgrade` (re-creating the integration if the legacy setup code had changed them),
//! and `Model\Plugin\Integration::_addAllowedResources` reads a config-based integration's
//! resources from `array_merge(api.xml result, integration.xml result)`, where the later
//! array's entry replaces the earlier one whole. The legacy files are still read and checked.
//!
//! # No "all resources" flag
//!
//! Neither format can say "all resources": no converter emits `all_resources`, which only the
//! admin form sets (`Model\Plugin\Integration::_saveApiPermissions`). A config-based
//! integration's resources always come from its files.
//!
//! # Fidelity notes
//!
//! * Magento validates against these schemas only in developer mode; magemock always does.
//! * Values are kept as written (Magento stores `nodeValue`s untrimmed).
//! * `xs:anyURI` is checked for length and for the URI errors libxml2 reports in practice
//!   (bad `%` escapes, a second `#`, a bad scheme), not for every RFC 3986 rule.
//! * Files must be UTF-8 and carry no DOCTYPE.

mod convert;
mod discover;
mod error;
mod facets;
mod lines;
mod merge;
mod order;
mod schema;
mod sources;
mod xml;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use discover::scan;
pub use error::{DeclaredError, Location};
pub use sources::{Source, Sources, load_sources};

use merge::{CONSOLIDATED_IDS, LEGACY_API_IDS, LEGACY_CONFIG_IDS};
use schema::Schema;

/// A module found by [`scan`], with the declaration files it ships.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleFiles {
    /// `Vendor_Module`, from `<module name>` in `etc/module.xml`.
    pub name: String,
    pub dir: PathBuf,
    pub module_xml: PathBuf,
    /// The modules it must load after, as its `<sequence>` lists them.
    pub sequence: Vec<String>,
    /// `etc/integration.xml`, if present.
    pub integration_xml: Option<PathBuf>,
    /// `etc/integration/config.xml` (deprecated), if present.
    pub legacy_config_xml: Option<PathBuf>,
    /// `etc/integration/api.xml` (deprecated), if present.
    pub legacy_api_xml: Option<PathBuf>,
}

/// Which reader an integration came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// `etc/integration.xml`, applied by `Setup\Recurring` on every `setup:upgrade`.
    Consolidated,
    /// The deprecated `etc/integration/config.xml` + `api.xml`, applied only when a module's
    /// setup code calls `processIntegrationConfig`.
    Legacy,
}

/// One integration, after merging every module's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredIntegration {
    pub name: String,
    /// As written, whitespace included.
    pub email: String,
    /// `<endpoint_url>`, stored by Magento as the integration's `endpoint`.
    pub endpoint_url: Option<String>,
    pub identity_link_url: Option<String>,
    /// As declared, de-duplicated, in the merged document's order (a later module's new
    /// resources come after the earlier ones). Not expanded with ACL ancestors.
    pub resources: Vec<String>,
    pub origin: Origin,
    /// Every file that declared this integration, in reading order.
    pub files: Vec<PathBuf>,
}

/// Reads what `modules` declare; `modules` must be in load order, as [`scan`] returns them.
///
/// The result lists integration.xml's integrations first, in the merged document's order
/// (the order `processConfigBasedIntegrations` walks them), then the legacy ones not shadowed
/// by a name in integration.xml, in the merged config.xml's order.
pub fn load(modules: &[ModuleFiles]) -> Result<Vec<DeclaredIntegration>, DeclaredError> {
    load_sources(&Sources::read(modules)?)
}

/// One `etc/integration.xml` document, checked against both integration_file.xsd and
/// integration.xsd (a single file is its own merged result).
pub fn parse_consolidated(
    file: &str,
    xml: &str,
) -> Result<Vec<DeclaredIntegration>, DeclaredError> {
    let source = one(file, xml);
    let converted = sources::read_format(
        &source,
        Some(Schema::ConsolidatedFile),
        Schema::ConsolidatedMerged,
        CONSOLIDATED_IDS,
    )?;
    sources::combine(converted, Vec::new(), Vec::new())
}

/// One `etc/integration/config.xml` document, on its own: its integrations have no
/// resources (those would come from api.xml).
pub fn parse_legacy_config(
    file: &str,
    xml: &str,
) -> Result<Vec<DeclaredIntegration>, DeclaredError> {
    let source = one(file, xml);
    let converted = sources::read_format(&source, None, Schema::LegacyConfig, LEGACY_CONFIG_IDS)?;
    sources::combine(Vec::new(), converted, Vec::new())
}

/// The resources an `etc/integration/api.xml` document grants, per integration name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredResources {
    pub name: String,
    /// As declared, de-duplicated, in document order.
    pub resources: Vec<String>,
}

/// One `etc/integration/api.xml` document, on its own.
pub fn parse_legacy_api(file: &str, xml: &str) -> Result<Vec<DeclaredResources>, DeclaredError> {
    let source = one(file, xml);
    let converted = sources::read_format(&source, None, Schema::LegacyApi, LEGACY_API_IDS)?;
    Ok(converted
        .into_iter()
        .map(|c| DeclaredResources {
            name: c.name,
            resources: c.resources,
        })
        .collect())
}

fn one(file: &str, xml: &str) -> [Source; 1] {
    [Source {
        file: Path::new(file).to_path_buf(),
        xml: xml.to_string(),
    }]
}
