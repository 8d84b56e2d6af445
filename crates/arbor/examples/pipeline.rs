//! Tokenize, tag and parse text with the bundled English models and print each sentence as a
//! tree and as CoNLL-U.
//!
//!     cargo run --release --example pipeline -- "Text to parse. More text."

use std::path::Path;

use arbor::conllu::Writer;
use arbor::Pipeline;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
    let pipeline = Pipeline::load(models.join("en_ewt/tokenizer"), models.join("en_ewt/parser"), tch::Device::Cpu)?
        .with_stemmer(arbor::text::Stemmer::new("english")?);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text =
        if args.is_empty() { "I saw a girl with a telescope. She didn't see me.".to_string() } else { args.join(" ") };
    let sentences = pipeline.parse_text(&text)?;
    for s in &sentences {
        println!("{}", arbor::output::tree(s));
    }
    Writer::new(std::io::stdout().lock()).write_all(&sentences)?;
    Ok(())
}
