//! The static oracle rebuilds every tree of UD English EWT train exactly: projective ones with
//! arc-hybrid transitions alone, the others with swaps. Needs ARBOR_DATA (the shared data).

use std::path::PathBuf;

use arbor_transition::{DynamicOracle, GoldTree, Labels, StaticOracle, Transition};

#[test]
#[ignore = "needs ARBOR_DATA (shared data)"]
fn the_oracle_rebuilds_every_tree_of_ewt_train() {
    let data =
        PathBuf::from(std::env::var_os("ARBOR_DATA").expect("ARBOR_DATA is not set: point it at ../shared/data"));
    let path = data.join("ud/UD_English-EWT/en_ewt-ud-train.conllu");
    let sentences = arbor_conllu::read_file(&path).unwrap();
    assert_eq!(sentences.len(), 12544);
    let mut labels = Labels::default();
    let (mut projective, mut nonprojective, mut swaps) = (0, 0, 0);
    for (i, s) in sentences.iter().enumerate() {
        let id = s.meta("sent_id").unwrap_or("?");
        let tree = GoldTree::from_sentence(s, &mut labels).unwrap_or_else(|e| panic!("sentence {i} ({id}): {e}"));
        let seq = StaticOracle::new(&tree).sequence().unwrap_or_else(|e| panic!("sentence {i} ({id}): {e}"));
        if tree.is_projective() {
            projective += 1;
            assert!(!seq.contains(&Transition::Swap));
            // Every step of the gold path has zero cost under the dynamic oracle.
            let dynamic = DynamicOracle::new(&tree).unwrap();
            let mut state = arbor_transition::State::new(tree.len());
            for t in seq {
                assert_eq!(dynamic.cost(&state, t), 0, "sentence {id}");
                <arbor_transition::ArcHybridSwap as arbor_transition::TransitionSystem>::apply(&mut state, t);
            }
        } else {
            nonprojective += 1;
            swaps += seq.iter().filter(|t| **t == Transition::Swap).count();
        }
    }
    eprintln!(
        "EWT train: {projective} projective, {nonprojective} non-projective trees ({swaps} swaps), {} labels",
        labels.len()
    );
    assert!(nonprojective > 100, "EWT train has about 1.5% non-projective trees");
}
