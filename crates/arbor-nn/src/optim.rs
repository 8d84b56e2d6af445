//! SGD and Adam over a list of parameters, with global-norm gradient clipping. Written here
//! (not `tch::nn::Optimizer`) so that Adam's moments can be checkpointed and restored.

pub use arbor_core::OptimizerKind;
use tch::{Kind, Tensor};

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

    pub fn zero_grad(&mut self) {
        for p in &mut self.params {
            let mut g = p.grad();
            if g.defined() {
                let _ = g.detach_().zero_();
            }
        }
    }

    /// Scale gradients so that their global L2 norm is at most `max_norm`; returns the norm.
    pub fn clip_grad_norm(&mut self, max_norm: f64) -> f64 {
        tch::no_grad(|| {
            let grads: Vec<Tensor> = self.params.iter().map(|p| p.grad()).filter(|g| g.defined()).collect();
            if grads.is_empty() {
                return 0.0;
            }
            let norms: Vec<Tensor> = grads.iter().map(|g| g.norm().unsqueeze(0)).collect();
            let total = Tensor::cat(&norms, 0).norm().double_value(&[]);
            if total > max_norm {
                let scale = max_norm / (total + 1e-6);
                for mut g in grads {
                    let _ = g.g_mul_scalar_(scale);
                }
            }
            total
        })
    }

    pub fn step(&mut self, lr: f64) {
        self.step += 1;
        let t = self.step as f64;
        let (beta1, beta2) = self.betas;
        tch::no_grad(|| {
            for (i, p) in self.params.iter_mut().enumerate() {
                let g = p.grad();
                if !g.defined() {
                    continue;
                }
                match self.kind {
                    OptimizerKind::Sgd => {
                        let _ = p.g_add_(&(g * -lr));
                    }
                    OptimizerKind::Adam => {
                        let (m, v) = &mut self.moments[i];
                        let _ = m.g_mul_scalar_(beta1).g_add_(&(&g * (1.0 - beta1)));
                        let _ = v.g_mul_scalar_(beta2).g_add_(&(&g * &g * (1.0 - beta2)));
                        let m_hat = &*m / (1.0 - beta1.powf(t));
                        let v_hat = &*v / (1.0 - beta2.powf(t));
                        let _ = p.g_add_(&(m_hat / (v_hat.sqrt() + EPS) * -lr));
                    }
                }
            }
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
