//! Module load order. Source: lib/internal/Magento/Framework/Module/ModuleList/Loader.php
//! (2.4: `sortBySequence`, `prearrangeModules`, `expandSequence` with its cache).

use super::super::order::load_order;

/// `modules` as `(name, sequence)`; `expect` the names in load order, space-separated, or
/// the error.
#[track_caller]
fn check(modules: &[(&str, &[&str])], expect: &str) {
    let owned: Vec<(&str, Vec<String>)> = modules
        .iter()
        .map(|(name, seq)| (*name, seq.iter().map(|s| s.to_string()).collect()))
        .collect();
    let keys: Vec<(&str, &[String])> = owned
        .iter()
        .map(|(name, seq)| (*name, seq.as_slice()))
        .collect();
    let actual = match load_order(&keys) {
        Ok(order) => order
            .iter()
            .filter_map(|&i| modules.get(i).map(|m| m.0))
            .collect::<Vec<_>>()
            .join(" "),
        Err(err) => err.to_string(),
    };
    assert_eq!(actual, expect);
}

/// `ksort`: with no sequences, modules load by name.
#[test]
fn ties_by_name() {
    check(
        &[("Zeta_Mod", &[]), ("Acme_Mod", &[]), ("Acme_Aaa", &[])],
        "Acme_Aaa Acme_Mod Zeta_Mod",
    );
}

/// `prearrangeModules`: any name containing `Magento_` goes first, wherever it contains it.
#[test]
fn magento_modules_first() {
    check(
        &[
            ("Acme_Erp", &[]),
            ("Magento_Catalog", &[]),
            ("AcmeMagento_Bridge", &[]),
            ("Magento_Backend", &[]),
        ],
        "AcmeMagento_Bridge Magento_Backend Magento_Catalog Acme_Erp",
    );
}

/// A sequence moves a module after what it names, transitively.
#[test]
fn sequence_moves_dependencies_first() {
    check(
        &[
            ("Acme_A", &["Acme_B"]),
            ("Acme_B", &["Acme_C"]),
            ("Acme_C", &[]),
        ],
        "Acme_C Acme_B Acme_A",
    );
}

/// The swap pass, not a name-ordered topological sort: Acme_C is swapped straight into
/// Acme_A's place, ahead of Acme_B, which nothing orders relative to it.
#[test]
fn swap_pass_is_reproduced() {
    check(
        &[("Acme_A", &["Acme_C"]), ("Acme_B", &[]), ("Acme_C", &[])],
        "Acme_C Acme_B Acme_A",
    );
}

/// `$list[$name]['sequence'] ?? []`: modules that are not installed are ignored.
#[test]
fn missing_dependencies_are_ignored() {
    check(
        &[
            ("Acme_A", &["Magento_Integration", "Acme_B"]),
            ("Acme_B", &["Vendor_Gone"]),
        ],
        "Acme_B Acme_A",
    );
}

/// `expandSequence` throws on a cycle, naming the module whose sequence closes it.
#[test]
fn cycles_are_errors() {
    check(
        &[("Acme_A", &["Acme_B"]), ("Acme_B", &["Acme_A"])],
        "Circular sequence reference from 'Acme_B' to 'Acme_A'. (the <sequence> of their etc/module.xml files)",
    );
    check(
        &[("Acme_A", &["Acme_A"])],
        "Circular sequence reference from 'Acme_A' to 'Acme_A'. (the <sequence> of their etc/module.xml files)",
    );
}
