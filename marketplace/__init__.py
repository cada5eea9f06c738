"""The Chongqing industrial-design marketplace: create_app() builds the Flask application."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask

from marketplace.config import config_for

log = logging.getLogger(__name__)

def create_app(env: str | None = None, overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app for an environment (APP_ENV or `env`), with optional config overrides."""
    config_class = config_for(env)
    config_class.validate()
    app = Flask(__name__, instance_path=str(config_class.INSTANCE_DIR))
    app.config.from_object(config_class)
    if overrides:
        app.config.update(overrides)
    _prepare_paths(app)
    _init_logging(app)
    _init_extensions(app)

    from marketplace import (
        access,
        blueprint_registry,
        bootstrap,
        error_pages,
        i18n,
        jobs,
        requestlog,
        security,
        template_helpers,
    )
    from marketplace.ops import instrument

    requestlog.init_app(app)
    instrument.init_app(app)
    i18n.init_app(app)
    access.init_app(app)
    security.init_app(app)
    jobs.init_app(app)
    bootstrap.install()  # the event -> handlers table and the after-commit hook
    from marketplace.services.notifications import mail

    mail.init_app(app)

    error_pages.init_app(app)
    template_helpers.init_app(app)
    blueprint_registry.register_blueprints(app)

    from marketplace.cli import register_cli

    register_cli(app)
    return app


def _prepare_paths(app: Flask) -> None:
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgres://"):  # Heroku-style URLs name the old scheme
        uri = "postgresql://" + uri[len("postgres://") :]
    if uri.startswith("postgresql://"):
        uri = "postgresql+psycopg://" + uri[len("postgresql://") :]
    app.config["SQLALCHEMY_DATABASE_URI"] = uri
    if uri.startswith("sqlite:///"):
        Path(uri[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)


def _init_logging(app: Flask) -> None:
    from marketplace import requestlog

    level = getattr(logging, str(app.config.get("LOG_LEVEL", "INFO")).upper(), logging.INFO)
    requestlog.configure_logging(level, str(app.config.get("LOG_FORMAT", "text")).lower())
    logging.getLogger("marketplace").setLevel(level)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def _init_extensions(app: Flask) -> None:
    from marketplace import models  # noqa: F401  (registers every table)
    from marketplace.database import sqlite_engine_options, tune_sqlite
    from marketplace.extensions import csrf, db, limiter, login_manager, migrate

    is_sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    if is_sqlite:
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = sqlite_engine_options(
            app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {})
        )
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).resolve().parent.parent / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    if is_sqlite:
        with app.app_context():
            tune_sqlite(db.engine)
    if app.config.get("TORCH_THREADS"):
        os.environ.setdefault("OMP_NUM_THREADS", str(app.config["TORCH_THREADS"]))
