//! Labelled text files: one `label<TAB>text` a line. An empty line, a line without a tab, an
//! empty label or an empty text is an error naming the file and line.

use std::path::Path;

use arbor_core::Lines;

use crate::error::{Error, Result};

/// One line of a labelled file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub label: String,
    pub text: String,
    pub line: usize,
}

/// Every example of `path`; a file without any is an error.
pub fn read_examples(path: &Path) -> Result<Vec<Example>> {
    let mut examples = Vec::new();
    Lines::open(path)?.try_for_each(|line| {
        let at = |problem: &str| Error::Line { path: path.into(), line: line.number, problem: problem.into() };
        let Some((label, text)) = line.text.split_once('\t') else {
            let what = if line.text.trim().is_empty() { "an empty line" } else { "no tab" };
            return Err(at(&format!("{what}: each line is label<TAB>text")));
        };
        let label = label.trim();
        if label.is_empty() {
            return Err(at("an empty label: each line is label<TAB>text"));
        }
        if text.trim().is_empty() {
            return Err(at("an empty text: each line is label<TAB>text"));
        }
        examples.push(Example { label: label.to_string(), text: text.to_string(), line: line.number });
        Ok(())
    })?;
    if examples.is_empty() {
        return Err(Error::Data { path: path.into(), problem: "no examples: each line is label<TAB>text".into() });
    }
    Ok(examples)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<Example>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.tsv");
        std::fs::write(&path, text).unwrap();
        read_examples(&path)
    }

    #[test]
    fn bad_lines_are_named() {
        let cases = [
            ("pos\tgood\n\nneg\tbad\n", ":2: an empty line"),
            ("pos\tgood\nneg bad\n", ":2: no tab"),
            ("\tgood\n", ":1: an empty label"),
            ("pos\t  \n", ":1: an empty text"),
            ("", "no examples"),
        ];
        for (text, expected) in cases {
            let e = read(text).unwrap_err().to_string();
            assert!(e.contains(expected), "{text:?}: {e}");
        }
    }

    #[test]
    fn a_text_keeps_its_tabs_and_the_label_is_trimmed() {
        let examples = read("pos \ta\tb\nneg\tc\r\n").unwrap();
        assert_eq!(examples[0], Example { label: "pos".into(), text: "a\tb".into(), line: 1 });
        assert_eq!((examples[1].text.as_str(), examples[1].line), ("c", 2));
    }
}
