//! Evaluation of a language model: mean cross-entropy over a token stream laid out in columns,
//! as training evaluates the validation set, and the perplexity figures derived from it.

use tch::Device;

use crate::corpus::batchify;
use crate::error::{Error, Result};
use crate::model::LstmLm;

/// Perplexity of a text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Perplexity {
    /// Mean cross-entropy in nats per token.
    pub loss: f64,
    pub perplexity: f64,
    /// Bits per token (bits per character for character models).
    pub bits: f64,
    pub tokens: usize,
    pub unknown: usize,
}

/// Mean cross-entropy (nats per token) of `model` over `ids` in `batch` columns.
pub fn mean_loss(model: &LstmLm, ids: &[i64], batch: usize, bptt: i64, device: Device) -> Result<(f64, usize)> {
    let batch = if ids.len() < 2 * batch { 1 } else { batch };
    if ids.len() < 2 {
        return Err(Error::Input("the text is too short to evaluate (fewer than 2 tokens)".into()));
    }
    let data = batchify(ids, batch).to_device(device); // [rows, batch]
    let rows = data.size()[0];
    let mut state = model.zero_state(batch as i64);
    let mut total = 0.0;
    tch::no_grad(|| {
        let mut i = 0;
        while i < rows - 1 {
            let len = bptt.min(rows - 1 - i);
            let input = data.narrow(0, i, len); // [len, batch]
            let target = data.narrow(0, i + 1, len).reshape([-1]); // [len * batch]
            let (logits, next) = model.forward(&input, &state, false);
            state = next;
            total += len as f64 * logits.cross_entropy_for_logits(&target).double_value(&[]);
            i += len;
        }
    });
    Ok((total / (rows - 1) as f64, ((rows - 1) * batch as i64) as usize))
}
