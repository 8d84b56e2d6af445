//! [`LanguageModel`]: an `arbor lm train` model directory, scoring text.

use std::path::PathBuf;

use arbor::lm::LanguageModel as RustLm;
use arbor::nn::Resolve;
use arbor::DeviceSpec;
use pyo3::prelude::*;

use crate::error::arbor_error;
use crate::shared::ReadOnly;

#[pyclass(module = "arbor", frozen)]
pub struct LanguageModel {
    inner: ReadOnly<RustLm>,
}

#[pymethods]
impl LanguageModel {
    #[staticmethod]
    #[pyo3(signature = (path, device="cpu"))]
    fn load(py: Python<'_>, path: PathBuf, device: &str) -> PyResult<LanguageModel> {
        let device = device.parse::<DeviceSpec>().map_err(arbor_error)?.resolve().map_err(arbor_error)?;
        let inner = py.allow_threads(|| RustLm::load(&path, device)).map_err(arbor_error)?;
        Ok(LanguageModel { inner: ReadOnly(inner) })
    }
    /// `(log_prob, tokens)`: the natural-log probability of one line and its end, and the
    /// number of tokens scored (`arbor lm score`).
    fn score(&self, py: Python<'_>, line: &str) -> PyResult<(f64, usize)> {
        if line.contains('\n') {
            return Err(arbor_error("score takes one line; split the text into lines first"));
        }
        Ok(py.allow_threads(|| self.inner.score(line)))
    }
    /// Perplexity of one line: exp(-log_prob / tokens).
    fn perplexity(&self, py: Python<'_>, line: &str) -> PyResult<f64> {
        let (lp, n) = self.score(py, line)?;
        Ok((-lp / n.max(1) as f64).exp())
    }
}
