//! The C allocator under libtorch's CPU tensors.
//!
//! libtorch allocates CPU tensors with `posix_memalign` and frees them as soon as the last
//! reference goes. glibc's malloc serves a large block with a fresh `mmap` (above a threshold
//! that adapts up to 32 MiB) and gives the top of its heap back to the OS once more than a
//! threshold of it is free. A training step allocates and frees the same large tensors (logits,
//! their gradient, the embedding gradient) every batch, so with those defaults every batch maps
//! new pages and the kernel zero-fills each one on first touch: on the PTB language model
//! (2x200 LSTM, 10,000 words) that was about 12,000 page faults a batch and a quarter of the
//! training time; with a 33,278-word vocabulary (WikiText-2) a third (BENCHMARKS.md). A Python
//! process hides part of this because its own small objects pin the heap top; a Rust binary
//! does not.
//!
//! [`retain_freed_memory`] makes malloc keep freed memory for the next allocation: no `mmap`
//! for large blocks, no trimming of the heap top. The process then holds on to its peak
//! memory (measured: 1.04 GB instead of 0.77 GB peak on a WikiText-2 slice, whose batch time
//! fell by a third). Elsewhere than glibc it does nothing.

use std::sync::OnceLock;

/// What [`retain_freed_memory`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllocatorTuning {
    /// glibc's malloc now keeps freed memory.
    Retaining,
    /// The environment already sets malloc's parameters (`MALLOC_MMAP_MAX_`,
    /// `MALLOC_TRIM_THRESHOLD_`, `MALLOC_MMAP_THRESHOLD_`, `GLIBC_TUNABLES`): left as set.
    LeftToEnvironment,
    /// Not glibc, or glibc refused the settings.
    Unsupported,
}

/// The environment variables through which a user sets glibc malloc's parameters.
const USER_SETTINGS: [&str; 4] =
    ["MALLOC_MMAP_MAX_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "GLIBC_TUNABLES"];

/// Keep freed memory in the process for reuse (see the module docs). Process-wide and
/// idempotent: the first call decides, later calls return the same answer. Arbor's trainers
/// and the `arbor` command call it; a program that embeds Arbor may call it once at start.
pub fn retain_freed_memory() -> AllocatorTuning {
    static DONE: OnceLock<AllocatorTuning> = OnceLock::new();
    *DONE.get_or_init(|| {
        if USER_SETTINGS.iter().any(|v| std::env::var_os(v).is_some()) {
            return AllocatorTuning::LeftToEnvironment;
        }
        tune()
    })
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune() -> AllocatorTuning {
    // SAFETY: mallopt only changes malloc's parameters; it is safe to call at any time, from
    // any thread (glibc takes the arena lock).
    let ok = unsafe { libc::mallopt(libc::M_MMAP_MAX, 0) == 1 && libc::mallopt(libc::M_TRIM_THRESHOLD, i32::MAX) == 1 };
    if ok {
        AllocatorTuning::Retaining
    } else {
        AllocatorTuning::Unsupported
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune() -> AllocatorTuning {
    AllocatorTuning::Unsupported
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retaining_is_decided_once_and_memory_stays_usable() {
        let first = retain_freed_memory();
        assert_eq!(retain_freed_memory(), first);
        if cfg!(all(target_os = "linux", target_env = "gnu"))
            && USER_SETTINGS.iter().all(|v| std::env::var_os(v).is_none())
        {
            assert_eq!(first, AllocatorTuning::Retaining);
        }
        // Large blocks (above glibc's mmap threshold) still allocate, fill and free.
        for mb in [1usize, 40, 100, 40] {
            let t = tch::Tensor::ones([(mb << 20) as i64 / 4], (tch::Kind::Float, tch::Device::Cpu));
            assert_eq!(t.sum(tch::Kind::Double).double_value(&[]), ((mb << 20) / 4) as f64);
        }
    }
}
