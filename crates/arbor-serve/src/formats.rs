//! UDPipe's input and output formats beside CoNLL-U: `horizontal` (a sentence a line, words
//! separated by spaces) and `vertical` (a word a line, sentences separated by blank lines).

use arbor_conllu::{Reader, Sentence, Word};

/// How `/process` reads `data` when it does not tokenize it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Conllu,
    Horizontal,
    Vertical,
}

/// How `/process` writes its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Conllu,
    Horizontal,
    Vertical,
}

impl InputFormat {
    pub fn parse(name: &str) -> Result<InputFormat, String> {
        match name {
            "conllu" => Ok(InputFormat::Conllu),
            "horizontal" => Ok(InputFormat::Horizontal),
            "vertical" => Ok(InputFormat::Vertical),
            _ => Err(format!("unknown input format '{name}': expected conllu, horizontal or vertical")),
        }
    }

    /// The sentences of `data`; a CoNLL-U error names its line.
    pub fn read(self, data: &str) -> Result<Vec<Sentence>, String> {
        let sentence = |forms: Vec<&str>| Sentence::from_words(forms.into_iter().map(Word::new).collect());
        match self {
            InputFormat::Conllu => {
                Reader::new(data.as_bytes(), "data").collect::<Result<Vec<_>, _>>().map_err(|e| e.to_string())
            }
            InputFormat::Horizontal => Ok(data
                .lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>())
                .filter(|w| !w.is_empty())
                .map(sentence)
                .collect()),
            InputFormat::Vertical => {
                let mut out = Vec::new();
                let mut words = Vec::new();
                for line in data.lines().map(str::trim) {
                    if line.is_empty() {
                        if !words.is_empty() {
                            out.push(sentence(std::mem::take(&mut words)));
                        }
                    } else {
                        words.push(line.split('\t').next().unwrap_or(line));
                    }
                }
                if !words.is_empty() {
                    out.push(sentence(words));
                }
                Ok(out)
            }
        }
    }
}

impl OutputFormat {
    pub fn parse(name: &str) -> Result<OutputFormat, String> {
        match name {
            "conllu" => Ok(OutputFormat::Conllu),
            "horizontal" => Ok(OutputFormat::Horizontal),
            "vertical" => Ok(OutputFormat::Vertical),
            _ => Err(format!("unknown output format '{name}': expected conllu, horizontal or vertical")),
        }
    }

    pub fn write(self, sentences: &[Sentence]) -> String {
        match self {
            OutputFormat::Conllu => {
                let mut out = Vec::new();
                // Writing to memory cannot fail.
                let _ = arbor::OutputFormat::Conllu.write(&mut out, sentences);
                String::from_utf8_lossy(&out).into_owned()
            }
            OutputFormat::Horizontal => sentences
                .iter()
                .map(|s| s.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>().join(" ") + "\n")
                .collect(),
            OutputFormat::Vertical => sentences
                .iter()
                .map(|s| s.words.iter().map(|w| format!("{}\n", w.form)).collect::<String>() + "\n")
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn horizontal_and_vertical_round_trip() {
        let h = InputFormat::Horizontal.read("I saw her .\n\n  Yes .\n").unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!(OutputFormat::Horizontal.write(&h), "I saw her .\nYes .\n");
        let v = InputFormat::Vertical.read("I\nsaw\n\n\nYes\n.").unwrap();
        assert_eq!(OutputFormat::Vertical.write(&v), "I\nsaw\n\nYes\n.\n\n");
        let c = InputFormat::Conllu.read(&OutputFormat::Conllu.write(&h)).unwrap();
        assert_eq!(c[1].words[1].form, ".");
        let e = InputFormat::Conllu.read("1\tx\n").unwrap_err();
        assert!(e.contains("data:1"), "{e}");
        assert!(InputFormat::parse("xml").is_err() && OutputFormat::parse("epe").is_err());
    }

    proptest::proptest! {
        /// Any text in any input format: sentences or an error, never a panic; every sentence
        /// read has words.
        #[test]
        fn any_text_is_read_or_refused(text in "(.|\n|\t){0,300}") {
            for format in [InputFormat::Conllu, InputFormat::Horizontal, InputFormat::Vertical] {
                if let Ok(sentences) = format.read(&text) {
                    proptest::prop_assert!(format == InputFormat::Conllu || sentences.iter().all(|s| !s.words.is_empty()));
                    let _ = OutputFormat::Conllu.write(&sentences);
                }
            }
        }
    }
}
