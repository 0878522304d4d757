"""A real browser: Debian's Chromium driven by Playwright (sync API).

Fixtures:
    chromium_path (session) -- "/usr/bin/chromium"; installs the Debian package `chromium` with apt-get when it
                               is missing (needs root and the Debian mirrors; takes minutes the first time).
    browser (session)       -- a playwright.sync_api.Browser launched from chromium_path, headless.
    page                    -- a playwright.sync_api.Page in a fresh BrowserContext, closed after the test.

Helper:
    save_screenshot(page, name) -> Path  -- writes test-artifacts/<name>.png at the repository root.

An install or launch that fails fails the test (pytest.fail) with the reason; it never skips.
Marker: ``browser`` (registered in pyproject.toml).
"""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALL_TIMEOUT_S = 1800
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _run(command: list[str]) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.fail(f"installing Chromium failed: {' '.join(command)}: {exc}", pytrace=False)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip()[-2000:]
        pytest.fail(f"installing Chromium failed: {' '.join(command)} exited {done.returncode}:\n{tail}",
                    pytrace=False)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of Debian's Chromium, installed with apt-get first if it is missing."""
    if not CHROMIUM.exists():
        if shutil.which("apt-get") is None:
            pytest.fail(f"{CHROMIUM} is missing and apt-get is not available to install it", pytrace=False)
        if os.geteuid() != 0:
            pytest.fail(f"{CHROMIUM} is missing; installing the Debian package `chromium` needs root", pytrace=False)
        _run(["apt-get", "update", "-qq"])
        _run(["apt-get", "install", "-y", "-qq", "chromium"])
        if not CHROMIUM.exists():
            pytest.fail(f"apt-get installed `chromium` but {CHROMIUM} is still missing", pytrace=False)
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def browser(chromium_path):
    """A headless Chromium driven by Playwright for the whole session."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    try:
        playwright = sync_playwright().start()
    except PlaywrightError as exc:
        pytest.fail(f"Playwright did not start: {exc}", pytrace=False)
    try:
        launched = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
    except PlaywrightError as exc:
        playwright.stop()
        pytest.fail(f"Playwright could not launch {chromium_path}: {exc}", pytrace=False)
    try:
        yield launched
    finally:
        launched.close()
        playwright.stop()


@pytest.fixture
def page(browser):
    """A page in a fresh browser context (no cookies or storage shared between tests)."""
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


def save_screenshot(page, name: str) -> Path:
    """Save a full-page PNG screenshot as test-artifacts/<name>.png (name made filesystem-safe)."""
    ARTIFACTS.mkdir(exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "screenshot"
    path = ARTIFACTS / f"{safe}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
