//! [`ReadOnly`]: a loaded model shared by Python threads.

/// A model that is only read after loading. A Python object may be used from any thread, and
/// this crate runs its methods with the GIL released, so the type must be `Sync`; `tch::Tensor`
/// is `!Sync` only because it wraps a raw pointer. Every method called through a `ReadOnly`
/// runs forward passes that read the weights and never change a tensor in place; libtorch's
/// operators may read one tensor from several threads at once (PyTorch's multithreaded
/// inference relies on it) and its reference counts are atomic — the reasoning of
/// `arbor_segment::TrainedTokenizer`'s `Sync`.
pub struct ReadOnly<T>(pub T);

// SAFETY: see above; `T` is only ever reached through `&self` (no `&mut` access is offered).
unsafe impl<T: Send> Sync for ReadOnly<T> {}

impl<T> std::ops::Deref for ReadOnly<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
