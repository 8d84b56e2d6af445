//! Word vectors with lookups, cosine similarity, nearest neighbours and analogies.

use arbor_core::Table;
use tch::{Kind, Tensor};

use crate::error::{Error, Result};

/// How an analogy a : b :: c : ? is answered (Levy & Goldberg 2014).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Analogy {
    /// argmax cos(d, b - a + c) over unit vectors.
    Add,
    /// argmax cos'(d, b) cos'(d, c) / (cos'(d, a) + 0.001), with cos' = (cos + 1) / 2.
    Mul,
}

#[derive(Debug)]
pub struct Embeddings {
    words: Table,
    dim: usize,
    vectors: Vec<f32>,
    /// Unit-length rows, `[len, dim]`.
    unit: Tensor,
}

impl Embeddings {
    /// Vectors in row order of `words` (`vectors.len() == words.len() * dim`).
    pub fn new(words: Table, dim: usize, vectors: Vec<f32>) -> Embeddings {
        let m = Tensor::from_slice(&vectors).view([words.len() as i64, dim as i64]); // [len, dim]
        let norms = m.norm_scalaropt_dim(2, [1], true).clamp_min(1e-12); // [len, 1]
        let unit = &m / norms;
        Embeddings { words, dim, vectors, unit }
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn words(&self) -> &[String] {
        self.words.names()
    }

    pub fn id(&self, word: &str) -> Option<u32> {
        self.words.id(word)
    }

    /// The vector of a word.
    pub fn vector(&self, word: &str) -> Option<&[f32]> {
        self.id(word).map(|i| &self.vectors[i as usize * self.dim..(i as usize + 1) * self.dim])
    }

    /// All vectors, row-major `[len, dim]`.
    pub fn matrix(&self) -> &[f32] {
        &self.vectors
    }

    /// Unit-length vectors as a `[len, dim]` tensor.
    pub fn unit(&self) -> &Tensor {
        &self.unit
    }

    fn need(&self, word: &str) -> Result<u32> {
        self.id(word).ok_or_else(|| Error::UnknownWord(word.to_string()))
    }

    /// Cosine similarity of two words.
    pub fn similarity(&self, a: &str, b: &str) -> Result<f32> {
        let (a, b) = (self.need(a)?, self.need(b)?);
        Ok(self.unit.get(a as i64).dot(&self.unit.get(b as i64)).double_value(&[]) as f32)
    }

    /// The `k` nearest words to `query` (`[dim]`, any length) among the first `restrict`
    /// words (0: all), excluding `exclude`.
    pub fn nearest(&self, query: &Tensor, k: usize, exclude: &[u32], restrict: usize) -> Vec<(String, f32)> {
        let n = if restrict == 0 { self.len() } else { restrict.min(self.len()) };
        let q = query / query.norm().clamp_min(1e-12);
        let scores = self.unit.narrow(0, 0, n as i64).mv(&q); // [n]
        for &e in exclude.iter().filter(|&&e| (e as usize) < n) {
            let _ = scores.get(e as i64).fill_(f64::NEG_INFINITY);
        }
        let (vals, idx) = scores.topk(k.min(n) as i64, 0, true, true);
        let vals: Vec<f32> = Vec::try_from(vals).unwrap_or_default();
        let idx: Vec<i64> = Vec::try_from(idx).unwrap_or_default();
        idx.into_iter()
            .zip(vals)
            .filter(|(_, v)| v.is_finite())
            .map(|(i, v)| (self.words.name(i as u32).to_string(), v))
            .collect()
    }

    /// The `k` words most similar to `word`.
    pub fn most_similar(&self, word: &str, k: usize) -> Result<Vec<(String, f32)>> {
        let id = self.need(word)?;
        Ok(self.nearest(&self.unit.get(id as i64), k, &[id], 0))
    }

    /// Answers to a : b :: c : ?, best first, leaving out a, b and c.
    pub fn analogy(
        &self,
        a: &str,
        b: &str,
        c: &str,
        k: usize,
        method: Analogy,
        restrict: usize,
    ) -> Result<Vec<(String, f32)>> {
        let ids = [self.need(a)?, self.need(b)?, self.need(c)?];
        let answers = self.analogy_batch(&[ids], k, method, restrict);
        Ok(answers
            .into_iter()
            .next()
            .unwrap_or_default()
            .into_iter()
            .map(|(i, s)| (self.words.name(i).to_string(), s))
            .collect())
    }

    /// Batched analogies over the first `restrict` words (0: all): for each `[a, b, c]`, the
    /// `k` best answers as `(id, score)`.
    pub fn analogy_batch(
        &self,
        questions: &[[u32; 3]],
        k: usize,
        method: Analogy,
        restrict: usize,
    ) -> Vec<Vec<(u32, f32)>> {
        let n = if restrict == 0 { self.len() } else { restrict.min(self.len()) } as i64;
        let vocab = self.unit.narrow(0, 0, n); // [n, dim]
        let mut out = Vec::with_capacity(questions.len());
        for chunk in questions.chunks(512) {
            let col = |j: usize| Tensor::from_slice(&chunk.iter().map(|q| q[j] as i64).collect::<Vec<_>>());
            let (a, b, c) = (
                self.unit.index_select(0, &col(0)),
                self.unit.index_select(0, &col(1)),
                self.unit.index_select(0, &col(2)),
            ); // [q, dim]
            let scores = match method {
                Analogy::Add => {
                    let target = &b - &a + &c; // [q, dim]
                    let target = &target / target.norm_scalaropt_dim(2, [1], true).clamp_min(1e-12);
                    target.matmul(&vocab.tr()) // [q, n]
                }
                Analogy::Mul => {
                    let cos = |x: &Tensor| (x.matmul(&vocab.tr()) + 1.0) / 2.0; // [q, n]
                    cos(&b) * cos(&c) / (cos(&a) + 1e-3)
                }
            };
            for (row, q) in chunk.iter().enumerate() {
                for &w in q.iter().filter(|&&w| (w as i64) < n) {
                    let _ = scores.get(row as i64).get(w as i64).fill_(f64::NEG_INFINITY);
                }
            }
            let (vals, idx) = scores.topk(k.min(n as usize) as i64, 1, true, true); // [q, k]
            let vals: Vec<f32> = Vec::try_from(vals.to_kind(Kind::Float).flatten(0, 1)).unwrap_or_default();
            let idx: Vec<i64> = Vec::try_from(idx.flatten(0, 1)).unwrap_or_default();
            let kk = k.min(n as usize);
            for r in 0..chunk.len() {
                out.push((0..kk).map(|j| (idx[r * kk + j] as u32, vals[r * kk + j])).collect());
            }
        }
        out
    }
}

impl Clone for Embeddings {
    fn clone(&self) -> Self {
        Embeddings::new(self.words.clone(), self.dim, self.vectors.clone())
    }
}
