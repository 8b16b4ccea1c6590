"""`mkdocs serve` while editing: a data error is shown, the server keeps running, a fix recovers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from .conftest import MINI, copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float = 60.0, what: str = "condition") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_reports_errors_keeps_running_and_recovers(tmp_path):
    project = copy_project(MINI, tmp_path / "project")
    port = free_port()
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}/"
    glossary = project / "glossary.yaml"
    page_url = base + "glossary/tnf-alpha/"
    try:
        wait_for(lambda: "A cytokine that can weaken" in fetch(page_url), what="first build")
        good = glossary.read_text()
        glossary.write_text(good.replace("definition: >-\n      A cytokine", "defintion: >-\n      A cytokine", 1))
        wait_for(lambda: "unknown key 'defintion'" in log_path.read_text(), what="the error in the terminal")
        log_text = log_path.read_text()
        assert "glossary.yaml:" in log_text and "did you mean 'definition'" in log_text
        assert server.poll() is None, "the server stopped"
        time.sleep(1)
        assert server.poll() is None, "the server stopped"
        glossary.write_text(good.replace("A cytokine that can weaken", "A cytokine that may weaken", 1))
        wait_for(lambda: "A cytokine that may weaken" in fetch(page_url), what="the rebuild after the fix")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "Traceback" not in log_path.read_text()
