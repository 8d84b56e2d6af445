fn main() {
    arbor_build::link_libtorch_rpath();
}
