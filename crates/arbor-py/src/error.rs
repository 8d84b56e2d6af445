//! Rust errors as Python exceptions: `arbor.ArborError` (a subclass of `Exception`) carrying
//! the Rust message, which names the file, line and problem where there is one.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::PyErr;

create_exception!(arbor, ArborError, PyException, "An error reported by Arbor (bad input, model or argument).");

/// Any displayable error as an `ArborError`.
pub fn arbor_error(e: impl std::fmt::Display) -> PyErr {
    ArborError::new_err(e.to_string())
}
