#!/usr/bin/env bash
# Arbor set-up: idempotent, quick once done. Source it (`. scripts/setup.sh`) or run it.
#
# Installs PyTorch 2.11.0 (the libtorch that `tch = "0.24"` expects) from PyPI into a cached
# virtualenv outside the source tree, then exports what the tch build needs. Nothing else is
# downloaded by hand: cargo fetches the crates.
#
#   ARBOR_CACHE   where the virtualenv lives (default: ~/.cache/arbor)
#   ARBOR_PYTHON  the Python 3 used to create it (default: python3)
set -euo pipefail

TORCH_VERSION=2.11.0
ARBOR_CACHE="${ARBOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/arbor}"
ARBOR_VENV="$ARBOR_CACHE/venv-torch-$TORCH_VERSION"
ARBOR_PYTHON="${ARBOR_PYTHON:-python3}"
marker="$ARBOR_VENV/.arbor-ready"

die() { echo "arbor setup: $*" >&2; exit 1; }

if [ ! -f "$marker" ]; then
    command -v "$ARBOR_PYTHON" >/dev/null 2>&1 ||
        die "no '$ARBOR_PYTHON' found. Install Python 3.9+ with pip and venv (Debian/Ubuntu: apt-get install python3 python3-pip python3-venv), or set ARBOR_PYTHON."
    "$ARBOR_PYTHON" -c 'import venv, ensurepip' 2>/dev/null ||
        die "'$ARBOR_PYTHON' lacks the venv/ensurepip modules (Debian/Ubuntu: apt-get install python3-venv)."
    command -v cargo >/dev/null 2>&1 ||
        die "no 'cargo' found. Install Rust with rustup (https://rustup.rs)."
    echo "arbor setup: installing PyTorch $TORCH_VERSION into $ARBOR_VENV (once; ~5 GB, a few minutes)" >&2
    mkdir -p "$ARBOR_CACHE"
    rm -rf "$ARBOR_VENV"
    "$ARBOR_PYTHON" -m venv "$ARBOR_VENV" || die "could not create a virtualenv at $ARBOR_VENV"
    "$ARBOR_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "torch==$TORCH_VERSION" ||
        die "pip could not install torch==$TORCH_VERSION from PyPI (network? disk space in $ARBOR_CACHE?)"
    "$ARBOR_VENV/bin/python" -c "import torch; assert torch.__version__.startswith('$TORCH_VERSION'), torch.__version__" ||
        die "torch in $ARBOR_VENV is not $TORCH_VERSION"
    touch "$marker"
fi

# torch-sys asks `python` (with VIRTUAL_ENV set) where the wheel's libtorch is.
export VIRTUAL_ENV="$ARBOR_VENV"
export PATH="$ARBOR_VENV/bin:$PATH"
export LIBTORCH_USE_PYTORCH=1
export ARBOR_VENV
