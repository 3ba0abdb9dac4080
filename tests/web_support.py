"""Helpers for the web tests: an app on a temporary data folder, the CSRF dance, polling
a job, and checking a downloaded roster with the independent checker."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "contoh-pemkot.xlsx"
SMALL = DATA / "contoh-kecil.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


def csrf(client: Any, path: str = "/") -> str:
    """GET ``path`` (which sets the CSRF cookie) and return the form's token."""
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = CSRF_FIELD.search(page.text)
    assert found, "no CSRF field on the page"
    return found.group(1)


def upload(client: Any, path: Path = SAMPLE, name: str | None = None) -> Any:
    """Upload through the page's form; returns the (not followed) 303 response."""
    token = csrf(client)
    with open(path, "rb") as fh:
        return client.post("/", data={"csrf": token},
                           files={"input": (name or path.name, fh, XLSX)},
                           follow_redirects=False)


def wait_job(client: Any, jid: str, timeout: float = 120.0) -> dict[str, Any]:
    """Poll the API until job ``jid`` is no longer queued or running."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = client.get(f"/api/jobs/{jid}").json()
        if got["status"] not in ("queued", "running"):
            return got
        time.sleep(0.2)
    raise AssertionError(f"job still {got['status']} after {timeout} s")


def check_roster(input_path: Path, roster_path: Path, scenario: str) -> Any:
    """The independent checker's report on a downloaded roster (as `asn-scheduler
    check` makes it)."""
    from asn_scheduler.checker import check
    from asn_scheduler.excel.reader import read_workbook
    from asn_scheduler.excel.roster_reader import read_roster
    from asn_scheduler.scenario import load_scenario

    problem = read_workbook(input_path).problem
    roster = read_roster(roster_path, problem).roster
    return check(problem, load_scenario(scenario), roster, dates=roster.dates)
