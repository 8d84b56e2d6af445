//! [`Observer`]: how every trainer reports progress. An epoch has a number of steps (batches,
//! or words for Word2Vec), each step a loss and a learning rate, and ends with a report `R`
//! of the trainer's own. The CLI draws bars and prints the reports; library users and tests
//! pass `()`.

pub trait Observer<R> {
    /// Epoch `epoch` (1-based) starts: `total` steps, of which `done` are already done (resume).
    fn epoch_start(&mut self, _epoch: usize, _total: u64, _done: u64) {}
    /// `done` steps of the epoch are done; the last step's loss and learning rate.
    fn step(&mut self, _done: u64, _loss: f64, _lr: f64) {}
    fn epoch_end(&mut self, _report: &R) {}
    /// A note for the user (a learning-rate change, early stopping, resuming ...).
    fn message(&mut self, _text: &str) {}
}

impl<R> Observer<R> for () {}
