"""How long the coordinator's core tasks take with the keyboard only, in headless Chromium.

    python bench/keyboard.py

Starts Lokal on a copy of the small fixture database and does each task the way a keyboard user
would: Tab to the field (counting every Tab), type, Enter or Space, and wait until the page says it
is done. Prints the keys pressed and the seconds from the first key to the confirmation, per task.
The import's file is chosen in the operating system's dialog, which counts as one key here.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lokal import db, fixtures  # noqa: E402
from tests.server import start_server, wait_until_idle  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FOCUSED = """() => { const e = document.activeElement;
  const label = e.getAttribute('aria-label');
  if (label) return label.trim();
  // a button's text after its icon ligature ('upload\\n\\nUpload' → 'Upload')
  return (e.innerText || '').trim().split('\\n').pop().trim(); }"""


class Keys:
    def __init__(self, page):
        self.page, self.count = page, 0

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)
            self.count += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.count += len(text)

    def tab_to(self, name: str, limit: int = 80) -> None:
        """Tab until the focused element is called exactly ``name`` (its label or text)."""
        for _ in range(limit):
            self.press("Tab")
            if self.page.evaluate(FOCUSED) == name:
                return
        raise RuntimeError(f"Tab never reached {name!r}")


def task(page, name: str, steps) -> tuple[str, int, float]:
    keys = Keys(page)
    started = time.perf_counter()
    steps(keys)
    return name, keys.count, time.perf_counter() - started


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "keyboard.duckdb"
    con = db.connect(path)
    fixtures.build_small(con)
    con.close()
    sheet = folder / "fremmoede.csv"
    sheet.write_text("Område;Tilbud;Dato;Fremmøde\nAby;Rygestop forår;15-02-2025;9\nAby;Rygestop forår;22-02-2025;8\n",
                     encoding="utf-8")
    server = start_server(path)
    url = next(server)
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})

        def open_log():
            page.goto(f"{url}/aktivitetslog")
            wait_until_idle(page)
            page.locator("body").focus()

        def log_session(k):
            k.tab_to("Fremmøde")
            k.type("9")
            k.tab_to("Gem fremmøde")
            k.press("Enter")
            page.get_by_text("Gemt: 9 fremmødte").wait_for(timeout=30_000)

        def fix_mistake(k):
            k.tab_to("Fremmøde")
            k.press("Control+a")
            k.type("7")
            k.tab_to("Gem fremmøde")
            k.press("Enter")
            page.get_by_role("button", name="Bekræft og gem").wait_for(timeout=30_000)
            k.tab_to("Bekræft og gem")
            k.press("Enter")
            page.get_by_text("Rettet: 9 → 7").wait_for(timeout=30_000)

        def add_enrolment(k):
            k.tab_to("Hurtig registrering")
            k.press("ArrowRight")  # the tab "Ny post"
            k.press("Enter")
            k.tab_to("Posttype")
            k.type("Tilm")
            k.press("Enter")
            wait_until_idle(page)
            k.tab_to("Aldersgruppe")
            k.type("40")
            k.press("Enter")
            k.tab_to("Køn")
            k.type("mand")
            k.press("Enter")
            k.tab_to("Gem")
            k.press("Enter")
            page.get_by_role("button", name="Bekræft og gem").wait_for(timeout=30_000)
            k.tab_to("Bekræft og gem")
            k.press("Enter")
            page.get_by_text("Gemt (Tilmeldinger nr.").wait_for(timeout=30_000)

        def import_sheet(k):
            k.tab_to("Hurtig registrering")
            k.press("ArrowRight", 4)  # the tab "Import"
            k.press("Enter")
            k.tab_to("Posttype")
            k.type("Afholdte")
            k.press("Enter")
            wait_until_idle(page)
            k.tab_to("Upload")
            with page.expect_file_chooser() as chooser:
                k.press("Enter")
            chooser.value.set_files(str(sheet))  # the operating system's dialog
            page.get_by_text("Klar til import").wait_for(timeout=30_000)
            k.tab_to("Importér alt")
            k.press("Enter")
            page.get_by_text("Importeret").wait_for(timeout=30_000)

        for name, steps in (("Registrér en afholdt gang", log_session), ("Ret en fejl (samme dag)", fix_mistake),
                            ("Tilføj en tilmelding (ny deltager)", add_enrolment),
                            ("Importér et regneark", import_sheet)):
            open_log()
            try:
                results.append(task(page, name, steps))
            except Exception as exc:  # a task that a keyboard cannot finish is a finding, not a crash
                results.append((f"{name} — ikke gennemført: {str(exc).splitlines()[0][:80]}", -1, float("nan")))
        browser.close()
    next(server, None)
    shutil.rmtree(folder, ignore_errors=True)
    print(f"{'Opgave':<40} {'taster':>7} {'sekunder':>9}")
    for name, count, seconds in results:
        print(f"{name:<40} {count:>7} {seconds:>9.1f}")


if __name__ == "__main__":
    main()
