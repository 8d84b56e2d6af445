//! gensim reads the files Arbor writes, and Arbor reads the files gensim writes, in both
//! word2vec formats. Needs a Python with gensim: `ARBOR_PYTHON` (default `python3`);
//! `.ci/run` installs gensim 4.3.3 into Arbor's virtualenv and runs this test.

use std::process::Command;

use arbor_word2vec::{read_vectors, write_vectors, Embeddings, Format};

fn python() -> String {
    std::env::var("ARBOR_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn run_python(script: &str) -> String {
    let out = Command::new(python())
        .args(["-c", script])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} ({e}): set ARBOR_PYTHON to a Python with gensim", python()));
    assert!(out.status.success(), "python failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn sample() -> Embeddings {
    let words = ["the", "naïve", "café", "x"].map(String::from).to_vec();
    let vectors: Vec<f32> = (0..12).map(|i| (i as f32 - 5.5) / 3.0).collect();
    Embeddings::new(arbor_core::Table::from_names(words).unwrap(), 3, vectors)
}

#[test]
#[ignore = "needs a Python with gensim (ARBOR_PYTHON)"]
fn gensim_loads_what_arbor_writes() {
    let dir = tempfile::tempdir().unwrap();
    let e = sample();
    for (format, binary) in [(Format::Binary, "True"), (Format::Text, "False")] {
        let path = dir.path().join(format!("arbor.{binary}"));
        write_vectors(&e, &path, format).unwrap();
        let script = format!(
            "from gensim.models import KeyedVectors\n\
             kv = KeyedVectors.load_word2vec_format({:?}, binary={binary})\n\
             for w in kv.index_to_key: print(w, ' '.join(repr(float(x)) for x in kv[w]))",
            path.display().to_string()
        );
        let printed = run_python(&script);
        let lines: Vec<&str> = printed.lines().collect();
        assert_eq!(lines.len(), e.len(), "{format:?}: {printed}");
        for (line, word) in lines.iter().zip(e.words()) {
            let mut parts = line.split(' ');
            assert_eq!(parts.next(), Some(word.as_str()));
            let values: Vec<f32> = parts.map(|p| p.parse().unwrap()).collect();
            assert_eq!(values, e.vector(word).unwrap(), "{format:?} {word}");
        }
    }
}

#[test]
#[ignore = "needs a Python with gensim (ARBOR_PYTHON)"]
fn arbor_reads_what_gensim_writes() {
    let dir = tempfile::tempdir().unwrap();
    for binary in ["True", "False"] {
        let path = dir.path().join(format!("gensim.{binary}"));
        let script = format!(
            "import numpy as np\nfrom gensim.models import KeyedVectors\n\
             kv = KeyedVectors(vector_size=3)\n\
             kv.add_vectors(['the', 'naïve', 'café', 'x'], (np.arange(12, dtype=np.float32).reshape(4, 3) - 5.5) / 3)\n\
             kv.save_word2vec_format({:?}, binary={binary})",
            path.display().to_string()
        );
        run_python(&script);
        let e = read_vectors(&path).unwrap();
        let expected = sample();
        assert_eq!(e.words(), expected.words());
        for (a, b) in e.matrix().iter().zip(expected.matrix()) {
            assert!((a - b).abs() < 1e-5, "binary={binary}: {a} vs {b}");
        }
    }
}
