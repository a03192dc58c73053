#!/usr/bin/env bash
# Install (if missing) and start a local PostgreSQL from Debian's packages, create the
# test role and database, and print the export line for the service tests:
#   eval "$(service/ci-postgres.sh)"   # sets QA_TEST_POSTGRES_URL
# Idempotent: safe to run again on a machine where it already ran. Needs root (apt, su).
set -euo pipefail

DB_USER="${QA_PG_USER:-qa}"
DB_PASS="${QA_PG_PASSWORD:-qa}"
DB_NAME="${QA_PG_DB:-qa_test}"
PORT="${QA_PG_PORT:-5432}"

log() { echo "ci-postgres: $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  log "installing postgresql from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${VERSION} main$"; then
  log "creating cluster ${VERSION}/main"
  pg_createcluster "${VERSION}" main --port "${PORT}" >&2
fi
if ! pg_lsclusters -h | grep "^${VERSION} *main" | grep -q online; then
  log "starting cluster ${VERSION}/main"
  pg_ctlcluster "${VERSION}" main start >&2
fi

for _ in $(seq 1 30); do
  su postgres -c "psql -p ${PORT} -Atqc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done

su postgres -c "psql -p ${PORT} -v ON_ERROR_STOP=1 -q" >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${DB_USER}') THEN
    CREATE ROLE ${DB_USER} LOGIN PASSWORD '${DB_PASS}';
  END IF;
END
\$\$;
SQL
if ! su postgres -c "psql -p ${PORT} -Atqc \"select 1 from pg_database where datname='${DB_NAME}'\"" | grep -q 1; then
  su postgres -c "createdb -p ${PORT} -O ${DB_USER} ${DB_NAME}" >&2
fi

echo "export QA_TEST_POSTGRES_URL=postgresql+psycopg://${DB_USER}:${DB_PASS}@127.0.0.1:${PORT}/${DB_NAME}"
