//! The extension module finds libtorch in the torch wheel installed beside it
//! (`site-packages/arbor/_arbor.*.so` → `site-packages/torch/lib`), so a packed environment
//! moved to another machine (Spark executors) still finds it; the directory it was built
//! against comes second.
fn main() {
    println!("cargo:rustc-link-arg=-Wl,-rpath,$ORIGIN/../torch/lib");
    arbor_build::link_libtorch_rpath();
}
