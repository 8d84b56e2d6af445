//! The trained tokenizer's decoding: any paragraph with any label sequence (what the network
//! outputs is one label per character) gives spans on grapheme-cluster boundaries and
//! multiword cuts inside their token; and the cut
//! of an over-long line into bounded pieces loses and splits nothing.
#![no_main]

use arbor_segment::decode::segmentation;
use arbor_text::stream::cut_long_line;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else { return };
    let split = (n as usize).min(rest.len());
    let (labels, text) = rest.split_at(split);
    let Ok(text) = std::str::from_utf8(text) else { return };
    let labels: Vec<i64> = labels.iter().map(|&b| (b % 6) as i64).collect();
    for (sentences, multiword) in [(false, false), (true, false), (true, true)] {
        let s = segmentation(text, &labels, sentences, multiword);
        assert_eq!(s.spans.len(), s.starts.len());
        assert_eq!(s.multiword.len(), if multiword { s.spans.len() } else { 0 });
        let mut last = 0;
        for (k, &(a, b)) in s.spans.iter().enumerate() {
            assert!(last <= a && a < b && b <= text.len());
            assert!(!text[a..b].trim().is_empty());
            if let Some(Some(arbor_text::MwtDecision::Yes { cuts })) = s.multiword.get(k) {
                let n = text[a..b].chars().count();
                assert!(cuts.iter().all(|&c| c > 0 && c < n), "{cuts:?} in a token of {n} characters");
            }
            last = b;
        }
    }
    let pieces = cut_long_line(text);
    assert_eq!(pieces.iter().map(|(p, _)| *p).collect::<String>(), text);
});
