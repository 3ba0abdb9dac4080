"""Screenshots of every page of the web app, in Bahasa Indonesia and English, with
Debian's headless Chromium (Playwright's driver; never a downloaded browser).

Usage: .venv/bin/python scripts/web_screenshots.py [OUT_DIR]   (default docs/screenshots)

Starts ``asn-scheduler serve`` on a free loopback port with a temporary data folder,
uploads the bundled sample, solves it under SE 17/2023, compares two scenarios, checks
the roster it made, solves March 2026 again chained from a February roster (made with
the CLI) with a scenario parameter, and captures each page (full page, 1280 px wide).
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "contoh-pemkot.xlsx"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    port = _port()
    url = f"http://127.0.0.1:{port}"
    cli = Path(sys.executable).with_name("asn-scheduler")
    with tempfile.TemporaryDirectory() as data:
        server = subprocess.Popen([str(cli), "serve", "--port", str(port), "--data-dir", data],
                                  stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(url + "/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            prev = Path(data) / "jadwal-februari.xlsx"
            subprocess.run([str(cli), "solve", str(SAMPLE), "-s", "permenpanrb-4-2025",
                            "--start", "2026-02-02", "--end", "2026-03-01", "--workers", "1",
                            "-o", str(prev)], check=True, capture_output=True)
            _shoot(url, out, prev)
        finally:
            server.terminate()
            server.wait(timeout=15)


def server_path(url: str, href: str | None) -> str:
    return url + (href or "/")


def _chained(page: object, url: str, prev: Path) -> str:
    """March 2026 chained from ``prev`` with ``office_days=Senin``: the options form (shot
    by the caller) and the result's URL."""
    page.goto(url + "/?lang=id")  # type: ignore[attr-defined]
    page.set_input_files("input[name=input]", str(SAMPLE))  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector("text=Buku kerja dapat dipakai.")  # type: ignore[attr-defined]
    page.fill("input[type=date][name=start]", "2026-03-02")  # type: ignore[attr-defined]
    page.fill("input[type=date][name=end]", "2026-03-31")  # type: ignore[attr-defined]
    page.click("text=Terapkan periode")  # type: ignore[attr-defined]
    page.wait_for_selector("input[type=hidden][name=end][value='2026-03-31']",  # type: ignore[attr-defined]
                           state="attached")
    page.check("#sc-permenpanrb-4-2025")  # type: ignore[attr-defined]
    page.set_input_files("input[name=previous]", str(prev))  # type: ignore[attr-defined]
    page.click("summary:has-text('Pilihan lanjutan')")  # type: ignore[attr-defined]
    page.fill("textarea[name=set]", "office_days=Senin")  # type: ignore[attr-defined]
    return page.url  # type: ignore[attr-defined]


def _shoot(url: str, out: Path, prev: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})

        def snap(name: str, full: bool = True) -> None:
            page.wait_for_timeout(200)
            page.screenshot(path=str(out / f"{name}.png"), full_page=full)

        pages: dict[str, str] = {}
        page.goto(url + "/?lang=id")
        page.set_input_files("input[name=input]", str(SAMPLE))
        page.click("button[type=submit]")
        page.wait_for_selector("text=Buku kerja dapat dipakai.")
        pages["validation"] = page.url
        page.click("text=Buat jadwal")
        page.wait_for_selector("#progress")
        # the sample solves in seconds: catch it while parts are solved if we can
        with contextlib.suppress(Exception):
            page.wait_for_selector("li.now:has-text('Menyusun jadwal')", timeout=10_000)
        snap("progress-id", full=False)
        page.wait_for_selector("text=Angka kunci", timeout=120_000)
        pages["result"] = page.url.split("?")[0]
        # someone of the unit shown first (one with WFH days)
        pages["person"] = server_path(url, page.locator("table.grid tbody a").nth(3)
                                      .get_attribute("href"))

        page.goto(url + "/compare")
        page.set_input_files("input[name=input]", str(SAMPLE))
        page.click("button[type=submit]")
        page.wait_for_selector("table.compare", timeout=180_000)
        pages["compare-result"] = page.url

        _chained(page, url, prev)
        page.locator("fieldset.previous").screenshot(path=str(out / "previous-id.png"))
        page.locator("details:has(textarea[name=set])").screenshot(
            path=str(out / "options-id.png"))
        page.click("text=Buat jadwal")
        page.wait_for_selector("text=Angka kunci", timeout=180_000)
        pages["result-chained"] = page.url.split("?")[0]

        bad = out / ".rusak.xlsx"
        bad.write_text("NIP;Nama\n1;A\n", encoding="utf-8")
        page.goto(url + "/")
        page.set_input_files("input[name=input]", str(bad))
        page.click("button[type=submit]")
        page.wait_for_selector("table.problems")
        pages["problems"] = page.url
        bad.unlink()

        for lang in ("id", "en"):
            for name, path in [("upload", url + "/"), *pages.items(),
                               ("compare", url + "/compare"), ("check", url + "/check"),
                               ("api", url + "/api/docs")]:
                page.goto(path + ("&" if "?" in path else "?") + f"lang={lang}")
                snap(f"{name}-{lang}", full=name not in ("result", "validation", "api",
                                                         "result-chained"))
                if name == "validation":  # the scenario and period form, whole
                    page.locator("section[aria-labelledby=sc-h]").screenshot(
                        path=str(out / f"scenario-{lang}.png"))
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
