//! Links the `magemock` executable as a non-PIE on Linux/glibc.
//!
//! A position-independent executable gets its ~15,000 pointer relocations applied by the
//! dynamic loader at every start, which reads the relocation table and writes the pages that
//! hold the pointers: ~0.5 MiB of RSS before `main` (issue 8, idle RSS; BENCHMARKS.md). A fixed
//! load address costs a test tool nothing. Static builds (`+crt-static`, the container image)
//! keep rustc's own choice (static-pie), which the flag would contradict.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let features = std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    let static_crt = features.split(',').any(|f| f == "crt-static");
    if os == "linux" && env == "gnu" && !static_crt {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
