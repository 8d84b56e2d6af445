fn main() {
    arbor_build::link_libtorch_rpath();
    arbor_build::export_libtorch_dir();
}
