//! [`Checks`]: the settings of a config checked before any work, every problem named at once
//! ("lstm_layers must be at least 1 (got 0); lr must be a positive number (got NaN)").

use std::fmt::Display;

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

#[cfg(test)]
mod tests {
    use super::*;

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
