#!/usr/bin/env bash
# Set up (test and notebook extras), lint, and run the whole test suite on all cores.
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh dev
.venv/bin/ruff check asn_scheduler tests benchmarks
.venv/bin/python -m pytest -n "${PYTEST_WORKERS:-auto}" -q "$@"
