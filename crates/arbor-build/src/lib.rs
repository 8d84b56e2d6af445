//! Used from the `build.rs` of every Arbor crate that links libtorch, so that its binaries,
//! tests, examples and benches run without `LD_LIBRARY_PATH`.
//!
//! `torch-sys` (`links = "tch"`) reports the libtorch directory it linked against, which Cargo
//! passes to the build scripts of crates that depend on `torch-sys` directly as
//! `DEP_TCH_LIBTORCH_LIB`. We turn it into an rpath on the final link.

/// Emit an rpath to libtorch's library directory. Call from `build.rs`.
pub fn link_libtorch_rpath() {
    println!("cargo:rerun-if-env-changed=DEP_TCH_LIBTORCH_LIB");
    match std::env::var("DEP_TCH_LIBTORCH_LIB") {
        Ok(dir) if !dir.is_empty() => {
            if cfg!(target_os = "macos") || cfg!(target_os = "linux") || cfg!(unix) {
                println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
            }
        }
        _ => println!(
            "cargo:warning=DEP_TCH_LIBTORCH_LIB is unset: add `torch-sys` as a direct dependency; \
             binaries will need LD_LIBRARY_PATH to find libtorch"
        ),
    }
}
