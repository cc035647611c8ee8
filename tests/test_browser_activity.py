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
    assert template.read_bytes().decode("utf-8-sig").splitlines()[0] == "Område;Tilbud;Dato;Fremmøde;Note;Tidspunkt"

    sheet = tmp_path / "fremmoede.csv"
    sheet.write_text("Område;Tilbud;Dato;Fremmøde\nAby;Rygestop forår;15-02-2025;9\nAby;Rygestop forår;"
                     "22-02-2025;8\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(sheet))
    page.get_by_text("Klar til import: 2 nye").wait_for(timeout=30_000)
    page.get_by_role("button", name="Importér alt").click()
    page.get_by_text("Importeret: 2 nye").wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


def test_quick_entry_asks_before_it_corrects_a_logged_session(server, page):
    page.goto(f"{server}/aktivitetslog")
    wait_until_idle(page)
    quick = page.get_by_role("tabpanel", name="Hurtig registrering")
    quick.get_by_label("Fremmøde").fill("9")
    quick.get_by_role("button", name="Gem fremmøde").click()
    page.get_by_text("Gemt: 9 fremmødte").wait_for(timeout=30_000)
    quick.get_by_label("Fremmøde").fill("7")
    quick.get_by_role("button", name="Gem fremmøde").click()
    page.get_by_text("Der er allerede registreret 9 fremmødte den dag. Vil du rette det?").wait_for(timeout=30_000)
    page.get_by_text("Fremmøde: 9 → 7").wait_for()
    page.get_by_role("button", name="Bekræft og gem").click()
    page.get_by_text("Rettet: 9 → 7 fremmødte").wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


def test_a_new_enrolment_finds_a_participant_and_offers_the_next_pseudonym(server, page, tmp_path):
    page.goto(f"{server}/aktivitetslog")
    wait_until_idle(page)
    page.get_by_role("tab", name="Ny post").click()
    panel = page.get_by_role("tabpanel", name="Ny post")
    panel.get_by_label("Posttype").click()
    page.get_by_role("option", name="Tilmeldinger").click()
    wait_until_idle(page)
    assert panel.get_by_role("textbox", name="Deltager *").input_value() == "P000007"  # after the fixture's P1 … P6
    panel.get_by_text("Find en deltager (pseudonym)").click()
    panel.get_by_role("textbox", name="Søg efter pseudonym").fill("P4")
    panel.get_by_role("textbox", name="Søg efter pseudonym").press("Enter")
    # The grid draws on a canvas: read the found participant back through the table's CSV download.
    with page.expect_download() as download:
        panel.get_by_role("button", name="Hent CSV").first.click()
    found = tmp_path / "deltagere.csv"
    download.value.save_as(found)
    lines = found.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[1].split(";")[:4] == ["P4", "61-74", "mand", "Bby"], lines
    assert page.locator("[data-testid='stException']").count() == 0
