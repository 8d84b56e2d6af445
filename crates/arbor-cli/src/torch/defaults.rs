//! Defaults of the options that the light `arbor` binary parses too (it cannot see the model
//! crates' configs): filled into the grammar here from those configs, the one source of every
//! default, so that `--help` shows them and a parsed option always has a value.

use clap::Command;

/// `(option id, default)` pairs of `arbor tokenizer train`.
fn tokenizer_train() -> Vec<(&'static str, String)> {
    let c = arbor_segment::TrainConfig::default();
    let m = arbor_segment::SegmenterConfig::default();
    vec![
        ("epochs", c.epochs.to_string()),
        ("hidden", m.hidden.to_string()),
        ("seed", c.seed.to_string()),
        ("threads", c.threads.to_string()),
    ]
}

fn set(mut cmd: Command, defaults: &[(&'static str, String)]) -> Command {
    for (id, value) in defaults {
        cmd = cmd.mut_arg(*id, |a| a.default_value(value.clone()));
    }
    cmd
}

/// The whole grammar with those defaults in place.
pub fn fill(cmd: Command) -> Command {
    let tok = tokenizer_train();
    cmd.mut_subcommand("tokenizer", |c| c.mut_subcommand("train", |c| set(c, &tok)))
        .mut_subcommand("train", |c| c.mut_subcommand("tokenizer", |c| set(c, &tok)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tokenizer_options_get_the_config_defaults() {
        let cmd = fill(<super::super::Cli as clap::CommandFactory>::command());
        let m = cmd.try_get_matches_from(["arbor", "tokenizer", "train", "--train", "t", "--dev", "d", "--out", "o"]);
        let m = m.unwrap();
        let (_, sub) = m.subcommand().unwrap();
        let (_, train) = sub.subcommand().unwrap();
        let c = arbor_segment::TrainConfig::default();
        assert_eq!(train.get_one::<usize>("epochs"), Some(&c.epochs));
        assert_eq!(train.get_one::<i64>("hidden"), Some(&arbor_segment::SegmenterConfig::default().hidden));
    }
}
