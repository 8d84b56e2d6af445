//! The arithmetic a trainer uses for its largest matrix products: a training config's choice.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Everything in 32-bit floats.
    #[default]
    F32,
    /// The largest products (the language model's output layer: its forward pass and both
    /// gradients) in bfloat16 with f32 accumulation; weights, optimizer, loss and evaluation
    /// stay f32. Fast where the hardware multiplies bfloat16 (AMX or AVX-512 BF16 CPUs, recent
    /// GPUs), slower elsewhere.
    Bf16,
}

impl std::str::FromStr for Precision {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "f32" => Ok(Precision::F32),
            "bf16" => Ok(Precision::Bf16),
            _ => Err(format!("unknown precision '{s}': expected f32 or bf16")),
        }
    }
}

impl std::fmt::Display for Precision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Precision::F32 => "f32",
            Precision::Bf16 => "bf16",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in [Precision::F32, Precision::Bf16] {
            assert_eq!(p.to_string().parse::<Precision>().unwrap(), p);
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{p}\""));
        }
        assert!("fp16".parse::<Precision>().unwrap_err().contains("expected f32 or bf16"));
    }
}
