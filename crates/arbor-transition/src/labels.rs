//! Dependency labels as small integers.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub type LabelId = u32;

/// A label table (deprel string ↔ id), in order of first appearance.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Labels {
    names: Vec<String>,
    #[serde(skip)]
    index: HashMap<String, LabelId>,
}

impl Labels {
    pub fn add(&mut self, label: &str) -> LabelId {
        if let Some(&id) = self.index.get(label) {
            return id;
        }
        let id = self.names.len() as LabelId;
        self.names.push(label.to_string());
        self.index.insert(label.to_string(), id);
        id
    }

    pub fn id(&self, label: &str) -> Option<LabelId> {
        self.index.get(label).copied()
    }

    pub fn name(&self, id: LabelId) -> &str {
        &self.names[id as usize]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Rebuild the lookup after deserializing.
    pub fn reindex(mut self) -> Labels {
        self.index = self.names.iter().enumerate().map(|(i, n)| (n.clone(), i as LabelId)).collect();
        self
    }
}
