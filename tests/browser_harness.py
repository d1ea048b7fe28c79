"""Browser test harness: the app on uvicorn at 127.0.0.1, headless Debian Chromium, and a page that
fails the test on a console error, a script error or any request that leaves the server."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts" / "web"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


def require_browser():
    """Skip the calling test module unless Playwright and a Chromium binary are installed."""
    pytest.importorskip(
        "playwright.sync_api", reason="Playwright for Python is not installed (pip install '.[test]')"
    )
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(request):
    """The service on a free loopback port; a module may set RULES_DIR to serve other rules."""
    import uvicorn

    from delegation.service.api import create_app

    rules = getattr(request.module, "RULES_DIR", None)
    app = create_app(rules)
    uvicorn_server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uvicorn_server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{uvicorn_server.config.port}"
    uvicorn_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, timeout=30_000
        )
        yield chromium
        chromium.close()


class Watched:
    """A page plus what went wrong on it: console errors and warnings, and requests elsewhere."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.problems: list[str] = []
        self.outside: list[str] = []

    def goto(self, path: str):
        self.page.goto(self.base + path, wait_until="load")
        return self.page

    def shot(self, name: str, height: int | None = None, window: bool = False) -> Path:
        """artifacts/web/NAME.png: the whole page, its top `height` pixels, or what the window shows."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        if window:
            self.page.screenshot(path=str(path))
            return path
        clip = None
        if height is not None:
            width = self.page.viewport_size["width"]
            total = self.page.evaluate("document.documentElement.scrollHeight")
            clip = {"x": 0, "y": 0, "width": width, "height": min(height, total)}
        self.page.screenshot(path=str(path), full_page=True, clip=clip)
        return path

    def fits_width(self) -> bool:
        """Nothing sticks out sideways (wide tables scroll inside their own box)."""
        return self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def open_page(browser, base: str, width: int = 1280, height: int = 900):
    """A fresh context whose every request outside base is recorded and aborted."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watched = Watched(page, base)
    allowed = urlsplit(base).netloc

    def guard(route):
        if urlsplit(route.request.url).netloc == allowed:
            route.continue_()
        else:
            watched.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.on(
        "console",
        lambda message: (
            watched.problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda error: watched.problems.append(f"script error: {error}"))
    return context, watched


@pytest.fixture
def web(browser, server):
    context, watched = open_page(browser, server)
    yield watched
    context.close()
    assert not watched.outside, f"requests left the server: {watched.outside}"
    assert not watched.problems, f"console problems: {watched.problems}"
