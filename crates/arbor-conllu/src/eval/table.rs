//! The official scorer's text tables (`udeval -v` and `udeval -c`) and a JSON form.

use super::metric::{Evaluation, Metric};

const TABLE_ORDER: [Metric; 15] = Metric::ALL;

fn metrics(enhanced: bool) -> impl Iterator<Item = Metric> {
    TABLE_ORDER.into_iter().filter(move |m| enhanced || !matches!(m, Metric::Elas | Metric::Eulas))
}

/// The table `udeval -v` prints: precision, recall, F1 and aligned accuracy, in percent.
pub fn format_table(e: &Evaluation, enhanced: bool) -> String {
    let mut out = String::from("Metric     | Precision |    Recall |  F1 Score | AligndAcc\n");
    out.push_str("-----------+-----------+-----------+-----------+-----------\n");
    for m in metrics(enhanced) {
        let s = &e[m];
        let acc = s.aligned_accuracy.map(|a| format!("{:10.2}", 100.0 * a)).unwrap_or_default();
        out.push_str(&format!(
            "{:<11}|{:10.2} |{:10.2} |{:10.2} |{}\n",
            m.name(),
            100.0 * s.precision,
            100.0 * s.recall,
            100.0 * s.f1,
            acc
        ));
    }
    out
}

/// The table `udeval -c` prints: raw counts.
pub fn format_counts(e: &Evaluation, enhanced: bool) -> String {
    let mut out = String::from("Metric     | Correct   |      Gold | Predicted | Aligned\n");
    out.push_str("-----------+-----------+-----------+-----------+-----------\n");
    for m in metrics(enhanced) {
        let s = &e[m];
        let aligned = match s.aligned_total {
            Some(a) if a > 0 => format!("{a:10}"),
            _ if m == Metric::Words => format!("{:10}", s.correct),
            _ => " ".repeat(10),
        };
        out.push_str(&format!(
            "{:<11}|{:10} |{:10} |{:10} |{}\n",
            m.name(),
            s.correct,
            s.gold_total,
            s.system_total,
            aligned
        ));
    }
    out
}

/// All metrics as a JSON object keyed by metric name, in table order.
pub fn to_json(e: &Evaluation, enhanced: bool) -> String {
    let map: serde_json::Map<String, serde_json::Value> = metrics(enhanced)
        .map(|m| (m.name().to_string(), serde_json::to_value(e[m]).unwrap_or(serde_json::Value::Null)))
        .collect();
    serde_json::Value::Object(map).to_string()
}
