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
        match &self.bar {
            Some(bar) if !bar.is_hidden() => bar.println(text),
            _ => eprintln!("{text}"),
        }
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

    fn start(&mut self, epoch: usize, batches: usize) {
        if !self.quiet {
            self.bar = Some(epoch_bar(epoch, batches));
        }
        self.loss_sum = 0.0;
        self.loss_n = 0;
    }

    fn step(&mut self, batch: usize, loss: f64) {
        self.loss_sum += loss;
        self.loss_n += 1;
        if let Some(bar) = &self.bar {
            bar.set_position(batch as u64);
            if batch % 10 == 0 {
                bar.set_message(format!("loss {:.4}", self.loss_sum / self.loss_n as f64));
            }
        }
    }

    fn finish(&mut self, line: String) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if !self.quiet {
            eprintln!("{line}");
        }
    }

    fn say(&mut self, text: &str) {
        // A hidden bar (stderr not a terminal) drops what it is asked to print: say it directly.
        match &self.bar {
            Some(bar) if !bar.is_hidden() => bar.println(text),
            _ if !self.quiet => eprintln!("{text}"),
            _ => {}
        }
    }
}

fn saved(best: bool) -> &'static str {
    if best {
        " | saved"
    } else {
        ""
    }
}

impl arbor_nn::Observer<arbor_parser::train::EpochReport> for TrainBars {
    fn epoch_start(&mut self, epoch: usize, batches: usize) {
        self.start(epoch, batches);
    }
    fn batch(&mut self, batch: usize, loss: f64) {
        self.step(batch, loss);
    }
    fn epoch_end(&mut self, r: &arbor_parser::train::EpochReport) {
        self.finish(format!(
            "epoch {:3} | {:6.1} s | loss {:.4} | dev LAS {:6.2} UAS {:6.2} UPOS {:6.2}{}",
            r.epoch,
            r.seconds,
            r.loss,
            r.dev_las * 100.0,
            r.dev_uas * 100.0,
            r.dev_upos * 100.0,
            saved(r.best)
        ));
    }
    fn message(&mut self, text: &str) {
        self.say(text);
    }
}

impl arbor_nn::Observer<arbor_segment::train::EpochReport> for TrainBars {
    fn epoch_start(&mut self, epoch: usize, batches: usize) {
        self.start(epoch, batches);
    }
    fn batch(&mut self, batch: usize, loss: f64) {
        self.step(batch, loss);
    }
    fn epoch_end(&mut self, r: &arbor_segment::train::EpochReport) {
        self.finish(format!(
            "epoch {:3} | {:6.1} s | loss {:.4} | dev Tokens {:6.2} Words {:6.2} Sentences {:6.2}{}",
            r.epoch,
            r.seconds,
            r.loss,
            r.dev_tokens * 100.0,
            r.dev_words * 100.0,
            r.dev_sentences * 100.0,
            saved(r.best)
        ));
    }
    fn message(&mut self, text: &str) {
        self.say(text);
    }
}
