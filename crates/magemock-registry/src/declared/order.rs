//! Module load order, exactly as `Magento\Framework\Module\ModuleList\Loader::sortBySequence`
//! computes it in 2.4 (lib/internal/Magento/Framework/Module/ModuleList/Loader.php):
//!
//! 1. `ksort`: modules by name (byte order, as PHP compares non-numeric strings);
//! 2. `prearrangeModules`: every name containing `Magento_` (anywhere) before the others;
//! 3. `expandSequence`: each module's `<sequence>`, closed transitively (names of modules
//!    that are not installed count, with no sequence of their own); a cycle is an error;
//! 4. a "bubble" pass: for each position `i`, every later module that `i`'s expanded
//!    sequence names is swapped into `i`, in turn.
//!
//! The swap pass is reproduced step for step, not replaced by a topological sort: where
//! several orders satisfy the sequences, Magento's particular choice decides which module's
//! file is merged last, and so which value wins.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::error::DeclaredError;

/// Sorts `(name, sequence)` pairs; returns indices into `modules` in load order.
pub(crate) fn load_order(modules: &[(&str, &[String])]) -> Result<Vec<usize>, DeclaredError> {
    // A later module of the same name replaces an earlier one in Magento's `$result[$name]`;
    // `scan` reports duplicates before this point, so the map is one-to-one here.
    let by_name: BTreeMap<&str, usize> = modules
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (*name, i))
        .collect();
    let (magento, others): (Vec<&str>, Vec<&str>) =
        by_name.keys().partition(|name| name.contains("Magento_"));

    let mut cache: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut expanded: Vec<(&str, BTreeSet<String>)> = Vec::new();
    for name in magento.into_iter().chain(others) {
        let sequence = expand(&by_name, modules, name, &mut cache, &mut Vec::new(), "")?;
        expanded.push((name, sequence));
    }

    let total = expanded.len();
    for i in 0..total.saturating_sub(1) {
        for j in i..total {
            if expanded[i].1.contains(expanded[j].0) {
                expanded.swap(i, j);
            }
        }
    }
    Ok(expanded
        .iter()
        .filter_map(|(name, _)| by_name.get(name).copied())
        .collect())
}

/// `expandSequence`: everything `name` must load after, directly or not.
fn expand(
    by_name: &BTreeMap<&str, usize>,
    modules: &[(&str, &[String])],
    name: &str,
    cache: &mut HashMap<String, BTreeSet<String>>,
    accumulated: &mut Vec<String>,
    parent: &str,
) -> Result<BTreeSet<String>, DeclaredError> {
    if accumulated.iter().any(|a| a == name) {
        return Err(DeclaredError::CircularSequence {
            from: parent.to_string(),
            to: name.to_string(),
        });
    }
    if let Some(done) = cache.get(name) {
        return Ok(done.clone());
    }
    let sequence: &[String] = by_name
        .get(name)
        .and_then(|&i| modules.get(i))
        .map_or(&[], |(_, s)| s);
    accumulated.push(name.to_string());
    let mut all = BTreeSet::new();
    for related in sequence {
        all.extend(expand(by_name, modules, related, cache, accumulated, name)?);
    }
    accumulated.pop();
    all.extend(sequence.iter().cloned());
    cache.insert(name.to_string(), all.clone());
    Ok(all)
}
