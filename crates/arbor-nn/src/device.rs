//! [`Resolve`]: a user's `--device` ([`arbor_core::DeviceSpec`]) as a libtorch device.

use arbor_core::DeviceSpec;
use tch::{Cuda, Device};

use crate::error::Result;

pub trait Resolve {
    /// The libtorch device, or a clear error when CUDA is asked for and not there.
    fn resolve(self) -> Result<Device>;
    /// [`Resolve::resolve`] given the number of CUDA devices (for tests).
    fn resolve_with(self, cuda_devices: usize) -> Result<Device>;
}

impl Resolve for DeviceSpec {
    fn resolve(self) -> Result<Device> {
        self.resolve_with(Cuda::device_count().max(0) as usize)
    }

    fn resolve_with(self, cuda_devices: usize) -> Result<Device> {
        Ok(self.cuda_index(cuda_devices)?.map_or(Device::Cpu, Device::Cuda))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_become_libtorch_devices() {
        assert_eq!(DeviceSpec::Auto.resolve_with(0).unwrap(), Device::Cpu);
        assert_eq!(DeviceSpec::Auto.resolve_with(2).unwrap(), Device::Cuda(0));
        assert_eq!(DeviceSpec::Cuda(1).resolve_with(2).unwrap(), Device::Cuda(1));
        assert!(DeviceSpec::Cuda(0).resolve_with(0).unwrap_err().to_string().contains("--device cpu"));
    }

    #[test]
    fn resolving_against_this_machine_agrees_with_libtorch() {
        let available = tch::Cuda::is_available();
        assert_eq!(DeviceSpec::Cuda(0).resolve().is_ok(), available);
        assert_eq!(DeviceSpec::Auto.resolve().unwrap().is_cuda(), available);
    }
}
