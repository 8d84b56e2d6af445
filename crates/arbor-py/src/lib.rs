//! Arbor for Python: the extension module `arbor._arbor`, wrapped by the pure-Python package
//! `arbor` (python/arbor), which is what users import.
//!
//! - [`pipeline`]: `Pipeline`, the bundled or a trained parsing pipeline;
//! - [`doc`]: `Doc`, `Sentence`, `Word`, what parsing returns;
//! - [`conllu`]: reading CoNLL-U, the CoNLL 2018 evaluation;
//! - [`vectors`]: `Word2Vec`; [`lm`]: `LanguageModel`;
//! - [`error`]: the exception, `ArborError`.
//!
//! Every call that computes releases the GIL.

use pyo3::prelude::*;

mod conllu;
mod doc;
mod error;
mod lm;
mod pipeline;
mod shared;
mod vectors;

/// libtorch's threads per operation (process-wide, as `torch.set_num_threads`). One is
/// fastest when Python threads or processes parse side by side.
#[pyfunction]
fn set_num_threads(n: i32) -> PyResult<()> {
    if n < 1 {
        return Err(pyo3::exceptions::PyValueError::new_err("the number of threads must be at least 1"));
    }
    tch::set_num_threads(n);
    Ok(())
}

#[pyfunction]
fn get_num_threads() -> i32 {
    tch::get_num_threads()
}

/// The bundled model directory of this name (`$ARBOR_MODELS` or the source checkout's
/// `models/`).
#[pyfunction]
fn bundled_model(name: &str) -> PyResult<std::path::PathBuf> {
    pipeline::bundled(name)
}

#[pymodule]
fn _arbor(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ArborError", m.py().get_type::<error::ArborError>())?;
    m.add_class::<pipeline::Pipeline>()?;
    m.add_class::<doc::Doc>()?;
    m.add_class::<doc::Sentence>()?;
    m.add_class::<doc::Word>()?;
    m.add_class::<vectors::Word2Vec>()?;
    m.add_class::<lm::LanguageModel>()?;
    m.add_function(wrap_pyfunction!(conllu::read_conllu, m)?)?;
    m.add_function(wrap_pyfunction!(conllu::from_conllu, m)?)?;
    m.add_function(wrap_pyfunction!(conllu::evaluate_json, m)?)?;
    m.add_function(wrap_pyfunction!(set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(get_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(bundled_model, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
