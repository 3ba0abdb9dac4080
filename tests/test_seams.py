"""The architectural seams hold: the domain core imports no solver, spreadsheet or
DataFrame library; only the solver adapter imports ortools (and highspy, the bench
peer); only excel/ imports openpyxl."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "asn_scheduler"
IMPORT = re.compile(r"^\s*(?:from|import)\s+([a-zA-Z_][\w.]*)", re.MULTILINE)


def _importers(module: str) -> set[str]:
    found = set()
    for f in PKG.rglob("*.py"):
        mods = IMPORT.findall(f.read_text(encoding="utf-8"))
        if any(m == module or m.startswith(module + ".") for m in mods):
            found.add(f.relative_to(PKG).parts[0])
    return found


def test_only_the_solver_adapter_imports_ortools():
    assert _importers("ortools") <= {"solver"}


def test_only_the_solver_adapter_imports_highs():
    assert _importers("highspy") <= {"solver"}


def test_only_the_excel_package_imports_spreadsheet_libraries():
    for lib in ("openpyxl", "python_calamine", "xlsxwriter"):
        assert _importers(lib) <= {"excel"}, lib


def test_domain_core_imports_in_a_process_where_ortools_openpyxl_and_pandas_are_blocked():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('ortools', 'openpyxl', 'pandas'):\n"
        "            raise ImportError('blocked ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import asn_scheduler.domain, asn_scheduler.rules.data, asn_scheduler.scenario\n"
        "import asn_scheduler.schema\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
