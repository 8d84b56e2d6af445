//! [`Table`]: strings ↔ dense ids in order of first addition — the one table under every
//! vocabulary (words, characters, tags, labels, tokens). It is stored as `{"names": [...]}` and
//! its deserialiser rebuilds the index (and refuses duplicate names), so there is nothing to
//! remember after loading.

use std::collections::HashMap;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(try_from = "TableFile")]
pub struct Table {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

/// The stored form.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    names: Vec<String>,
}

impl TryFrom<TableFile> for Table {
    type Error = String;
    fn try_from(file: TableFile) -> Result<Table, String> {
        Table::from_names(file.names)
    }
}

impl Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Table", 1)?;
        s.serialize_field("names", &self.names)?;
        s.end()
    }
}

impl PartialEq for Table {
    fn eq(&self, other: &Table) -> bool {
        self.names == other.names
    }
}

impl Eq for Table {}

impl Table {
    /// A table of these names, ids in their order; a repeated name is an error naming it.
    pub fn from_names(names: Vec<String>) -> Result<Table, String> {
        let mut index = HashMap::with_capacity(names.len());
        for (i, n) in names.iter().enumerate() {
            if index.insert(n.clone(), i as u32).is_some() {
                return Err(format!("'{n}' appears twice in a vocabulary table"));
            }
        }
        Ok(Table { names, index })
    }

    /// The id of `name`, added at the end when new.
    pub fn add(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.index.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), id);
        id
    }

    pub fn id(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }

    /// The name of an id this table gave out; `None` for any other id.
    pub fn get(&self, id: u32) -> Option<&str> {
        self.names.get(id as usize).map(String::as_str)
    }

    /// The name of an id this table gave out (panics on any other: a programming error).
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_first_addition_and_survive_a_round_trip() {
        let mut t = Table::default();
        assert_eq!((t.add("b"), t.add("a"), t.add("b")), (0, 1, 0));
        assert_eq!((t.id("a"), t.id("z"), t.get(1), t.get(7)), (Some(1), None, Some("a"), None));
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"{"names":["b","a"]}"#);
        let back: Table = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        assert_eq!(back.id("a"), Some(1));
    }

    #[test]
    fn a_stored_table_with_a_repeated_name_or_an_unknown_field_is_refused() {
        let e = serde_json::from_str::<Table>(r#"{"names":["x","y","x"]}"#).unwrap_err().to_string();
        assert!(e.contains("'x' appears twice"), "{e}");
        assert!(serde_json::from_str::<Table>(r#"{"names":[],"extra":1}"#).is_err());
    }

    proptest::proptest! {
        #[test]
        fn every_name_maps_back_to_its_id(names in proptest::collection::vec("[a-c]{0,3}", 0..30)) {
            let mut t = Table::default();
            let ids: Vec<u32> = names.iter().map(|n| t.add(n)).collect();
            let back: Table = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
            for (n, id) in names.iter().zip(ids) {
                proptest::prop_assert_eq!(back.name(id), n.as_str());
                proptest::prop_assert_eq!(back.id(n), Some(id));
            }
        }
    }
}
