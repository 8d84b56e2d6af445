//! From source strings (and their features) to outputs: symbols to ids (unknown symbols
//! counted, over-long sources cut to the model's `max_source`), batches of similar length,
//! search, ids back to text.

use crate::config::Decoding;
use crate::decode::search;
use crate::model::Seq2seqNet;
use crate::vocab::Vocabs;

/// One output of a source.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    pub text: String,
    pub symbols: Vec<String>,
    /// Natural-log probability of the output (and its end, when `complete`).
    pub log_prob: f64,
    /// The score the hypotheses were ranked by (see `Decoding::length_alpha`).
    pub score: f64,
    /// False when the output was cut at the maximum length.
    pub complete: bool,
    /// `[output symbol][source symbol]` attention weights, when asked for.
    pub attention: Vec<Vec<f32>>,
}

/// Everything decoded for one source.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// Best first; `nbest` of them (one empty prediction for an empty source).
    pub predictions: Vec<Prediction>,
    /// The source symbols the model read (after any cut).
    pub source_symbols: Vec<String>,
    /// Source symbols and features the model has not seen (read as `<unk>`).
    pub unknown: usize,
    /// The source's length in symbols when it was cut to `max_source`.
    pub cut_from: Option<usize>,
}

/// Decode `(source, features)` pairs (features: whitespace-separated, ignored by a model
/// without features) with `net` and its symbol tables.
pub fn predict(
    net: &Seq2seqNet,
    vocabs: &Vocabs,
    inputs: &[(&str, &str)],
    decoding: &Decoding,
    attention: bool,
) -> Vec<Output> {
    let (source, target) = (&vocabs.source, &vocabs.target);
    let max_source = net.config().max_source;
    let mut encoded: Vec<(Vec<i64>, Vec<i64>, Output)> = inputs
        .iter()
        .map(|&(s, f)| {
            let mut symbols = source.level.split(s);
            let cut_from = (symbols.len() > max_source).then_some(symbols.len());
            symbols.truncate(max_source);
            let (ids, mut unknown) = source.encode_symbols(&symbols);
            let symbols: Vec<String> = symbols.into_iter().map(str::to_string).collect();
            let features = vocabs.features.as_ref().map_or_else(Vec::new, |table| {
                let (ids, n) = table.encode(f);
                unknown += n;
                ids
            });
            let out = Output { predictions: Vec::new(), source_symbols: symbols, unknown, cut_from };
            (ids, features, out)
        })
        .collect();
    // Similar lengths together: less padding, fewer wasted steps.
    let mut order: Vec<usize> = (0..inputs.len()).filter(|&i| !encoded[i].0.is_empty()).collect();
    order.sort_by_key(|&i| encoded[i].0.len());
    for chunk in order.chunks(decoding.batch_size.max(1)) {
        let ids: Vec<Vec<i64>> = chunk.iter().map(|&i| encoded[i].0.clone()).collect();
        let features: Vec<Vec<i64>> = chunk.iter().map(|&i| encoded[i].1.clone()).collect();
        let features = vocabs.features.is_some().then_some(features.as_slice());
        for (&i, hyps) in chunk.iter().zip(search(net, &ids, features, decoding, attention)) {
            encoded[i].2.predictions = hyps
                .into_iter()
                .map(|h| Prediction {
                    text: target.decode(&h.ids),
                    symbols: h.ids.iter().map(|&id| target.symbol(id).to_string()).collect(),
                    log_prob: h.log_prob,
                    score: h.normalized(decoding.length_alpha),
                    complete: h.complete,
                    attention: h.attention.clone(),
                })
                .collect();
        }
    }
    encoded
        .into_iter()
        .map(|(_, _, mut out)| {
            if out.predictions.is_empty() {
                let empty = Prediction {
                    text: String::new(),
                    symbols: Vec::new(),
                    log_prob: 0.0,
                    score: 0.0,
                    complete: true,
                    attention: Vec::new(),
                };
                out.predictions.push(empty);
            }
            out
        })
        .collect()
}
