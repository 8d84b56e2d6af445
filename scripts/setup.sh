#!/usr/bin/env bash
# Arbor set-up: idempotent, and instant once done. Source it (`. scripts/setup.sh`) to get a
# shell that can `cargo build`/`cargo test` Arbor, or let scripts/arbor and scripts/test do it.
#
# Installs PyTorch 2.11.0 (the libtorch that `tch = "0.24"` expects) from PyPI into a cached
# virtualenv outside the source tree, then exports what the tch build needs. Cargo fetches the
# crates; nothing else is installed by hand.
#
#   ARBOR_CACHE   where the virtualenv lives (default: ~/.cache/arbor)
#   ARBOR_PYTHON  the Python 3 that creates it (default: python3)

_arbor_setup() {
    local torch_version=2.11.0
    local cache="${ARBOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/arbor}"
    local venv="$cache/venv-torch-$torch_version"
    local python="${ARBOR_PYTHON:-python3}"
    local marker="$venv/.arbor-ready"
    _arbor_die() { echo "arbor setup: $*" >&2; return 1; }

    if [ ! -f "$marker" ]; then
        command -v "$python" >/dev/null 2>&1 ||
            { _arbor_die "no '$python' found. Install Python 3.9+ with pip and venv (Debian/Ubuntu: apt-get install python3 python3-pip python3-venv), or set ARBOR_PYTHON."; return 1; }
        "$python" -c 'import venv, ensurepip' 2>/dev/null ||
            { _arbor_die "'$python' lacks the venv/ensurepip modules (Debian/Ubuntu: apt-get install python3-venv)."; return 1; }
        command -v cargo >/dev/null 2>&1 ||
            { _arbor_die "no 'cargo' found. Install Rust with rustup (https://rustup.rs)."; return 1; }
        echo "arbor setup: installing PyTorch $torch_version into $venv (once: about 5 GB, a few minutes)" >&2
        mkdir -p "$cache" && rm -rf "$venv" &&
            "$python" -m venv "$venv" ||
            { _arbor_die "could not create a virtualenv at $venv"; return 1; }
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "torch==$torch_version" ||
            { _arbor_die "pip could not install torch==$torch_version from PyPI (network? free disk in $cache?)"; return 1; }
        "$venv/bin/python" -c "import torch, sys; sys.exit(0 if torch.__version__.startswith('$torch_version') else 1)" 2>/dev/null ||
            { _arbor_die "torch in $venv is not $torch_version"; return 1; }
        touch "$marker"
    fi

    # torch-sys asks `python` (VIRTUAL_ENV set) where the wheel's libtorch is; the build scripts
    # then put that directory into each binary's rpath.
    export VIRTUAL_ENV="$venv"
    case ":$PATH:" in *":$venv/bin:"*) ;; *) export PATH="$venv/bin:$PATH" ;; esac
    export LIBTORCH_USE_PYTORCH=1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    _arbor_setup
else
    _arbor_setup || return 1
fi
