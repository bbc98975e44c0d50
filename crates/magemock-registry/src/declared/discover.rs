//! Finding modules on disk, as Magento 2.4 registers them, and reading their `module.xml`.
//!
//! Magento knows a module only through its `registration.php`: the project's
//! `app/etc/registration_globlist.php` includes `app/code/*/*/registration.php`, and Composer
//! includes each package's own (`autoload.files`). The module loader then reads
//! `<module dir>/etc/module.xml` for every registered module
//! (`ModuleList\Loader::getModuleConfigs`) and converts it with
//! `Module\Declaration\Converter\Dom`: the first `/config/module`, its required `name`, and
//! the `name`s under its (last) `<sequence>`.
//!
//! So under `app/code/*/*` and `vendor/*/*` a directory is a module when it has a
//! `registration.php` and an `etc/module.xml`; one with only `etc/module.xml` is skipped, as
//! Magento would never see it. A root that itself has `etc/module.xml` is taken as one
//! module: the caller pointed at it on purpose.

use std::path::{Path, PathBuf};

use super::ModuleFiles;
use super::error::DeclaredError;
use super::order::load_order;
use super::sources::read_source;
use super::xml::parse;

/// Finds the modules under `roots` and returns them in Magento's load order.
pub fn scan(roots: &[PathBuf]) -> Result<Vec<ModuleFiles>, DeclaredError> {
    let mut modules: Vec<ModuleFiles> = Vec::new();
    for root in roots {
        for dir in module_dirs(root)? {
            let module = read_module(&dir)?;
            if let Some(first) = modules.iter().find(|m| m.name == module.name) {
                return Err(DeclaredError::DuplicateModule {
                    name: module.name,
                    first: first.dir.clone(),
                    second: module.dir,
                });
            }
            modules.push(module);
        }
    }
    let keys: Vec<(&str, &[String])> = modules
        .iter()
        .map(|m| (m.name.as_str(), m.sequence.as_slice()))
        .collect();
    let order = load_order(&keys)?;
    let mut slots: Vec<Option<ModuleFiles>> = modules.into_iter().map(Some).collect();
    Ok(order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect())
}

/// The module directories one root holds, in a stable order.
fn module_dirs(root: &Path) -> Result<Vec<PathBuf>, DeclaredError> {
    let io = |source| DeclaredError::Io {
        path: root.to_path_buf(),
        source,
    };
    if !std::fs::metadata(root).map_err(io)?.is_dir() {
        return Err(DeclaredError::NoModules {
            root: root.to_path_buf(),
        });
    }
    if root.join("etc/module.xml").is_file() {
        return Ok(vec![root.to_path_buf()]);
    }
    let layouts = [(root.join("app/code"), true), (root.join("vendor"), false)];
    if !layouts.iter().any(|(dir, _)| dir.is_dir()) {
        return Err(DeclaredError::NoModules {
            root: root.to_path_buf(),
        });
    }
    let mut found = Vec::new();
    for (base, strict) in layouts {
        if !base.is_dir() {
            continue;
        }
        for vendor in subdirectories(&base)? {
            for dir in subdirectories(&vendor)? {
                if !dir.join("registration.php").is_file() {
                    continue;
                }
                if dir.join("etc/module.xml").is_file() {
                    found.push(dir);
                } else if strict {
                    // Under vendor/ a registration.php may register a theme, language pack or
                    // library; under app/code it registers a module, whose module.xml Magento
                    // then fails to read.
                    return Err(DeclaredError::ModuleXmlMissing { dir });
                }
            }
        }
    }
    Ok(found)
}

/// Sub-directories of `dir`, sorted by name so that scans are reproducible.
fn subdirectories(dir: &Path) -> Result<Vec<PathBuf>, DeclaredError> {
    let io = |source| DeclaredError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn read_module(dir: &Path) -> Result<ModuleFiles, DeclaredError> {
    let module_xml = dir.join("etc/module.xml");
    let source = read_source(&module_xml)?;
    let (name, sequence) = module_declaration(&source.file, &source.xml)?;
    let optional = |relative: &str| Some(dir.join(relative)).filter(|p| p.is_file());
    Ok(ModuleFiles {
        name,
        dir: dir.to_path_buf(),
        module_xml,
        sequence,
        integration_xml: optional("etc/integration.xml"),
        legacy_config_xml: optional("etc/integration/config.xml"),
        legacy_api_xml: optional("etc/integration/api.xml"),
    })
}

/// `Module\Declaration\Converter\Dom::convert` for the module the loader keeps (the first).
/// `setup_version` has been optional since 2.3's declarative schema, so it is not required.
pub(crate) fn module_declaration(
    file: &Path,
    xml: &str,
) -> Result<(String, Vec<String>), DeclaredError> {
    let root = parse(file, xml)?;
    if root.name != "config" {
        return Err(DeclaredError::WrongRoot {
            at: root.at.clone(),
            found: root.name.clone(),
            expected: "config",
            schema: "module.xsd",
        });
    }
    let Some(module) = root.elements().find(|e| e.name == "module") else {
        return Err(DeclaredError::NoModuleElement {
            at: root.at.clone(),
        });
    };
    let name = required_name(module)?;
    let mut sequence = Vec::new();
    // The converter's switch overwrites the list for each <sequence>, so the last one counts.
    if let Some(list) = module.elements().filter(|e| e.name == "sequence").last() {
        for dependency in list.elements().filter(|e| e.name == "module") {
            sequence.push(required_name(dependency)?);
        }
    }
    Ok((name, sequence))
}

fn required_name(module: &super::xml::Element) -> Result<String, DeclaredError> {
    match module.attribute("name") {
        Some(name) => Ok(name.value.clone()),
        None => Err(DeclaredError::MissingAttribute {
            at: module.at.clone(),
            element: "module",
            name: "name",
        }),
    }
}
