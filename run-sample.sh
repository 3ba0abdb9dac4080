#!/usr/bin/env bash
# The main job on the bundled sample: set up, validate the workbook, solve the
# SE MenPANRB 17/2023 (KTT ASEAN) scenario and write the roster to out/.
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh
mkdir -p out
.venv/bin/asn-scheduler validate data/contoh-pemkot.xlsx
.venv/bin/asn-scheduler solve data/contoh-pemkot.xlsx --scenario se-17-2023 -o out/jadwal-contoh.xlsx "$@"
