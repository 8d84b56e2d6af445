//! Request and work counters, written in the Prometheus text exposition format (`GET
//! /metrics`): requests by route and status, a latency histogram by route, words and
//! sentences analysed, requests turned away, the queue's length.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Latency bucket bounds, seconds.
const BUCKETS: [f64; 12] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(&'static str, u16), u64>>,
    latency: Mutex<BTreeMap<&'static str, Histogram>>,
    pub words: AtomicU64,
    pub sentences: AtomicU64,
    pub rejected: AtomicU64,
}

impl Metrics {
    /// A request to `route` answered `status` after `seconds`.
    pub fn record(&self, route: &'static str, status: u16, seconds: f64) {
        if let Ok(mut r) = self.requests.lock() {
            *r.entry((route, status)).or_default() += 1;
        }
        if let Ok(mut l) = self.latency.lock() {
            let h = l.entry(route).or_default();
            BUCKETS.iter().zip(h.counts.iter_mut()).filter(|(b, _)| seconds <= **b).for_each(|(_, c)| *c += 1);
            h.count += 1;
            h.sum += seconds;
        }
    }

    /// Sentences and words analysed.
    pub fn analysed(&self, sentences: usize, words: usize) {
        self.sentences.fetch_add(sentences as u64, Ordering::Relaxed);
        self.words.fetch_add(words as u64, Ordering::Relaxed);
    }

    /// Everything, in the text format; `queued` jobs wait for a worker now.
    pub fn render(&self, queued: usize) -> String {
        let mut out = String::new();
        out.push_str("# HELP arbor_requests_total Requests answered, by route and status.\n# TYPE arbor_requests_total counter\n");
        if let Ok(r) = self.requests.lock() {
            for ((route, status), n) in r.iter() {
                let _ = writeln!(out, "arbor_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}");
            }
        }
        out.push_str(
            "# HELP arbor_request_seconds Time to answer a request.\n# TYPE arbor_request_seconds histogram\n",
        );
        if let Ok(l) = self.latency.lock() {
            for (route, h) in l.iter() {
                for (b, c) in BUCKETS.iter().zip(h.counts) {
                    let _ = writeln!(out, "arbor_request_seconds_bucket{{route=\"{route}\",le=\"{b}\"}} {c}");
                }
                let _ = writeln!(out, "arbor_request_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}", h.count);
                let _ = writeln!(out, "arbor_request_seconds_sum{{route=\"{route}\"}} {}", h.sum);
                let _ = writeln!(out, "arbor_request_seconds_count{{route=\"{route}\"}} {}", h.count);
            }
        }
        let counters = [
            ("arbor_words_total", "Words analysed.", &self.words),
            ("arbor_sentences_total", "Sentences analysed.", &self.sentences),
            ("arbor_rejected_total", "Requests turned away because the queue was full.", &self.rejected),
        ];
        for (name, help, value) in counters {
            let _ =
                writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}", value.load(Ordering::Relaxed));
        }
        let _ = writeln!(
            out,
            "# HELP arbor_queued Requests waiting for a worker.\n# TYPE arbor_queued gauge\narbor_queued {queued}"
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_histograms_render() {
        let m = Metrics::default();
        m.record("/process", 200, 0.02);
        m.record("/process", 200, 3.0);
        m.record("/process", 400, 0.001);
        m.analysed(2, 11);
        let text = m.render(3);
        assert!(text.contains("arbor_requests_total{route=\"/process\",status=\"200\"} 2\n"), "{text}");
        assert!(text.contains("arbor_request_seconds_bucket{route=\"/process\",le=\"0.025\"} 2\n"), "{text}");
        assert!(text.contains("arbor_request_seconds_bucket{route=\"/process\",le=\"+Inf\"} 3\n"), "{text}");
        assert!(text.contains("arbor_words_total 11\n") && text.contains("arbor_queued 3\n"), "{text}");
    }
}
