//! The README's library example, as a dependent crate runs it: tokenize, tag and parse with the
//! bundled English models, stream a text, and print what it found.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let models = std::env::var_os("ARBOR_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models"));
    let pipeline =
        arbor::Pipeline::load(models.join("en_ewt/tokenizer"), models.join("en_ewt/parser"), tch::Device::Cpu)?;
    let sentences = pipeline.parse_text("I saw a girl with a telescope. She didn't see me.")?;
    for s in &sentences {
        for w in &s.words {
            println!("{}\t{}\t{:?}\t{}", w.form, w.upos, w.head, w.deprel);
        }
        println!();
    }
    let root = sentences[0].words.iter().find(|w| w.head == Some(0)).map(|w| w.form.as_str());
    if sentences.len() != 2 || root != Some("saw") {
        return Err(format!("unexpected parse: {} sentences, root {root:?}", sentences.len()).into());
    }
    println!("ok: {} sentences, root of the first: saw", sentences.len());
    Ok(())
}
