//! `arbor info`: versions, libtorch, threads and the device a `--device` choice resolves to.

use std::io::Write;

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
    let mut out = arbor_cli::io::stdout();
    writeln!(out, "arbor {}", env!("CARGO_PKG_VERSION"))?;
    writeln!(out, "libtorch {}", arbor_nn::LIBTORCH_VERSION)?;
    let backend = arbor_nn::load_cuda_backend();
    writeln!(
        out,
        "cuda available: {} ({} device(s))",
        backend && tch::Cuda::is_available(),
        tch::Cuda::device_count()
    )?;
    writeln!(out, "threads: {}", tch::get_num_threads())?;
    let device = args.device.resolve()?;
    writeln!(out, "device: {} -> {:?}", args.device, device)?;
    out.finish()
}
