fn main() {
    // Only the libtorch build has a libtorch to point at.
    if std::env::var_os("CARGO_FEATURE_TORCH").is_some() {
        arbor_build::link_libtorch_rpath();
    }
}
