//! Dependency labels as small integers: the shared [`arbor_core::Table`] (deprel ↔ id, in
//! order of first appearance).

pub type LabelId = u32;

/// A label table.
pub type Labels = arbor_core::Table;
