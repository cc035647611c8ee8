"""The activity log in headless Chromium: import a coordinator's CSV file and download a template."""

from __future__ import annotations

import shutil

import pytest

from tests.server import start_server, wait_until_idle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(small_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("browser-log") / "log.duckdb"
    shutil.copy(small_db, path)
    yield from start_server(path)


def test_coordinator_imports_a_csv_file_and_downloads_a_template(server, page, tmp_path):
    page.goto(f"{server}/aktivitetslog")
    wait_until_idle(page)
    page.get_by_role("tab", name="Import").click()
    page.get_by_role("tabpanel", name="Import").get_by_label("Posttype").click()
    page.get_by_role("option", name="Afholdte gange med fremmøde").click()
    wait_until_idle(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="Skabelon (CSV)").click()
    template = tmp_path / "skabelon.csv"
    download.value.save_as(template)
    assert template.read_bytes().decode("utf-8-sig").splitlines()[0] == "Område;Tilbud;Dato;Fremmøde;Note"

    sheet = tmp_path / "fremmoede.csv"
    sheet.write_text("Område;Tilbud;Dato;Fremmøde\nAby;Rygestop forår;15-02-2025;9\nAby;Rygestop forår;"
                     "22-02-2025;8\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(sheet))
    page.get_by_text("Klar til import: 2 nye").wait_for(timeout=30_000)
    page.get_by_role("button", name="Importér alt").click()
    page.get_by_text("Importeret: 2 nye").wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
