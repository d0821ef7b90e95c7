#!/usr/bin/env bash
# The whole test suite, as `make test` runs it: system packages, axe-core, a
# PostgreSQL server on loopback, then pytest (which also exercises SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/lms-pg.XXXXXX")
pg_port=${LMS_TEST_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}
cleanup() {
  bash scripts/pg.sh stop "$pg_dir"
  rm -rf "$pg_dir"
}
trap cleanup EXIT
DATABASE_URL=$(bash scripts/pg.sh start "$pg_dir" "$pg_port")
export DATABASE_URL
export DJANGO_ALLOW_ASYNC_UNSAFE=true
echo "PostgreSQL for tests: $DATABASE_URL"

# Both cores by default (pytest-xdist); LMS_TEST_WORKERS=0 runs in one process.
.venv/bin/python -m pytest -n "${LMS_TEST_WORKERS:-2}" "$@"
