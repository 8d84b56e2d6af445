//! `arbor serve`: an HTTP service compatible with the UDPipe 2 REST API (arbor-serve), models
//! loaded once, a bounded pool of workers.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use arbor::pipeline_dir;
use arbor_core::DeviceSpec;
use arbor_nn::Resolve;
use arbor_serve::{ServeConfig, ServedModel, Service};

fn d() -> ServeConfig {
    ServeConfig::default()
}

/// Serve models over HTTP: UDPipe 2's /models and /process, Arbor's /parse (JSON), /health and
/// /metrics (Prometheus). Stops on SIGTERM or Ctrl-C after the requests in flight.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on (loopback by default: put a proxy in front to serve others).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port (0: any free one; the address is printed on stderr).
    #[arg(long, default_value_t = 8001)]
    pub port: u16,
    /// A model as NAME=DIR, DIR a pipeline directory (`arbor train pipeline`); repeat for
    /// several; the first is the default. Without any: the bundled English EWT models as
    /// `en_ewt`.
    #[arg(long = "model", value_name = "NAME=DIR")]
    pub models: Vec<String>,
    /// Workers that tag and parse (0: the CPUs this process may use).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// libtorch threads of each worker (workers × this = cores used; 1 is fastest on busy
    /// machines, see BENCHMARKS.md).
    #[arg(long, default_value_t = 1)]
    pub intra_threads: usize,
    /// Requests waiting for a worker at most (one more is answered 503).
    #[arg(long, default_value_t = d().queue)]
    pub queue: usize,
    /// The largest request, in MB (a larger one is answered 413).
    #[arg(long, default_value_t = (d().max_request_bytes >> 20) as f64)]
    pub max_request_mb: f64,
    /// Seconds a request may take, queue included (then 503).
    #[arg(long, default_value_t = d().timeout.as_secs_f64())]
    pub timeout: f64,
    /// Words a worker gathers from waiting requests into one parser batch.
    #[arg(long, default_value_t = d().batch_words)]
    pub batch_words: usize,
    #[arg(long, default_value = "auto")]
    pub device: DeviceSpec,
    /// No line per request on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

fn served(args: &Args, device: tch::Device) -> Result<Vec<ServedModel>> {
    let mut out = Vec::new();
    if args.models.is_empty() {
        let parts = pipeline_dir::parts(crate::parse::bundled(pipeline_dir::BUNDLED)?)?;
        out.push(ServedModel::open(pipeline_dir::BUNDLED, &parts, device)?);
    }
    for spec in &args.models {
        let Some((name, dir)) = spec.split_once('=').filter(|(n, d)| !n.is_empty() && !d.is_empty()) else {
            bail!("--model {spec}: expected NAME=DIR");
        };
        let parts = pipeline_dir::parts(PathBuf::from(dir))
            .with_context(|| format!("--model {spec}: DIR must be a pipeline directory (arbor train pipeline)"))?;
        out.push(ServedModel::open(name, &parts, device)?);
    }
    Ok(out)
}

pub fn run(args: &Args) -> Result<()> {
    if !(args.max_request_mb.is_finite() && args.max_request_mb > 0.0) {
        bail!("--max-request-mb must be a positive number (got {})", args.max_request_mb);
    }
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout < 1e9) {
        bail!("--timeout must be a positive number of seconds (got {})", args.timeout);
    }
    let config = ServeConfig {
        threads: arbor_cli::workers(args.threads),
        queue: args.queue,
        max_request_bytes: (args.max_request_mb * (1 << 20) as f64) as usize,
        timeout: Duration::from_secs_f64(args.timeout),
        batch_words: args.batch_words,
        log: !args.quiet,
    };
    if args.intra_threads == 0 || args.intra_threads > 1024 {
        bail!("--intra-threads must be between 1 and 1024 (got {})", args.intra_threads);
    }
    // By default one libtorch thread per worker: libtorch's own pool would spin against the
    // workers.
    tch::set_num_threads(args.intra_threads as i32);
    let device = args.device.resolve()?;
    let models = served(args, device)?;
    let names: Vec<String> = models.iter().map(|m| m.name.clone()).collect();
    let service = Arc::new(Service::new(models, config)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the service's runtime")?;
    runtime.block_on(async {
        let address = format!("{}:{}", args.host, args.port);
        let listener =
            tokio::net::TcpListener::bind(&address).await.with_context(|| format!("cannot listen on {address}"))?;
        let local = listener.local_addr()?;
        eprintln!(
            "arbor serve: listening on http://{local} (models: {}; {} workers); SIGTERM or Ctrl-C stops it",
            names.join(", "),
            service.config.threads
        );
        arbor_serve::serve(listener, Arc::clone(&service), arbor_serve::shutdown_signal()).await?;
        eprintln!("arbor serve: stopped");
        Ok::<_, anyhow::Error>(())
    })
}
