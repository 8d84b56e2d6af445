//! The per-parameter update of a step, two ways with the same arithmetic: passes of plain Rust
//! over the parameter, gradient and moments when they are contiguous `f32` in CPU memory (SGD
//! one pass, Adam two and libtorch's square root between them, where a dozen tensor ops each
//! read and wrote a parameter of a few million floats), tensor ops otherwise (CUDA). Both compute, per element and in `f32`,
//! exactly what the textbook sequence of libtorch ops computes: `g * scale`, `g * -lr`,
//! `m * b1 + g * (1 - b1)`, `v * b2 + g * g * (1 - b2)`, `m / (1 - b1^t)`, `v / (1 - b2^t)`,
//! `sqrt`, `+ eps`, `/`, `* -lr`, `+` (checked to the bit by the tests in `optim`).

use tch::{Device, Kind, Tensor};

/// The scalars of one step, as the update uses them.
#[derive(Clone, Copy)]
pub(super) struct Step {
    /// Clipping factor, when the gradient norm is above the limit.
    pub scale: Option<f64>,
    pub lr: f64,
    /// Adam: `beta1`, `beta2`, `eps` and the step number (from 1).
    pub adam: Option<(f64, f64, f64, f64)>,
}

/// Update `p` from its gradient `g` (and Adam's moments `m`, `v`).
pub(super) fn update(step: Step, p: &mut Tensor, g: &Tensor, moments: Option<&mut (Tensor, Tensor)>) {
    let g = g.contiguous();
    let host = |t: &Tensor| t.device() == Device::Cpu && t.kind() == Kind::Float && t.is_contiguous();
    let fused = host(p) && host(&g) && moments.as_ref().is_none_or(|(m, v)| host(m) && host(v));
    if fused {
        update_host(step, p, &g, moments);
    } else {
        update_tensors(step, p, g, moments);
    }
}

fn update_tensors(step: Step, p: &mut Tensor, mut g: Tensor, moments: Option<&mut (Tensor, Tensor)>) {
    if let Some(scale) = step.scale {
        let _ = g.g_mul_scalar_(scale);
    }
    match (step.adam, moments) {
        (Some((beta1, beta2, eps, t)), Some((m, v))) => {
            let mut g2 = &g * &g;
            let _ = v.g_mul_scalar_(beta2).g_add_(&g2.g_mul_scalar_(1.0 - beta2));
            let _ = m.g_mul_scalar_(beta1).g_add_(&g.g_mul_scalar_(1.0 - beta1));
            // g2 = sqrt(v / (1 - beta2^t)) + eps; g = m / (1 - beta1^t) / g2 * -lr
            let _ = v.div_out(&g2, &Tensor::from(1.0 - beta2.powf(t))).sqrt_().g_add_scalar_(eps);
            let _ = m.div_out(&g, &Tensor::from(1.0 - beta1.powf(t))).g_div_(&g2).g_mul_scalar_(-step.lr);
        }
        _ => {
            let _ = g.g_mul_scalar_(-step.lr);
        }
    }
    let _ = p.g_add_(&g);
}

/// A contiguous CPU `f32` tensor's elements, to write.
///
/// SAFETY (for the caller): `t` must be contiguous `f32` on the CPU, and no other slice of its
/// storage may be alive while this one is; the update holds the parameter, its gradient and
/// its two moments, four distinct allocations (the gradient is the autograd engine's output or
/// a contiguous copy of it, the moments were made by `zeros_like`).
unsafe fn elements(t: &mut Tensor) -> &mut [f32] {
    let n = t.numel();
    if n == 0 {
        return &mut [];
    }
    std::slice::from_raw_parts_mut(t.data_ptr() as *mut f32, n)
}

/// [`elements`], to read.
unsafe fn elements_ref(t: &Tensor) -> &[f32] {
    let n = t.numel();
    if n == 0 {
        return &[];
    }
    std::slice::from_raw_parts(t.data_ptr() as *const f32, n)
}

fn update_host(step: Step, p: &mut Tensor, g: &Tensor, moments: Option<&mut (Tensor, Tensor)>) {
    // SAFETY: `update` checked that all are contiguous CPU f32; they are distinct storages
    // (see `elements`), and the slices live only in this call, under `no_grad`.
    let (p, g) = unsafe { (elements(p), elements_ref(g)) };
    // Multiplying by 1.0 is exact: no clipping is a factor of 1 here, and the loops have no branch.
    let scale = step.scale.map_or(1.0, |s| s as f32);
    let minus_lr = -step.lr as f32;
    let chunk = p.len().div_ceil(threads_for(p.len())).max(1);
    match (step.adam, moments) {
        (Some((beta1, beta2, eps, t)), Some((m, v))) => {
            // The square root is libtorch's (its vectorised sqrt is not always the correctly
            // rounded one that Rust's is, and the same seed must give the same model).
            let mut root = m.empty_like();
            // SAFETY: as above.
            let (m, v) = unsafe { (elements(m), elements(v)) };
            let (b1, c1, bc1) = (beta1 as f32, (1.0 - beta1) as f32, (1.0 - beta1.powf(t)) as f32);
            let (b2, c2, bc2) = (beta2 as f32, (1.0 - beta2) as f32, (1.0 - beta2.powf(t)) as f32);
            let eps = eps as f32;
            // SAFETY: `root` is a fresh allocation; this slice ends before libtorch writes it.
            let r = unsafe { elements(&mut root) };
            let jobs = g.chunks(chunk).zip(m.chunks_mut(chunk)).zip(v.chunks_mut(chunk)).zip(r.chunks_mut(chunk));
            in_parallel(jobs.map(|(((g, m), v), r)| {
                move || {
                    for (((&g, m), v), r) in g.iter().zip(m.iter_mut()).zip(v.iter_mut()).zip(r.iter_mut()) {
                        let g = g * scale;
                        *v = *v * b2 + g * g * c2;
                        *m = *m * b1 + g * c1;
                        *r = *v / bc2;
                    }
                }
            }));
            let _ = root.sqrt_();
            // SAFETY: as above, read-only now.
            let r = unsafe { elements_ref(&root) };
            let jobs = p.chunks_mut(chunk).zip(m.chunks(chunk)).zip(r.chunks(chunk));
            in_parallel(jobs.map(|((p, m), r)| {
                move || {
                    for ((p, &m), &r) in p.iter_mut().zip(m).zip(r) {
                        *p += m / bc1 / (r + eps) * minus_lr;
                    }
                }
            }));
        }
        _ => in_parallel(p.chunks_mut(chunk).zip(g.chunks(chunk)).map(|(p, g)| {
            move || {
                for (p, &g) in p.iter_mut().zip(g) {
                    *p += g * scale * minus_lr;
                }
            }
        })),
    }
}

/// Below this many elements a parameter is updated on one thread.
const PARALLEL_MIN: usize = 1 << 16;

/// libtorch's intra-op thread count for a large parameter (the update is memory-bound, and
/// those threads are idle meanwhile), one thread for a small one.
fn threads_for(n: usize) -> usize {
    if n < PARALLEL_MIN {
        1
    } else {
        tch::get_num_threads().max(1) as usize
    }
}

/// Run `jobs`, the first on this thread and the others on scoped threads.
fn in_parallel<J: FnOnce() + Send>(mut jobs: impl Iterator<Item = J>) {
    std::thread::scope(|s| {
        let first = jobs.next();
        for job in jobs {
            s.spawn(job);
        }
        if let Some(job) = first {
            job();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass update (here across threads: the tensors are above `PARALLEL_MIN`) and the
    /// tensor ops (what CUDA runs) agree to the bit.
    #[test]
    fn the_host_pass_and_the_tensor_ops_agree() {
        tch::manual_seed(9);
        let n = 3 * PARALLEL_MIN as i64 + 7;
        let opts = (Kind::Float, Device::Cpu);
        for adam in [None, Some((0.9, 0.999, 1e-8, 3.0))] {
            for scale in [None, Some(0.37)] {
                let step = Step { scale, lr: 0.02, adam };
                let (p, g) = (Tensor::randn([n], opts), Tensor::randn([n], opts));
                let (m, v) = (Tensor::randn([n], opts) * 0.1, Tensor::rand([n], opts) * 0.1);
                let (mut p1, mut mv1) = (p.copy(), (m.copy(), v.copy()));
                let (mut p2, mut mv2) = (p.copy(), (m.copy(), v.copy()));
                update_host(step, &mut p1, &g, adam.map(|_| &mut mv1));
                update_tensors(step, &mut p2, g.copy(), adam.map(|_| &mut mv2));
                assert!(!p1.equal(&p), "the parameter moves");
                assert!(p1.equal(&p2), "adam {adam:?}, scale {scale:?}");
                assert!(mv1.0.equal(&mv2.0) && mv1.1.equal(&mv2.1), "moments, adam {adam:?}, scale {scale:?}");
            }
        }
    }

    #[test]
    fn a_strided_gradient_is_read_in_the_parameters_order() {
        let opts = (Kind::Float, Device::Cpu);
        let mut p = Tensor::zeros([2, 3], opts);
        let g = Tensor::arange(6, opts).view([3, 2]).tr(); // [2, 3], not contiguous
        update(Step { scale: None, lr: 1.0, adam: None }, &mut p, &g, None);
        assert!(p.equal(&-&g));
    }
}
