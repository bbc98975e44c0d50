//! Unit tests, one module per behaviour. Each test names the Magento source it mirrors.
//!
//! Helpers here render results as text, so a test reads as input → expected outline.

mod consolidated;
mod discovery;
mod errors;
mod legacy;
mod merging;
mod ordering;
mod robustness;

use std::path::{Path, PathBuf};

use super::*;

/// The workspace's `fixtures/` directory.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// A fresh, empty directory for a test that needs its own module tree; removed on drop.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(test: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("magemock-registry-{}-{test}", std::process::id()));
    // A leftover from an earlier run of the same process id would only add modules.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    Scratch(dir)
}

/// Writes `files` (relative path, content) under `root`.
fn write_tree(root: &Path, files: &[(&str, &str)]) {
    for (relative, content) in files {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        std::fs::write(&path, content).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// A module.xml for `name` with `sequence`.
fn module_xml(name: &str, sequence: &[&str]) -> String {
    let sequence: String = sequence
        .iter()
        .map(|m| format!("<module name=\"{m}\"/>"))
        .collect();
    format!(
        "<?xml version=\"1.0\"?>\n<config><module name=\"{name}\"><sequence>{sequence}</sequence></module></config>\n"
    )
}

/// `path` relative to `base` when it is under it, with `/` separators, for stable outlines.
fn relative(path: &Path, base: &Path) -> String {
    let shown = path.strip_prefix(base).unwrap_or(path);
    shown
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// One block per integration: a `name (origin) <email>` line, then its other fields.
fn render(integrations: &[DeclaredIntegration], base: &Path) -> String {
    let mut out = String::new();
    for i in integrations {
        out.push_str(&format!("{} ({:?}) <{}>\n", i.name, i.origin, i.email));
        if let Some(url) = &i.endpoint_url {
            out.push_str(&format!("  endpoint_url: {url}\n"));
        }
        if let Some(url) = &i.identity_link_url {
            out.push_str(&format!("  identity_link_url: {url}\n"));
        }
        let resources = if i.resources.is_empty() {
            "(none)".to_string()
        } else {
            i.resources.join(", ")
        };
        out.push_str(&format!("  resources: {resources}\n"));
        let files: Vec<String> = i.files.iter().map(|f| relative(f, base)).collect();
        out.push_str(&format!("  files: {}\n", files.join(", ")));
    }
    out
}

/// Compares outlines; `expect` may be indented as a whole and start with a line break.
#[track_caller]
fn assert_outline(actual: &str, expect: &str) {
    assert_eq!(
        actual.trim_end(),
        dedent(expect),
        "\n--- actual ---\n{actual}"
    );
}

fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().skip_while(|l| l.trim().is_empty()).collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect();
    lines.join("\n").trim_end().to_string()
}

/// In-memory documents → outline, or the error's text.
fn load_docs(
    consolidated: &[(&str, &str)],
    config: &[(&str, &str)],
    api: &[(&str, &str)],
) -> Result<String, String> {
    let list = |docs: &[(&str, &str)]| {
        docs.iter()
            .map(|(file, xml)| Source {
                file: PathBuf::from(file),
                xml: xml.to_string(),
            })
            .collect()
    };
    let sources = Sources {
        consolidated: list(consolidated),
        legacy_config: list(config),
        legacy_api: list(api),
    };
    load_sources(&sources)
        .map(|found| render(&found, Path::new("")))
        .map_err(|err| err.to_string())
}

/// Wraps `inner` in an integration.xml document; `inner` starts on line 3.
fn integration_xml(inner: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<config xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"urn:magento:module:Magento_Integration:etc/integration/integration.xsd\">\n{inner}\n</config>\n"
    )
}

/// Wraps `inner` in an `<integrations>` document (config.xml or api.xml); `inner` starts on
/// line 3.
fn integrations_xml(inner: &str) -> String {
    format!("<?xml version=\"1.0\"?>\n<integrations>\n{inner}\n</integrations>\n")
}
