//! The tagger's loss: cross-entropy of the UPOS, XPOS and FEATS heads over every word of a batch.

use arbor_conllu::Sentence;
use tch::Tensor;

use crate::batch::Batch;
use crate::parser::Parser;
use crate::vocab::id_or_unk;

/// The summed cross-entropy of the three tag heads.
pub(super) fn tag_loss(parser: &Parser, batch: &Batch, sents: &[&Sentence], encoded: &Tensor) -> Tensor {
    let v = &parser.vocab;
    let (mut rows, mut upos, mut xpos, mut feats) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (b, s) in sents.iter().enumerate() {
        for (i, w) in s.words.iter().enumerate() {
            rows.push(batch.row(b, i + 1));
            upos.push(id_or_unk(&v.upos, &w.upos));
            xpos.push(id_or_unk(&v.xpos, &w.xpos));
            feats.push(id_or_unk(&v.feats, &w.feats));
        }
    }
    let dev = encoded.device();
    let logits = parser.model.tag(encoded, &Tensor::from_slice(&rows).to_device(dev), true);
    let ce = |l: &Tensor, gold: &[i64]| l.cross_entropy_for_logits(&Tensor::from_slice(gold).to_device(dev));
    ce(&logits.upos, &upos) + ce(&logits.xpos, &xpos) + ce(&logits.feats, &feats)
}
