"""Time from upload to a downloaded roster through the web API, against the CLI on the
same workbook (issue 18: the web mode of the bench).

Usage (from the repository root)::

    .venv/bin/python benchmarks/web_upload.py                 # 1,000 staff, 3 rounds
    .venv/bin/python benchmarks/web_upload.py --staff 10000 --repeat 1

An agency of ``--staff`` people is generated (seed 0, March 2026), then each round runs,
in turn: ``asn-scheduler solve --workers 1`` (a fresh process: read → solve → check →
write), and through ``asn-scheduler serve`` (already running, one job process):
``POST /api/jobs`` with the workbook, polling ``GET /api/jobs/{id}`` every 0.1 s, and
``GET /api/jobs/{id}/roster.xlsx``. Both under ``permenpanrb-4-2025``, same time limit and
seed. The machine is shared: read the ratio web/CLI, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

CLI = str(Path(sys.executable).with_name("asn-scheduler"))
SCENARIO = "permenpanrb-4-2025"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url: str, path: Path, fields: dict[str, str]) -> dict:
    boundary = uuid.uuid4().hex
    parts = [f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
             .encode() for k, v in fields.items()]
    parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"input\"; "
                 f"filename=\"{path.name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                 .encode() + path.read_bytes() + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    req = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(req, timeout=600) as resp:
        return json.load(resp)


def web_round(base: str, workbook: Path, out: Path, time_limit: float) -> float:
    """Seconds from the upload's first byte to the roster saved on disk."""
    t0 = time.perf_counter()
    job = _post(base + "/api/jobs", workbook, {"scenario": SCENARIO, "start": "2026-03-02",
                                               "end": "2026-03-31",
                                               "time_limit": str(time_limit)})
    while True:
        with urllib.request.urlopen(base + f"/api/jobs/{job['id']}", timeout=30) as resp:
            status = json.load(resp)
        if status["status"] not in ("queued", "running"):
            break
        time.sleep(0.1)
    if status["status"] != "done":
        raise SystemExit(f"web job ended {status['status']}: {status.get('outcome')}")
    with urllib.request.urlopen(base + f"/api/jobs/{job['id']}/roster.xlsx") as resp:
        out.write_bytes(resp.read())
    return time.perf_counter() - t0


def cli_round(workbook: Path, out: Path, time_limit: float) -> float:
    t0 = time.perf_counter()
    subprocess.run([CLI, "solve", str(workbook), "-s", SCENARIO, "--start", "2026-03-02",
                    "--end", "2026-03-31", "--time-limit", str(time_limit), "--workers", "1",
                    "-o", str(out)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--staff", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--time-limit", type=float, default=60.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workbook = folder / f"agency-{args.staff}.xlsx"
        subprocess.run([CLI, "generate", "--staff", str(args.staff), "--seed", "0", "-o",
                        str(workbook)], check=True, stdout=subprocess.DEVNULL)
        port = _port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([CLI, "serve", "--port", str(port), "--data-dir",
                                   str(folder / "data"), "--workers", "1",
                                   "--max-upload-mb", "256"], stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            cli, web = [], []
            for k in range(args.repeat):
                cli.append(cli_round(workbook, folder / f"cli{k}.xlsx", args.time_limit))
                web.append(web_round(base, workbook, folder / f"web{k}.xlsx", args.time_limit))
        finally:
            server.terminate()
            server.wait(timeout=15)
    cm, wm = statistics.median(cli), statistics.median(web)
    print(f"staff {args.staff}, {SCENARIO}, March 2026, time limit {args.time_limit:g} s, "
          f"{args.repeat} round(s)")
    print(f"CLI solve (fresh process)         median {cm:6.2f} s  "
          f"({', '.join(f'{x:.2f}' for x in cli)})")
    print(f"web: upload → roster downloaded   median {wm:6.2f} s  "
          f"({', '.join(f'{x:.2f}' for x in web)})")
    print(f"ratio web/CLI {wm / cm:.2f}")


if __name__ == "__main__":
    main()
