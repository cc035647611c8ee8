"""A real OpenID Connect provider on loopback for browser login tests (oidc-provider-mock).

The provider runs in a thread of the test process and accepts any client id and secret; its
login form asks only for the subject (``sub``) and issues the claims registered for it. Lokal
finds it through an ``[auth]`` secrets file written outside the repository.

Use ``localhost`` everywhere (provider, app, redirect URI, browser): mixing it with 127.0.0.1
makes the browser drop Streamlit's auth cookie on the way back, silently.
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

HOST = "localhost"
# The provider (in a thread of the test process) uses Authlib APIs that Authlib itself deprecates.
WARNING_FILTERS = [pytest.mark.filterwarnings("ignore::DeprecationWarning:authlib"),
                   pytest.mark.filterwarnings("ignore::DeprecationWarning:oidc_provider_mock")]
SUB_FIELD = "input[name=sub]"


@contextlib.contextmanager
def provider(users: Mapping[str, Mapping]) -> Iterator[str]:
    """Run the mock provider with ``users`` (subject → claims); yields its issuer URL."""
    with warnings.catch_warnings():
        # Authlib turns its own deprecation warnings on for good when imported; the provider
        # imports modules Authlib deprecates. Not ours to fix, so quiet them here.
        from authlib.deprecate import AuthlibDeprecationWarning

        warnings.simplefilter("ignore", AuthlibDeprecationWarning)
        from oidc_provider_mock import User, run_server_in_thread

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    claims = [User(sub=sub, claims=dict(c)) for sub, c in users.items()]
    with run_server_in_thread(port=0, user_claims=claims) as server:
        yield f"http://{HOST}:{server.server_port}"


def write_secrets(path: Path, app_url: str, issuer: str) -> Path:
    """The ``[auth]`` section Lokal's ``st.login`` needs, pointing at ``issuer``."""
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "lokal-test"\n'
        'client_secret = "not-checked-by-the-mock"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


def log_in(page, app_url: str, sub: str, *, goto: bool = True) -> None:
    """From Lokal's login screen through the provider's form and back into Lokal."""
    if goto:
        page.goto(app_url)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(re.compile(r"/oauth2/authorize\?"))
    page.fill(SUB_FIELD, sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(re.escape(app_url) + r"/?(\?.*)?$"))


def log_out(page, app_url: str) -> None:
    """Lokal's "Log ud", then the provider's end-session page, back to Lokal."""
    page.locator("[data-testid='stSidebar']").get_by_role("button", name="Log ud").click()
    page.wait_for_url(re.compile(r"/oauth2/end_session\?"))
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(re.compile(re.escape(app_url) + r"/?(\?.*)?$"))
