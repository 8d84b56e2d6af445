//! Seeding and threads: the same seed and thread count give the same model.

/// Seed libtorch (CPU and CUDA generators) and fix its intra-op thread count.
/// `threads = 0` keeps libtorch's default.
pub fn seed_everything(seed: u64, threads: usize) {
    tch::manual_seed(seed as i64);
    if tch::Cuda::is_available() {
        tch::Cuda::manual_seed_all(seed);
    }
    if threads > 0 {
        tch::set_num_threads(threads as i32);
    }
}
