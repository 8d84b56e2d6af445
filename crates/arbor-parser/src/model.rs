//! The network: word embeddings + a character BiLSTM per form → a BiLSTM over the sentence,
//! shared by a tagger MLP (UPOS, XPOS, FEATS) and a transition MLP over the BiLSTM vectors of
//! s0, s1, s2, b0, b1 (Kiperwasser & Goldberg 2016). The transition MLP's first layer is
//! applied once per word ([`ParserModel::project`]); scoring a configuration then only gathers
//! and sums rows ([`ParserModel::score`]), so thousands of configurations cost one small call.

use arbor_core::profile::{self, Stage};
use arbor_nn::{bidirectional_packed, Lstm, LstmConfig, Packing, PaddedBiLstm};
use tch::nn;
use tch::{Kind, Tensor};

use crate::batch::Batch;
use crate::config::{ParserConfig, FEATURES};
use crate::vocab::Vocab;

#[derive(Debug)]
pub struct ParserModel {
    word_emb: nn::Embedding,
    char_emb: nn::Embedding,
    char_fwd: Lstm,
    char_bwd: Lstm,
    encoder: PaddedBiLstm,
    /// `[1, 2 * lstm_hidden]`: the vector of an empty stack or buffer position.
    null: Tensor,
    tag_hidden: nn::Linear,
    upos: nn::Linear,
    xpos: nn::Linear,
    feats: nn::Linear,
    /// `[2 * lstm_hidden, FEATURES * mlp_hidden]`: the transition MLP's first layer, one block per feature.
    mlp_in: Tensor,
    mlp_bias: Tensor,
    mlp_out: nn::Linear,
    config: ParserConfig,
}

/// The tagger's logits for the words of a batch, each `[words, classes]`.
pub struct TagLogits {
    pub upos: Tensor,
    pub xpos: Tensor,
    pub feats: Tensor,
}

impl ParserModel {
    pub fn new<'a>(path: impl std::borrow::Borrow<nn::Path<'a>>, config: &ParserConfig, vocab: &Vocab) -> Self {
        let p = path.borrow();
        let c = config;
        let emb = |n: usize, d: i64, name: &str| nn::embedding(p / name, n as i64, d, Default::default());
        let uni = |input, hidden| LstmConfig { input, hidden, layers: 1, bidirectional: false, dropout: 0.0 };
        let enc_in = c.word_dim + 2 * c.char_hidden;
        let enc_out = 2 * c.lstm_hidden;
        let lin = |i, o, name: &str| nn::linear(p / name, i, o, Default::default());
        ParserModel {
            word_emb: emb(vocab.words.len(), c.word_dim, "word_emb"),
            char_emb: emb(vocab.chars.len(), c.char_dim, "char_emb"),
            char_fwd: Lstm::new(p / "char_fwd", uni(c.char_dim, c.char_hidden)),
            char_bwd: Lstm::new(p / "char_bwd", uni(c.char_dim, c.char_hidden)),
            encoder: PaddedBiLstm::new(p / "encoder", enc_in, c.lstm_hidden, c.lstm_layers, c.dropout),
            null: p.var("null", &[1, enc_out], nn::Init::Randn { mean: 0.0, stdev: 0.1 }),
            tag_hidden: lin(enc_out, c.tag_hidden, "tag_hidden"),
            upos: lin(c.tag_hidden, vocab.upos.len() as i64, "upos"),
            xpos: lin(c.tag_hidden, vocab.xpos.len() as i64, "xpos"),
            feats: lin(c.tag_hidden, vocab.feats.len() as i64, "feats"),
            mlp_in: p.var(
                "mlp_in",
                &[enc_out, FEATURES as i64 * c.mlp_hidden],
                nn::Init::Uniform {
                    lo: -(6.0 / (enc_out * 5 + c.mlp_hidden) as f64).sqrt(),
                    up: (6.0 / (enc_out * 5 + c.mlp_hidden) as f64).sqrt(),
                },
            ),
            mlp_bias: p.zeros("mlp_bias", &[c.mlp_hidden]),
            mlp_out: lin(c.mlp_hidden, arbor_transition::Transition::count(vocab.labels.len()) as i64, "mlp_out"),
            config: c.clone(),
        }
    }

    pub fn config(&self) -> &ParserConfig {
        &self.config
    }

    /// Overwrite the embedding rows of `rows` (word ids) with `vectors` `[rows, word_dim]`.
    pub fn init_word_vectors(&mut self, rows: &[i64], vectors: &Tensor) {
        tch::no_grad(|| {
            let idx = Tensor::from_slice(rows).to_device(self.word_emb.ws.device());
            let _ = self.word_emb.ws.index_copy_(0, &idx, &vectors.to_device(self.word_emb.ws.device()));
        });
    }

    /// The sentence BiLSTM over a batch's packed positions: `[positions + 1, 2 * lstm_hidden]`,
    /// the last row being the null vector (see [`Batch::row`] and [`Batch::null_row`]).
    pub fn encode(&self, batch: &Batch, train: bool) -> Tensor {
        let d = self.config.dropout;
        let words = batch.words.apply(&self.word_emb); // [positions, word_dim]
        let chars = profile::time(Stage::CharLstm, || self.char_vectors(batch, train)); // [forms, 2 * char_hidden]
        let chars = chars.index_select(0, &batch.forms); // [positions, 2 * char_hidden]
        let x = Tensor::cat(&[words, chars], 1).dropout(d, train); // [positions, word_dim + 2 * char_hidden]
        let out = profile::time(Stage::SentenceLstm, || self.encoder.forward_packed(&x, &batch.packing, train));
        Tensor::cat(&[out.dropout(d, train), self.null.shallow_clone()], 0) // [positions + 1, 2h]
    }

    /// One vector per distinct form of the batch: the final states of the forward and backward
    /// character LSTMs, each form run over its own characters (packed). `[forms, 2 * char_hidden]`.
    fn char_vectors(&self, batch: &Batch, train: bool) -> Tensor {
        let x = batch.chars.apply(&self.char_emb); // [forms, chars, char_dim]
        let packing = Packing::new(&batch.char_lengths, x.size()[1], x.device());
        let (_, h) = bidirectional_packed(&[(&self.char_fwd, &self.char_bwd)], &packing.pack(&x), &packing, 0.0, train);
        let h = packing.unsort_state(&h); // [2, forms, char_hidden]
        Tensor::cat(&[h.get(0), h.get(1)], 1)
    }

    /// Tagger logits for the rows `rows` `[words]` of an encoded batch.
    pub fn tag(&self, encoded: &Tensor, rows: &Tensor, train: bool) -> TagLogits {
        let h = encoded.index_select(0, rows).apply(&self.tag_hidden).tanh().dropout(self.config.dropout, train);
        TagLogits { upos: h.apply(&self.upos), xpos: h.apply(&self.xpos), feats: h.apply(&self.feats) }
    }

    /// The transition MLP's first layer for every row: `[rows * FEATURES, mlp_hidden]`, row
    /// `r * FEATURES + k` holding row `r` in feature slot `k`.
    pub fn project(&self, encoded: &Tensor) -> Tensor {
        encoded.matmul(&self.mlp_in).view([-1, self.config.mlp_hidden]) // [rows, F * mh] -> [rows * F, mh]
    }

    /// The transition MLP's bias and output layer (weight `[transitions, mlp_hidden]`, bias
    /// `[transitions]`), for scoring outside libtorch.
    pub fn mlp_tail(&self) -> (&Tensor, &Tensor, &Tensor) {
        (&self.mlp_bias, &self.mlp_out.ws, self.mlp_out.bs.as_ref().expect("mlp_out has a bias"))
    }

    /// Transition scores `[configs, transitions]` for feature rows `features` `[configs, FEATURES]`.
    pub fn score(&self, projected: &Tensor, features: &Tensor, train: bool) -> Tensor {
        let n = features.size()[0];
        let slot = Tensor::arange(FEATURES as i64, (Kind::Int64, features.device()));
        let idx = (features * FEATURES as i64 + slot).view([-1]); // [configs * F]
        let h = projected.index_select(0, &idx).view([n, FEATURES as i64, -1]).sum_dim_intlist(1, false, Kind::Float);
        (h + &self.mlp_bias).tanh().dropout(self.config.dropout, train).apply(&self.mlp_out)
    }
}

// SAFETY: every `&self` method of `ParserModel` reads the weights and never changes a tensor in
// place (the one that writes, `init_word_vectors`, takes `&mut self`). libtorch's operators may
// read one tensor from several threads at once (PyTorch's multithreaded inference relies on
// it) and its reference counts are atomic; `Tensor` is `!Sync` only because it wraps a raw
// pointer. So one parser can serve several pipeline workers.
unsafe impl Sync for ParserModel {}
