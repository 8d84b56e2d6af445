//! Progress of every trainer on stderr, one mechanism: [`TrainBars`] implements
//! `arbor_core::Observer` for any trainer's epoch report that knows its summary line
//! ([`EpochLine`]). A bar per epoch is drawn only when stderr is a terminal; the summary line of
//! each epoch and the trainers' messages are always printed.

use std::time::Duration;

use arbor_core::Observer;
use indicatif::{ProgressBar, ProgressStyle};

/// What a trainer's epoch report shows.
pub trait EpochLine {
    /// What the steps of an epoch are.
    const UNIT: &'static str = "batches";
    /// The summary line printed when an epoch ends.
    fn line(&self) -> String;
    /// The bar's message, from the mean loss of the epoch so far and the learning rate.
    fn running(mean_loss: f64, _lr: f64) -> String {
        format!("loss {mean_loss:.4}")
    }
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

impl EpochLine for arbor_lm::train::EpochReport {
    fn line(&self) -> String {
        format!(
            "epoch {:3} | {:6.1} s | {:8.0} tokens/s | lr {:.4} | train ppl {:8.2} | valid ppl {:8.2}{}",
            self.epoch,
            self.seconds,
            self.tokens_per_second,
            self.lr,
            self.train_ppl,
            self.valid_ppl,
            saved(self.improved)
        )
    }

    fn running(mean_loss: f64, lr: f64) -> String {
        format!("ppl {:.1} lr {lr:.3}", mean_loss.exp())
    }
}

impl EpochLine for arbor_seq2seq::train::EpochReport {
    fn line(&self) -> String {
        format!(
            "epoch {:3} | {:6.1} s | {:6.0} pairs/s | lr {:.5} | loss {:.4} | dev WER {:6.2} SER {:5.2}{}",
            self.epoch,
            self.seconds,
            self.pairs_per_second,
            self.lr,
            self.loss,
            self.dev_wer * 100.0,
            self.dev_ser * 100.0,
            saved(self.best)
        )
    }
}

impl EpochLine for arbor_classify::train::EpochReport {
    fn line(&self) -> String {
        format!(
            "epoch {:3} | {:6.1} s | {:6.0} texts/s | lr {:.5} | loss {:.4} | dev acc {:6.2} macro-F1 {:6.2} loss {:.4}{}",
            self.epoch,
            self.seconds,
            self.texts_per_second,
            self.lr,
            self.loss,
            self.dev_accuracy * 100.0,
            self.dev_macro_f1 * 100.0,
            self.dev_loss,
            saved(self.best)
        )
    }
}

impl EpochLine for arbor_word2vec::EpochReport {
    const UNIT: &'static str = "words";

    fn line(&self) -> String {
        format!(
            "epoch {:3} | {:6.1} s | {:8.0} words/s | lr {:.5} | loss {:.4}",
            self.epoch, self.seconds, self.words_per_second, self.alpha, self.loss
        )
    }

    fn running(mean_loss: f64, lr: f64) -> String {
        format!("lr {lr:.5} | loss {mean_loss:.4}")
    }
}

/// Bars, epoch lines and messages of any trainer.
pub struct TrainBars {
    bar: Option<ProgressBar>,
    quiet: bool,
    loss_sum: f64,
    loss_n: usize,
    /// Steps done in finished epochs (words, for Word2Vec) and in the current one.
    steps: u64,
    current: u64,
}

impl TrainBars {
    pub fn new(quiet: bool) -> TrainBars {
        TrainBars { bar: None, quiet, loss_sum: 0.0, loss_n: 0, steps: 0, current: 0 }
    }

    /// Steps done by this run (resumed steps not counted).
    pub fn steps(&self) -> u64 {
        self.steps + self.current
    }

    /// Print a line above the bar, or straight to stderr when there is no bar or it is hidden
    /// (stderr not a terminal: a hidden bar drops what it is asked to print).
    fn say(&self, text: &str) {
        match &self.bar {
            Some(bar) if !bar.is_hidden() => bar.println(text),
            _ => eprintln!("{text}"),
        }
    }
}

impl<R: EpochLine> Observer<R> for TrainBars {
    fn epoch_start(&mut self, epoch: usize, total: u64, done: u64) {
        self.steps += self.current;
        self.current = 0;
        self.loss_sum = 0.0;
        self.loss_n = 0;
        if self.quiet {
            return;
        }
        let bar = ProgressBar::new(total);
        let template =
            format!("epoch {{prefix}} [{{bar:30}}] {{pos}}/{{len}} {} {{per_sec}} eta {{eta}} {{msg}}", R::UNIT);
        bar.set_style(
            ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_prefix(epoch.to_string());
        bar.set_position(done);
        bar.enable_steady_tick(Duration::from_millis(500));
        self.bar = Some(bar);
    }

    fn step(&mut self, done: u64, loss: f64, lr: f64) {
        self.current = done;
        if loss.is_finite() {
            self.loss_sum += loss;
            self.loss_n += 1;
        }
        if let Some(bar) = &self.bar {
            bar.set_position(done);
            if self.loss_n > 0 && self.loss_n % 10 == 0 {
                bar.set_message(R::running(self.loss_sum / self.loss_n as f64, lr));
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
            self.say(text);
        }
    }
}
