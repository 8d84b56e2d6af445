//! `--device auto|cpu|cuda|cuda:N`, parsed and checked in one place. Turning it into a libtorch
//! device (which needs to ask libtorch how many CUDA devices there are) is `arbor-nn`'s job.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// A device as a user names it. `Auto` is CUDA device 0 when CUDA is available, else the CPU.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DeviceSpec {
    #[default]
    Auto,
    Cpu,
    /// `cuda` (device 0) or `cuda:N`.
    Cuda(usize),
}

impl FromStr for DeviceSpec {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::InvalidDevice { given: s.to_string() };
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(DeviceSpec::Auto),
            "cpu" => Ok(DeviceSpec::Cpu),
            "cuda" | "gpu" => Ok(DeviceSpec::Cuda(0)),
            other => {
                let n = other.strip_prefix("cuda:").ok_or_else(bad)?;
                n.parse().map(DeviceSpec::Cuda).map_err(|_| bad())
            }
        }
    }
}

impl fmt::Display for DeviceSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeviceSpec::Auto => f.write_str("auto"),
            DeviceSpec::Cpu => f.write_str("cpu"),
            DeviceSpec::Cuda(n) => write!(f, "cuda:{n}"),
        }
    }
}

impl DeviceSpec {
    /// The CUDA device this spec stands for on a machine with `cuda_devices` of them (`None`:
    /// the CPU), or a clear error when CUDA is asked for and not there.
    pub fn cuda_index(self, cuda_devices: usize) -> Result<Option<usize>> {
        match self {
            DeviceSpec::Cpu => Ok(None),
            DeviceSpec::Auto if cuda_devices > 0 => Ok(Some(0)),
            DeviceSpec::Auto => Ok(None),
            DeviceSpec::Cuda(_) if cuda_devices == 0 => Err(Error::CudaUnavailable {
                requested: self.to_string(),
                reason: "libtorch sees no CUDA device on this machine (no GPU, no driver, or a CPU-only libtorch); use --device cpu".into(),
            }),
            DeviceSpec::Cuda(n) if n >= cuda_devices => Err(Error::CudaUnavailable {
                requested: self.to_string(),
                reason: format!("this machine has {cuda_devices} CUDA device(s), numbered from 0"),
            }),
            DeviceSpec::Cuda(n) => Ok(Some(n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse() {
        assert_eq!("auto".parse::<DeviceSpec>().unwrap(), DeviceSpec::Auto);
        assert_eq!("CPU".parse::<DeviceSpec>().unwrap(), DeviceSpec::Cpu);
        assert_eq!("cuda".parse::<DeviceSpec>().unwrap(), DeviceSpec::Cuda(0));
        assert_eq!("cuda:3".parse::<DeviceSpec>().unwrap(), DeviceSpec::Cuda(3));
        for bad in ["", "tpu", "cuda:", "cuda:x", "cuda:-1"] {
            let e = bad.parse::<DeviceSpec>().unwrap_err().to_string();
            assert!(e.contains("expected auto, cpu, cuda or cuda:N"), "{e}");
        }
    }

    #[test]
    fn cuda_without_a_gpu_is_a_clear_error_and_auto_falls_back_to_cpu() {
        let e = DeviceSpec::Cuda(0).cuda_index(0).unwrap_err().to_string();
        assert!(e.contains("'cuda:0' was requested") && e.contains("--device cpu"), "{e}");
        let e = DeviceSpec::Cuda(2).cuda_index(1).unwrap_err().to_string();
        assert!(e.contains("1 CUDA device"), "{e}");
        assert_eq!(DeviceSpec::Auto.cuda_index(0).unwrap(), None);
        assert_eq!(DeviceSpec::Auto.cuda_index(2).unwrap(), Some(0));
        assert_eq!(DeviceSpec::Cuda(1).cuda_index(2).unwrap(), Some(1));
    }
}
