//! Transition-based dependency parsing, the pure part: configurations, transitions, oracles.
//! No libtorch: the model that scores transitions lives in the parser crate.
//!
//! The system is **arc-hybrid with swap** (Kuhlmann et al. 2011; de Lhoneux et al. 2017):
//! `SHIFT`, `LEFT-ARC(l)` (b0 becomes the head of s0), `RIGHT-ARC(l)` (s1 becomes the head of
//! s0) and `SWAP` (s0 goes back behind b0), which reorders words so that non-projective trees
//! are built too. The root sits at the bottom of the stack and takes exactly one dependent.
//!
//! ```
//! use arbor_transition::{ArcHybridSwap, GoldTree, Labels, StaticOracle, TransitionSystem};
//! // "She saw him": saw is the root, she and him depend on it.
//! let mut labels = Labels::default();
//! let gold = GoldTree::new(vec![2, 0, 2], vec![labels.add("nsubj"), labels.add("root"), labels.add("obj")]).unwrap();
//! let oracle = StaticOracle::new(&gold);
//! let mut state = ArcHybridSwap::initial(3);
//! while !ArcHybridSwap::is_terminal(&state) {
//!     let t = oracle.next(&state);
//!     ArcHybridSwap::apply(&mut state, t);
//! }
//! assert_eq!(state.heads(), gold.heads());
//! ```

mod error;
pub use error::{Error, Result};

mod labels;
pub use labels::{LabelId, Labels};

mod tree;
pub use tree::GoldTree;

mod state;
pub use state::State;

mod system;
pub use system::{ArcHybridSwap, Transition, TransitionSystem};

mod oracle;
pub use oracle::{DynamicOracle, StaticOracle};
