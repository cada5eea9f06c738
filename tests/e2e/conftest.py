"""End-to-end fixtures: the real app on a live local server, driven by headless Chromium."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import make_app

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(items):
    """Every test under tests/e2e carries the e2e marker (`-m "not e2e"` skips them)."""
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Chromium for the session; skipped where the machine has none."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make setup-dev installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


class LiveServer:
    """The app served by Werkzeug on a free local port, in a background thread."""

    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> LiveServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)


@pytest.fixture
def live_server(tmp_path, template_db) -> Iterator[LiveServer]:
    """A fresh database copy served with CSRF on, exactly as a browser meets the site."""
    db_file = tmp_path / "e2e.db"
    shutil.copy(template_db, db_file)
    app = make_app(tmp_path, db_file, WTF_CSRF_ENABLED=True)
    server = LiveServer(app).start()
    yield server
    server.stop()
    from marketplace.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def page(chromium_browser, live_server):
    """A new browser tab (own cookies) pointed at the live server; fails on any page error."""
    context = chromium_browser.new_context(base_url=live_server.url, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
