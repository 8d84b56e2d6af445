//! `--profile` of `arbor parse` and `arbor tokenize`: the stage times of
//! [`arbor_core::profile`] on stderr, with the wall time since the models were loaded and the
//! rate it gives (words or characters a second).

use std::time::Duration;

/// Print the seconds and share of each stage that ran (a command leaves out the stages it has
/// not: `tokenize` the parser's, `parse --input conllu` the tokenizer's), then `wall time after
/// loading` with `count` `unit`s and their rate. Benchmark scripts read that last line (its fifth field is the seconds).
pub fn report(wall: Duration, count: usize, unit: &str) {
    let totals: Vec<_> = arbor_core::profile::totals().into_iter().filter(|(_, d)| !d.is_zero()).collect();
    let sum: f64 = totals.iter().map(|(_, d)| d.as_secs_f64()).sum();
    eprintln!("{:<32} {:>9} {:>7}", "stage", "seconds", "share");
    for (stage, d) in &totals {
        let share = 100.0 * d.as_secs_f64() / sum.max(1e-9);
        eprintln!("{:<32} {:>9.3} {:>6.1}%", stage.name(), d.as_secs_f64(), share);
    }
    let rate = count as f64 / wall.as_secs_f64().max(1e-9);
    eprintln!("{:<32} {:>9.3}  ({count} {unit}, {rate:.0} {unit}/s)", "wall time after loading", wall.as_secs_f64());
}
