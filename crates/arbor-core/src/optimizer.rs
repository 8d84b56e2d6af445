//! [`OptimizerKind`]: the optimizer a trainer's config names (the optimizer itself, which needs
//! libtorch, is `arbor_nn::Optimizer`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptimizerKind {
    /// Plain SGD (the learning rate is annealed on plateaus by the trainer).
    #[default]
    Sgd,
    Adam,
}

impl std::str::FromStr for OptimizerKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "sgd" => Ok(OptimizerKind::Sgd),
            "adam" => Ok(OptimizerKind::Adam),
            _ => Err(format!("unknown optimizer '{s}': expected sgd or adam")),
        }
    }
}

impl std::fmt::Display for OptimizerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Adam => "adam",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in [OptimizerKind::Sgd, OptimizerKind::Adam] {
            assert_eq!(k.to_string().parse::<OptimizerKind>().unwrap(), k);
        }
        assert!("rmsprop".parse::<OptimizerKind>().unwrap_err().contains("expected sgd or adam"));
    }
}
