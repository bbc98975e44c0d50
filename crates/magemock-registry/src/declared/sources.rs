//! From documents to [`DeclaredIntegration`]s: each format read, merged and checked the way
//! its Magento reader does it (`Framework\Config\Reader\Filesystem::_readFiles`), then the
//! formats combined.
//!
//! Per format, in module order: parse the file; check it against the per-file schema if the
//! reader has one (only integration.xml does); merge it into the files before it. Then check
//! the merged document against the merged schema and convert it.

use std::path::{Path, PathBuf};

use super::convert::{Converted, convert};
use super::error::DeclaredError;
use super::lines::LineIndex;
use super::merge::{CONSOLIDATED_IDS, IdAttributes, LEGACY_API_IDS, LEGACY_CONFIG_IDS, merge};
use super::schema::{Schema, check, check_root};
use super::xml::parse;
use super::{DeclaredIntegration, ModuleFiles, Origin};

/// One document: where it came from (for messages) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub file: PathBuf,
    pub xml: String,
}

/// Every declaration document, each list in module load order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// `etc/integration.xml` files.
    pub consolidated: Vec<Source>,
    /// `etc/integration/config.xml` files (deprecated).
    pub legacy_config: Vec<Source>,
    /// `etc/integration/api.xml` files (deprecated).
    pub legacy_api: Vec<Source>,
}

impl Sources {
    /// Reads the declaration files of `modules`, which must be in load order (as
    /// [`scan`](super::scan) returns them).
    pub fn read(modules: &[ModuleFiles]) -> Result<Self, DeclaredError> {
        let mut sources = Sources::default();
        for module in modules {
            let lists = [
                (&module.integration_xml, &mut sources.consolidated),
                (&module.legacy_config_xml, &mut sources.legacy_config),
                (&module.legacy_api_xml, &mut sources.legacy_api),
            ];
            for (path, list) in lists {
                if let Some(path) = path {
                    list.push(read_source(path)?);
                }
            }
        }
        Ok(sources)
    }
}

/// Reads a file as UTF-8 text.
pub(crate) fn read_source(path: &Path) -> Result<Source, DeclaredError> {
    let bytes = std::fs::read(path).map_err(|source| DeclaredError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    match String::from_utf8(bytes) {
        Ok(xml) => Ok(Source {
            file: path.to_path_buf(),
            xml,
        }),
        Err(err) => {
            let valid_up_to = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            // The prefix before the first bad byte is valid UTF-8 by definition.
            let prefix = std::str::from_utf8(bytes.get(..valid_up_to).unwrap_or_default())
                .unwrap_or_default();
            Err(DeclaredError::NotUtf8 {
                at: LineIndex::new(path, prefix).location(prefix.len()),
            })
        }
    }
}

/// All or nothing: the first error in Magento's reading order, or every integration.
pub fn load_sources(sources: &Sources) -> Result<Vec<DeclaredIntegration>, DeclaredError> {
    let consolidated = read_format(
        &sources.consolidated,
        Some(Schema::ConsolidatedFile),
        Schema::ConsolidatedMerged,
        CONSOLIDATED_IDS,
    )?;
    let config = read_format(
        &sources.legacy_config,
        None,
        Schema::LegacyConfig,
        LEGACY_CONFIG_IDS,
    )?;
    let api = read_format(&sources.legacy_api, None, Schema::LegacyApi, LEGACY_API_IDS)?;
    combine(consolidated, config, api)
}

pub(crate) fn read_format(
    sources: &[Source],
    per_file: Option<Schema>,
    merged: Schema,
    ids: IdAttributes,
) -> Result<Vec<Converted>, DeclaredError> {
    let mut document = None;
    for source in sources {
        let root = parse(&source.file, &source.xml)?;
        check_root(&root, merged)?;
        if let Some(schema) = per_file {
            check(&root, schema)?;
        }
        match &mut document {
            None => document = Some(root),
            Some(base) => merge(base, root, ids)?,
        }
    }
    let Some(document) = document else {
        return Ok(Vec::new());
    };
    check(&document, merged)?;
    Ok(convert(&document))
}

/// Combines the formats. A name in integration.xml shadows the same name in the legacy pair:
/// `Setup\Recurring` re-applies integration.xml on every `setup:upgrade`, and
/// `Model\Plugin\Integration::_addAllowedResources` takes resources from
/// `array_merge(api.xml, integration.xml)`, where the later array wins.
pub(crate) fn combine(
    consolidated: Vec<Converted>,
    config: Vec<Converted>,
    api: Vec<Converted>,
) -> Result<Vec<DeclaredIntegration>, DeclaredError> {
    let mut out = Vec::new();
    for c in consolidated {
        out.push(declared(c, Vec::new(), Vec::new(), Origin::Consolidated)?);
    }
    let shadowed = |name: &str| out.iter().any(|d: &DeclaredIntegration| d.name == name);
    if let Some(orphan) = api
        .iter()
        .find(|a| !shadowed(&a.name) && !config.iter().any(|c| c.name == a.name))
    {
        return Err(DeclaredError::ApiWithoutConfig {
            at: orphan.at.clone(),
            name: orphan.name.clone(),
        });
    }
    let mut legacy = Vec::new();
    for c in config.into_iter().filter(|c| !shadowed(&c.name)) {
        let (resources, files) = match api.iter().find(|a| a.name == c.name) {
            Some(a) => (a.resources.clone(), a.files.clone()),
            None => (Vec::new(), Vec::new()),
        };
        legacy.push(declared(c, resources, files, Origin::Legacy)?);
    }
    out.extend(legacy);
    Ok(out)
}

fn declared(
    c: Converted,
    extra_resources: Vec<String>,
    extra_files: Vec<PathBuf>,
    origin: Origin,
) -> Result<DeclaredIntegration, DeclaredError> {
    // The merged schemas require an email, so this only guards against a broken invariant.
    let Some(email) = c.email else {
        return Err(DeclaredError::MissingEmail {
            at: c.at,
            name: c.name,
            file: "declaration files",
            schema: "the merged schema",
        });
    };
    let mut resources = c.resources;
    for r in extra_resources {
        if !resources.contains(&r) {
            resources.push(r);
        }
    }
    let mut files = c.files;
    for f in extra_files {
        if !files.contains(&f) {
            files.push(f);
        }
    }
    Ok(DeclaredIntegration {
        name: c.name,
        email,
        endpoint_url: c.endpoint_url,
        identity_link_url: c.identity_link_url,
        resources,
        origin,
        files,
    })
}
