"""Shared fixtures: a migrated, catalogue-loaded database per test, clients and accounts."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask.testing import FlaskClient

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HUEY_IMMEDIATE", "1")  # jobs run in-process; nothing under instance/

from marketplace import create_app

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session", autouse=True)
def _one_encoding_per_text(tmp_path_factory):
    """The real model encodes each distinct text once per run, whichever worker or subprocess
    asks first (subprocesses through VECTOR_CACHE_PATH, the product's vector cache)."""
    from tests.encoding_memo import EncodingMemo

    base = tmp_path_factory.getbasetemp()
    folder = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    memo = EncodingMemo(folder / "model-encodings.sqlite")
    memo.install()
    before = os.environ.get("VECTOR_CACHE_PATH")
    os.environ["VECTOR_CACHE_PATH"] = str(memo.path)  # subprocesses (CLI, gunicorn) share it
    yield memo
    memo.uninstall()
    if before is None:
        os.environ.pop("VECTOR_CACHE_PATH", None)
    else:
        os.environ["VECTOR_CACHE_PATH"] = before


class EnglishClient(FlaskClient):
    """A test client whose requests ask for English unless a test sends its own Accept-Language.

    Most tests check English wording; the Chinese default is tested explicitly (with
    a client without the header, or headers={"Accept-Language": "zh-CN"}) in tests/functional/i18n/.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.environ_base.setdefault("HTTP_ACCEPT_LANGUAGE", "en")


def make_app(tmp_path: Path, db_file: Path, **overrides):
    """A testing app on its own SQLite file, search index and upload folder."""
    config = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}",
        "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "WTF_CSRF_ENABLED": False,
    }
    config.update(overrides)
    application = create_app("testing", config)
    application.test_client_class = EnglishClient
    return application


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """A database built once by the real migrations and loaded with the bundled catalogue."""
    from flask_migrate import upgrade

    from marketplace.extensions import db
    from marketplace.services.catalog import scenario_catalogue

    folder = tmp_path_factory.mktemp("template")
    db_file = folder / "template.db"
    app = make_app(folder, db_file)
    with app.app_context():
        upgrade()
        scenario_catalogue.load_bundled_catalogue()
        db.session.remove()
        db.engine.dispose()
    with sqlite3.connect(db_file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    return db_file


@pytest.fixture
def app(tmp_path, template_db):
    """A fresh app on a copy of the template database (CSRF off; see csrf_app)."""
    db_file = tmp_path / "test.db"
    shutil.copy(template_db, db_file)
    application = make_app(tmp_path, db_file)
    yield application
    _dispose(application)


@pytest.fixture
def csrf_app(tmp_path, template_db):
    """Like `app`, with CSRF protection on as in production."""
    db_file = tmp_path / "test.db"
    shutil.copy(template_db, db_file)
    application = make_app(tmp_path, db_file, WTF_CSRF_ENABLED=True)
    yield application
    _dispose(application)


def _dispose(application) -> None:
    from marketplace.extensions import db

    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    """A test client for `app`."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for `app`."""
    return app.test_cli_runner()


@dataclass
class Account:
    """A test account and the credentials to log in with."""

    id: int
    email: str
    password: str
    role: str
    studio_id: int | None = None

    @property
    def actor(self):
        """The policies.Actor this account acts as (what every write service takes)."""
        from marketplace.policies.actor import Actor

        return Actor(user_id=self.id, role=str(self.role), studio_id=self.studio_id)


@pytest.fixture
def make_account(app):
    """Create an account through the real service: make_account('studio', email=..., name=...)."""
    from marketplace.services.accounts import accounts

    counter = {"n": 0}

    def _make(role: str = "studio", email: str | None = None, name: str | None = None) -> Account:
        counter["n"] += 1
        email = email or f"{role}{counter['n']}@example.com"
        name = name or f"{role.title()} Org {counter['n']}"
        with app.app_context():
            if role == "staff":
                user = accounts.create_staff(email, PASSWORD, name)
            else:
                user = accounts.register(role, name, email, PASSWORD)
            return Account(user.id, user.email, PASSWORD, user.role, user.studio_id)

    return _make


def login(client, account: Account):
    """Log a test client in through the real login form."""
    response = client.post(
        "/login", data={"email": account.email, "password": account.password}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


@pytest.fixture
def studio_client(app, make_account):
    """A client logged in as a freshly registered studio; `.account` holds its Account."""
    account = make_account("studio")
    c = app.test_client()
    login(c, account)
    c.account = account
    return c


@pytest.fixture
def manufacturer_client(app, make_account):
    """A client logged in as a freshly registered manufacturer."""
    account = make_account("manufacturer")
    c = app.test_client()
    login(c, account)
    c.account = account
    return c


@pytest.fixture
def staff_client(app, make_account):
    """A client logged in as commission staff."""
    account = make_account("staff")
    c = app.test_client()
    login(c, account)
    c.account = account
    return c


def csrf_token_from(html: str) -> str:
    """The CSRF token embedded in a rendered form."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no csrf_token in page"
    return match.group(1)


# Slow tests by where they live: a browser, PostgreSQL, several processes or the real model.
SLOW_PATHS = (
    "tests/e2e/",
    "tests/integration/postgres/",
    "tests/integration/matching/",
    "tests/integration/jobs/test_consumer.py",
    "tests/integration/jobs/test_supervised_consumer.py",
    "tests/integration/search/test_search_two_workers.py",
    "tests/integration/test_sqlite_concurrency.py",
    "tests/integration/bids/",  # threads racing the deadline; the Hypothesis state machine
    "tests/unit/search_index/test_search_concurrency.py",
    "tests/functional/matching/test_matching_robustness.py",
)


def pytest_collection_modifyitems(config, items):
    """Mark slow tests (`make test-fast` skips them; `make test` and CI run everything)."""
    root = Path(str(config.rootpath))
    for item in items:
        path = Path(str(item.path)).relative_to(root).as_posix()
        if path.startswith(SLOW_PATHS):
            item.add_marker(pytest.mark.slow)
        if path.startswith("tests/e2e/"):
            item.add_marker(pytest.mark.e2e)
