//! Packed sequences: the real positions of a padded batch, time-major, longest sequence first,
//! as libtorch's LSTM takes them (`lstm_data`). Each sequence then runs over its own length
//! only: no work on padding (a batch of sentences of 3 to 16 words is half padding), and the
//! backward direction starts at each sequence's last element, so no reversing is needed.

use tch::{Device, Tensor};

/// How the sequences of a padded `[batch, seq, ..]` batch are packed.
#[derive(Debug)]
pub struct Packing {
    /// Row of each packed position in the flattened `[batch * seq]` batch (and on the device).
    rows: Vec<i64>,
    rows_t: Tensor,
    /// `[steps]`: sequences still running at each step (int64, on the CPU as libtorch wants).
    pub batch_sizes: Tensor,
    /// Where each step starts in the packed positions.
    step_start: Vec<i64>,
    /// Place of each sequence in the packed (longest first) order (and on the device).
    rank: Vec<i64>,
    rank_t: Tensor,
    batch: i64,
    seq: i64,
}

impl Packing {
    /// `lengths[b]` real positions of sequence `b` (clamped to `1..=seq`) in a batch padded to `seq`.
    pub fn new(lengths: &[i64], seq: i64, device: Device) -> Packing {
        let seq = seq.max(1);
        let lengths: Vec<i64> = lengths.iter().map(|&l| l.clamp(1, seq)).collect();
        let mut order: Vec<usize> = (0..lengths.len()).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(lengths[b])); // stable: ties keep batch order
        let steps = lengths.iter().copied().max().unwrap_or(0);
        let mut rows = Vec::with_capacity(lengths.iter().sum::<i64>() as usize);
        let (mut sizes, mut step_start) = (Vec::with_capacity(steps as usize), Vec::with_capacity(steps as usize));
        for t in 0..steps {
            let running = order.iter().take_while(|&&b| lengths[b] > t).count();
            step_start.push(rows.len() as i64);
            rows.extend(order[..running].iter().map(|&b| b as i64 * seq + t));
            sizes.push(running as i64);
        }
        let mut rank = vec![0i64; lengths.len()];
        for (k, &b) in order.iter().enumerate() {
            rank[b] = k as i64;
        }
        Packing {
            rows_t: Tensor::from_slice(&rows).to_device(device),
            rows,
            batch_sizes: Tensor::from_slice(&sizes),
            step_start,
            rank_t: Tensor::from_slice(&rank).to_device(device),
            rank,
            batch: lengths.len() as i64,
            seq,
        }
    }

    /// Packed positions in all.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The packed position of step `t` of sequence `b` (`t` below its length).
    pub fn position(&self, b: usize, t: usize) -> i64 {
        self.step_start[t] + self.rank[b]
    }

    /// Row of each packed position in the flattened `[batch * seq]` batch: pack CPU data with it.
    pub fn rows(&self) -> &[i64] {
        &self.rows
    }

    /// `[batch, seq, dim]` → `[total, dim]`, the packed positions.
    pub fn pack(&self, x: &Tensor) -> Tensor {
        let dim = x.size()[2];
        x.reshape([self.batch * self.seq, dim]).index_select(0, &self.rows_t)
    }

    /// `[total, dim]` → `[batch, seq, dim]`, zeros at the padding.
    pub fn unpack(&self, packed: &Tensor) -> Tensor {
        let dim = packed.size()[1];
        let out = Tensor::zeros([self.batch * self.seq, dim], (packed.kind(), packed.device()));
        out.index_copy(0, &self.rows_t, packed).view([self.batch, self.seq, dim])
    }

    /// A final state `[layers * directions, batch, hidden]` (packed order) in batch order.
    pub fn unsort_state(&self, state: &Tensor) -> Tensor {
        state.index_select(1, &self.rank_t)
    }

    /// Zeros `[layers * directions, batch, hidden]` of `like`'s kind and device: a start state.
    pub fn zero_state(&self, layers_directions: i64, hidden: i64, like: &Tensor) -> Tensor {
        Tensor::zeros([layers_directions, self.batch, hidden], (like.kind(), like.device()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::Kind;

    #[test]
    fn packing_takes_the_real_positions_time_major_longest_first() {
        let p = Packing::new(&[2, 3, 1], 3, Device::Cpu);
        // Sorted: b1 (3), b0 (2), b2 (1). Rows b * 3 + t.
        assert_eq!(p.rows(), [3, 0, 6, 4, 1, 5]);
        assert_eq!((p.position(1, 0), p.position(0, 0), p.position(2, 0), p.position(1, 2)), (0, 1, 2, 5));
        assert_eq!(p.len(), 6);
        assert_eq!(Vec::<i64>::try_from(&p.batch_sizes).unwrap(), [3, 2, 1]);
        let x = Tensor::arange(9, (Kind::Float, Device::Cpu)).view([3, 3, 1]);
        let packed = p.pack(&x);
        assert_eq!(Vec::<f32>::try_from(packed.view([-1])).unwrap(), [3.0, 0.0, 6.0, 4.0, 1.0, 5.0]);
        let back = Vec::<f32>::try_from(p.unpack(&packed).view([-1])).unwrap();
        assert_eq!(back, [0.0, 1.0, 0.0, 3.0, 4.0, 5.0, 6.0, 0.0, 0.0]);
        let state = Tensor::from_slice(&[10.0f32, 20.0, 30.0]).view([1, 3, 1]); // packed order b1, b0, b2
        assert_eq!(Vec::<f32>::try_from(p.unsort_state(&state).view([-1])).unwrap(), [20.0, 10.0, 30.0]);
    }
}
