"""Login: Streamlit's OpenID Connect (``st.login``) and the role file give the user of this session.

* Login is configured in ``.streamlit/secrets.toml`` under ``[auth]`` (see the README for
  Microsoft Entra ID). Who gets which role is in the role file (``$LOKAL_ROLES`` or
  ``.streamlit/roles.toml``, see :mod:`lokal.access`).
* With neither login nor a role file, Lokal runs in a bannered local demo mode where everyone
  is admin. ``require_login = true`` in the role file, or ``LOKAL_REQUIRE_LOGIN=1``, makes it
  refuse to run without login instead; so does a role file without login (someone meant to
  set up roles, and running open would hand out admin).
"""

from __future__ import annotations

import os

import streamlit as st

from lokal import access, db
from lokal import roles as lokal_roles
from lokal.ui import data
from lokal.ui.state import t

REQUIRE_ENV = "LOKAL_REQUIRE_LOGIN"


def _auth_section() -> dict | None:
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets file at all, or one that does not parse
        return None
    return dict(section) if section else None


def login_configured() -> bool:
    """Whether ``[auth]`` in secrets.toml has what ``st.login`` needs."""
    section = _auth_section()
    return bool(section) and bool(section.get("redirect_uri")) and bool(section.get("cookie_secret"))


def _provider() -> str | None:
    """The provider to log in with: None for a flat ``[auth]``, else the first ``[auth.<name>]``."""
    section = _auth_section() or {}
    if "client_id" in section:
        return None
    names = [k for k, v in section.items() if isinstance(v, dict)]
    return names[0] if names else None


@st.cache_data(show_spinner=False)
def _roles(path: str, mtime: float) -> access.RoleFile | None:
    return access.load_roles(path)


def role_file() -> access.RoleFile | None:
    path = access.roles_path()
    return _roles(str(path), path.stat().st_mtime) if path.exists() else None


def _refuse(message: str) -> None:
    st.title("Lokal")
    st.error(message)
    st.stop()


def current_user() -> access.User:
    """The user of this run. Draws the login screen (and stops the run) when someone must log in."""
    try:
        roles = role_file()
    except access.RoleFileError as exc:
        _refuse(t("Lokal kan ikke starte: rollefilen har en fejl.") + f" {exc}")
    required = os.environ.get(REQUIRE_ENV, "") in ("1", "true", "ja") or bool(roles and roles.require_login)
    if not login_configured():
        if required or roles is not None:
            _refuse(t("Lokal kræver login, men login er ikke sat op (afsnittet [auth] i .streamlit/secrets.toml). "
                      "Kontakt den, der driver Lokal."))
        return access.DEMO_USER
    if not st.user.get("is_logged_in", False):
        _login_screen()
    data.ensure_database()
    if roles is not None:
        _seed(roles)
    user = data.fetch(lokal_roles.book).resolve(st.user.to_dict())
    if user is None:
        _no_role_screen()
    return user


_SEEDED: set[tuple[str, str, float]] = set()


def _seed(roles: access.RoleFile) -> None:
    """Add the role file's new entries to the database, once per file version and process."""
    path = access.roles_path()
    key = (str(db.db_path().resolve()), str(path.resolve()), path.stat().st_mtime)
    if key in _SEEDED:
        return
    cur = data.connection().cursor()
    try:
        lokal_roles.seed_from_file(cur, roles)
    finally:
        cur.close()
    _SEEDED.add(key)


def _login_screen() -> None:
    st.title("Lokal")
    st.write(t("Lokale sundhedsindsatser: tilbud, samarbejder og viden i kommunens områder."))
    provider = _provider()
    st.button(t("Log ind"), type="primary", icon=":material/login:", on_click=st.login,
              args=(provider,) if provider else ())
    st.caption(t("Du logger ind med din kommunale konto."))
    st.stop()


def _no_role_screen() -> None:
    who = st.user.get("email") or st.user.get("name") or st.user.get("sub")
    st.title("Lokal")
    st.warning(t("Du er logget ind som {who}, men har ikke fået en rolle i Lokal. Kontakt administratoren.")
               .format(who=who))
    if not st.session_state.get("auth.no_role_logged"):
        cur = data.connection().cursor()
        try:
            access.record_denial(cur, str(who), "login", None, "ingen rolle i rollefilen")
        finally:
            cur.close()
        st.session_state["auth.no_role_logged"] = True
    st.button(t("Log ud"), on_click=st.logout)
    st.stop()


def sidebar(user: access.User) -> None:
    """Who is logged in (and a log-out button), or the demo-mode banner."""
    if user is access.DEMO_USER:
        st.warning(t("Uden login: alle, der kan åbne siden, har administratorrettigheder. Sæt login op (README, "
                     "»Login og roller«), før andre end administratoren får adressen."), icon=":material/lock_open:")
        return
    sb = st.sidebar
    areas = "" if user.areas is None else " · " + ", ".join(sorted(user.areas))
    sb.caption(f"{user.name} · {t(user.role_name)}{areas}")
    sb.button(t("Log ud"), on_click=st.logout, type="tertiary", icon=":material/logout:")


PAGES = ("oversigt", "kort", "omraade", "rekruttering", "indikatorer", "moede", "tilbudsoversigt", "aktivitetslog",
         "omraader", "maal", "opsaetning", "tilgaengelighed")  # tilbudsoversigt: every role (no person data)
# What a page needs beyond aggregated figures (lokal.access says which roles have it).
_PAGE_NEEDS = {"omraade": access.DETAILS, "aktivitetslog": access.RECORD, "maal": access.TARGETS,
               "omraader": access.ADMIN, "opsaetning": access.ADMIN}


def pages_for(user: access.User) -> set[str]:
    """The url paths of the pages this role has (the data layer enforces the same rules again)."""
    return {p for p in PAGES if p not in _PAGE_NEEDS or access.can(user, _PAGE_NEEDS[p])}

