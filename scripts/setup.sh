#!/usr/bin/env bash
# Create .venv (if missing) and install qa-engine with every extra the quick start needs.
# torch is pinned in pyproject.toml (torch==2.13.0, CPU build) so pip never pulls CUDA.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[all${QA_EXTRA_EXTRAS:+,$QA_EXTRA_EXTRAS}]"
