#!/usr/bin/env bash
# Create (or refresh) the project's virtual environment in .venv.
# Usage: scripts/bootstrap.sh [EXTRAS]   e.g. scripts/bootstrap.sh dev
# Idempotent: re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
py="${PYTHON:-}"
if [ -z "$py" ]; then
  # probe quietly: a pyenv shim for a version that is not installed prints an error
  for cand in python3.13 python3.12 python3.11 python3; do
    if command -v "$cand" >/dev/null 2>&1 \
        && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
      py="$cand"; break
    fi
  done
fi
[ -n "$py" ] || { echo "Python >= 3.11 is needed (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
[ -x .venv/bin/python ] || "$py" -m venv .venv
stamp=".venv/.installed-${extras:-base}"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Menyiapkan .venv (sekali saja; beberapa menit) / setting up .venv (once; a few minutes)…" >&2
  spec="."
  [ -n "$extras" ] && spec=".[${extras}]"
  # build output (setuptools' own notices) goes to a log, shown only when pip fails
  log=".venv/pip-install.log"
  if ! { .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip \
         && .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"; } \
       >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
  echo "$want" > "$stamp"
fi
