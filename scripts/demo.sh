#!/usr/bin/env bash
# Quick start, command 1: set up, then audit the bundled example calls with the bundled
# models, rulebook and scorecard. Results land in audit-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
rm -rf audit-out
.venv/bin/qa audit examples/calls --kpis examples/kpis.csv --out audit-out
echo
echo "Explain one call:  .venv/bin/qa inspect examples/calls/$(ls examples/calls | head -n 1)"
