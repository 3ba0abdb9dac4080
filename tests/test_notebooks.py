"""The notebooks are stored clean and run from top to bottom without an error.

Each notebook is executed in a temporary copy by a kernel of *this* interpreter (a
kernelspec written into a temporary folder, so neither a user's Jupyter setup nor PATH
decides which Python runs it), with the non-interactive Agg backend and a short solver
time limit (the notebooks read ``ASN_NOTEBOOK_TIME_LIMIT``).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ("scenario_comparison", "what_if")
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colours in IPython tracebacks
nbformat = pytest.importorskip("nbformat", reason="the 'notebooks' extra is not installed")


def _cells(name: str) -> list[dict]:
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4).cells


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_without_outputs(name):
    code = [c for c in _cells(name) if c.cell_type == "code"]
    assert code, "a notebook without code cells"
    assert all(c.outputs == [] and c.execution_count is None for c in code), (
        "strip outputs before committing (see notebooks/README.md)")


@pytest.mark.parametrize("name", NAMES)
def test_notebook_narrative_is_in_indonesian_with_english_beside_it(name):
    # the house style: Indonesian text first, the English as a quote block below it
    text = [c.source for c in _cells(name) if c.cell_type == "markdown"]
    assert len(text) >= 4
    for t in text:
        lines = t.splitlines()
        assert not lines[0].startswith(">"), t[:60]
        assert any(line.startswith("> ") for line in lines), t[:60]


def _kernel_dir(tmp_path: Path) -> Path:
    spec = tmp_path / "kernels" / "asn-scheduler-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "asn-scheduler tests", "language": "python",
    }))
    return spec.parent


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_without_error(name, tmp_path, monkeypatch):
    pytest.importorskip("ipykernel", reason="the 'notebooks' extra is not installed")
    nbclient = pytest.importorskip("nbclient")
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    copy = tmp_path / f"{name}.ipynb"
    shutil.copy(NOTEBOOKS / copy.name, copy)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("ASN_NOTEBOOK_TIME_LIMIT", "2")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    nb = nbformat.read(copy, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import matplotlib.pyplot as plt\nprint(len(plt.get_fignums()))"))
    specs = KernelSpecManager(kernel_dirs=[str(_kernel_dir(tmp_path))])
    km = KernelManager(kernel_name="asn-scheduler-test", kernel_spec_manager=specs)
    client = nbclient.NotebookClient(nb, km=km, timeout=300,
                                     resources={"metadata": {"path": str(tmp_path)}})
    began = time.perf_counter()
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as exc:  # show the cell's traceback
        pytest.fail(f"{name}.ipynb raised:\n{ANSI.sub('', str(exc))}")
    finally:
        nbformat.write(nb, copy)  # the executed copy, for a look after a failure
    elapsed = time.perf_counter() - began
    assert elapsed < 240, f"{name}.ipynb took {elapsed:.0f} s"
    # every plot cell drew into its own figure (with Agg nothing is shown, so count them)
    assert _open_figures(nb) == FIGURES[name]


FIGURES = {
    # category bars, occupancy (1×2), fairness (1×2), calendar, commute
    "scenario_comparison": 5,
    # one trade-off plot per sweep: WFH cap, building capacity, flexible days
    "what_if": 3,
}


def _open_figures(nb) -> int:
    last = nb.cells[-1]
    assert last.cell_type == "code" and "get_fignums" in last.source
    text = "".join(o.get("text", "") for o in last.outputs if o.output_type == "stream")
    return int(text.strip().splitlines()[-1])



@pytest.mark.parametrize(("name", "params"), [
    ("scenario_comparison", ("WORKBOOK", "SCENARIOS", "PERIOD", "LANG", "TIME_LIMIT")),
    ("what_if", ("WORKBOOK", "SCENARIO", "PERIOD", "LANG", "TIME_LIMIT")),
])
def test_the_first_cell_holds_the_parameters(name, params):
    # an analyst points the notebook at their own agency by editing one cell (tagged
    # "parameters", as papermill expects)
    first = _cells(name)[0]
    assert first.cell_type == "code" and "parameters" in first.metadata.get("tags", [])
    for p in params:
        assert re.search(rf"^{p} = ", first.source, re.MULTILINE), p
    later = "\n".join(c.source for c in _cells(name)[1:] if c.cell_type == "code")
    assert not re.search(r"^(TIME_LIMIT|SEED|WORKBOOK) = ", later, re.MULTILINE)


@pytest.mark.parametrize("name", NAMES)
def test_every_plot_speaks_the_chosen_language(name):
    code = "\n".join(c.source for c in _cells(name) if c.cell_type == "code")
    calls = re.findall(r"plot\.\w+\((?:[^()]|\([^()]*\))*\)", code)
    assert calls and all("lang=LANG" in c for c in calls), calls
