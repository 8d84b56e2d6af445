//! The static oracle rebuilds every tree (random ones, mostly non-projective, and the sample
//! corpus); every sequence of allowed transitions ends in a tree; the dynamic oracle's costs
//! add up to exactly the arcs that are lost.

use arbor_transition::{ArcHybridSwap, DynamicOracle, GoldTree, Labels, StaticOracle, Transition, TransitionSystem};
use proptest::prelude::*;
use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const LABELS: usize = 3;

/// A random tree of `n` words: a random root, then each word attached to a random node
/// already in the tree.
fn random_tree(n: usize, rng: &mut ChaCha8Rng) -> GoldTree {
    let mut order: Vec<usize> = (1..=n).collect();
    order.shuffle(rng);
    let mut heads = vec![0; n];
    let mut placed = vec![order[0]];
    for &w in &order[1..] {
        heads[w - 1] = *placed.choose(rng).unwrap();
        placed.push(w);
    }
    let labels = (0..n).map(|_| rng.gen_range(0..LABELS as u32)).collect();
    GoldTree::new(heads, labels).unwrap()
}

#[test]
fn the_static_oracle_rebuilds_random_trees_projective_or_not() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let (mut nonprojective, mut swaps) = (0, 0);
    for i in 0..5000 {
        let tree = random_tree(1 + i % 25, &mut rng);
        let seq = StaticOracle::new(&tree).sequence().unwrap_or_else(|e| panic!("{e}: {tree:?}"));
        if !tree.is_projective() {
            nonprojective += 1;
            swaps += seq.iter().filter(|t| **t == Transition::Swap).count();
        } else {
            assert!(!seq.contains(&Transition::Swap), "a projective tree needs no swap");
        }
    }
    assert!(nonprojective > 2000 && swaps > nonprojective, "{nonprojective} non-projective, {swaps} swaps");
}

#[test]
fn the_static_oracle_rebuilds_the_sample_corpus_including_its_non_projective_tree() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpora/sample.conllu");
    let mut labels = Labels::default();
    let sentences = arbor_conllu::read_file(path).unwrap();
    let mut saw_nonprojective = false;
    for s in &sentences {
        let tree = GoldTree::from_sentence(s, &mut labels).unwrap();
        saw_nonprojective |= !tree.is_projective();
        StaticOracle::new(&tree).sequence().unwrap();
    }
    assert!(saw_nonprojective);
}

proptest! {
    #[test]
    fn every_sequence_of_allowed_transitions_ends_in_a_tree(n in 1usize..20, choices in prop::collection::vec(0usize..1000, 0..800)) {
        let mut state = ArcHybridSwap::initial(n);
        let mut choices = choices.into_iter().chain(std::iter::repeat(0));
        let mut steps = 0;
        while !ArcHybridSwap::is_terminal(&state) {
            let allowed = ArcHybridSwap::allowed(&state, LABELS);
            prop_assert!(!allowed.is_empty(), "dead end in {:?}", state);
            // Swaps are limited by word order, so every run ends; bound it anyway.
            let t = allowed[choices.next().unwrap() % allowed.len()];
            ArcHybridSwap::apply(&mut state, t);
            steps += 1;
            prop_assert!(steps < 4 * n * n + 10);
        }
        let heads = state.heads();
        prop_assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1, "one root: {:?}", heads);
        let labels: Vec<u32> = state.labels().into_iter().map(|l| l.unwrap()).collect();
        prop_assert!(GoldTree::new(heads, labels).is_ok(), "not a tree");
    }
}

fn correct_arcs(state: &arbor_transition::State, gold: &GoldTree) -> usize {
    (1..=gold.len()).filter(|&i| state.arc(i) == Some((gold.head(i), gold.label(i)))).count()
}

#[test]
fn dynamic_oracle_costs_add_up_to_the_arcs_lost() {
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let mut checked = 0;
    while checked < 3000 {
        let tree = random_tree(1 + rng.gen_range(0..14), &mut rng);
        let Some(oracle) = DynamicOracle::new(&tree) else { continue };
        checked += 1;
        // The static oracle's path costs nothing.
        let stat = StaticOracle::new(&tree);
        let mut s = ArcHybridSwap::initial(tree.len());
        while !ArcHybridSwap::is_terminal(&s) {
            let t = stat.next(&s);
            assert_eq!(oracle.cost(&s, t), 0, "{t:?} in {s:?} for {tree:?}");
            ArcHybridSwap::apply(&mut s, t);
        }
        // Random mistakes, then zero-cost transitions: the arcs missed equal the summed cost.
        let mut s = ArcHybridSwap::initial(tree.len());
        let mut lost = 0;
        while !ArcHybridSwap::is_terminal(&s) {
            let zero = oracle.zero_cost(&s, LABELS);
            assert!(!zero.is_empty(), "no zero-cost transition in {s:?} for {tree:?}");
            let t = if rng.gen_bool(0.3) {
                let allowed: Vec<_> =
                    ArcHybridSwap::allowed(&s, LABELS).into_iter().filter(|t| *t != Transition::Swap).collect();
                *allowed.choose(&mut rng).unwrap()
            } else {
                *zero.choose(&mut rng).unwrap()
            };
            lost += oracle.cost(&s, t);
            ArcHybridSwap::apply(&mut s, t);
        }
        assert_eq!(tree.len() - correct_arcs(&s, &tree), lost, "tree {tree:?}");
    }
}
