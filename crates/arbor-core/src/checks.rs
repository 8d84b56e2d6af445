//! [`Checks`]: the settings of a config checked before any work, every problem named at once
//! ("lstm_layers must be at least 1 (got 0); lr must be a positive number (got NaN)").

use std::fmt::Display;

/// The widest layer (embedding, hidden, MLP dimension) a config may ask for.
pub const MAX_WIDTH: u16 = 8_192;
/// The most stacked layers a config may ask for.
pub const MAX_LAYERS: u16 = 64;

#[derive(Debug, Default)]
pub struct Checks {
    problems: Vec<String>,
}

impl Checks {
    pub fn new() -> Checks {
        Checks::default()
    }

    /// `value >= min`.
    pub fn at_least<T: PartialOrd + Display>(mut self, name: &str, value: T, min: T) -> Checks {
        if value < min {
            self.problems.push(format!("{name} must be at least {min} (got {value})"));
        }
        self
    }

    /// `min <= value <= max`: a size from a config file cannot ask for more memory than exists.
    pub fn between<T: PartialOrd + Display>(mut self, name: &str, value: T, min: T, max: T) -> Checks {
        if value < min || value > max {
            self.problems.push(format!("{name} must be between {min} and {max} (got {value})"));
        }
        self
    }

    /// A finite number above 0.
    pub fn positive(mut self, name: &str, value: f64) -> Checks {
        if !(value.is_finite() && value > 0.0) {
            self.problems.push(format!("{name} must be a positive number (got {value})"));
        }
        self
    }

    /// A probability that leaves something: `0 <= value < 1`.
    pub fn fraction(mut self, name: &str, value: f64) -> Checks {
        if !(0.0..1.0).contains(&value) {
            self.problems.push(format!("{name} must be at least 0 and below 1 (got {value})"));
        }
        self
    }

    /// A probability: `0 <= value <= 1`.
    pub fn probability(mut self, name: &str, value: f64) -> Checks {
        if !(0.0..=1.0).contains(&value) {
            self.problems.push(format!("{name} must be between 0 and 1 (got {value})"));
        }
        self
    }

    /// Every problem found, `; `-separated.
    pub fn finish(self) -> Result<(), String> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.problems.join("; "))
        }
    }
}

/// The settings in which two configs differ, as `name: saved S, asked A` (fields in `skip`
/// left out): what a resumed run must be told when its settings are not its checkpoint's.
pub fn differences<T: serde::Serialize>(saved: &T, asked: &T, skip: &[&str]) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(saved), serde_json::to_value(asked))
    else {
        return Vec::new();
    };
    a.iter()
        .filter(|(k, v)| !skip.contains(&k.as_str()) && b.get(*k) != Some(*v))
        .map(|(k, v)| format!("{k}: {v} in the checkpoint, {} asked", b.get(k).unwrap_or(&serde_json::Value::Null)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_name_each_setting() {
        #[derive(serde::Serialize)]
        struct C {
            nhid: i64,
            vocab_size: i64,
            tied: bool,
        }
        let saved = C { nhid: 50, vocab_size: 10, tied: true };
        let asked = C { nhid: 60, vocab_size: 0, tied: true };
        assert_eq!(differences(&saved, &asked, &["vocab_size"]), ["nhid: 50 in the checkpoint, 60 asked"]);
        assert!(differences(&saved, &saved, &[]).is_empty());
    }

    #[test]
    fn every_problem_is_named() {
        assert!(Checks::new().at_least("layers", 2, 1).positive("lr", 1e-3).fraction("dropout", 0.0).finish().is_ok());
        let e = Checks::new()
            .at_least("layers", 0i64, 1)
            .positive("lr", f64::NAN)
            .positive("clip", -1.0)
            .fraction("dropout", 1.0)
            .probability("explore", 2.0)
            .finish()
            .unwrap_err();
        assert_eq!(
            e,
            "layers must be at least 1 (got 0); lr must be a positive number (got NaN); clip must be a positive \
             number (got -1); dropout must be at least 0 and below 1 (got 1); explore must be between 0 and 1 (got 2)"
        );
    }
}
