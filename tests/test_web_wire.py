"""The solve form's scenario parameters, previous rosters and best effort, and the
publication downloads, at the HTTP level (jobs run for real, as in test_web_http.py).

Each web run is held against the command line given the same options: the page must
give the roster ``solve`` gives.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_support import SMALL, XLSX, csrf, upload, wait_job
from workbooks import valid_sheets, write_workbook

from asn_scheduler.cli import main
from asn_scheduler.web.app import Settings, create_app

SCENARIO = "permenpanrb-4-2025"
FEB = ("2026-02-02", "2026-03-04")   # ends on a Wednesday: March shares its week
MAR = ("2026-03-05", "2026-03-27")
SETS = "office_days=Senin\nwfh_cap_pct.administrasi_pemerintahan=30"


def cli(*args: object):
    return CliRunner(env={"COLUMNS": "400"}).invoke(main, [str(a) for a in args])


def jadwal(path_or_bytes: Path | bytes) -> list[tuple]:
    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    wb = openpyxl.load_workbook(src, read_only=True)
    return [tuple(r) for r in wb["Jadwal"].iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def feb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """February's published roster of the small sample (the CLI's)."""
    out = tmp_path_factory.mktemp("feb") / "jadwal-feb.xlsx"
    got = cli("solve", SMALL, "-s", SCENARIO, "--start", FEB[0], "--end", FEB[1],
              "--workers", 1, "--time-limit", 20, "-o", out)
    assert got.exit_code == 0, got.output
    return out


@pytest.fixture
def client(tmp_path: Path):
    settings = Settings(data_dir=tmp_path / "data", workers=1)
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as c:
        yield c


def _wid(client: TestClient, path: Path = SMALL) -> str:
    got = upload(client, path)
    assert got.status_code == 303
    return got.headers["location"].rsplit("/", 1)[1]


def _solve(client: TestClient, wid: str, previous: Sequence[Path] = (), **fields: str):
    token = csrf(client, f"/w/{wid}")
    files = [("previous", (p.name, p.read_bytes(), XLSX)) for p in previous]
    return client.post(f"/w/{wid}/solve", data={"csrf": token, "scenario": SCENARIO, **fields},
                       files=files or None, follow_redirects=False)


def test_a_bad_parameter_is_shown_on_the_form_in_both_languages_and_nothing_runs(client):
    wid = _wid(client)
    got = _solve(client, wid, set="office_days=Senin\nofice_days=Selasa")
    assert got.status_code == 303 and got.headers["location"] == f"/w/{wid}?bad=set"
    page = client.get(got.headers["location"]).text
    assert "Kunci parameter tidak dikenal: ofice_days. Maksud Anda: office_days" in page
    assert 'aria-invalid="true"' in page and "<details open>" in page
    assert "office_days=Senin\nofice_days=Selasa</textarea>" in page   # kept as typed
    en = client.get(f"/w/{wid}?bad=set&lang=en").text
    assert "Unknown parameter key: ofice_days. Did you mean: office_days" in en
    # a value the scenario refuses is caught by the same code as --set
    got = _solve(client, wid, set="wfh_cap_pct.administrasi_pemerintahan=lots")
    page = client.get(got.headers["location"]).text
    assert "wfh_cap_pct" in page and 'id="set-error"' in page
    assert not (client.app.app.state.store.root / "jobs").exists() or not any(
        (client.app.app.state.store.root / "jobs").iterdir())


def test_parameters_and_a_previous_roster_give_the_roster_solve_gives(client, feb, tmp_path):
    wid = _wid(client)
    got = _solve(client, wid, [feb], set=SETS, start=MAR[0], end=MAR[1])
    assert got.status_code == 303, got.text
    jid = got.headers["location"].rsplit("/", 1)[1]
    assert wait_job(client, jid)["status"] == "done"
    page = client.get(f"/jobs/{jid}").text
    assert "Parameter run ini: office_days=Senin (--set); " \
           "wfh_cap_pct.administrasi_pemerintahan=30 (--set)" in page
    assert "Dilanjutkan dari jadwal sebelumnya" in page
    assert "hari terbit (2026-02-02 – 2026-03-04) untuk 15 pegawai" in page
    assert "Saldo keadilan dibawa" in page and "Saldo Keadilan" in page
    mine = tmp_path / "cli.xlsx"
    ref = cli("solve", SMALL, "-s", SCENARIO, "--start", MAR[0], "--end", MAR[1],
              "--previous", feb, "--set", "office_days=Senin",
              "--set", "wfh_cap_pct.administrasi_pemerintahan=30",
              "--workers", 1, "-o", mine)
    assert ref.exit_code == 0, ref.output
    web = client.get(f"/jobs/{jid}/files/jadwal.xlsx")
    assert jadwal(web.content) == jadwal(mine)
    rows = jadwal(web.content)
    mondays = [k for k, h in enumerate(rows[0]) if str(h)[:4] == "2026"
               and date.fromisoformat(str(h)[:10]).weekday() == 0]
    assert mondays and all(r[k] != "WFH" for r in rows[1:] for k in mondays)


def pdf_text(data: bytes, folder: Path) -> str:
    path = folder / "x.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_the_result_page_offers_the_pdfs_and_calendars_made_with_the_job(client, tmp_path):
    wid = _wid(client)
    jid = _solve(client, wid).headers["location"].rsplit("/", 1)[1]
    assert wait_job(client, jid)["outcome"]["files"] == [
        "jadwal.xlsx", "jadwal.pdf", "jadwal-saya.pdf", "kalender.zip"]
    page = client.get(f"/jobs/{jid}").text
    for name in ("jadwal.pdf", "jadwal-saya.pdf", "kalender.zip"):
        assert f'href="/jobs/{jid}/files/{name}" download' in page
    pdf = client.get(f"/jobs/{jid}/files/jadwal.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and pdf.headers["cache-control"] == "no-store"
    mine = client.get(f"/jobs/{jid}/files/jadwal-saya.pdf")
    assert mine.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        pages = pdf_text(mine.content, tmp_path).split("\f")
        assert len([p for p in pages if p.strip()]) == 15   # one page per person
        result = client.get(f"/api/jobs/{jid}/result").json()
        unit = result["roster"]["units"][0]
        assert unit["name"] in pdf_text(pdf.content, tmp_path)
    cal = client.get(f"/jobs/{jid}/files/kalender.zip")
    assert cal.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(cal.content)).namelist()
    assert len(names) == 15 and all(n.endswith(".ics") for n in names)
    text = zipfile.ZipFile(io.BytesIO(cal.content)).read(names[0]).decode()
    assert text.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in text
    # private to the job: another job ID, or a name not on the list, is not found
    assert client.get(f"/jobs/{'x' * 32}/files/jadwal.pdf").status_code == 404
    assert client.get(f"/jobs/{jid}/files/job.json").status_code == 404


def test_a_previous_roster_with_problems_fails_the_job_with_them(client, tmp_path):
    wid = _wid(client)
    # the input workbook is no roster: no sheet Jadwal
    jid = _solve(client, wid, [SMALL]).headers["location"].rsplit("/", 1)[1]
    job = wait_job(client, jid)
    assert job["status"] == "failed"
    assert "Jadwal sebelumnya" in job["outcome"]["error"]["id"]
    assert SMALL.name in job["outcome"]["error"]["en"] and job["outcome"]["problems"]
    page = client.get(f"/jobs/{jid}").text
    assert "The previous roster" not in page and "Jadwal sebelumnya" in page


def test_best_effort_gives_the_flagged_roster_and_no_publication(client, tmp_path):
    sheets = valid_sheets()
    sheets["Gedung"][1][1] = 1   # one seat: the head and the counter need two (test_exact)
    src = write_workbook(tmp_path / "sempit.xlsx", sheets)
    wid = _wid(client, src)
    plain = _solve(client, wid, time_limit="5").headers["location"].rsplit("/", 1)[1]
    assert wait_job(client, plain)["outcome"]["files"] == []
    jid = _solve(client, wid, time_limit="5", best_effort="on").headers["location"] \
        .rsplit("/", 1)[1]
    job = wait_job(client, jid)
    assert job["outcome"]["files"] == ["jadwal.xlsx"]
    page = client.get(f"/jobs/{jid}").text
    assert "Jadwal upaya terbaik: melanggar aturan wajib" in page and "B1" in page
    assert "jadwal.pdf" not in page
    got = client.get(f"/jobs/{jid}/files/jadwal.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(got.content))
    notes = [c.comment.text for row in wb["Jadwal"].iter_rows() for c in row if c.comment]
    assert any(n.startswith("Melanggar B1") for n in notes)
    assert client.get(f"/jobs/{jid}/files/jadwal.pdf").status_code == 404


def test_an_oversized_solve_form_goes_back_to_its_page(tmp_path):
    settings = Settings(data_dir=tmp_path / "data", workers=1, max_upload=60_000)
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as client:
        wid = _wid(client)
        big = tmp_path / "besar.xlsx"
        big.write_bytes(b"PK" + b"\0" * 400_000)
        got = _solve(client, wid, [big])
        assert got.status_code == 303 and got.headers["location"] == f"/w/{wid}?error=too_big"
        assert "terlalu besar" in client.get(got.headers["location"]).text.lower()


def test_api_takes_set_previous_and_best_effort_and_serves_the_publication(client, feb):
    with open(SMALL, "rb") as fh:
        bad = client.post("/api/jobs", data={"scenario": SCENARIO, "set": ["ofice_days=1"]},
                          files={"input": (SMALL.name, fh, XLSX)})
    assert bad.status_code == 400 and bad.json()["field"] == "set"
    assert "Did you mean: office_days" in bad.json()["detail"]
    assert "Maksud Anda: office_days" in bad.json()["detail_id"]
    with open(SMALL, "rb") as fh, open(feb, "rb") as pf:
        got = client.post("/api/jobs", data={
            "scenario": SCENARIO, "start": MAR[0], "end": MAR[1], "best_effort": "true",
            "set": ["office_days=Senin", "wfh_cap_pct.administrasi_pemerintahan=30"]},
            files=[("input", (SMALL.name, fh, XLSX)), ("previous", (feb.name, pf, XLSX))])
    assert got.status_code == 202, got.text
    links = got.json()["links"]
    job = wait_job(client, got.json()["id"])
    assert job["status"] == "done" and job["summary"]["chain"]["days"] > 0
    assert job["summary"]["overrides"]["en"] == [
        "Parameters set for this run: office_days=Senin (--set); "
        "wfh_cap_pct.administrasi_pemerintahan=30 (--set)"]
    assert job["summary"]["best_effort"] is False   # feasible: best effort not needed
    for key, kind in (("pdf", "application/pdf"), ("personal", "application/pdf"),
                      ("calendars", "application/zip")):
        r = client.get(links[key])
        assert r.status_code == 200 and r.headers["content-type"] == kind, key
    spec = client.get("/api/openapi.json").json()
    body = spec["components"]["schemas"]
    form = next(v for k, v in body.items() if k.startswith("Body_submit"))
    assert {"set", "previous", "best_effort"} <= set(form["properties"])
    assert "/api/jobs/{jid}/calendars.zip" in spec["paths"]


def test_the_carried_balance_counts_staff_short_and_over_by_a_day_or_more():
    from types import SimpleNamespace

    import numpy as np

    from asn_scheduler.web.digest import chain_digest

    carried = SimpleNamespace(
        dates=(date(2026, 2, 27), date(2026, 2, 28)), present=np.array([True, True, True, False]),
        brought_forward=np.array([-2.5, -0.5, 1.5, np.nan]),
        carried_on=np.array([-0.25, 0.5, 1.0, np.nan]))
    got = chain_digest(SimpleNamespace(carried=carried))
    assert got["days"] == 2 and got["staff"] == 3 and got["from"] == "2026-02-27"
    assert got["brought"] == {"short": 1, "short_max": {"id": "2,5", "en": "2.5"},
                              "over": 1, "over_max": {"id": "1,5", "en": "1.5"}}
    assert got["carried_on"]["short"] == 0 and got["carried_on"]["over"] == 1
    assert chain_digest(SimpleNamespace(carried=None)) is None
    assert chain_digest(SimpleNamespace()) is None


def test_too_many_previous_files_are_refused_with_the_reason_and_an_accepted_form_is_forgotten(
        client, tmp_path):
    wid = _wid(client)
    files = []
    for k in range(13):
        f = tmp_path / f"bulan-{k}.xlsx"
        f.write_bytes(b"PK")
        files.append(f)
    got = _solve(client, wid, files, set="office_days=Senin")
    assert got.headers["location"] == f"/w/{wid}?bad=previous"
    page = client.get(got.headers["location"]).text
    assert "--previous: paling banyak 12 berkas" in page and 'id="set-error"' not in page
    assert "office_days=Senin</textarea>" in page
    # accepted: what was typed before is not shown again
    jid = _solve(client, wid).headers["location"].rsplit("/", 1)[1]
    assert wait_job(client, jid)["status"] == "done"
    again = client.get(f"/w/{wid}?bad=previous").text
    assert "paling banyak 12" not in again and "office_days=Senin</textarea>" not in again


def test_a_failing_publication_leaves_the_roster_and_says_so(tmp_path, monkeypatch):
    """The failure is injected into the job's own function, run here (a job's process
    comes from the app's forkserver, where a monkeypatch does not reach)."""
    import json

    from asn_scheduler.web import worker
    from asn_scheduler.web.store import Store

    def broken(*_a: object, **_k: object) -> list[str]:
        raise OSError("disk full")

    monkeypatch.setattr(worker, "_publish", broken)
    params = {"scenario": SCENARIO, "files": {"input": "in.xlsx"}}
    _jid, folder = Store(tmp_path / "data").create_job("solve", params, {"in.xlsx": SMALL})
    outcome = worker._solve(folder, params, worker._Reporter(folder))
    assert outcome["ok"] and outcome["files"] == ["jadwal.xlsx"]
    notes = json.loads((folder / "result.json").read_text())["notes"]
    assert any("OSError" in n["en"] and "roster workbook is not affected" in n["en"]
               for n in notes)
    assert not any("disk full" in n["en"] for n in notes)
