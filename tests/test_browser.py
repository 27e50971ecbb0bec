"""End to end in a real browser: `streamlit run` on a free port, Debian's Chromium via Playwright.

Never skipped: CI installs Chromium with apt-get (see .ci/run). Without it this test fails and
says how to install it. The screenshot goes to test-artifacts/ for the CI run to keep.
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

from store_builders import build_store

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{server.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer on {base} within {STARTUP_SECONDS} s")


@pytest.fixture()
def dashboard_url(tmp_path):
    store = build_store(tmp_path / "store.db")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=tmp_path, env={**os.environ, "LEADERBOARD_DB": str(store)},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture()
def browser_page():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get update && apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser.new_page(viewport={"width": 1400, "height": 1100})
        finally:
            browser.close()


def _grid_cells(page) -> list[str]:
    """The texts of the dataframe's cells: the grid draws on a canvas and mirrors cells in a table."""
    return [cell.text_content() for cell in page.locator('[data-testid="stDataFrame"] td[role="gridcell"]').all()]


def test_aime_board_in_a_real_browser(dashboard_url, browser_page):
    page = browser_page
    page.goto(dashboard_url)
    search = page.get_by_label("Search boards")
    search.wait_for(timeout=30_000)
    search.fill("AIME")
    search.press("Enter")
    page.get_by_text("AIME 2024 · accuracy ↑", exact=True).wait_for(timeout=30_000)
    page.locator('[data-testid="stDataFrame"] td[role="gridcell"]').first.wait_for(state="attached", timeout=30_000)
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30_000)
    cells = _grid_cells(page)
    assert "43.3 %" in cells
    assert "minimalist R1-Zero recipe" in cells
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-aime-2024.png"), full_page=True)


def test_hostile_abstract_does_nothing_in_a_real_browser(dashboard_url, browser_page):
    page = browser_page
    page.goto(f"{dashboard_url}/?page=Papers&paper=title%3Ahostile")
    page.get_by_text("We attack the page.", exact=False).wait_for(timeout=30_000)
    body = page.locator("body").inner_text()
    assert "<script>window.hacked = 1</script>" in body
    assert "[markdown link](https://evil.example)" in body
    assert page.evaluate("window.hacked") is None
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href="https://evil.example"]').count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-hostile-paper.png"), full_page=True)
