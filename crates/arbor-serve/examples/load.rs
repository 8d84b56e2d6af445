//! A load generator for `arbor serve` (the load test of benches/serve_load.sh): `--clients`
//! threads send the paragraphs of a text file to `/process` (tokenize, tag, parse) for
//! `--seconds`, each with keep-alive; `--malformed F` of the requests are bad on purpose (no
//! data, bytes that are not UTF-8, an unknown model or input format, a body that is not JSON)
//! and must be answered 4xx. Prints one JSON object: requests and words per second, latency
//! percentiles of the good requests, and every unexpected answer counted as an error.
//!
//!     cargo run --release -p arbor-serve --example load -- URL TEXT [--clients 32] [--seconds 60] [--malformed 0.1]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Default)]
struct Tally {
    good: usize,
    bad: usize,
    errors: usize,
    words: usize,
    latencies: Vec<f64>,
    first_error: Option<String>,
}

fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The i-th malformed request and whether its answer was the 4xx it must be.
fn malformed(agent: &ureq::Agent, url: &str, i: usize) -> (bool, String) {
    let process = format!("{url}/process");
    let r = match i % 5 {
        0 => agent.post(&process).send_form([("tokenizer", "")]),
        1 => agent.get(format!("{process}?tokenizer&data=%FF%FE")).call(),
        2 => agent.post(&process).send_form([("data", "Hi."), ("model", "xx"), ("tokenizer", "")]),
        3 => agent.post(&process).send_form([("data", "Hi."), ("input", "xml")]),
        _ => agent.post(format!("{url}/parse")).header("Content-Type", "application/json").send("{not json"),
    };
    match r {
        Ok(r) if (400..500).contains(&r.status().as_u16()) => (true, String::new()),
        Ok(r) => (false, format!("malformed request {} answered {}", i % 5, r.status())),
        Err(e) => (false, e.to_string()),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: load URL TEXT [--clients N] [--seconds S] [--malformed F]");
        std::process::exit(2);
    }
    let (url, path) = (args[1].trim_end_matches('/').to_string(), &args[2]);
    let clients: usize = arg(&args, "--clients", 32);
    let seconds: f64 = arg(&args, "--seconds", 60.0);
    let bad_share: f64 = arg(&args, "--malformed", 0.0);
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2)
    });
    let paragraphs: Arc<Vec<String>> =
        Arc::new(text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect());
    let stop = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let (paragraphs, stop, url) = (Arc::clone(&paragraphs), Arc::clone(&stop), url.clone());
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(120)))
                    .build()
                    .into();
                let mut t = Tally::default();
                let mut i = c * 7919;
                while !stop.load(Ordering::Relaxed) {
                    i += 1;
                    // Every 1/bad_share-th request of a client is malformed (deterministic).
                    if bad_share > 0.0 && (i as f64 * bad_share).floor() != ((i - 1) as f64 * bad_share).floor() {
                        let (ok, why) = malformed(&agent, &url, i);
                        t.bad += 1;
                        if !ok {
                            t.errors += 1;
                            t.first_error.get_or_insert(why);
                        }
                        continue;
                    }
                    let paragraph = &paragraphs[i % paragraphs.len()];
                    let sent = Instant::now();
                    let r = agent.post(format!("{url}/process")).send_form([
                        ("data", paragraph.as_str()),
                        ("tokenizer", ""),
                        ("tagger", ""),
                        ("parser", ""),
                    ]);
                    let body = match r {
                        Ok(mut r) if r.status() == 200 => {
                            r.body_mut().with_config().limit(1 << 26).read_to_string().ok()
                        }
                        Ok(r) => {
                            t.first_error.get_or_insert(format!("a good request answered {}", r.status()));
                            None
                        }
                        Err(e) => {
                            t.first_error.get_or_insert(e.to_string());
                            None
                        }
                    };
                    match body.and_then(|b| serde_json::from_str::<serde_json::Value>(&b).ok()) {
                        Some(v) => {
                            let result = v["result"].as_str().unwrap_or("");
                            t.words += result
                                .lines()
                                .filter(|l| l.split('\t').next().is_some_and(|id| id.parse::<usize>().is_ok()))
                                .count();
                            t.good += 1;
                            t.latencies.push(sent.elapsed().as_secs_f64());
                        }
                        None => t.errors += 1,
                    }
                }
                t
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs_f64(seconds));
    stop.store(true, Ordering::Relaxed);
    let mut all = Tally::default();
    for h in handles {
        let t = h.join().unwrap_or_default();
        (all.good, all.bad, all.errors, all.words) =
            (all.good + t.good, all.bad + t.bad, all.errors + t.errors, all.words + t.words);
        all.latencies.extend(t.latencies);
        if all.first_error.is_none() {
            all.first_error = t.first_error;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    all.latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        all.latencies
            .get(((all.latencies.len() as f64 * p) as usize).min(all.latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    let summary = serde_json::json!({
        "clients": clients, "seconds": elapsed, "good_requests": all.good, "malformed_requests": all.bad,
        "errors": all.errors, "first_error": all.first_error,
        "requests_per_s": (all.good + all.bad) as f64 / elapsed, "words_per_s": all.words as f64 / elapsed,
        "words": all.words, "p50_ms": pct(0.5) * 1000.0, "p99_ms": pct(0.99) * 1000.0,
    });
    println!("{summary}");
}
