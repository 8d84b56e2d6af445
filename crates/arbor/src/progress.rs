//! Progress on stderr with indicatif: a bar per epoch (drawn only when stderr is a terminal)
//! and one summary line per epoch (always).

use std::time::Duration;

use arbor_lm::train::{EpochReport, Observer};
use indicatif::{ProgressBar, ProgressStyle};

/// A bar over one epoch's batches (drawn only when stderr is a terminal).
fn epoch_bar(epoch: usize, batches: usize) -> ProgressBar {
    let bar = ProgressBar::new(batches as u64);
    bar.set_style(
        ProgressStyle::with_template("epoch {prefix} [{bar:30}] {pos}/{len} batches {per_sec} eta {eta} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix(epoch.to_string());
    bar.enable_steady_tick(Duration::from_millis(500));
    bar
}

/// Print a line above the bar, or straight to stderr when there is no bar or it is hidden
/// (stderr not a terminal: a hidden bar drops what it is asked to print).
fn say(bar: Option<&ProgressBar>, text: &str) {
    match bar {
        Some(bar) if !bar.is_hidden() => bar.println(text),
        _ => eprintln!("{text}"),
    }
}

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
        let bar = epoch_bar(epoch, batches);
        bar.set_position(first_batch as u64);
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
        say(self.bar.as_ref(), text);
    }
}

/// Bars and epoch lines for the parser and tokenizer trainers.
pub struct TrainBars {
    bar: Option<ProgressBar>,
    quiet: bool,
    loss_sum: f64,
    loss_n: usize,
}

impl TrainBars {
    pub fn new(quiet: bool) -> TrainBars {
        TrainBars { bar: None, quiet, loss_sum: 0.0, loss_n: 0 }
    }
}

/// The summary line of a trainer's epoch report.
trait EpochLine {
    fn line(&self) -> String;
}

fn saved(best: bool) -> &'static str {
    if best {
        " | saved"
    } else {
        ""
    }
}

impl EpochLine for arbor_parser::train::EpochReport {
    fn line(&self) -> String {
        format!(
            "epoch {:3} | {:6.1} s | loss {:.4} | dev LAS {:6.2} UAS {:6.2} UPOS {:6.2}{}",
            self.epoch,
            self.seconds,
            self.loss,
            self.dev_las * 100.0,
            self.dev_uas * 100.0,
            self.dev_upos * 100.0,
            saved(self.best)
        )
    }
}

impl EpochLine for arbor_segment::train::EpochReport {
    fn line(&self) -> String {
        format!(
            "epoch {:3} | {:6.1} s | loss {:.4} | dev Tokens {:6.2} Words {:6.2} Sentences {:6.2}{}",
            self.epoch,
            self.seconds,
            self.loss,
            self.dev_tokens * 100.0,
            self.dev_words * 100.0,
            self.dev_sentences * 100.0,
            saved(self.best)
        )
    }
}

impl<R: EpochLine> arbor_nn::Observer<R> for TrainBars {
    fn epoch_start(&mut self, epoch: usize, batches: usize) {
        if !self.quiet {
            self.bar = Some(epoch_bar(epoch, batches));
        }
        self.loss_sum = 0.0;
        self.loss_n = 0;
    }

    fn batch(&mut self, batch: usize, loss: f64) {
        self.loss_sum += loss;
        self.loss_n += 1;
        if let Some(bar) = &self.bar {
            bar.set_position(batch as u64);
            if batch % 10 == 0 {
                bar.set_message(format!("loss {:.4}", self.loss_sum / self.loss_n as f64));
            }
        }
    }

    fn epoch_end(&mut self, report: &R) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if !self.quiet {
            eprintln!("{}", report.line());
        }
    }

    fn message(&mut self, text: &str) {
        if !self.quiet {
            say(self.bar.as_ref(), text);
        }
    }
}
