//! Progress on stderr with indicatif: a bar per epoch (drawn only when stderr is a terminal)
//! and one summary line per epoch (always).

use std::time::Duration;

use arbor_lm::train::{EpochReport, Observer};
use indicatif::{ProgressBar, ProgressStyle};

pub struct EpochBars {
    bar: Option<ProgressBar>,
    quiet: bool,
    loss_sum: f64,
    loss_n: usize,
}

impl EpochBars {
    pub fn new(quiet: bool) -> EpochBars {
        EpochBars { bar: None, quiet, loss_sum: 0.0, loss_n: 0 }
    }
}

impl Observer for EpochBars {
    fn epoch_start(&mut self, epoch: usize, batches: usize, first_batch: usize) {
        if self.quiet {
            return;
        }
        let bar = ProgressBar::new(batches as u64);
        bar.set_style(
            ProgressStyle::with_template("epoch {prefix} [{bar:30}] {pos}/{len} batches {per_sec} eta {eta} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_prefix(epoch.to_string());
        bar.set_position(first_batch as u64);
        bar.enable_steady_tick(Duration::from_millis(500));
        self.bar = Some(bar);
        self.loss_sum = 0.0;
        self.loss_n = 0;
    }

    fn batch(&mut self, _epoch: usize, batch: usize, loss: f64, lr: f64) {
        self.loss_sum += loss;
        self.loss_n += 1;
        if let Some(bar) = &self.bar {
            bar.set_position(batch as u64);
            if batch % 20 == 0 {
                bar.set_message(format!("ppl {:.1} lr {lr:.3}", (self.loss_sum / self.loss_n as f64).exp()));
            }
        }
    }

    fn epoch_end(&mut self, r: &EpochReport) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if !self.quiet {
            eprintln!(
                "epoch {:3} | {:6.1} s | {:8.0} tokens/s | lr {:.4} | train ppl {:8.2} | valid ppl {:8.2}{}",
                r.epoch,
                r.seconds,
                r.tokens_per_second,
                r.lr,
                r.train_ppl,
                r.valid_ppl,
                if r.improved { " | saved" } else { "" }
            );
        }
    }

    fn message(&mut self, text: &str) {
        match &self.bar {
            Some(bar) => bar.println(text),
            None => eprintln!("{text}"),
        }
    }
}
