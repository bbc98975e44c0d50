//! Finding modules. Sources: app/etc/registration_globlist.php (`app/code/*/*/registration.php`),
//! Framework/Component/ComponentRegistrar.php, Framework/Module/ModuleList/Loader.php
//! (`getModuleConfigs`: `<module dir>/etc/module.xml`), Framework/Module/Declaration/Converter/Dom.php.

use super::super::discover::module_declaration;
use super::*;

/// One line per module: name, directory, sequence and the declaration files it has.
fn outline(modules: &[ModuleFiles], base: &Path) -> String {
    let mut out = String::new();
    for m in modules {
        let files: Vec<&str> = [
            (m.integration_xml.is_some(), "integration.xml"),
            (m.legacy_config_xml.is_some(), "integration/config.xml"),
            (m.legacy_api_xml.is_some(), "integration/api.xml"),
        ]
        .iter()
        .filter(|(present, _)| *present)
        .map(|(_, f)| *f)
        .collect();
        out.push_str(&format!(
            "{} {} [{}] {}\n",
            m.name,
            relative(&m.dir, base),
            m.sequence.join(" "),
            files.join(" ")
        ));
    }
    out
}

#[track_caller]
fn check(roots: &[PathBuf], base: &Path, expect: &str) {
    match scan(roots) {
        Ok(modules) => assert_outline(&outline(&modules, base), expect),
        Err(err) => panic!("{err}"),
    }
}

#[track_caller]
fn check_error(roots: &[PathBuf], expect: &str) {
    match scan(roots) {
        Ok(modules) => panic!("expected an error, found {modules:?}"),
        Err(err) => assert_eq!(err.to_string(), expect),
    }
}

/// app/code and vendor/ in one project, in load order: Acme_Analytics and Acme_Legacy both
/// follow Acme_ErpConnector (their sequences), Acme_Analytics by name.
#[test]
fn code_tree_and_composer_layout() {
    let root = fixtures().join("modules");
    check(
        std::slice::from_ref(&root),
        &root,
        "
        Acme_ErpConnector app/code/Acme/ErpConnector [Magento_Integration] integration.xml
        Acme_Analytics vendor/acme/module-analytics [Acme_ErpConnector] integration.xml
        Acme_Legacy app/code/Acme/Legacy [Acme_ErpConnector] integration/config.xml integration/api.xml
        ",
    );
}

/// A root with etc/module.xml is one module; several roots are scanned together.
#[test]
fn single_module_roots() {
    let base = fixtures().join("modules/app/code/Acme");
    check(
        &[base.join("Legacy"), base.join("ErpConnector")],
        &base,
        "
        Acme_ErpConnector ErpConnector [Magento_Integration] integration.xml
        Acme_Legacy Legacy [Acme_ErpConnector] integration/config.xml integration/api.xml
        ",
    );
}

/// Magento only sees modules with a registration.php; under vendor/ a registration.php
/// without etc/module.xml is some other component (theme, language pack, library).
#[test]
fn what_is_not_a_module() {
    let root = scratch("not-a-module");
    write_tree(
        &root,
        &[
            (
                "app/code/Acme/Unregistered/etc/module.xml",
                &module_xml("Acme_Unregistered", &[]),
            ),
            ("app/code/Acme/Real/registration.php", "<?php\n"),
            (
                "app/code/Acme/Real/etc/module.xml",
                &module_xml("Acme_Real", &[]),
            ),
            ("vendor/acme/theme-frontend/registration.php", "<?php\n"),
            ("vendor/composer/installed.json", "{}"),
        ],
    );
    check(
        std::slice::from_ref(&root),
        &root,
        "Acme_Real app/code/Acme/Real [] ",
    );
}

/// Loader::getModuleConfigs reads etc/module.xml of every registered module.
#[test]
fn registered_app_code_module_without_module_xml() {
    let root = scratch("no-module-xml");
    write_tree(&root, &[("app/code/Acme/Half/registration.php", "<?php\n")]);
    check_error(
        std::slice::from_ref(&root),
        &format!(
            "{}: registration.php registers a module but there is no etc/module.xml, which Magento's module loader reads for every registered module",
            root.join("app/code/Acme/Half").display()
        ),
    );
}

/// ComponentRegistrar::register refuses a second component of the same name.
#[test]
fn duplicate_module() {
    let root = fixtures().join("modules");
    let again = root.join("app/code/Acme/Legacy");
    check_error(
        &[root.clone(), again.clone()],
        &format!(
            "Module 'Acme_Legacy' from '{}' has been already defined in '{}'.",
            again.display(),
            again.display()
        ),
    );
}

#[test]
fn roots_without_modules() {
    let root = scratch("empty");
    check_error(
        std::slice::from_ref(&root),
        &format!(
            "{}: no Magento module here; expected etc/module.xml, app/code/<Vendor>/<Module>/ or vendor/<vendor>/<package>/",
            root.display()
        ),
    );
    let missing = root.join("nowhere");
    match scan(std::slice::from_ref(&missing)) {
        Ok(modules) => panic!("expected an error, found {modules:?}"),
        Err(err) => assert!(
            err.to_string()
                .starts_with(&format!("{}: cannot read: ", missing.display())),
            "{err}"
        ),
    }
}

/// Declaration\Converter\Dom: the first `<module>`, a required `name`, the last `<sequence>`;
/// `setup_version` is optional since 2.3.
#[test]
fn module_xml_reading() {
    let read = |xml: &str| match module_declaration(Path::new("module.xml"), xml) {
        Ok((name, sequence)) => format!("{name} [{}]", sequence.join(" ")),
        Err(err) => err.to_string(),
    };
    assert_eq!(
        read(
            r#"<config><module name="Acme_A"><sequence><module name="X_One"/></sequence><sequence><module name="X_Two"/></sequence></module><module name="Acme_B"/></config>"#
        ),
        "Acme_A [X_Two]"
    );
    assert_eq!(
        read("<config>\n  <module setup_version=\"1.0.0\"/>\n</config>"),
        "module.xml:2:3: <module> has no name attribute, which is required"
    );
    assert_eq!(
        read("<config/>"),
        "module.xml:1:1: module.xml has no <module> element under <config>"
    );
    assert_eq!(
        read("<module name=\"Acme_A\"/>"),
        "module.xml:1:1: the root element must be <config> (module.xsd), found <module>"
    );
}

/// Files are read as UTF-8; the error points at the first byte that is not.
#[test]
fn non_utf8_file() {
    let root = scratch("latin1");
    write_tree(
        &root,
        &[
            ("app/code/Acme/Latin/registration.php", "<?php\n"),
            (
                "app/code/Acme/Latin/etc/module.xml",
                &module_xml("Acme_Latin", &[]),
            ),
        ],
    );
    let file = root.join("app/code/Acme/Latin/etc/integration.xml");
    let bytes = b"<config>\n  <integration name=\"Caf\xe9\"/>\n</config>\n";
    std::fs::write(&file, bytes).unwrap_or_else(|e| panic!("{e}"));
    let result = scan(std::slice::from_ref(&root)).and_then(|modules| load(&modules));
    match result {
        Ok(found) => panic!("expected an error, read {found:?}"),
        Err(err) => assert_eq!(
            err.to_string(),
            format!(
                "{}:2:25: the file is not UTF-8; magemock reads Magento's XML files as UTF-8",
                file.display()
            )
        ),
    }
}
