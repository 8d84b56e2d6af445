//! SGD and Adam over a list of parameters, with global-norm gradient clipping, one call a
//! training step ([`Optimizer::minimize`]). Written here (not `tch::nn::Optimizer`) so that
//! Adam's moments can be checkpointed and restored, and so that a step costs what the update
//! costs: no zeroing or accumulating of `.grad` fields, one pass over each parameter (Adam:
//! two).

pub use arbor_core::OptimizerKind;
use tch::{Kind, Tensor};

mod update;
use update::{update, Step};

pub struct Optimizer {
    kind: OptimizerKind,
    params: Vec<Tensor>,
    /// Adam's first and second moments, one pair per parameter.
    moments: Vec<(Tensor, Tensor)>,
    step: i64,
    betas: (f64, f64),
}

const EPS: f64 = 1e-8;

impl Optimizer {
    pub fn new(kind: OptimizerKind, params: Vec<Tensor>) -> Optimizer {
        let moments = match kind {
            OptimizerKind::Sgd => Vec::new(),
            OptimizerKind::Adam => params.iter().map(|p| (p.zeros_like(), p.zeros_like())).collect(),
        };
        Optimizer { kind, params, moments, step: 0, betas: (0.9, 0.999) }
    }

    /// Adam's decay rates (default 0.9, 0.999; parsers often use 0.9, 0.9).
    pub fn with_betas(mut self, beta1: f64, beta2: f64) -> Optimizer {
        self.betas = (beta1, beta2);
        self
    }

    /// One training step on `loss`: its gradients with respect to the parameters, scaled so
    /// that their global L2 norm is at most `clip` (`clip <= 0`: no clipping), then the SGD or
    /// Adam update with learning rate `lr`. Returns the gradient norm before clipping.
    ///
    /// The gradients come straight from the autograd engine (`Tensor::run_backward`), not
    /// through the parameters' `.grad` fields: nothing to zero before the step, no pass that
    /// adds them to zeros, and on the CPU the update is one pass over each parameter (Adam:
    /// two). A parameter the loss does not depend on gets no gradient and is left alone. The
    /// arithmetic is that of `zero_grad`, `backward`, `clip_grad_norm_` and the textbook update,
    /// op for op (tested to the bit), so the same seed gives the same model as before.
    ///
    /// Panics, as `Tensor::backward` does, when `loss` does not depend on anything that
    /// requires a gradient or a parameter does not require one (the trainers pass
    /// `trainable_sorted`).
    pub fn minimize(&mut self, loss: &Tensor, lr: f64, clip: f64) -> f64 {
        let grads = Tensor::run_backward(&[loss], &self.params, false, false);
        tch::no_grad(|| {
            let grads: Vec<(usize, Tensor)> = grads.into_iter().enumerate().filter(|(_, g)| g.defined()).collect();
            let norm = global_norm(grads.iter().map(|(_, g)| g));
            self.step += 1;
            let step = Step {
                scale: (clip > 0.0 && norm > clip).then(|| clip / (norm + 1e-6)),
                lr,
                adam: (self.kind == OptimizerKind::Adam).then_some((self.betas.0, self.betas.1, EPS, self.step as f64)),
            };
            for (i, g) in grads {
                update(step, &mut self.params[i], &g, self.moments.get_mut(i));
            }
            norm
        })
    }

    /// The state to checkpoint: the step count and Adam's moments as named tensors.
    pub fn state(&self) -> (i64, Vec<(String, Tensor)>) {
        let named = self
            .moments
            .iter()
            .enumerate()
            .flat_map(|(i, (m, v))| [(format!("m.{i}"), m.shallow_clone()), (format!("v.{i}"), v.shallow_clone())])
            .collect();
        (self.step, named)
    }

    /// Restore a checkpointed state. Missing moments leave zeros (e.g. resuming SGD as Adam).
    pub fn restore(&mut self, step: i64, named: &[(String, Tensor)]) {
        self.step = step;
        tch::no_grad(|| {
            for (name, t) in named {
                let Some((which, idx)) = name.split_once('.') else { continue };
                let Ok(i) = idx.parse::<usize>() else { continue };
                if let Some((m, v)) = self.moments.get_mut(i) {
                    let dst = if which == "m" { m } else { v };
                    if dst.size() == t.size() {
                        dst.copy_(&t.to_kind(Kind::Float).to_device(dst.device()));
                    }
                }
            }
        });
    }
}

/// The L2 norm of all `grads` together: the norm of their norms (as PyTorch's
/// `clip_grad_norm_`), read back once.
fn global_norm<'a>(grads: impl Iterator<Item = &'a Tensor>) -> f64 {
    let norms: Vec<Tensor> = grads.map(|g| g.norm().unsqueeze(0)).collect();
    if norms.is_empty() {
        return 0.0;
    }
    Tensor::cat(&norms, 0).norm().double_value(&[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::{Device, Kind};

    /// Two parameters and a loss of both, with gradients large enough that clipping at 0.5 acts.
    fn problem(seed: i64) -> (Vec<Tensor>, Tensor) {
        tch::manual_seed(seed);
        let a = Tensor::randn([3, 4], (Kind::Float, Device::Cpu)).set_requires_grad(true);
        let b = Tensor::randn([4], (Kind::Float, Device::Cpu)).set_requires_grad(true);
        let x = Tensor::randn([5, 4], (Kind::Float, Device::Cpu));
        (vec![a, b], x)
    }

    fn loss(params: &[Tensor], x: &Tensor) -> Tensor {
        (x.matmul(&params[0].tr()).tanh().sum(Kind::Float) + (x * &params[1]).pow_tensor_scalar(2).mean(Kind::Float))
            * 3.0
    }

    /// The step as written before `minimize`: `.grad` zeroed, `backward`, clip, update.
    fn textbook(kind: OptimizerKind, params: &mut [Tensor], moments: &mut [(Tensor, Tensor)], x: &Tensor, t: f64) {
        for p in params.iter_mut() {
            p.zero_grad();
        }
        loss(params, x).backward();
        tch::no_grad(|| {
            let grads: Vec<Tensor> = params.iter().map(|p| p.grad()).collect();
            let norms: Vec<Tensor> = grads.iter().map(|g| g.norm().unsqueeze(0)).collect();
            let total = Tensor::cat(&norms, 0).norm().double_value(&[]);
            for (i, p) in params.iter_mut().enumerate() {
                let mut g = p.grad();
                if total > 0.5 {
                    let _ = g.g_mul_scalar_(0.5 / (total + 1e-6));
                }
                match kind {
                    OptimizerKind::Sgd => {
                        let _ = p.g_add_(&(g * -0.1));
                    }
                    OptimizerKind::Adam => {
                        let (m, v) = &mut moments[i];
                        let _ = m.g_mul_scalar_(0.9).g_add_(&(&g * (1.0 - 0.9)));
                        let _ = v.g_mul_scalar_(0.999).g_add_(&(&g * &g * (1.0 - 0.999)));
                        let m_hat = &*m / (1.0 - 0.9f64.powf(t));
                        let v_hat = &*v / (1.0 - 0.999f64.powf(t));
                        let _ = p.g_add_(&(m_hat / (v_hat.sqrt() + EPS) * -0.1));
                    }
                }
            }
        });
    }

    #[test]
    fn minimize_is_the_textbook_step_to_the_last_bit() {
        for kind in [OptimizerKind::Sgd, OptimizerKind::Adam] {
            // One draw, copied: libtorch's generator is global and other tests in this binary
            // reseed and draw from it concurrently, so two draws of `problem(3)` may differ.
            let (mut reference, x) = problem(3);
            let params: Vec<Tensor> = reference.iter().map(|r| r.detach().copy().set_requires_grad(true)).collect();
            let mut moments: Vec<(Tensor, Tensor)> =
                reference.iter().map(|p| (p.zeros_like(), p.zeros_like())).collect();
            let mut opt = Optimizer::new(kind, params.iter().map(|p| p.shallow_clone()).collect());
            for step in 1..=4 {
                textbook(kind, &mut reference, &mut moments, &x, step as f64);
                let norm = opt.minimize(&loss(&params, &x), 0.1, 0.5);
                assert!(norm > 0.5, "{kind:?}: clipping should act ({norm})");
                for (p, r) in params.iter().zip(&reference) {
                    assert!(p.equal(r), "{kind:?}, step {step}: {p} vs {r}");
                }
            }
        }
    }

    #[test]
    fn a_parameter_the_loss_ignores_is_left_alone() {
        let (params, x) = problem(4);
        let unused = Tensor::ones([2], (Kind::Float, Device::Cpu)).set_requires_grad(true);
        let mut all: Vec<Tensor> = params.iter().map(|p| p.shallow_clone()).collect();
        all.push(unused.shallow_clone());
        let before = params[0].copy();
        let mut opt = Optimizer::new(OptimizerKind::Adam, all);
        let norm = opt.minimize(&loss(&params, &x), 0.1, 1e9);
        assert!(norm > 0.0 && norm.is_finite());
        assert!(!params[0].equal(&before), "a used parameter moves");
        assert!(unused.equal(&Tensor::ones([2], (Kind::Float, Device::Cpu))), "an unused one does not");
    }
}
