#!/usr/bin/env bash
# Reproduce the benchmark matrix in one command: set up .venv, then run `asn-scheduler bench`
# from the repository root (results in benchmarks/results/, inputs cached in
# benchmarks/.cache/). Arguments go to the bench, e.g.:
#   benchmarks/run.sh --quick
#   benchmarks/run.sh --sizes 1000,10000 --against benchmarks/results/bench-main.csv
# Exit code: 0 every target that applies is met, 1 a target missed, 2 usage error.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/asn-scheduler bench "$@"
