//! Criterion bench of one language-model training step at the PTB benchmark's shape (issue
//! #21): 2x200 LSTM, 10,000 words, bptt 35, batch 20, dropout 0.2 — forward, loss, gradients,
//! clipping, SGD update. Random token ids (no data needed):
//! `cargo bench -p arbor-lm --bench lm_train_step`

use arbor_lm::{LmConfig, LstmLm, OptimizerKind};
use arbor_nn::Optimizer;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tch::{nn, Device, Kind, Tensor};

fn benches(c: &mut Criterion) {
    arbor_nn::retain_freed_memory();
    tch::manual_seed(1);
    let (bptt, batch) = (35, 20);
    let vs = nn::VarStore::new(Device::Cpu);
    let config =
        LmConfig { vocab_size: 10_000, emsize: 200, nhid: 200, layers: 2, dropout: 0.2, ..LmConfig::default() };
    let model = LstmLm::new(&vs.root(), config);
    let data = Tensor::randint(10_000, [bptt + 1, batch], (Kind::Int64, Device::Cpu)); // [bptt + 1, batch]
    let (input, target) = (data.narrow(0, 0, bptt), data.narrow(0, 1, bptt).reshape([-1]));
    let mut g = c.benchmark_group("lm-train-step");
    g.sample_size(20);
    g.throughput(Throughput::Elements((bptt * batch) as u64));
    for (kind, lr) in [(OptimizerKind::Sgd, 1.0), (OptimizerKind::Adam, 1e-3)] {
        let mut opt = Optimizer::new(kind, arbor_nn::trainable_sorted(&vs).into_iter().map(|(_, t)| t).collect());
        let mut state = model.zero_state(batch);
        g.bench_function(format!("ptb-2x200-{kind:?}").to_lowercase(), |b| {
            b.iter(|| {
                let (logits, next) = model.forward(&input, &state.detach(), true);
                state = next;
                let loss = logits.cross_entropy_for_logits(&target);
                opt.minimize(&loss, lr, 0.25);
                loss.double_value(&[])
            })
        });
    }
    g.finish();
}

criterion_group!(lm, benches);
criterion_main!(lm);
