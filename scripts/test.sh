#!/usr/bin/env bash
# Quick start, command 2: set up (with test dependencies) and run the whole test suite.
# When PostgreSQL can be installed and started here, the service tests also run against it.
set -euo pipefail
cd "$(dirname "$0")/.."
QA_EXTRA_EXTRAS=dev bash scripts/setup.sh
if [ -z "${QA_TEST_POSTGRES_URL:-}" ] && [ -f service/ci-postgres.sh ]; then
  if exports=$(bash service/ci-postgres.sh) && [ -n "$exports" ]; then
    eval "$exports"
    echo "service tests will also run on PostgreSQL: ${QA_TEST_POSTGRES_URL:-}"
  else
    echo "PostgreSQL not available: service tests run on SQLite only" >&2
  fi
fi
bash scripts/ci-browser.sh || echo "Chromium not installable: the browser tests will skip" >&2
# --dist loadfile: a module's tests share one server/browser and run in order (the workbench
# browser tests sign in once, then review), so a file never splits across workers.
.venv/bin/python -m pytest -q -n 2 --dist loadfile "$@"
