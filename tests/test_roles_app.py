"""Roles in the app (issue 5): every role × page through AppTest, login screens and demo mode.

Login itself is Streamlit's (``st.login``); AppTest stands in for the identity provider by
setting ``at.user`` (the claims) and ``at.secrets["auth"]``. The real round trip through an
OpenID Connect provider is in tests/test_browser_login.py.
"""

from __future__ import annotations

import pytest

PAGES = ["oversigt", "kort", "omraade", "rekruttering", "indikatorer", "moede", "tilbudsoversigt", "maal",
         "aktivitetslog", "omraader", "opsaetning", "tilgaengelighed"]
ROLE_TOML = """
[[users]]
email = "admin@aalborg.dk"
role = "admin"

[[users]]
email = "leder@aalborg.dk"
role = "leder"

[[users]]
email = "karen@aalborg.dk"
role = "koordinator"
areas = ["AAL-09", "AAL-10"]

[[groups]]
group = "lokal-byraad"
role = "byraad"
"""
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-secret-not-used",
        "client_id": "lokal", "client_secret": "x",
        "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"}
CLAIMS = {
    "admin": {"email": "admin@aalborg.dk", "name": "Anne Admin"},
    "leder": {"email": "leder@aalborg.dk", "name": "Lone Leder"},
    "koordinator": {"email": "karen@aalborg.dk", "name": "Karen Koordinator"},
    "byraad": {"email": "bo@aalborg.dk", "name": "Bo Byråd", "groups": ["lokal-byraad"]},
}
EXPECTED = {
    "admin": set(PAGES),
    "leder": set(PAGES) - {"aktivitetslog", "omraader", "opsaetning"},
    "koordinator": set(PAGES) - {"omraader", "maal", "opsaetning"},
    "byraad": {"oversigt", "kort", "rekruttering", "indikatorer", "moede", "tilbudsoversigt", "tilgaengelighed"},
}


@pytest.fixture
def roles(tmp_path, monkeypatch):
    path = tmp_path / "roles.toml"
    path.write_text(ROLE_TOML, encoding="utf-8")
    monkeypatch.setenv("LOKAL_ROLES", str(path))
    return path


@pytest.fixture
def login(app, demo_db, roles):
    """An AppTest of the demo data, logged in with these claims."""

    def make(claims: dict | None, params: dict | None = None):
        at = app(demo_db, params)
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": True, **claims} if claims is not None else {"is_logged_in": False}
        return at

    return make


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_every_role_sees_its_pages_and_only_those(login, role):
    at = login(CLAIMS[role]).run()
    assert not at.exception, [e.message for e in at.exception]
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert CLAIMS[role]["name"] in sidebar
    for page in PAGES:
        if page in EXPECTED[role]:
            at.switch_page(f"app_pages/{page}.py").run()
            assert not at.exception, (role, page, [e.message for e in at.exception])
            assert not at.error, (role, page, [e.value for e in at.error])
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(f"app_pages/{page}.py")


def test_council_member_gets_protected_numbers_and_no_downloads(login):
    at = login(CLAIMS["byraad"]).run()
    assert not at.exception
    assert not at.get("download_button"), "no raw exports for byraad"
    at.switch_page("app_pages/kort.py").run()
    assert not at.exception and not at.get("download_button")
    at.switch_page("app_pages/moede.py").run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [] or all("PDF" in label or "PowerPoint" in label for label in labels)  # handouts only


def test_leader_downloads_tables(login):
    at = login(CLAIMS["leder"]).run()
    assert at.get("download_button"), "leaders keep CSV/Excel downloads"


def test_coordinator_records_in_own_areas_only(login):
    at = login(CLAIMS["koordinator"]).run()
    at.switch_page("app_pages/aktivitetslog.py").run()
    assert not at.exception, [e.message for e in at.exception]
    box = at.selectbox(key="_w.omraade.kode")
    assert sorted(box.options) == ["Sulsted", "Vadum"]
    assert "Karen Koordinator" in " ".join(c.value for c in at.caption)
    # The name field is gone: the history records the logged-in user.
    assert not [t for t in at.text_input if t.label == "Dit navn"]


def test_a_deep_link_to_another_area_does_not_open_it_for_a_coordinator(login):
    at = login(CLAIMS["koordinator"], {"omraade": "AAL-01"}).run()
    at.switch_page("app_pages/aktivitetslog.py").run()
    assert not at.exception
    assert at.selectbox(key="_w.omraade.kode").value in ("AAL-09", "AAL-10")


def test_not_logged_in_sees_only_the_login_screen(login):
    at = login(None).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Log ind"]
    assert not at.get("plotly_chart") and not at.dataframe


def test_a_user_without_a_role_is_turned_away_and_audited(app, roles, demo_db, tmp_path):
    import shutil

    path = tmp_path / "demo.duckdb"  # this test writes to the audit log: a copy of the shared demo data
    shutil.copy(demo_db, path)
    at = app(path)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "ukendt@aalborg.dk", "name": "Ukendt"}
    at.run()
    assert not at.exception
    assert "har ikke fået en rolle" in at.warning[0].value
    assert [b.label for b in at.button] == ["Log ud"]
    import duckdb

    from lokal.ui import data

    data._connection.clear()
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("SELECT user_name, table_name FROM audit_log WHERE action = 'denied'").fetchall()
    finally:
        con.close()
    assert ("ukendt@aalborg.dk", "login") in rows


def test_demo_mode_without_login_is_bannered_admin(app, demo_db, monkeypatch):
    monkeypatch.delenv("LOKAL_ROLES", raising=False)
    at = app(demo_db).run()
    assert not at.exception
    assert any("Uden login: alle, der kan åbne siden, har administratorrettigheder" in w.value for w in at.warning)
    at.switch_page("app_pages/omraader.py").run()  # admin page reachable in demo mode
    assert not at.exception


@pytest.mark.parametrize("how", ["env", "file", "rolefile_without_auth"])
def test_require_login_refuses_to_run_without_auth(app, demo_db, tmp_path, monkeypatch, how):
    path = tmp_path / "roles.toml"
    if how == "env":
        monkeypatch.setenv("LOKAL_REQUIRE_LOGIN", "1")
        monkeypatch.setenv("LOKAL_ROLES", str(tmp_path / "none.toml"))
    else:
        path.write_text(("require_login = true\n" if how == "file" else "") + ROLE_TOML, encoding="utf-8")
        monkeypatch.setenv("LOKAL_ROLES", str(path))
    at = app(demo_db).run()
    assert not at.exception
    assert "Lokal kræver login" in at.error[0].value
    assert not at.get("plotly_chart") and not at.button


def test_a_broken_role_file_stops_with_its_message(app, demo_db, tmp_path, monkeypatch):
    path = tmp_path / "roles.toml"
    path.write_text('[[users]]\nemail = "a@k.dk"\nrole = "chef"\n', encoding="utf-8")
    monkeypatch.setenv("LOKAL_ROLES", str(path))
    at = app(demo_db).run()
    assert "rollefilen har en fejl" in at.error[0].value
    assert "»role«" in at.error[0].value


def test_admin_sees_the_roles_from_the_role_file_and_their_unknown_area_codes(app, demo_db, tmp_path, monkeypatch):
    path = tmp_path / "roles.toml"
    path.write_text(ROLE_TOML + '\n[[users]]\nemail = "ny@aalborg.dk"\nrole = "koordinator"\nareas = ["AAL-99"]\n',
                    encoding="utf-8")
    monkeypatch.setenv("LOKAL_ROLES", str(path))
    at = app(demo_db)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, **CLAIMS["admin"]}
    at.run()
    at.switch_page("app_pages/opsaetning.py").run()  # the role file was read into the database at login
    assert not at.exception, [e.message for e in at.exception]
    people = at.dataframe[-1].value
    assert "karen@aalborg.dk" in set(people.iloc[:, 0]) and "lokal-byraad" in set(people.iloc[:, 0])
    assert any("AAL-99" in w.value for w in at.warning)
