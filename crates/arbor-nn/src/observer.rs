//! Progress callbacks for trainers whose epochs end with a report `R` (the CLI draws bars and
//! prints the reports; library users and tests pass `()`).

pub trait Observer<R> {
    fn epoch_start(&mut self, _epoch: usize, _batches: usize) {}
    fn batch(&mut self, _batch: usize, _loss: f64) {}
    fn epoch_end(&mut self, _report: &R) {}
    fn message(&mut self, _text: &str) {}
}

impl<R> Observer<R> for () {}
