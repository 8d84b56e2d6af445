//! [`Expand`]: where the words of a multiword token come from when no lexicon knows the token
//! and its words do not spell it (an unseen Italian `sulla` = `su la`). A trained tokenizer
//! that marks such tokens in context plugs a model in here (`arbor_segment::Expander`, a
//! character encoder–decoder); this crate only asks.

/// Token → words, for tokens a segmenter called multiword tokens without saying where to cut.
pub trait Expand: Send + Sync {
    /// The words of `token` (lowercased), or `None` when the model cannot tell. One word back
    /// means "not a multiword token after all".
    fn expand(&self, token: &str) -> Option<Vec<String>>;
}

/// A fixed table, e.g. for tests and for callers with a list of their own.
impl Expand for std::collections::HashMap<String, Vec<String>> {
    fn expand(&self, token: &str) -> Option<Vec<String>> {
        self.get(token).cloned()
    }
}
