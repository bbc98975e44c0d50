//! `magemock-bench startup-order`: writes `crates/magemock/startup.order`, the functions that a
//! default start of `magemock` runs, for the linker to place side by side.
//!
//! Why: idle RSS is mostly the binary's own text. The kernel maps the 64 KiB around every page a
//! start touches, and the functions a start runs (~1.8 MB of a 7.5 MB text) lie spread over
//! nearly every 64 KiB of it. Laid out together they fill ~30 such windows instead of ~90.
//! `crates/magemock/build.rs` hands the file to the linker (lld's `--symbol-ordering-file`).
//!
//! The names are mangled with each crate's disambiguator, which changes with the toolchain, the
//! dependency versions and the profile, not with edits to the code; names the linker does not
//! find are skipped. Regenerate after a toolchain or `Cargo.lock` change, with valgrind
//! installed:
//!
//! ```sh
//! cargo build --release -p magemock -p magemock-bench
//! cargo run --release -p magemock-bench -- startup-order --out crates/magemock/startup.order
//! ```

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::Duration;

use crate::server::{self, Kind};

/// Runs `magemock` under callgrind until it is ready, stops it, and writes the names of the
/// functions of `magemock` itself (not of libc) that ran, sorted, one per line.
pub fn write(magemock: &Path, work_dir: &Path, out: &Path) -> Result<(), String> {
    let profile = work_dir.join("startup.callgrind");
    let _ = std::fs::remove_file(&profile);
    let kind = Kind::Under {
        tool: vec![
            "valgrind".into(),
            "--tool=callgrind".into(),
            "--demangle=no".into(),
            format!("--callgrind-out-file={}", profile.display()),
        ],
        binary: magemock.to_path_buf(),
    };
    let running = server::start(&kind, None, Duration::from_secs(300))
        .map_err(|e| format!("{e}\n(is valgrind installed? apt-get install -y valgrind)"))?;
    running.terminate()?;
    let text = std::fs::read_to_string(&profile)
        .map_err(|e| format!("cannot read {}: {e}", profile.display()))?;
    let _ = std::fs::remove_file(&profile);
    let binary = std::fs::canonicalize(magemock).unwrap_or_else(|_| magemock.to_path_buf());
    let names = functions_of(&text, &binary.to_string_lossy());
    if names.is_empty() {
        return Err(format!(
            "{} names no function of {}",
            profile.display(),
            binary.display()
        ));
    }
    let mut body = String::new();
    for name in &names {
        body.push_str(name);
        body.push('\n');
    }
    std::fs::write(out, body).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!(
        "magemock-bench: {} functions written to {}",
        names.len(),
        out.display()
    );
    Ok(())
}

/// The functions of `object` in a callgrind profile. Callgrind names each object and function
/// once as `ob=(n) name` / `fn=(n) name` and by `(n)` afterwards; a callee's object comes from
/// the `cob=` line before its `cfn=`, else it is the current `ob=`. Recursion levels (`name'2`)
/// are one function.
fn functions_of(profile: &str, object: &str) -> BTreeSet<String> {
    let mut objects: HashMap<String, String> = HashMap::new();
    let mut current = String::new();
    let mut callee_object: Option<String> = None;
    let mut names = BTreeSet::new();
    for line in profile.lines() {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        match key {
            "ob" => current = resolve(&mut objects, value),
            "cob" => callee_object = Some(resolve(&mut objects, value)),
            "fn" | "cfn" => {
                let owner = if key == "cfn" {
                    callee_object.take().unwrap_or_else(|| current.clone())
                } else {
                    current.clone()
                };
                if let Some((_, name)) = value.split_once(") ")
                    && owner == object
                {
                    let name = name.split('\'').next().unwrap_or(name);
                    // Callgrind's stand-ins for code without a symbol: nothing to order.
                    if !name.starts_with("0x") && !name.starts_with('(') {
                        names.insert(name.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    names
}

/// `(n) name` defines `n`, `(n)` refers to it, a bare `name` is itself.
fn resolve(objects: &mut HashMap<String, String>, value: &str) -> String {
    match value.strip_prefix('(').and_then(|v| v.split_once(')')) {
        Some((id, rest)) => {
            let rest = rest.trim_start();
            if rest.is_empty() {
                objects.get(id).cloned().unwrap_or_default()
            } else {
                objects.insert(id.to_string(), rest.to_string());
                rest.to_string()
            }
        }
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_functions_of_the_named_object_only() {
        let profile = "\
ob=(1) /bin/magemock
fn=(1) _RNvCs1_8magemock4main
cob=(2) /lib/libc.so.6
cfn=(2) memcpy
calls=1 0
cfn=(3) sqlite3VdbeExec'2
calls=1 0
ob=(2)
fn=(2)
fn=(4) strlen
ob=(1)
fn=(5) _RNvCs1_8magemock5serve
fn=(6) 0x00000000003e0240
fn=(7) (below main)
";
        let names: Vec<_> = functions_of(profile, "/bin/magemock").into_iter().collect();
        assert_eq!(
            names,
            [
                "_RNvCs1_8magemock4main",
                "_RNvCs1_8magemock5serve",
                "sqlite3VdbeExec"
            ]
        );
    }
}
