"""Real-browser tests: build the site once, serve it on 127.0.0.1, drive it with headless Chromium.

Fixtures
--------
site_dir      (session)  the site built with ``mkdocs build --strict`` into a temporary folder
site_url      (session)  ``http://127.0.0.1:<free port>`` serving site_dir (http.server in a thread)
glossary      (session)  the built ``glossary.json``: {term id: term record}
chromium      (session)  Debian's /usr/bin/chromium, launched headless through Playwright
open_page     (function) factory: ``open_page(path, **context_options) -> Probe`` opens a page in a fresh
                         browser context that records every request and every console error
Every request that does not go to 127.0.0.1 is recorded and then aborted, so no test can reach the
network even if the site tries to.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
VENDOR = REPO / "tests" / "vendor"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    # Belt and braces: Chromium cannot resolve any host but the local one.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
LOCAL_HOSTS = {"127.0.0.1"}
# Schemes that never touch the network.
OFFLINE_SCHEMES = {"data", "blob", "about", "javascript"}

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in OFFLINE_SCHEMES:
        return True
    return parts.hostname in LOCAL_HOSTS


# --------------------------------------------------------------------------------------------- site


@pytest.fixture(scope="session")
def _server(tmp_path_factory):
    """The folder the site is built into, already served (so its address is known before the build)."""
    out = tmp_path_factory.mktemp("site")
    with serve_directory(out) as url:
        yield out, url


@pytest.fixture(scope="session")
def site_dir(_server) -> Path:
    out, url = _server
    mkdocs = Path(sys.executable).with_name("mkdocs")
    cmd = [str(mkdocs) if mkdocs.exists() else "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    # Built for the address it is served from, as a published site is: Material's instant navigation
    # opens without reloading only the pages listed in sitemap.xml, which holds site_url's port.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url + "/"}
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    assert (out / "index.html").is_file(), "mkdocs build wrote no index.html"
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The browser dropping a connection (a page reloaded while the search index downloads) is
        # not a fault of the site: printed, it looked like one in the test log.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(directory: Path):
    """``http://127.0.0.1:<free port>`` serving ``directory`` (http.server in a thread)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_url(_server, site_dir):
    return _server[1]


@pytest.fixture(scope="session")
def glossary(site_dir) -> dict[str, dict]:
    terms = json.loads((site_dir / "glossary.json").read_text(encoding="utf-8"))
    return {t["id"]: t for t in terms}


# ------------------------------------------------------------------------------------------ browser


@pytest.fixture(scope="session")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    if not (Path(CHROMIUM).is_file() and shutil.which(CHROMIUM)):
        if os.environ.get("IRSITE_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} not found (apt-get install chromium)", pytrace=False)
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    pw = sync_api.sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        pw.stop()
        raise
    try:
        yield browser
    finally:
        browser.close()
        pw.stop()


@dataclass
class Probe:
    """A page in its own browser context, with what it asked the network for and what it logged."""

    page: object
    context: object
    base: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def goto(self, path: str, wait: str = "networkidle"):
        response = self.page.goto(self.base + path, wait_until=wait)
        assert response is not None and response.ok, f"GET {path} -> {response and response.status}"
        return response

    @property
    def external_requests(self) -> list[str]:
        return [u for u in self.requests if not is_local(u)]

    def url_path(self) -> str:
        return urlsplit(self.page.url).path


def _attach(page, probe: Probe) -> None:
    def on_console(msg):
        if msg.type == "error":
            loc = msg.location or {}
            probe.console_errors.append(f"console.error: {msg.text} ({loc.get('url', '')}:{loc.get('lineNumber', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: probe.console_errors.append(f"uncaught exception: {exc}"))


def _probe_factory(browser, base: str, contexts: list):
    def _open(path: str | None = None, **options) -> Probe:
        options.setdefault("viewport", DESKTOP)
        options.setdefault("service_workers", "block")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        probe = Probe(page=page, context=context, base=base)
        context.on("request", lambda req: probe.requests.append(req.url))

        def guard(route):
            if is_local(route.request.url):
                route.continue_()
            else:
                route.abort("blockedbyclient")

        context.route("**/*", guard)
        _attach(page, probe)
        context.on("page", lambda p: _attach(p, probe) if p is not page else None)
        if path is not None:
            probe.goto(path)
        return probe

    return _open


def _close_all(contexts: list) -> None:
    for context in contexts:
        try:
            context.close()
        except Exception:
            pass


@pytest.fixture
def open_page(chromium, site_url):
    """open_page(path=None, **context_options) -> Probe.

    Each call makes a new context (fresh storage, so the colour palette follows the system setting),
    records every request made by any of its pages and workers, aborts those that would leave
    127.0.0.1, and records console errors and uncaught exceptions.
    """
    contexts: list = []
    yield _probe_factory(chromium, site_url, contexts)
    _close_all(contexts)


@pytest.fixture(scope="module")
def open_page_for_module(chromium, site_url):
    """Like open_page, but its pages live until the end of the test module (to share one page)."""
    contexts: list = []
    yield _probe_factory(chromium, site_url, contexts)
    _close_all(contexts)
