//! `--device auto|cpu|cuda|cuda:N`, handled in one place.

use std::fmt;
use std::str::FromStr;

use tch::{Cuda, Device};

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
    /// The libtorch device, or a clear error when CUDA is asked for and not there.
    pub fn resolve(self) -> Result<Device> {
        self.resolve_with(Cuda::device_count().max(0) as usize)
    }

    /// [`DeviceSpec::resolve`] given the number of CUDA devices (for tests).
    pub fn resolve_with(self, cuda_devices: usize) -> Result<Device> {
        match self {
            DeviceSpec::Cpu => Ok(Device::Cpu),
            DeviceSpec::Auto if cuda_devices > 0 => Ok(Device::Cuda(0)),
            DeviceSpec::Auto => Ok(Device::Cpu),
            DeviceSpec::Cuda(_) if cuda_devices == 0 => Err(Error::CudaUnavailable {
                requested: self.to_string(),
                reason: "libtorch sees no CUDA device on this machine (no GPU, no driver, or a CPU-only libtorch); use --device cpu".into(),
            }),
            DeviceSpec::Cuda(n) if n >= cuda_devices => Err(Error::CudaUnavailable {
                requested: self.to_string(),
                reason: format!("this machine has {cuda_devices} CUDA device(s), numbered from 0"),
            }),
            DeviceSpec::Cuda(n) => Ok(Device::Cuda(n)),
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
        let e = DeviceSpec::Cuda(0).resolve_with(0).unwrap_err().to_string();
        assert!(e.contains("'cuda:0' was requested") && e.contains("--device cpu"), "{e}");
        let e = DeviceSpec::Cuda(2).resolve_with(1).unwrap_err().to_string();
        assert!(e.contains("1 CUDA device"), "{e}");
        assert_eq!(DeviceSpec::Auto.resolve_with(0).unwrap(), Device::Cpu);
        assert_eq!(DeviceSpec::Auto.resolve_with(2).unwrap(), Device::Cuda(0));
        assert_eq!(DeviceSpec::Cuda(1).resolve_with(2).unwrap(), Device::Cuda(1));
    }

    #[test]
    fn resolving_against_this_machine_agrees_with_libtorch() {
        let available = tch::Cuda::is_available();
        assert_eq!(DeviceSpec::Cuda(0).resolve().is_ok(), available);
        assert_eq!(DeviceSpec::Auto.resolve().unwrap().is_cuda(), available);
    }
}
