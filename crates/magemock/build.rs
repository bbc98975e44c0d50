//! How the `magemock` executable is linked; both choices are for idle RSS (issue 8,
//! BENCHMARKS.md), which is mostly the binary's own pages that a start touches.
//!
//! - Non-PIE on Linux/glibc: a position-independent executable gets its ~15,000 pointer
//!   relocations applied by the dynamic loader at every start, which reads the relocation table
//!   and writes the pages that hold the pointers (~0.5 MiB). A fixed load address costs a test
//!   tool nothing. Static builds (`+crt-static`, the container image) keep rustc's own choice
//!   (static-pie), which the flag would contradict.
//! - `startup.order` (written by `magemock-bench startup-order`): the functions a default start
//!   runs, laid out side by side by lld's `--symbol-ordering-file`. The kernel maps 64 KiB around
//!   every page touched, and scattered over the text those functions made ~5.5 MiB resident;
//!   together they make ~3.5. Only where rustc links with lld (its own rust-lld, the default for
//!   x86_64-unknown-linux-gnu since Rust 1.90, unless a linker was chosen); names lld does not
//!   find (another toolchain or lock file) are skipped. `MAGEMOCK_LINK_ORDER=off` opts out.

use std::env::var;
use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=startup.order");
    println!("cargo::rerun-if-env-changed=MAGEMOCK_LINK_ORDER");
    let os = var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let features = var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    let static_crt = features.split(',').any(|f| f == "crt-static");
    if os == "linux" && env == "gnu" && !static_crt {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    let order = Path::new(&var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("startup.order");
    let wanted = var("MAGEMOCK_LINK_ORDER").map_or(true, |v| v != "off");
    if wanted && order.is_file() && links_with_rust_lld() {
        println!(
            "cargo::rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
            order.display()
        );
        println!("cargo::rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}

/// rustc ≥ 1.90 for x86_64-unknown-linux-gnu, with no linker chosen through the environment or
/// the flags (a linker chosen in a `.cargo/config.toml` is invisible here: opt out with
/// `MAGEMOCK_LINK_ORDER=off` if it is not lld).
fn links_with_rust_lld() -> bool {
    if var("TARGET").as_deref() != Ok("x86_64-unknown-linux-gnu")
        || var("CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER").is_ok()
        || var("CARGO_ENCODED_RUSTFLAGS").is_ok_and(|f| f.contains("linker"))
    {
        return false;
    }
    let rustc = var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = Command::new(rustc).arg("-vV").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let version: Vec<u32> = text
        .lines()
        .find_map(|l| l.strip_prefix("release: "))
        .unwrap_or_default()
        .split(['.', '-'])
        .take(2)
        .filter_map(|n| n.parse().ok())
        .collect();
    matches!(version[..], [major, minor] if major > 1 || minor >= 90)
}
