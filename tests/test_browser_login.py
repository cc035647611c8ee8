"""Login through a real OpenID Connect provider on loopback, in headless Chromium (issue 5).

The provider is oidc-provider-mock (tests/oidc.py); Lokal runs as in production, with an
``[auth]`` secrets file (outside the repository) and a role file, on a copy of the demo data.
A coordinator logs in, sees only her areas and records attendance under her own name; a
council member logs in through a group, gets the protected pages only, and logs out.
AppTest covers every role × page without a browser (tests/test_roles_app.py).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests import oidc
from tests.server import free_port, start_server, wait_until_idle
from tests.test_roles_app import ROLE_TOML as ROLES  # Karen: koordinator in AAL-09/10; group lokal-byraad

pytestmark = [pytest.mark.browser, *oidc.WARNING_FILTERS]

SHOTS = Path("/tmp/shots")
VIEWPORT = {"width": 1440, "height": 1800}
KAREN = {"email": "karen@aalborg.dk", "name": "Karen Koordinator"}
BO = {"email": "bo@aalborg.dk", "name": "Bo Byråd", "groups": ["lokal-byraad"]}
LONE = {"email": "leder@aalborg.dk", "name": "Lone Leder"}


@dataclass
class Lokal:
    url: str
    db: Path
    stop: Callable[[], object]  # stops the app early (the last test reads the database file)
    saved: bool = False  # whether the coordinator saved attendance (checked in the database at the end)


@pytest.fixture(scope="module")
def lokal(demo_db, tmp_path_factory):
    """The provider and Lokal (login configured, role file, a copy of the demo data), started once."""
    tmp = tmp_path_factory.mktemp("login")
    db = tmp / "lokal.duckdb"
    shutil.copy(demo_db, db)
    roles = tmp / "roles.toml"
    roles.write_text(ROLES, encoding="utf-8")
    port = free_port()
    url = f"http://{oidc.HOST}:{port}"
    with oidc.provider({KAREN["email"]: KAREN, BO["email"]: BO, LONE["email"]: LONE}) as issuer:
        secrets = oidc.write_secrets(tmp / "secrets.toml", url, issuer)
        server = start_server(db, host=oidc.HOST, port=port, args=["--secrets.files", str(secrets)],
                              env={"LOKAL_ROLES": str(roles)})
        assert next(server) == url
        yield Lokal(url, db, stop=lambda: next(server, None))
        next(server, None)  # stops the app and checks its log for tracebacks


@pytest.fixture
def context(browser):
    """A fresh browser context (no cookies from another user) with a tall viewport for screenshots."""
    ctx = browser.new_context(viewport=VIEWPORT)
    yield ctx
    ctx.close()


def _nav(page) -> list[str]:
    links = page.locator("[data-testid='stSidebarNav'] [data-testid='stSidebarNavLink']")
    return [s.strip().splitlines()[-1] for s in links.all_inner_texts()]  # the icon's name comes first


def _no_errors(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentError']").count() == 0


def _shot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside stMain, so the viewport grows to its height for the shot."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({**VIEWPORT, "height": max(VIEWPORT["height"], height)})
    page.wait_for_timeout(800)  # charts lay themselves out again
    page.screenshot(path=str(SHOTS / name), full_page=True)
    page.set_viewport_size(VIEWPORT)


def _login_screen(page) -> None:
    page.get_by_role("button", name="Log ind").wait_for(timeout=30_000)
    assert page.locator("[data-testid='stSidebarNav']").count() == 0


def test_coordinator_logs_in_and_records_attendance_in_her_own_areas(lokal, context):
    page = context.new_page()
    page.goto(lokal.url)
    _login_screen(page)

    oidc.log_in(page, lokal.url, KAREN["email"], goto=False)
    wait_until_idle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Karen Koordinator · Koordinator").wait_for(timeout=30_000)
    nav = _nav(page)
    assert "Aktivitetslog" in nav and "Oversigt" in nav
    assert "Områder" not in nav

    sidebar.get_by_role("link", name="Aktivitetslog").click()
    page.get_by_role("heading", name="Aktivitetslog").wait_for()
    wait_until_idle(page)
    main = page.locator("[data-testid='stMain']")
    main.get_by_label("Område", exact=True).click()
    areas = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    assert sorted(a.strip() for a in areas) == ["Sulsted", "Vadum"]
    assert "Dine ændringer står i historikken som Karen Koordinator" in main.inner_text()

    quick = page.get_by_role("tabpanel", name="Hurtig registrering")
    quick.get_by_label("Fremmøde").fill("9")
    quick.get_by_label("Fremmøde").press("Tab")
    quick.get_by_role("button", name="Gem fremmøde").click()
    saved = quick.get_by_text(re.compile(r"^(Gemt|Rettet): 9 fremmødte"))
    saved.wait_for(timeout=30_000)
    lokal.saved = True
    wait_until_idle(page)
    _no_errors(page)
    _shot(page, "coordinator_aktivitetslog.png")
    # The history shows the change at once (also the first write after the server started) under her login.
    page.get_by_role("tab", name="Historik").click()
    cell = page.locator("[data-testid='stDataFrame'] td", has_text="karen@aalborg.dk").first
    cell.wait_for(state="attached", timeout=30_000)


def test_council_member_sees_protected_pages_only_and_logs_out(lokal, context):
    page = context.new_page()
    oidc.log_in(page, lokal.url, BO["email"])
    wait_until_idle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Bo Byråd · Byrådsmedlem").wait_for(timeout=30_000)
    assert _nav(page) == ["Oversigt", "Kort", "Rekruttering", "Indikatorer", "Møde", "Tilbudsoversigt"]
    assert page.locator("h1").first.inner_text() == "Oversigt"
    _no_errors(page)
    assert page.get_by_role("button", name="Hent CSV").count() == 0
    assert page.get_by_role("button", name="Hent Excel").count() == 0
    page.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for()
    _shot(page, "council_oversigt.png")

    sidebar.get_by_role("link", name="Møde").click()
    page.get_by_role("heading", name="Møde").first.wait_for()
    wait_until_idle(page)
    assert page.locator("h1").first.inner_text() == "Møde"
    _no_errors(page)

    # A typed address is no way in: the page is not among the council member's pages.
    page.goto(f"{lokal.url}/aktivitetslog")
    wait_until_idle(page)
    dialog = page.get_by_role("dialog")
    assert "Siden findes ikke" in dialog.inner_text()  # Streamlit's dialog, in Danish (lokal.ui.chrome)
    assert "does not seem to exist" not in dialog.inner_text()
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert page.locator("h1").first.inner_text() == "Oversigt"
    assert page.get_by_text("Hurtig registrering").count() == 0
    assert page.get_by_role("button", name="Gem fremmøde").count() == 0

    oidc.log_out(page, lokal.url)
    _login_screen(page)
    assert page.get_by_text("Bo Byråd").count() == 0


def test_a_leader_approves_the_waiting_quarter_and_the_council_then_sees_it(lokal, browser):
    """Issue 17: the demo leaves its last quarter unapproved; the council sees that it waits, a
    leader approves it on Møde (after seeing what the approval holds), and the council sees it."""
    waiting = "2026K3"
    council = browser.new_context(viewport=VIEWPORT)
    page = council.new_page()
    oidc.log_in(page, lokal.url, BO["email"])
    wait_until_idle(page)
    page.goto(f"{lokal.url}/moede?periode={waiting}")
    page.get_by_text("er ikke godkendt endnu").first.wait_for(timeout=60_000)
    assert page.get_by_role("button", name="Hent PDF").count() == 0  # no figures, no handout
    assert page.get_by_role("button", name="Godkend", exact=True).count() == 0
    _shot(page, "council_moede_waiting.png")

    leader = browser.new_context(viewport=VIEWPORT)
    lp = leader.new_page()
    oidc.log_in(lp, lokal.url, LONE["email"])
    wait_until_idle(lp)
    lp.goto(f"{lokal.url}/moede?periode={waiting}")
    lp.get_by_text("Udkast – ikke godkendt").first.wait_for(timeout=60_000)
    lp.get_by_role("button", name="Godkend", exact=True).click()
    box = lp.get_by_text("dette ændres, når du bekræfter").first
    box.wait_for(timeout=60_000)
    lp.get_by_text(re.compile(r"tal for Hele kommunen i 2026K3, beskyttet som byrådet ser dem")).wait_for()
    lp.get_by_role("button", name="Bekræft", exact=True).click()
    lp.get_by_text("Hele kommunen er godkendt for 2026K3.").wait_for(timeout=60_000)
    _shot(lp, "leader_moede_approved.png")
    leader.close()

    page.goto(f"{lokal.url}/moede?periode={waiting}")
    today = date.today().strftime("%d-%m-%Y")
    page.get_by_text(f"Godkendt {today} af Lone Leder").first.wait_for(timeout=60_000)
    assert page.get_by_text("er ikke godkendt endnu").count() == 0
    page.get_by_role("button", name="Hent PDF").wait_for(timeout=60_000)  # the figures and their handout
    wait_until_idle(page)
    assert page.get_by_text("Godkendelse", exact=True).count() == 0  # the panel is the leaders'
    _no_errors(page)
    _shot(page, "council_moede_approved.png")
    council.close()


def test_the_audit_log_in_the_database_names_the_logged_in_coordinator(lokal, browser_name):
    """Last in this file: stops the app (it holds the database file) and reads the file itself.

    ``browser_name`` gives this test the same browser parameter as the others, so pytest keeps it
    after them (it regroups tests by session-scoped parameters).
    """
    if not lokal.saved:
        pytest.skip("the coordinator test did not save anything")
    lokal.stop()
    con = duckdb.connect(str(lokal.db), read_only=True)
    try:
        last = con.execute("SELECT user_name, action, after_json FROM audit_log WHERE table_name = 'sessions' "
                           "ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        con.close()
    assert last is not None and last[0] == "karen@aalborg.dk", last
    assert last[1] in ("insert", "update") and json.loads(last[2])["attendance"] == 9, last
