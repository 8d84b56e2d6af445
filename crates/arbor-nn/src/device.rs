//! [`Resolve`]: a user's `--device` ([`arbor_core::DeviceSpec`]) as a libtorch device.

use arbor_core::DeviceSpec;
use tch::{Cuda, Device};

use crate::error::Result;

/// Load libtorch's CUDA backend (`libtorch_cuda.so`, found through the binary's rpath) once;
/// whether it is there. The backend registers itself when loaded, but nothing references its
/// symbols, so the linker leaves it out of every binary and libtorch would see no GPU. Loading
/// it takes about 0.15 s, so only a run that may use CUDA (`--device auto` or `cuda`) does;
/// a CPU-only libtorch has no such library and this is `false`.
pub fn load_cuda_backend() -> bool {
    static LOADED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *LOADED.get_or_init(|| {
        // SAFETY: dlopen of a library by name, with a NUL-terminated constant; the handle is kept
        // for the life of the process (never dlclosed).
        let handle = unsafe { libc::dlopen(c"libtorch_cuda.so".as_ptr(), libc::RTLD_NOW | libc::RTLD_GLOBAL) };
        !handle.is_null()
    })
}

pub trait Resolve {
    /// The libtorch device, or a clear error when CUDA is asked for and not there.
    fn resolve(self) -> Result<Device>;
    /// [`Resolve::resolve`] given the number of CUDA devices (for tests).
    fn resolve_with(self, cuda_devices: usize) -> Result<Device>;
}

impl Resolve for DeviceSpec {
    fn resolve(self) -> Result<Device> {
        let cuda_devices = if self == DeviceSpec::Cpu || !load_cuda_backend() { 0 } else { Cuda::device_count() };
        self.resolve_with(cuda_devices.max(0) as usize)
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
