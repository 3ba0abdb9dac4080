"""The web page in a real browser: Debian's /usr/bin/chromium driven by Playwright (its
own driver only; never ``playwright install``), against ``asn-scheduler serve`` started
here on a free loopback port.

Skipped with a message when the browser or Playwright is missing (``.ci/run`` installs
chromium with apt-get).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from web_support import SAMPLE, check_roster

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).with_name("axe-4.14.1.min.js")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's /usr/bin/chromium "
                       "(apt-get install chromium; .ci/run does it)"),
]
playwright_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (test extra)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("asn-scheduler")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from asn_scheduler.cli import main; main()"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``asn-scheduler serve`` on a free port (1 MB uploads, so the size test is cheap)."""
    port = _free_port()
    data = tmp_path_factory.mktemp("web-data")
    env = {k: v for k, v in os.environ.items() if k != "ASN_SCHEDULER_TOKEN"}
    proc = subprocess.Popen([*_cli(), "serve", "--port", str(port), "--data-dir", str(data),
                             "--workers", "2", "--max-upload-mb", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("serve exited: " + proc.stderr.read().decode(errors="replace"))
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("serve did not start")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log = proc.stderr.read().decode(errors="replace")
    assert "Traceback" not in log, log


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    ctx.close()
    # a CSP violation or a script error shows up here
    assert not errors, errors


def _upload(page, server: str, path: Path) -> None:
    page.goto(server + "/")
    page.set_input_files("input[name=input]", str(path))
    page.click("button[type=submit]")


STATE: dict[str, str] = {}


def test_upload_scenario_progress_result_download_and_check(page, server, tmp_path):
    _upload(page, server, SAMPLE)
    page.wait_for_selector("text=Buku kerja dapat dipakai.")
    STATE["workbook"] = page.url
    page.check("#sc-se-17-2023")
    page.click("text=Buat jadwal")
    page.wait_for_selector("h1:has-text('Sedang diproses'), h1:has-text('Hasil')")
    seen_progress = page.locator("#progress").count() > 0
    # HTMX polls the progress and moves to the result when the job is done
    page.wait_for_selector("text=Angka kunci", timeout=120_000)
    assert seen_progress or "/jobs/" in page.url
    STATE["result"] = page.url
    assert page.locator("h1").inner_text().startswith("Hasil: ")
    assert page.locator(".figure.good").count() == 1  # no hard violation
    assert page.locator("table.grid td.code").count() > 50
    with page.expect_download() as dl:
        page.click("text=Buku kerja jadwal (xlsx)")
    path = tmp_path / "jadwal.xlsx"
    dl.value.save_as(path)
    report = check_roster(SAMPLE, path, "se-17-2023")
    assert report.compliant, [v.text() for v in report.hard_violations[:5]]
    # a person's own month
    page.locator("table.grid tbody a").first.click()
    page.wait_for_selector("table.calendar")
    assert page.locator("table.calendar td.c-WFH, table.calendar td.c-WFO").count() >= 5


def test_a_broken_workbook_shows_every_problem(page, server, tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_text("NIP,Nama\n1,A\n", encoding="utf-8")
    _upload(page, server, bad)
    page.wait_for_selector("table.problems")
    assert page.locator("table.problems tbody tr").count() >= 1
    assert page.locator("text=Buat jadwal").count() == 0
    assert page.locator("a:has-text('Unduh daftar masalah')").count() == 1


def test_an_oversized_upload_is_stopped_in_the_page_and_by_the_server(browser, server, tmp_path):
    big = tmp_path / "besar.xlsx"
    big.write_bytes(b"PK\x03\x04" + os.urandom(2 * 2**20))
    ctx = browser.new_context()
    pg = ctx.new_page()
    pg.goto(server + "/")
    pg.set_input_files("input[name=input]", str(big))
    assert "terlalu besar" in pg.locator(".picked").inner_text()
    pg.click("button[type=submit]")  # the browser refuses: the input is invalid
    assert pg.url.rstrip("/") == server
    ctx.close()
    # without JavaScript the server refuses it while it streams, and says why
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(server + "/")
    pg.set_input_files("input[name=input]", str(big))
    pg.click("button[type=submit]")
    pg.wait_for_selector(".alert")
    assert pg.url.endswith("/?error=too_big")
    assert "terlalu besar" in pg.locator(".alert").inner_text()
    ctx.close()


def test_the_language_switch_works_on_every_page(page, server):
    page.goto(server + "/")
    page.click("text=English")
    assert page.locator("h1").inner_text() == "Upload a workbook"
    assert page.locator("html").get_attribute("lang") == "en"
    for path, heading in (("/compare", "Compare scenarios"), ("/check", "Check a hand-made roster"),
                          ("/api/docs", "JSON API")):
        page.goto(server + path)
        assert page.locator("h1").inner_text() == heading
    if "result" in STATE:
        page.goto(STATE["result"])
        assert page.locator("h1").inner_text().startswith("Result: ")
        assert page.locator("text=Key figures").count() == 1
    page.click("text=Bahasa Indonesia")
    assert page.locator("html").get_attribute("lang") == "id"


def test_drag_and_drop_puts_the_file_in_the_form(page, server):
    page.goto(server + "/")
    data = list(SAMPLE.read_bytes())
    page.evaluate("""(bytes) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], 'seret.xlsx'));
        const zone = document.querySelector('.drop');
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""", data)
    assert page.locator(".picked").inner_text() == "seret.xlsx"
    page.click("button[type=submit]")
    page.wait_for_selector("text=Buku kerja dapat dipakai.")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_serious_accessibility_violation(browser, server, lang):
    if not AXE.exists():
        pytest.skip("axe-core not vendored")
    urls = ["/", "/compare", "/check", "/api/docs", "/login"]
    urls += [STATE[k] for k in ("workbook", "result") if k in STATE]
    # axe is injected as a script of our own: this context alone ignores the page's CSP
    ctx = browser.new_context(bypass_csp=True)
    pg = ctx.new_page()
    found = {}
    for url in urls:
        pg.goto((url if url.startswith("http") else server + url)
                + ("&" if "?" in url else "?") + f"lang={lang}")
        pg.add_script_tag(path=str(AXE))
        result = pg.evaluate("async () => await axe.run(document, "
                             "{resultTypes: ['violations']})")
        bad = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            found[url] = bad
    ctx.close()
    assert not found, found


def test_chromium_is_debians_and_nothing_was_downloaded():
    assert shutil.which("chromium") == str(CHROMIUM) or CHROMIUM.exists()
    cache = Path.home() / ".cache" / "ms-playwright"
    assert not cache.exists() or not any(cache.glob("chromium-*"))


def test_a_changed_period_refreshes_each_scenarios_coverage_in_place(page, server):
    from web_support import SMALL

    _upload(page, server, SMALL)  # its own Periode is March 2026
    page.wait_for_selector("text=Buku kerja dapat dipakai.")
    card = page.locator(".scenario", has=page.locator("#sc-se-17-2023"))
    assert card.locator("ul.warn").count() == 1  # SE 17/2023 is over by then
    page.check("#sc-permenpanrb-4-2025")
    page.fill("input[type=date][name=start]", "2023-08-28")
    page.fill("input[type=date][name=end]", "2023-09-01")
    page.locator("input[type=date][name=end]").dispatch_event("change")
    page.wait_for_function("() => location.search.includes('end=2023-09-01')")
    page.wait_for_selector("#solve-fields input[type=hidden][name=end][value='2023-09-01']",
                           state="attached")
    assert card.locator("ul.warn").count() == 0 and "Mencakup semua" in card.inner_text()
    assert page.locator("#sc-permenpanrb-4-2025").is_checked()  # the choice survives


def test_a_scenario_parameter_is_checked_then_applied_and_the_pdf_downloads(page, server,
                                                                          tmp_path):
    from web_support import SMALL

    _upload(page, server, SMALL)
    page.wait_for_selector("text=Buku kerja dapat dipakai.")
    page.check("#sc-permenpanrb-4-2025")
    page.click("summary:has-text('Pilihan lanjutan')")
    page.fill("textarea[name=set]", "ofice_days=Senin")
    page.click("text=Buat jadwal")
    # refused on the form, with the library's message and what was typed kept
    page.wait_for_selector("#set-error")
    assert "Maksud Anda: office_days" in page.locator("#set-error").inner_text()
    assert page.locator("textarea[name=set]").input_value() == "ofice_days=Senin"
    page.fill("textarea[name=set]", "office_days=Senin")
    page.check("#sc-permenpanrb-4-2025")
    page.click("text=Buat jadwal")
    page.wait_for_selector("text=Angka kunci", timeout=120_000)
    assert "office_days=Senin (--set)" in page.locator("main").inner_text()
    with page.expect_download() as dl:
        page.click("text=PDF per unit untuk dicetak")
    path = tmp_path / "jadwal.pdf"
    dl.value.save_as(path)
    assert dl.value.suggested_filename == "jadwal.pdf"
    assert path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
        assert "WFH" in text or "WFO" in text
