//! `arbor info`: versions, libtorch, threads and the device a `--device` choice resolves to.

use anyhow::Result;
use arbor_core::DeviceSpec;
use arbor_nn::Resolve;

/// Show the libtorch build, CUDA availability and the device `--device` resolves to.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// auto, cpu, cuda or cuda:N.
    #[arg(long, default_value = "auto")]
    pub device: DeviceSpec,
}

pub fn run(args: &Args) -> Result<()> {
    println!("arbor {}", env!("CARGO_PKG_VERSION"));
    println!("libtorch {}", arbor_nn::LIBTORCH_VERSION);
    println!("cuda available: {} ({} device(s))", tch::Cuda::is_available(), tch::Cuda::device_count());
    println!("threads: {}", tch::get_num_threads());
    let device = args.device.resolve()?;
    println!("device: {} -> {:?}", args.device, device);
    Ok(())
}
