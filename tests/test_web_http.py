"""The web page and JSON API at the HTTP level (FastAPI's TestClient): every route, the
limits (upload size, queue, time limit), access, CSRF, languages, and jobs that fail alone.

Jobs run for real in the app's process pool; the solves use the bundled samples.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient
from web_support import (
    SAMPLE,
    SMALL,
    XLSX,
    check_roster,
    csrf,
    upload,
    wait_job,
)

from asn_scheduler.web.app import Settings, create_app
from asn_scheduler.web.store import Store


def make(tmp_path: Path, **kw) -> TestClient:
    settings = Settings(data_dir=tmp_path / "data", **{"workers": 1, **kw})
    return TestClient(create_app(settings), base_url="http://127.0.0.1")


@pytest.fixture
def client(tmp_path: Path):
    with make(tmp_path) as c:
        yield c


def submit(client: TestClient, path: Path = SMALL, **fields: str):
    with open(path, "rb") as fh:
        return client.post("/api/jobs", data={"scenario": "permenpanrb-4-2025", **fields},
                           files={"input": (path.name, fh, XLSX)})


# ---------------------------------------------------------------------------- pages


def test_upload_page_sets_security_headers_and_a_csrf_cookie(client):
    page = client.get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "style-src 'self'" in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "asn_csrf" in page.cookies
    assert 'href="/template.xlsx' in page.text
    # no inline script or style anywhere on the page
    assert "<script>" not in page.text and "style=" not in page.text


def test_a_form_post_without_the_csrf_field_is_refused(client):
    client.get("/")
    with open(SMALL, "rb") as fh:
        got = client.post("/", files={"input": ("a.xlsx", fh, XLSX)}, follow_redirects=False)
    assert got.status_code == 403
    assert "Formulir kedaluwarsa" in got.text and got.headers["content-type"].startswith("text/html")
    with open(SMALL, "rb") as fh:
        got = client.post("/", data={"csrf": "forged"}, files={"input": ("a.xlsx", fh, XLSX)},
                          follow_redirects=False)
    assert got.status_code == 403


def test_upload_validates_and_offers_every_scenario_with_its_coverage(client):
    got = upload(client)
    assert got.status_code == 303
    page = client.get(got.headers["location"])
    assert "Buku kerja dapat dipakai." in page.text
    assert "Ringkasan" in page.text and "335" in page.text
    for sc in ("se-17-2023", "permenpanrb-4-2025", "se-2-2026"):
        assert f'value="{sc}"' in page.text
    # SE 2/2026's suggested fortnight has days outside its FWA days: a warning says so
    assert "di luar jendela skenario" in page.text
    assert "SE MenPANRB 17/2023" in page.text and "DKI Jakarta" in page.text


def test_a_broken_workbook_shows_the_problem_table_and_its_issues_workbook(client, tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_text("NIP;Nama\n1;A\n", encoding="utf-8")
    got = upload(client, bad)
    page = client.get(got.headers["location"])
    assert "masalah" in page.text and "<table class=\"problems\">" in page.text
    assert "CSV" in page.text or "teks" in page.text
    assert "rusak.xlsx" in page.text  # the file is named as the planner knows it
    assert 'action="/w/' not in page.text  # no scenario form for an unusable workbook
    issues = client.get(got.headers["location"] + "/issues.xlsx")
    assert issues.status_code == 200
    out = tmp_path / "masalah.xlsx"
    out.write_bytes(issues.content)
    import openpyxl

    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "Lembar" and len(rows) >= 2


def test_walk_upload_scenario_progress_result_download_and_check(client, tmp_path):
    wb = upload(client).headers["location"]
    token = csrf(client, wb)
    got = client.post(wb + "/solve", data={"csrf": token, "scenario": "se-17-2023",
                                           "time_limit": "30"}, follow_redirects=False)
    assert got.status_code == 303
    job_url = got.headers["location"]
    jid = job_url.rsplit("/", 1)[1]
    progress = client.get(job_url)
    assert progress.status_code == 200
    if "Sedang diproses" in progress.text:  # without JavaScript the page refreshes itself
        assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in progress.text
        assert f'hx-get="{job_url}/progress"' in progress.text
    status = wait_job(client, jid)
    assert status["status"] == "done", status
    assert status["summary"]["figures"]["hard"] == 0
    page = client.get(job_url)
    for text in ("Angka kunci", "Kepatuhan per aturan", "Keterisian gedung", "Jadwal per unit",
                 "PermenPANRB 4/2025 Ps 13", "Balai Kota Blok H", "Tujuan mutu, dalam urutan ketat",
                 "terbukti optimal"):
        assert text in page.text, text
    # HTMX's fragment tells the browser to go to the result once done
    frag = client.get(job_url + "/progress")
    assert frag.headers.get("hx-redirect") == job_url
    # one unit at a time, chosen by ?unit=
    assert client.get(job_url + "?unit=BPKAD").text.count('class="code c-') > 10
    roster = client.get(job_url + "/files/jadwal.xlsx")
    assert roster.status_code == 200 and roster.content[:2] == b"PK"
    path = tmp_path / "jadwal.xlsx"
    path.write_bytes(roster.content)
    report = check_roster(SAMPLE, path, "se-17-2023")
    assert report.compliant and not report.hard_violations
    person = client.get(job_url + "/people/0")
    assert person.status_code == 200 and "<table class=\"calendar\">" in person.text


def test_uploaded_names_are_kept_but_made_safe():
    from asn_scheduler.web.service import safe_name

    assert safe_name("Jadwal Maret 2026.xlsx") == "Jadwal_Maret_2026.xlsx"
    assert safe_name("../../etc/passwd") == "passwd.xlsx"
    assert safe_name("..xlsx") == "input.xlsx" and safe_name(None) == "input.xlsx"
    assert "/" not in safe_name("a/../../b.xlsx")


def test_language_switch_sets_a_cookie_and_every_page_follows_it(client):
    en = client.get("/?lang=en")
    assert "Upload a workbook" in en.text and '<html lang="en">' in en.text
    assert client.cookies.get("asn_lang") == "en"
    for path in ("/", "/compare", "/check", "/api/docs"):
        page = client.get(path)
        assert '<html lang="en">' in page.text, path
        assert 'href="' + path.split("?")[0] + '?lang=id"' in page.text, path
    assert "Unggah buku kerja" in client.get("/?lang=id").text


def test_user_text_is_escaped(client, tmp_path):
    import openpyxl

    wb = openpyxl.load_workbook(SMALL)
    ws = wb["Unit"]
    ws.cell(2, 2).value = "<script>alert(1)</script>"
    path = tmp_path / "x.xlsx"
    wb.save(path)
    page = client.get(upload(client, path).headers["location"])
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_compare_and_check_pages_run_their_jobs(client, tmp_path):
    token = csrf(client, "/compare")
    with open(SMALL, "rb") as fh:
        got = client.post("/compare", data={"csrf": token,
                                            "scenario": ["permenpanrb-4-2025", "se-2-2026"],
                                            "time_limit": "20"},
                          files={"input": ("k.xlsx", fh, XLSX)}, follow_redirects=False)
    jid = got.headers["location"].rsplit("/", 1)[1]
    assert wait_job(client, jid)["status"] == "done"
    page = client.get(f"/jobs/{jid}")
    assert "permenpanrb-4-2025" in page.text and "se-2-2026" in page.text
    assert "ASN flexible work" in client.get(f"/jobs/{jid}?lang=en").text  # titles in English
    client.get("/?lang=id")
    assert client.get(f"/jobs/{jid}/files/perbandingan.xlsx").status_code == 200

    done = submit(client).json()["id"]
    wait_job(client, done)
    roster = tmp_path / "r.xlsx"
    roster.write_bytes(client.get(f"/api/jobs/{done}/roster.xlsx").content)
    token = csrf(client, "/check")
    with open(SMALL, "rb") as a, open(roster, "rb") as b:
        got = client.post("/check", data={"csrf": token, "scenario": "permenpanrb-4-2025"},
                          files={"input": ("k.xlsx", a, XLSX), "roster": ("r.xlsx", b, XLSX)},
                          follow_redirects=False)
    jid = got.headers["location"].rsplit("/", 1)[1]
    assert wait_job(client, jid)["status"] == "done"
    assert "Patuh: tidak ada pelanggaran aturan wajib." in client.get(f"/jobs/{jid}").text
    assert client.get(f"/jobs/{jid}/files/kepatuhan.xlsx").status_code == 200


def test_template_api_docs_and_openapi(client):
    tpl = client.get("/template.xlsx")
    assert tpl.status_code == 200 and tpl.content[:2] == b"PK"
    spec = client.get("/api/openapi.json").json()
    assert "/api/jobs" in spec["paths"] and "/api/jobs/{jid}/roster.xlsx" in spec["paths"]
    docs = client.get("/api/docs")
    assert "POST /api/jobs" in docs.text and "scenario" in docs.text
    assert client.get("/docs").status_code == 404  # no CDN-loaded Swagger UI
    names = {s["id"] for s in client.get("/api/scenarios").json()}
    assert {"se-17-2023", "permenpanrb-4-2025"} <= names


# ---------------------------------------------------------------------------- API


def test_api_job_lifecycle_and_its_files(client, tmp_path):
    got = submit(client, time_limit="20", seed="3")
    assert got.status_code == 202
    body = got.json()
    jid = body["id"]
    assert len(jid) == 32 and body["links"]["roster"] == f"/api/jobs/{jid}/roster.xlsx"
    status = wait_job(client, jid)
    assert status["status"] == "done" and status["outcome"]["ok"]
    assert status["summary"]["compliance"][0]["id"] == "C1"
    assert "roster" not in status["summary"]
    full = client.get(f"/api/jobs/{jid}/result").json()
    assert full["roster"]["units"] and full["figures"]["hard"] == 0
    roster = tmp_path / "r.xlsx"
    roster.write_bytes(client.get(f"/api/jobs/{jid}/roster.xlsx").content)
    assert check_roster(SMALL, roster, "permenpanrb-4-2025").compliant
    assert client.get(f"/api/jobs/{jid}/report.xlsx").status_code == 404


def test_api_refuses_bad_options_and_bad_workbooks_with_reasons(client, tmp_path):
    assert submit(client, scenario="tidak-ada").status_code == 400
    got = submit(client, time_limit="-1")
    assert got.status_code == 400 and got.json()["field"] == "time_limit"
    got = submit(client, start="2026-03-10", end="2026-03-01")
    assert got.status_code == 400 and got.json()["field"] == "end"
    bad = tmp_path / "b.xlsx"
    bad.write_bytes(b"%PDF-1.4 not a workbook")
    got = submit(client, bad)
    assert got.status_code == 422
    assert got.json()["problems"][0]["problem"]["en"]


def test_unknown_or_malformed_job_ids_are_not_found(client):
    for path in ("/api/jobs/" + "A" * 32, "/api/jobs/..", "/jobs/" + "x" * 32,
                 "/jobs/" + "A" * 32 + "/files/jadwal.xlsx", "/w/" + "B" * 32):
        assert client.get(path).status_code == 404, path
    jid = submit(client).json()["id"]
    assert client.get(f"/jobs/{jid}/files/job.json").status_code == 404
    assert client.get(f"/jobs/{jid}/files/input.xlsx").status_code == 404
    assert client.get("/api/jobs").status_code in (404, 405)  # no listing


# ---------------------------------------------------------------------------- limits


def test_oversized_uploads_are_refused_while_streaming(tmp_path):
    with make(tmp_path, max_upload=50_000) as c:
        with open(SAMPLE, "rb") as fh:  # 41 KB: under the limit
            assert c.post("/api/jobs", data={"scenario": "se-17-2023"},
                          files={"input": ("a.xlsx", fh, XLSX)}).status_code == 202
        big = b"PK" + os.urandom(400_000)
        got = c.post("/api/jobs", data={"scenario": "se-17-2023"},
                     files={"input": ("a.xlsx", big, XLSX)})
        assert got.status_code == 413
        token = csrf(c)
        got = c.post("/", data={"csrf": token}, files={"input": ("a.xlsx", big, XLSX)},
                     follow_redirects=False)
        assert got.status_code == 303 and got.headers["location"] == "/?error=too_big"
        assert "terlalu besar" in c.get("/?error=too_big").text

        # no Content-Length (chunked): the limit is counted as the body streams
        def chunks():
            yield (b"--XyZ\r\nContent-Disposition: form-data; name=\"input\"; "
                   b"filename=\"a.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            for _ in range(60):  # 600 KB: over the upload and the form-field allowance
                yield os.urandom(10_000)
            yield b"\r\n--XyZ--\r\n"

        got = c.post("/api/jobs", content=chunks(),
                     headers={"content-type": "multipart/form-data; boundary=XyZ"})
        assert got.status_code == 413
        # only the accepted upload was kept
        assert len(list((tmp_path / "data" / "uploads").iterdir())) == 1


def test_a_full_queue_is_refused_politely(tmp_path):
    # without the lifespan the pool never starts, so queued jobs stay queued
    c = make(tmp_path, max_queue=2)
    assert submit(c).status_code == 202
    assert submit(c).status_code == 202
    got = submit(c)
    assert got.status_code == 503 and "queue full" in got.json()["detail"]
    assert got.headers["retry-after"]
    wb = upload(c).headers["location"]
    token = csrf(c, wb)
    page = c.post(wb + "/solve", data={"csrf": token, "scenario": "se-17-2023"})
    assert "Antrean penuh" in page.text


def test_a_queued_job_can_be_cancelled(tmp_path):
    c = make(tmp_path)
    jid = submit(c).json()["id"]
    assert c.post(f"/api/jobs/{jid}/cancel").json()["cancelled"]
    assert c.get(f"/api/jobs/{jid}").json()["status"] == "cancelled"
    assert "dibatalkan" in c.get(f"/jobs/{jid}").text


def test_a_running_job_is_cancelled_and_over_time_jobs_are_stopped(tmp_path):
    with make(tmp_path, job_timeout=1.0) as c:
        slow = submit(c, SAMPLE, scenario="se-17-2023")
        status = wait_job(c, slow.json()["id"], timeout=30)
        assert status["status"] == "failed" and status["reason"] == "timeout"
        assert "melebihi batas waktu" in c.get(f"/jobs/{slow.json()['id']}").text
    with make(tmp_path) as c:
        jid = submit(c, SAMPLE, scenario="se-17-2023").json()["id"]
        while c.get(f"/api/jobs/{jid}").json()["status"] == "queued":
            time.sleep(0.05)
        token = csrf(c)
        c.post(f"/jobs/{jid}/cancel", data={"csrf": token})
        assert wait_job(c, jid, timeout=20)["status"] == "cancelled"


def test_a_crashing_job_fails_alone_and_the_app_keeps_serving(tmp_path):
    with make(tmp_path) as c:
        jid = submit(c, SAMPLE, scenario="se-17-2023").json()["id"]
        runner = c.app.app.state.runner
        while jid not in runner._running:
            time.sleep(0.05)
        os.kill(runner._running[jid].process.pid, signal.SIGKILL)  # as the OOM killer would
        status = wait_job(c, jid)
        assert status["status"] == "failed" and status["reason"] == "crashed"
        assert "berhenti tak terduga" in c.get(f"/jobs/{jid}").text
        after = submit(c).json()["id"]
        assert wait_job(c, after)["status"] == "done"


def test_a_restart_marks_unfinished_jobs_interrupted_and_old_files_go(tmp_path):
    store = Store(tmp_path / "data")
    jid, _folder = store.create_job("solve", {"scenario": "se-17-2023"}, {})
    store.set_status(jid, "running")
    old_jid, old = store.create_job("solve", {}, {})
    store.set_status(old_jid, "done")
    os.utime(old, (time.time() - 48 * 3600, time.time() - 48 * 3600))
    with make(tmp_path) as c:
        assert c.get(f"/api/jobs/{jid}").json()["status"] == "interrupted"
        assert "dimulai ulang" in c.get(f"/jobs/{jid}").text
        assert c.get(f"/api/jobs/{old_jid}").status_code == 404
    assert not old.exists()


# ---------------------------------------------------------------------------- access, logs


def test_access_token_guards_pages_and_api(tmp_path):
    with make(tmp_path, token="rahasia-kantor") as c:
        got = c.get("/", follow_redirects=False)
        assert got.status_code == 303 and got.headers["location"] == "/login"
        assert c.get("/api/scenarios").status_code == 401
        assert c.get("/api/scenarios", headers={"Authorization": "Bearer salah"}).status_code == 401
        ok = c.get("/api/scenarios", headers={"Authorization": "Bearer rahasia-kantor"})
        assert ok.status_code == 200
        token = csrf(c, "/login")
        bad = c.post("/login", data={"csrf": token, "password": "salah"}, follow_redirects=False)
        assert bad.headers["location"] == "/login?bad=1"
        assert c.post("/login", data={"password": "rahasia-kantor"}).status_code == 403  # CSRF
        good = c.post("/login", data={"csrf": token, "password": "rahasia-kantor"},
                      follow_redirects=False)
        assert good.status_code == 303 and "rahasia-kantor" not in good.headers["set-cookie"]
        assert c.get("/").status_code == 200


def test_no_nip_name_or_job_id_in_the_logs(tmp_path, caplog):
    from asn_scheduler.excel.reader import read_workbook

    problem = read_workbook(SMALL).problem
    with caplog.at_level(logging.DEBUG), make(tmp_path) as c:
        wb = upload(c, SMALL).headers["location"]
        token = csrf(c, wb)
        job = c.post(wb + "/solve", data={"csrf": token, "scenario": "permenpanrb-4-2025"},
                     follow_redirects=False).headers["location"]
        jid = job.rsplit("/", 1)[1]
        wait_job(c, jid)
        c.get(job)
        c.get(job + "/people/0")
    # the server's own records (httpx, the test's client, logs its URLs on its side)
    text = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("httpx"))
    assert "GET /jobs/{jid}" in text  # the route template is logged, not the path
    assert jid not in text and wb.rsplit("/", 1)[1] not in text
    for e in problem.employees:
        assert e.nip not in text and e.name not in text


# ---------------------------------------------------------------------------- seams, CLI


def test_only_the_web_layer_imports_the_web_stack():
    import re

    pkg = Path(__file__).resolve().parents[1] / "asn_scheduler"
    pattern = re.compile(r"^\s*(?:from|import)\s+(fastapi|starlette|jinja2|uvicorn|multipart)\b",
                         re.MULTILINE)
    users = {str(f.relative_to(pkg)) for f in pkg.rglob("*.py")
             if pattern.search(f.read_text(encoding="utf-8"))}
    assert users and all(u.startswith("web/") or u == "cli/serve.py" for u in users), users
    # and the app's process never imports the solver: jobs do, in their own processes
    code = ("import sys\nfrom asn_scheduler.web.app import create_app\n"
            "import asn_scheduler.web.pages, asn_scheduler.web.api\n"
            "print('ortools' in sys.modules)")
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_serve_refuses_a_network_address_without_a_token(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from asn_scheduler.cli import main

    monkeypatch.delenv("ASN_SCHEDULER_TOKEN", raising=False)
    got = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--data-dir",
                                    str(tmp_path / "d")])
    assert got.exit_code == 2 and "ASN_SCHEDULER_TOKEN" in got.output


def test_no_roster_is_explained_with_rules_dates_and_what_to_change(client, tmp_path):
    import openpyxl

    wb = openpyxl.load_workbook(SMALL)
    wb["Gedung"].cell(2, 2).value = 2  # two seats for an office that must keep nine in
    path = tmp_path / "sempit.xlsx"
    wb.save(path)
    jid = submit(client, path).json()["id"]
    status = wait_job(client, jid)
    assert status["status"] == "done" and status["outcome"]["status"] == "INFEASIBLE"
    conflicts = status["summary"]["conflicts"]
    assert conflicts and "B1" in conflicts[0]["rules"] and conflicts[0]["days"]
    page = client.get(f"/jobs/{jid}")
    assert "Mengapa tidak ada jadwal" in page.text and "tambah Kapasitas gedung" in page.text
    assert "Angka kunci" not in page.text
    assert client.get(f"/api/jobs/{jid}/roster.xlsx").status_code == 404
    assert "Why there is no roster" in client.get(f"/jobs/{jid}?lang=en").text


def test_a_typed_period_is_checked_against_every_scenario_before_solving(client):
    wb = upload(client, SMALL).headers["location"]
    # the small sample's own Periode is March 2026: SE 17/2023 does not cover it
    page = client.get(wb)
    assert "di luar jendela skenario (2023-08-28..2023-09-07)" in page.text
    page = client.get(wb + "?start=2023-08-28&end=2023-09-01")
    # now SE 17/2023's dates are covered; its region (DKI Jakarta) still decides per unit
    assert "dari 5 tanggal" not in page.text.split('id="sc-se-17-2023"')[1].split(
        'class="scenario"')[0]
    assert 'name="start" value="2023-08-28"' in page.text  # carried into the solve form
    assert "di luar jendela skenario (2026-03-16" in page.text  # SE 2/2026 now misses them
    bad = client.get(wb + "?start=2023-09-10&end=2023-09-01")
    assert "--end" in bad.text


def test_templates_never_mark_text_safe_and_autoescape_is_on(client):
    folder = Path(__file__).resolve().parents[1] / "asn_scheduler" / "web" / "templates"
    for tpl in folder.glob("*.html"):
        text = tpl.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") and "autoescape false" not in text, tpl
    env = client.app.app.state.templates.env
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_an_error_inside_a_job_fails_that_job_with_where_not_what(tmp_path):
    with make(tmp_path) as c:
        state = c.app.app.state
        # a job whose parameters lack the scenario: a program error in the job's process
        jid, _ = state.store.create_job("solve", {"files": {"input": "k.xlsx"}},
                                        {"k.xlsx": SMALL})
        state.runner.submit(jid)
        status = wait_job(c, jid)
        assert status["status"] == "failed" and status["reason"] == "error"
        outcome = status["outcome"]
        assert "KeyError" in outcome["error"]["en"] and outcome["trace"]
        assert all("scenario" not in line for line in outcome["trace"])  # no message text
        assert "Galat program" in c.get(f"/jobs/{jid}").text


def test_api_check_and_compare_and_the_remaining_routes(client, tmp_path):
    done = submit(client).json()["id"]
    wait_job(client, done)
    roster = tmp_path / "r.xlsx"
    roster.write_bytes(client.get(f"/api/jobs/{done}/roster.xlsx").content)
    with open(SMALL, "rb") as a, open(roster, "rb") as b:
        got = client.post("/api/check", data={"scenario": "permenpanrb-4-2025"},
                          files={"input": ("k.xlsx", a, XLSX), "roster": ("r.xlsx", b, XLSX)})
    assert got.status_code == 202
    status = wait_job(client, got.json()["id"])
    assert status["outcome"]["status"] == "COMPLIANT" and status["summary"]["compliant"]
    assert client.get(f"/api/jobs/{got.json()['id']}/report.xlsx").content[:2] == b"PK"
    with open(SMALL, "rb") as a:
        got = client.post("/api/compare", data={"scenario": ["permenpanrb-4-2025", "se-2-2026"],
                                                "time_limit": "20"},
                          files={"input": ("k.xlsx", a, XLSX)})
    assert got.status_code == 202
    status = wait_job(client, got.json()["id"])
    assert status["summary"]["scenarios"] == ["permenpanrb-4-2025", "se-2-2026"]
    assert client.get(f"/api/jobs/{got.json()['id']}/comparison.xlsx").content[:2] == b"PK"
    with open(SMALL, "rb") as a:
        assert client.post("/api/compare", data={"scenario": "nope"},
                           files={"input": ("k.xlsx", a, XLSX)}).status_code == 400
    assert client.get("/healthz").text == "ok"
    static = client.get("/static/app.js")
    assert static.status_code == 200 and "cache-control" not in static.headers
    assert "content-security-policy" in static.headers
    assert client.get("/static/../app.py").status_code == 404


def test_the_progress_fragment_and_people_of_an_unknown_row(client):
    jid = submit(client).json()["id"]
    frag = client.get(f"/jobs/{jid}/progress")
    assert frag.status_code == 200 and 'id="progress"' in frag.text
    wait_job(client, jid)
    assert client.get(f"/jobs/{jid}/people/99999").status_code == 404
    assert client.get(f"/jobs/{jid}/people/x").status_code in (404, 422)
