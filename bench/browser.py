"""Browser check (issue 7): how long the Kort page takes to draw in headless Chromium.

    python bench/browser.py --db /tmp/national.duckdb [--port 8640] [--shots /tmp]

Starts its own Streamlit server on the database (and stops it by its process id), opens the
Kort page and times from navigation until the map holds coloured pixels (the areas are drawn),
after one other page (so Streamlit's own scripts are in the browser's cache, as for anyone who
has used Lokal before) on a cold server cache, then again (cached on the data version): the quick
map (SVG, the default) and the map with zoom (deck.gl, ``?visning=zoom``). It also times the Oversigt
page until Streamlit is idle and saves screenshots of both pages.
Uses Debian's Chromium (never ``playwright install``).
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def coloured(png: bytes) -> int:
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB").resize((200, 140))).astype(int)
    return int(((rgb.max(axis=2) - rgb.min(axis=2)) > 40).sum())


def idle(page, timeout=120_000) -> None:
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)


def time_kort(page, url: str, view: str = "hurtig") -> float:
    started = time.perf_counter()
    page.goto(f"{url}/kort?visning={view}")
    canvas = page.locator("svg.lokal-kort" if view == "hurtig" else "#deckgl-overlay, canvas").first
    canvas.wait_for(timeout=120_000)
    while coloured(canvas.screenshot()) <= 500:
        if time.perf_counter() - started > 90:
            page.screenshot(path="/tmp/kort_timeout.png", full_page=True)
            raise RuntimeError("the map did not draw within 90 s (screenshot: /tmp/kort_timeout.png)")
        page.wait_for_timeout(50)
    return time.perf_counter() - started


def main(argv=None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, default=8640)
    parser.add_argument("--shots", default="/tmp")
    args = parser.parse_args(argv)
    env = {**os.environ, "LOKAL_DB": args.db, "LOKAL_DEMO": "0"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(args.port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(240):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            # A fresh browser and server: Streamlit's own scripts load and the server imports the app.
            started = time.perf_counter()
            page.goto(f"{url}/indikatorer")
            idle(page)
            print(f"First page of a fresh browser on a fresh server (Indikatorer) idle after "
                  f"{time.perf_counter() - started:.2f} s")
            for view, name in (("hurtig", "quick map (SVG)"), ("zoom", "map with zoom (deck.gl)")):
                cold = time_kort(page, url, view)
                page.wait_for_timeout(1500)
                page.screenshot(path=f"{args.shots}/kort_{view}.png", full_page=True)
                warm = [time_kort(page, url, view) for _ in range(5)]
                print(f"Kort, {name}, draws in {cold:.2f} s (first visit), {np.median(warm):.2f} s median "
                      f"again ({', '.join(f'{w:.2f}' for w in warm)})")
            started = time.perf_counter()
            page.goto(url)
            idle(page)
            print(f"Oversigt idle after {time.perf_counter() - started:.2f} s (first visit of this page)")
            page.wait_for_timeout(1000)
            page.screenshot(path=f"{args.shots}/oversigt.png", full_page=True)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
