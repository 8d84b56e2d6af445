//! Searching for outputs, batched and under `no_grad`: greedy search and beam search (`beam`
//! hypotheses per source, the best `nbest` returned, ranked by log-probability divided by
//! length^`length_alpha`). An output stops at the end symbol or after
//! [`Decoding::max_len`] symbols.

use tch::{Kind, Tensor};

use crate::config::Decoding;
use crate::model::{DecoderState, Encoded, Seq2seqNet};
use crate::vocab::{BOS, EOS, PAD};

/// One output.
#[derive(Clone, Debug, PartialEq)]
pub struct Hypothesis {
    /// Target ids, the end symbol excluded.
    pub ids: Vec<i64>,
    /// Natural-log probability of the ids and, when `complete`, of the end symbol.
    pub log_prob: f64,
    /// Whether the output ended with the end symbol (not cut at the maximum length).
    pub complete: bool,
    /// For each output symbol, its attention over the source symbols (when asked for).
    pub attention: Vec<Vec<f32>>,
}

impl Hypothesis {
    /// The ranking score: log-probability / length^alpha (the end symbol counts).
    pub fn normalized(&self, alpha: f64) -> f64 {
        let len = self.ids.len() + usize::from(self.complete);
        self.log_prob / (len.max(1) as f64).powf(alpha)
    }
}

/// `[rows, longest]` ids padded with [`PAD`].
pub fn pad(rows: &[Vec<i64>]) -> Tensor {
    let width = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut flat = vec![PAD; rows.len() * width];
    for (dst, row) in flat.chunks_mut(width).zip(rows) {
        dst[..row.len()].copy_from_slice(row);
    }
    Tensor::from_slice(&flat).view([rows.len() as i64, width as i64])
}

/// Outputs for each of a batch of non-empty sources (ids, with feature ids for a model that
/// takes them), best first.
pub fn search(
    net: &Seq2seqNet,
    sources: &[Vec<i64>],
    features: Option<&[Vec<i64>]>,
    d: &Decoding,
    attention: bool,
) -> Vec<Vec<Hypothesis>> {
    if sources.is_empty() {
        return Vec::new();
    }
    tch::no_grad(|| {
        let lengths: Vec<i64> = sources.iter().map(|s| s.len() as i64).collect();
        let width = *lengths.iter().max().unwrap_or(&1);
        let source = pad(sources).to_device(net.device()); // [batch, seq]
        let features = features.map(|f| pad(f).to_device(net.device())); // [batch, n]
        let (encoded, state) = net.encode(&source, &lengths, features.as_ref(), false);
        let max_len: Vec<usize> = sources.iter().map(|s| d.max_len(s.len())).collect();
        let mut out = if d.beam == 1 {
            greedy(net, &encoded, state, &max_len, width as usize, attention)
        } else {
            beam(net, &encoded, state, &max_len, d.beam, width as usize, attention)
        };
        for (hyps, s) in out.iter_mut().zip(sources) {
            hyps.sort_by(|a, b| b.normalized(d.length_alpha).total_cmp(&a.normalized(d.length_alpha)));
            hyps.truncate(d.nbest);
            for h in hyps.iter_mut() {
                h.attention.iter_mut().for_each(|row| row.truncate(s.len()));
            }
        }
        out
    })
}

fn to_vec<T: tch::kind::Element>(t: &Tensor) -> Vec<T> {
    let t = t.to_device(tch::Device::Cpu).to_kind(T::KIND).contiguous();
    let n = t.numel();
    let mut out = vec![T::ZERO; n];
    t.copy_data(&mut out, n);
    out
}

fn greedy(
    net: &Seq2seqNet,
    encoded: &Encoded,
    mut state: DecoderState,
    max_len: &[usize],
    width: usize,
    attention: bool,
) -> Vec<Vec<Hypothesis>> {
    let batch = max_len.len();
    let mut hyps: Vec<Hypothesis> = (0..batch)
        .map(|_| Hypothesis { ids: Vec::new(), log_prob: 0.0, complete: false, attention: Vec::new() })
        .collect();
    let mut done = vec![false; batch];
    let mut prev = Tensor::full([batch as i64], BOS, (Kind::Int64, net.device()));
    for t in 0.. {
        for (b, d) in done.iter_mut().enumerate() {
            *d |= t >= max_len[b];
        }
        if done.iter().all(|&d| d) {
            break;
        }
        let step = net.step(encoded, &prev, &state, false);
        let (best, ids) = step.logits.log_softmax(-1, Kind::Float).max_dim(1, false); // [batch]
        let (best, id_list) = (to_vec::<f32>(&best), to_vec::<i64>(&ids));
        let att = if attention { to_vec::<f32>(&step.attention) } else { Vec::new() };
        for b in 0..batch {
            if done[b] {
                continue;
            }
            let h = &mut hyps[b];
            h.log_prob += f64::from(best[b]);
            if id_list[b] == EOS {
                h.complete = true;
                done[b] = true;
            } else {
                h.ids.push(id_list[b]);
                if attention {
                    h.attention.push(att[b * width..(b + 1) * width].to_vec());
                }
            }
        }
        prev = ids;
        state = step.state;
    }
    hyps.into_iter().map(|h| vec![h]).collect()
}

/// A live hypothesis and the row of the batch that holds its state.
struct Live {
    hyp: Hypothesis,
    row: i64,
}

fn beam(
    net: &Seq2seqNet,
    encoded: &Encoded,
    state: DecoderState,
    max_len: &[usize],
    k: usize,
    width: usize,
    attention: bool,
) -> Vec<Vec<Hypothesis>> {
    let batch = max_len.len();
    let device = net.device();
    // Each source once at first; rows are (source, beam) pairs from the first step on.
    let mut live: Vec<Vec<Live>> = (0..batch)
        .map(|b| {
            let hyp = Hypothesis { ids: Vec::new(), log_prob: 0.0, complete: false, attention: Vec::new() };
            vec![Live { hyp, row: b as i64 }]
        })
        .collect();
    let mut finished: Vec<Vec<Hypothesis>> = vec![Vec::new(); batch];
    let (mut encoded, mut state) = (encoded.select(&Tensor::arange(batch as i64, (Kind::Int64, device))), state);
    let mut prev = Tensor::full([batch as i64], BOS, (Kind::Int64, device));
    for t in 0.. {
        for b in 0..batch {
            if t >= max_len[b] && !live[b].is_empty() {
                finished[b].extend(live[b].drain(..).map(|l| l.hyp));
            }
        }
        if live.iter().all(Vec::is_empty) {
            break;
        }
        let step = net.step(&encoded, &prev, &state, false);
        let logp = step.logits.log_softmax(-1, Kind::Float); // [rows, vocab]
        let vocab = logp.size()[1];
        let att = if attention { to_vec::<f32>(&step.attention) } else { Vec::new() };
        let mut next: Vec<Vec<Live>> = Vec::with_capacity(batch);
        let (mut rows, mut tokens) = (Vec::new(), Vec::new());
        for (b, beams) in live.iter().enumerate() {
            let mut kept = Vec::new();
            if !beams.is_empty() {
                // [beams, vocab] + each beam's score -> the best 2k continuations of the source.
                let index: Vec<i64> = beams.iter().map(|l| l.row).collect();
                let scores: Vec<f64> = beams.iter().map(|l| l.hyp.log_prob).collect();
                let index_t = Tensor::from_slice(&index).to_device(device);
                let total = logp.index_select(0, &index_t).to_kind(Kind::Double)
                    + Tensor::from_slice(&scores).to_device(device).unsqueeze(1); // [beams, vocab]
                let n = (2 * k as i64).min(total.numel() as i64);
                let (top, which) = total.flatten(0, -1).topk(n, 0, true, true);
                for (score, j) in to_vec::<f64>(&top).into_iter().zip(to_vec::<i64>(&which)) {
                    let parent = &beams[(j / vocab) as usize];
                    let token = j % vocab;
                    let mut hyp = Hypothesis { log_prob: score, ..parent.hyp.clone() };
                    if token == EOS {
                        hyp.complete = true;
                        finished[b].push(hyp);
                        if finished[b].len() >= k {
                            break;
                        }
                        continue;
                    }
                    hyp.ids.push(token);
                    if attention {
                        let r = parent.row as usize;
                        hyp.attention.push(att[r * width..(r + 1) * width].to_vec());
                    }
                    rows.push(parent.row);
                    tokens.push(token);
                    kept.push(Live { hyp, row: 0 });
                    if kept.len() == k {
                        break;
                    }
                }
            }
            if finished[b].len() >= k {
                rows.truncate(rows.len() - kept.len());
                tokens.truncate(tokens.len() - kept.len());
                kept.clear();
            }
            next.push(kept);
        }
        // The kept hypotheses take the rows 0.. of the next step's batch, in order.
        for (r, l) in next.iter_mut().flatten().enumerate() {
            l.row = r as i64;
        }
        live = next;
        if rows.is_empty() {
            break;
        }
        let index = Tensor::from_slice(&rows).to_device(device);
        encoded = encoded.select(&index);
        state = step.state.select(&index);
        prev = Tensor::from_slice(&tokens).to_device(device);
    }
    for (f, l) in finished.iter_mut().zip(live) {
        f.extend(l.into_iter().map(|l| l.hyp));
    }
    finished
}
