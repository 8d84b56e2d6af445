//! Units of a stream (paragraphs or lines, see [`crate::for_each_unit`]) gathered into groups
//! that a tokenizer takes in one call ([`Tokenizer::tokenize_many`]: a trained model runs over
//! the whole group as one batch), and the numbering of sentences through a stream. A group can
//! be tokenized on any thread; numbering happens where the output is put back in order.

use arbor_conllu::Sentence;

use crate::rules::Tokenizer;

/// Bytes of text per group when nothing else decides ([`crate::tokenize_stream`]).
pub const GROUP_BYTES: usize = 32 * 1024;

/// Units with the character offset of each in the input, in one buffer.
#[derive(Clone, Debug, Default)]
pub struct UnitGroup {
    text: String,
    /// Byte range in `text` and character offset in the input of each unit.
    units: Vec<(usize, usize, usize)>,
}

impl UnitGroup {
    pub fn push(&mut self, unit: &str, offset: usize) {
        let start = self.text.len();
        self.text.push_str(unit);
        self.units.push((start, self.text.len(), offset));
    }

    /// Characters of text held.
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }

    /// Bytes of text held.
    pub fn bytes(&self) -> usize {
        self.text.len()
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Tokenize every unit in one [`Tokenizer::tokenize_many`] call: the sentences in input
    /// order, `TokenRange` counted from the start of the input, sentences without words left
    /// out. Not numbered yet (see [`Numbering`]).
    pub fn tokenize(&self, tokenizer: &dyn Tokenizer) -> Vec<Sentence> {
        UnitGroup::tokenize_all(std::slice::from_ref(self), tokenizer).pop().unwrap_or_default()
    }

    /// [`UnitGroup::tokenize`] for several groups (several inputs, each with its own offsets),
    /// every unit of all of them in one [`Tokenizer::tokenize_many`] call: the sentences of each
    /// group, as `tokenize` gives them.
    pub fn tokenize_all(groups: &[UnitGroup], tokenizer: &dyn Tokenizer) -> Vec<Vec<Sentence>> {
        let texts: Vec<&str> =
            groups.iter().flat_map(|g| g.units.iter().map(move |&(a, b, _)| &g.text[a..b])).collect();
        let mut results = tokenizer.tokenize_many(&texts).into_iter();
        groups
            .iter()
            .map(|g| {
                let mut out = Vec::new();
                for (sentences, &(_, _, offset)) in results.by_ref().take(g.units.len()).zip(&g.units) {
                    for mut s in sentences.into_iter().filter(|s| !s.words.is_empty()) {
                        shift_token_ranges(&mut s, offset);
                        out.push(s);
                    }
                }
                out
            })
            .collect()
    }
}

/// Add `base` to the character offsets in `TokenRange=a:b` of every token (a multiword token
/// carries it on its token line, its words carry none).
pub fn shift_token_ranges(s: &mut Sentence, base: usize) {
    if base == 0 {
        return;
    }
    let shifted = |range: Option<&str>| -> Option<String> {
        let (a, b) = range?.split_once(':')?;
        Some(format!("{}:{}", a.parse::<usize>().ok()? + base, b.parse::<usize>().ok()? + base))
    };
    for m in &mut s.multiwords {
        if let Some(r) = shifted(m.misc_value("TokenRange")) {
            m.set_misc_value("TokenRange", Some(&r));
        }
    }
    for w in &mut s.words {
        if let Some(r) = shifted(w.misc_value("TokenRange")) {
            w.set_misc_value("TokenRange", Some(&r));
        }
    }
}

/// Sentence numbers through a stream: `# sent_id` 1, 2, ... and one `# newdoc`, on the first.
#[derive(Clone, Copy, Debug, Default)]
pub struct Numbering {
    count: usize,
}

impl Numbering {
    /// Number the next sentence of the stream.
    pub fn number(&mut self, s: &mut Sentence) {
        if self.count > 0 {
            s.comments.retain(|c| c.0.trim() != "newdoc");
        }
        self.count += 1;
        s.set_meta("sent_id", &self.count.to_string());
    }

    /// Sentences numbered so far.
    pub fn count(&self) -> usize {
        self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lexicon, RuleTokenizer};

    #[test]
    fn a_group_tokenizes_as_its_units_one_by_one() {
        let t = RuleTokenizer::new(Lexicon::default());
        let units = [("A b. C d.\n", 0), ("E don't.\n", 11), ("   \n", 21), ("F.\n", 25)];
        let mut group = UnitGroup::default();
        let mut expected = Vec::new();
        for (u, at) in units {
            group.push(u, at);
            for mut s in t.tokenize(u).into_iter().filter(|s| !s.words.is_empty()) {
                shift_token_ranges(&mut s, at);
                expected.push(s);
            }
        }
        assert_eq!((group.len(), group.bytes()), (4, units.iter().map(|u| u.0.len()).sum()));
        let mut got = group.tokenize(&t);
        assert_eq!(got, expected);
        assert_eq!(got[2].multiwords[0].misc_value("TokenRange"), Some("13:18"));
        let mut numbering = Numbering::default();
        got.iter_mut().for_each(|s| numbering.number(s));
        let ids: Vec<&str> = got.iter().map(|s| s.meta("sent_id").unwrap()).collect();
        assert_eq!(ids, ["1", "2", "3", "4"]);
        assert_eq!(got.iter().filter(|s| s.has_flag("newdoc")).count(), 1);
        assert_eq!(numbering.count(), 4);
    }

    #[test]
    fn several_groups_tokenize_together_as_each_alone() {
        let t = RuleTokenizer::new(Lexicon::default());
        let mut groups = vec![UnitGroup::default(), UnitGroup::default(), UnitGroup::default()];
        groups[0].push("A b. C d.\n", 0);
        groups[0].push("E don't.\n", 11);
        groups[2].push("F g.\n", 4);
        let alone: Vec<Vec<Sentence>> = groups.iter().map(|g| g.tokenize(&t)).collect();
        assert_eq!(UnitGroup::tokenize_all(&groups, &t), alone);
        assert_eq!((alone[0].len(), alone[1].len(), alone[2].len()), (3, 0, 1));
        assert_eq!(alone[2][0].words[0].misc_value("TokenRange"), Some("4:5"));
    }
}
