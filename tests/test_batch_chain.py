"""``asn-scheduler batch --previous DIR --set KEY=VALUE``: every agency chains from its own
previous roster (``DIR/AGENCY.xlsx``, or ``DIR/jadwal/AGENCY.xlsx`` of an earlier batch) as
``solve --previous`` does, one without a previous roster is solved unchained with a note,
the parameters apply to all, and the resume manifest keys on both.

Two small generated agencies; the first batch (unchained) ends on a Wednesday, so the
second one shares its ISO week and the chaining shows in the roster.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

pytest.importorskip("distributed")

from asn_scheduler.batch import BatchOptions
from asn_scheduler.batch.inputs import previous_for
from asn_scheduler.batch.manifest import current_outcome, file_sha256
from asn_scheduler.cli import main
from asn_scheduler.domain.model import Period
from asn_scheduler.excel.input_writer import write_input_workbook
from asn_scheduler.generate import generate_agency
from asn_scheduler.scenario.run import scenario_for_run

SCENARIO = "permenpanrb-4-2025"
FIRST = ("2026-03-02", "2026-03-11")
SECOND = ("2026-03-12", "2026-03-24")
SET = "office_days=Senin"
FAST = ("--time-limit", 20)


def invoke(*args: object):
    return CliRunner(env={"COLUMNS": "400"}).invoke(main, [str(a) for a in args])


def jadwal(path: Path) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    return [tuple(r) for r in wb["Jadwal"].iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The inputs, a first unchained batch, and a second one chained from the first's
    output folder with ``--set``; ``kantor-b`` has no roster in the first run (it is
    added for the second), so it is solved unchained."""
    root = tmp_path_factory.mktemp("batch-chain")
    inputs = root / "masukan"
    inputs.mkdir()
    period = Period(date(2026, 3, 2), date(2026, 3, 24))
    write_input_workbook(generate_agency(14, seed=7, period=period), inputs / "kantor-a.xlsx")
    first = invoke("batch", inputs, "-s", SCENARIO, "--start", FIRST[0], "--end", FIRST[1],
                   "-o", root / "maret-1", "--workers", 1, *FAST)
    assert first.exit_code == 0, first.output
    write_input_workbook(generate_agency(12, seed=8, period=period), inputs / "kantor-b.xlsx")
    second = invoke("batch", inputs, "-s", SCENARIO, "--start", SECOND[0], "--end", SECOND[1],
                    "--previous", root / "maret-1", "--set", SET, "-o", root / "maret-2",
                    "--workers", 1, "--json", *FAST)
    assert second.exit_code == 0, second.stderr
    return {"root": root, "inputs": inputs, "out": root / "maret-2",
            "summary": json.loads(second.stdout)}


def test_each_agency_gets_the_roster_solve_gives_with_the_same_previous_and_set(runs, tmp_path):
    inputs, out, root = runs["inputs"], runs["out"], runs["root"]
    prev = root / "maret-1" / "jadwal" / "kantor-a.xlsx"
    mine_a, mine_b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    got = invoke("solve", inputs / "kantor-a.xlsx", "-s", SCENARIO, "--start", SECOND[0],
                 "--end", SECOND[1], "--previous", prev, "--set", SET, "-o", mine_a, *FAST)
    assert got.exit_code == 0, got.output
    got = invoke("solve", inputs / "kantor-b.xlsx", "-s", SCENARIO, "--start", SECOND[0],
                 "--end", SECOND[1], "--set", SET, "-o", mine_b, *FAST)
    assert got.exit_code == 0, got.output
    assert jadwal(out / "jadwal" / "kantor-a.xlsx") == jadwal(mine_a)
    assert jadwal(out / "jadwal" / "kantor-b.xlsx") == jadwal(mine_b)
    # chained: the roster records the days it carried; the unchained one has none
    assert "Jadwal Sebelumnya" in openpyxl.load_workbook(out / "jadwal" / "kantor-a.xlsx",
                                                         read_only=True).sheetnames
    assert "Jadwal Sebelumnya" not in openpyxl.load_workbook(out / "jadwal" / "kantor-b.xlsx",
                                                             read_only=True).sheetnames


def test_the_parameter_holds_in_every_roster(runs):
    """office_days=Senin: nobody works from home on a Monday of the period."""
    for name in ("kantor-a", "kantor-b"):
        rows = jadwal(runs["out"] / "jadwal" / f"{name}.xlsx")
        header = [str(h) for h in rows[0]]
        mondays = [k for k, h in enumerate(header) if h[:4] == "2026"
                   and date.fromisoformat(h[:10]).weekday() == 0]
        assert mondays, header
        assert all(r[k] != "WFH" for r in rows[1:] for k in mondays), name


def test_the_summary_names_the_previous_roster_or_says_there_was_none(runs):
    by = {r["agency"]: r for r in runs["summary"]["results"]}
    assert by["kantor-a"]["previous"].endswith("maret-1/jadwal/kantor-a.xlsx")
    assert by["kantor-a"]["reason"] == ""
    assert by["kantor-b"]["previous"] is None
    assert "kantor-b.xlsx" in by["kantor-b"]["reason"] and "--previous" in by["kantor-b"]["reason"]
    with open(runs["out"] / "ringkasan.csv", encoding="utf-8-sig", newline="") as f:
        rows = {r["agency"]: r for r in csv.DictReader(f)}
    assert rows["kantor-a"]["previous"].endswith("kantor-a.xlsx")
    assert "sambungan" in rows["kantor-b"]["reason"]   # --lang id: the note in Indonesian
    jsonschema = pytest.importorskip("jsonschema")
    from asn_scheduler.report_schema import SCHEMAS

    jsonschema.validate(runs["summary"], SCHEMAS["batch"])
    assert SCHEMAS["batch"]["properties"]["results"]["items"]["properties"]["previous"]
    info = openpyxl.load_workbook(runs["out"] / "ringkasan.xlsx").worksheets[1]
    facts = {r[0]: r[1] for r in info.iter_rows(values_only=True)}
    assert facts["Parameter (--set)"] == SET


def test_the_manifest_keys_on_the_previous_roster_and_the_parameters(runs, tmp_path):
    out, inputs, root = runs["out"], runs["inputs"], runs["root"]
    sc, _ = scenario_for_run(SCENARIO, None, [SET])
    prev_dir = str((root / "maret-1").resolve())
    opts = BatchOptions(SCENARIO, sc.hash, start=date.fromisoformat(SECOND[0]),
                        end=date.fromisoformat(SECOND[1]), time_limit=20, sets=(SET,),
                        previous=prev_dir)
    sha = file_sha256(inputs / "kantor-a.xlsx")
    prev = previous_for("kantor-a", prev_dir)
    assert prev is not None
    assert current_outcome(out, "kantor-a", sha, opts, file_sha256(prev)) is not None
    # another previous roster, none, or other parameters: run again
    assert current_outcome(out, "kantor-a", sha, opts, "0" * 64) is None
    assert current_outcome(out, "kantor-a", sha, opts, None) is None
    other, _ = scenario_for_run(SCENARIO, None, ["office_days=Selasa"])
    assert current_outcome(out, "kantor-a", sha, BatchOptions(
        SCENARIO, other.hash, start=opts.start, end=opts.end, time_limit=20,
        sets=("office_days=Selasa",), previous=prev_dir), file_sha256(prev)) is None
    # the folder may move: only whether the batch chains, and from what, counts
    assert dataclasses.replace(opts, previous=str(tmp_path)).key() == opts.key()
    assert dataclasses.replace(opts, previous=None).key() != opts.key()


def test_previous_for_takes_a_folder_of_rosters_or_an_earlier_output_folder(tmp_path):
    (tmp_path / "jadwal").mkdir()
    (tmp_path / "jadwal" / "x.xlsx").write_bytes(b"")
    (tmp_path / "y.xlsx").write_bytes(b"")
    assert previous_for("x", tmp_path) == tmp_path / "jadwal" / "x.xlsx"
    assert previous_for("y", tmp_path) == tmp_path / "y.xlsx"
    assert previous_for("z", tmp_path) is None and previous_for("x", None) is None


def test_an_unknown_parameter_key_is_a_usage_error_before_any_work(runs, tmp_path,
                                                                   monkeypatch):
    def no_cluster(**_: object):
        raise AssertionError("no cluster for a usage error")

    monkeypatch.setattr("asn_scheduler.batch.runner.open_client", no_cluster)
    got = invoke("batch", runs["inputs"], "-s", SCENARIO, "--set", "ofice_days=Senin",
                 "-o", tmp_path / "x", "--lang", "en")
    assert got.exit_code == 2, got.output
    assert "Unknown parameter key: ofice_days" in got.output and "office_days" in got.output
    assert not (tmp_path / "x").exists()
