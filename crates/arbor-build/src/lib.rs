//! Lets binaries, tests and examples that link libtorch find it at run time without
//! `LD_LIBRARY_PATH`: an rpath to libtorch's library directory on the final link.
//!
//! In a crate that depends on `arbor` (or on `torch-sys` directly), a one-line `build.rs`:
//!
//! ```text
//! fn main() {
//!     arbor_build::link_libtorch_rpath();
//! }
//! ```
//!
//! with `arbor-build` as a build-dependency. `torch-sys` (`links = "tch"`) reports the directory
//! it linked against to the build scripts of crates that depend on it directly
//! (`DEP_TCH_LIBTORCH_LIB`); `arbor` (`links = "arbor"`) passes it on one level further
//! (`DEP_ARBOR_LIBTORCH_LIB`) with [`export_libtorch_dir`].

const SOURCES: [&str; 2] = ["DEP_TCH_LIBTORCH_LIB", "DEP_ARBOR_LIBTORCH_LIB"];

/// libtorch's library directory, as the dependencies' build scripts reported it.
pub fn libtorch_dir() -> Option<String> {
    SOURCES.iter().find_map(|k| std::env::var(k).ok().filter(|d| !d.is_empty()))
}

/// Emit an rpath to libtorch's library directory. Call from `build.rs`.
pub fn link_libtorch_rpath() {
    SOURCES.iter().for_each(|k| println!("cargo:rerun-if-env-changed={k}"));
    match libtorch_dir() {
        Some(dir) if cfg!(unix) => println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}"),
        Some(_) => {}
        None => println!(
            "cargo:warning=libtorch's directory is unknown: depend on `arbor` (or `torch-sys`) directly; \
             binaries will need LD_LIBRARY_PATH to find libtorch"
        ),
    }
}

/// From the build script of a crate with `links = "..."` that depends on `torch-sys`: pass
/// libtorch's directory on to the build scripts of the crates that depend on this one.
pub fn export_libtorch_dir() {
    if let Some(dir) = libtorch_dir() {
        println!("cargo:libtorch_lib={dir}");
    }
}
