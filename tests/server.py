"""Running the app for browser tests: a fresh Streamlit server on a database file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Each pytest-xdist worker (gw0, gw1, …) takes ports from its own range below Linux's ephemeral
# ports (32768+), so two workers never pick the same port before their servers bind it.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
_PORTS = iter(range(20000 + 500 * _WORKER, 20500 + 500 * _WORKER))


def free_port() -> int:
    for port in _PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port left in this worker's range")


def start_server(db_path, *, host: str = "127.0.0.1", port: int | None = None, args: Sequence[str] = (),
                 env: Mapping[str, str] | None = None):
    """Run a fresh Streamlit server on ``db_path``; yields its URL, stops it and checks its log.

    ``host``, ``port``, extra ``streamlit run`` arguments and environment variables are for tests
    that need them (the login test serves on ``localhost`` with its own secrets file).
    """
    port = port or free_port()
    env = {**os.environ, "LOKAL_DB": str(db_path), "LOKAL_DEMO": "0", **(env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", host, *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://{host}:{port}"
    for _ in range(120):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise RuntimeError("Streamlit did not start")
    yield url
    proc.terminate()
    out, _ = proc.communicate(timeout=20)
    assert "Traceback" not in out, out


def wait_until_idle(page) -> None:
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(500)
