//! The base of every Arbor crate, without libtorch:
//!
//! - [`Lines`]: one line reader for every text input (UTF-8 checked, `file:line` errors,
//!   CR handling chosen by the caller);
//! - [`Table`]: the string ↔ id table under every vocabulary; its deserialiser rebuilds the
//!   index, so a loaded table is ready to use;
//! - [`ModelDir`], [`Metadata`]: a self-describing model directory (kind, format version,
//!   JSON files written atomically); weights are added by `arbor-nn`;
//! - [`DeviceSpec`]: `--device auto|cpu|cuda|cuda:N` as a user writes it (resolved to a
//!   libtorch device by `arbor-nn`);
//! - [`OptimizerKind`], [`Precision`]: the optimizer and the arithmetic a training config names;
//!   [`Checks`]: config values checked before any work;
//! - [`Observer`]: the progress callbacks of every trainer; [`profile`]: time per pipeline stage;
//!   [`workers::ordered`]: a parallel map over a stream that keeps the input order.
//!
//! ```
//! use arbor_core::{Lines, Table};
//! let mut lines = Lines::new("a b\nc\r\n".as_bytes(), "example.txt");
//! let mut table = Table::default();
//! while let Some(line) = lines.next_line().unwrap() {
//!     line.text.split_whitespace().for_each(|w| { table.add(w); });
//! }
//! assert_eq!((table.id("c"), table.len()), (Some(2), 3));
//! let json = serde_json::to_string(&table).unwrap();
//! let back: Table = serde_json::from_str(&json).unwrap(); // indexed again
//! assert_eq!(back.id("b"), Some(1));
//! ```

mod error;
pub use error::{Error, Result};

mod lines;
pub use lines::{Ending, Line, Lines};

mod table;
pub use table::Table;

mod model_dir;
pub use model_dir::{write_atomic, Metadata, ModelDir, METADATA_FILE};

mod device;
pub use device::DeviceSpec;

mod optimizer;
pub use optimizer::OptimizerKind;

mod precision;
pub use precision::Precision;

mod checks;
pub use checks::{differences, Checks, MAX_LAYERS, MAX_WIDTH};

pub mod profile;
pub mod workers;

mod observer;
pub use observer::Observer;
