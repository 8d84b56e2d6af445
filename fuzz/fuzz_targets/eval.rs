//! `arbor eval` on any pair of files: the input is cut at the first 0xFF byte into gold and
//! system, both read as the command reads them (lenient), then scored and printed.
#![no_main]

use arbor_conllu::eval::{evaluate_named, format_counts, format_table, to_json, Options};
use arbor_conllu::Reader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cut = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
    let (gold, system) = (&data[..cut], data.get(cut + 1..).unwrap_or_default());
    let read = |bytes: &[u8]| Reader::new(bytes, "x").lenient().collect::<Result<Vec<_>, _>>();
    let (Ok(gold), Ok(system)) = (read(gold), read(system)) else { return };
    for multiple_roots_okay in [false, true] {
        if let Ok(e) = evaluate_named(&gold, "gold", &system, "system", &Options { multiple_roots_okay }) {
            let _ = (format_table(&e, true), format_counts(&e, true), to_json(&e, false));
        }
    }
});
