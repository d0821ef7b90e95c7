#!/usr/bin/env bash
# `make bench`: serve the demo site with gunicorn and measure it with wrk on
# loopback; figures go to docs/benchmarks.md. Not a test: nothing here fails
# on a number.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
.venv/bin/python scripts/bench_pages.py "$@"
if [ -f scripts/bench_certificates.py ]; then
  .venv/bin/python scripts/bench_certificates.py
fi
if [ -f scripts/bench_import.py ]; then
  .venv/bin/python scripts/bench_import.py
fi
if [ -f scripts/bench_rosters.py ]; then
  .venv/bin/python scripts/bench_rosters.py
fi
