"""Shared fixtures: the bundled pipeline (loaded once), the repository's paths and the CLI."""

import os
import pathlib
import subprocess

import pytest

import arbor

ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def nlp():
    return arbor.load()


@pytest.fixture(scope="session")
def cli():
    """Run the `arbor` binary the repository built (scripts/test builds it)."""
    exe = ROOT / "target" / "release" / "arbor"
    if not exe.exists():
        exe = ROOT / "target" / "debug" / "arbor"
    assert exe.exists(), f"build the CLI first (cargo build --release -p arbor-cli): no {exe}"

    def run(*args, input=None):
        done = subprocess.run([str(exe), *args], input=input, capture_output=True, check=True)
        return done.stdout.decode()

    return run


def data_path(relative):
    """A file under $ARBOR_DATA; the test is skipped, with the reason shown, when ARBOR_DATA is
    unset (a fresh clone), and fails when it is set and the file is missing."""
    base = os.environ.get("ARBOR_DATA")
    if not base:
        pytest.skip(f"needs ARBOR_DATA (the shared data) for {relative}")
    path = pathlib.Path(base) / relative
    assert path.exists(), f"ARBOR_DATA is set but {path} is missing"
    return path
