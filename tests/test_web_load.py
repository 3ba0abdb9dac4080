"""Load: eight planners upload the bundled sample at once; with two job processes every
job finishes with a roster the independent checker accepts, with the same proven WFH
total (goal Q0). The goals after fairness stop on a time budget, so under load their
rosters may differ cell by cell; this test does not claim otherwise."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from web_support import SAMPLE, XLSX, check_roster, wait_job

from asn_scheduler.web.app import Settings, create_app

pytestmark = pytest.mark.slow


def test_eight_uploads_at_once_all_finish_with_correct_rosters(tmp_path: Path):
    settings = Settings(data_dir=tmp_path / "data", workers=2, max_queue=8)
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as client:

        def one(_: int) -> str:
            with open(SAMPLE, "rb") as fh:
                got = client.post("/api/jobs", data={"scenario": "se-17-2023",
                                                     "time_limit": "60"},
                                  files={"input": ("contoh.xlsx", fh, XLSX)})
            assert got.status_code == 202, got.text
            return got.json()["id"]

        with ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(one, range(8)))
        assert len(set(ids)) == 8
        wfh_days = set()
        for k, jid in enumerate(ids):
            status = wait_job(client, jid, timeout=600)
            assert status["status"] == "done", status
            assert status["summary"]["figures"]["hard"] == 0
            path = tmp_path / f"r{k}.xlsx"
            path.write_bytes(client.get(f"/api/jobs/{jid}/roster.xlsx").content)
            assert check_roster(SAMPLE, path, "se-17-2023").compliant
            wfh_days.add(status["summary"]["figures"]["wfh_days"])
        assert len(wfh_days) == 1
