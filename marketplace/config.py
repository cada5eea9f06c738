"""Configuration classes; every state path comes from the environment."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"
DEV_SECRET_KEY = "dev-only-insecure-key"
SECRET_MIN_DISTINCT = 10  # token_hex(32) has 16; "aaaa…" or "abab…" is refused


class ConfigError(RuntimeError):
    """Raised when the app is started with an unsafe or incomplete configuration."""


def _instance_dir() -> Path:
    return Path(os.environ.get("INSTANCE_DIR", DEFAULT_INSTANCE)).resolve()


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from exc


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    INSTANCE_DIR = _instance_dir()
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'marketplace.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR", str(INSTANCE_DIR / "search_index"))
    # "whoosh": an index folder per host; "postgres": full text in the shared database
    SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "whoosh").strip().lower()
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    SEARCH_WRITER_TIMEOUT = float(os.environ.get("SEARCH_WRITER_TIMEOUT", "20"))
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024  # a 5 MB image plus the rest of the form
    MAX_UPLOAD_BYTES = 5 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead of a wall-clock hour
    PAGE_SIZE = 20
    # Embedding model: the bundled all-MiniLM-L6-v2; one torch thread per server worker.
    TORCH_THREADS = _int_env("TORCH_THREADS", 0)  # 0 = leave torch's default
    MATCHING_ENCODER = "model"  # the bundled model; "hashing" (deterministic) only in tests
    # Model vectors by text, shared by the host's processes (a new CLI, worker or consumer reads
    # the catalogue's vectors instead of encoding them again); "" turns it off.
    VECTOR_CACHE_PATH = os.environ.get(
        "VECTOR_CACHE_PATH", str(INSTANCE_DIR / "vector-cache.sqlite")
    )
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    # Operations (wt-ops): log format, metrics access, consumer heartbeat, backups.
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")  # "json": one JSON object per line
    ACCESS_LOG = os.environ.get("ACCESS_LOG", "1").lower() not in {"0", "false", "no", "off"}
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")  # Authorization: Bearer <token>
    METRICS_ALLOW_IPS = os.environ.get("METRICS_ALLOW_IPS", "127.0.0.1,::1")  # CIDRs; "" = none
    READY_MIN_FREE_MB = _int_env("READY_MIN_FREE_MB", 64)  # less free disk: not ready
    READY_HEARTBEAT_MAX_AGE = _int_env("READY_HEARTBEAT_MAX_AGE", 60)  # older: not ready
    BACKUP_DIR = os.environ.get("BACKUP_DIR", str(INSTANCE_DIR / "backups"))
    BACKUP_KEEP_DAILY = _int_env("BACKUP_KEEP_DAILY", 7)
    BACKUP_KEEP_WEEKLY = _int_env("BACKUP_KEEP_WEEKLY", 4)
    # Rate limits and shared counters. memory:// counts per process: development only; use
    # redis:// in production (refused there with WEB_CONCURRENCY > 1 unless allowed).
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    # Background jobs (marketplace/jobs.py reads HUEY_REDIS_URL / HUEY_SQLITE_PATH itself).
    HUEY_IMMEDIATE = os.environ.get("HUEY_IMMEDIATE", "").lower() in {"1", "true", "yes"}
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;60 per hour")
    REGISTER_RATE_LIMIT = os.environ.get("REGISTER_RATE_LIMIT", "10 per hour")
    SEARCH_RATE_LIMIT = os.environ.get("SEARCH_RATE_LIMIT", "60 per minute;600 per hour")
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120 per minute")
    # Visitors' page caches reuse a version read from the database this long (per process);
    # another host's change shows within it, this process's own at once.
    PAGE_VERSION_SECONDS = float(os.environ.get("PAGE_VERSION_SECONDS", "1"))
    # Site search fuses BM25 with the stored embedding vectors (off: keyword search only).
    SEARCH_HYBRID = os.environ.get("SEARCH_HYBRID", "1").lower() not in {"0", "false", "no"}
    # E-mail (Flask-Mailman): "smtp" in production; "file" writes each message under MAIL_FILE_PATH.
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "file")
    MAIL_FILE_PATH = os.environ.get("MAIL_FILE_PATH", str(INSTANCE_DIR / "mail"))
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = _int_env("MAIL_PORT", 25)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "").lower() in {"1", "true", "yes"}
    MAIL_USE_SSL = os.environ.get("MAIL_USE_SSL", "").lower() in {"1", "true", "yes"}
    MAIL_TIMEOUT = _int_env("MAIL_TIMEOUT", 10)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "noreply@cq-design.example")
    MAIL_LANGUAGE = os.environ.get("MAIL_LANGUAGE", "zh_CN")  # for accounts with no saved language
    SITE_URL = os.environ.get("SITE_URL", "")  # e-mailed links: https://example.org + /path
    PASSWORD_RESET_MAX_AGE = _int_env("PASSWORD_RESET_MAX_AGE", 3600)  # seconds
    RESET_RATE_LIMIT = os.environ.get("RESET_RATE_LIMIT", "5 per hour")
    # Distributed guessing: after this many failed logins on one account (any addresses) within
    # LOGIN_FAILURE_WINDOW_SECONDS, a sign-in also needs a code e-mailed to the account.
    LOGIN_ACCOUNT_FAILURES = _int_env("LOGIN_ACCOUNT_FAILURES", 10)
    LOGIN_CODE_MAX_AGE = _int_env("LOGIN_CODE_MAX_AGE", 600)  # seconds

    @classmethod
    def validate(cls) -> None:
        """Refuse settings that cannot work: an unknown search backend, or PostgreSQL full text
        without a PostgreSQL database."""
        backend = os.environ.get("SEARCH_BACKEND", "whoosh").strip().lower()
        if backend not in {"whoosh", "postgres"}:
            raise ConfigError(f"SEARCH_BACKEND must be whoosh or postgres, not {backend!r}")
        url = os.environ.get("DATABASE_URL", "")
        if backend == "postgres" and not url.startswith("postgresql"):
            raise ConfigError(
                "SEARCH_BACKEND=postgres keeps the search in the database: set DATABASE_URL to "
                "a postgresql+psycopg:// URL (or leave SEARCH_BACKEND unset for Whoosh)"
            )


class DevelopmentConfig(Config):
    """Local development: the embedded SQLite database and index under instance/."""

    ENV_NAME = "development"
    DEBUG = False  # the reloader would load the embedding model twice


class TestingConfig(Config):
    """Test runs: callers pass their own database and index paths."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret-key"
    SEARCH_WRITER_TIMEOUT = 5.0
    MATCHING_ENCODER = "hashing"  # fast and deterministic; matching integration tests use "model"
    VECTOR_CACHE_PATH = ""  # tests share encodings through tests/encoding_memo.py instead
    RATELIMIT_ENABLED = False  # tests log in hundreds of times from 127.0.0.1; one test turns it on
    # Background jobs run in-process, at once (a test that drives a real consumer sets "0").
    HUEY_IMMEDIATE = os.environ.get("HUEY_IMMEDIATE", "1") != "0"
    ACCESS_LOG = False  # one line per request is noise in test output
    MAIL_BACKEND = "locmem"  # messages collect in app.extensions["mailman"].outbox
    SEARCH_HYBRID = False  # keyword-only unless a test turns the vector part on
    PAGE_VERSION_SECONDS = 0.0  # page caches read their version on every visit
    # scrypt costs about 0.1 s per hash and tests register and log in thousands of times; the
    # production method (scrypt) is checked by tests/functional/test_auth.py.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"


class ProductionConfig(Config):
    """gunicorn behind a proxy: a real secret and Secure cookies are mandatory."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    TORCH_THREADS = _int_env("TORCH_THREADS", 1)
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
    # Behind a proxy every request comes from 127.0.0.1: scrapers use METRICS_TOKEN instead.
    METRICS_ALLOW_IPS = os.environ.get("METRICS_ALLOW_IPS", "")
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")

    @classmethod
    def validate(cls) -> None:
        """Refuse the development key, a short or repetitive key, and per-process rate limits
        (memory://) when gunicorn runs several workers, unless explicitly allowed."""
        super().validate()
        key = os.environ.get("SECRET_KEY", "")
        if not key or key == DEV_SECRET_KEY or len(key) < 32 or len(set(key)) < SECRET_MIN_DISTINCT:
            raise ConfigError(
                "SECRET_KEY must be set to a random value of at least 32 characters, with at "
                f"least {SECRET_MIN_DISTINCT} different characters, in production "
                "(for example: python -c 'import secrets; print(secrets.token_hex(32))')"
            )
        workers = _int_env("WEB_CONCURRENCY", 1)
        storage = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
        allowed = os.environ.get("ALLOW_MEMORY_RATELIMITS", "").lower() in {"1", "true", "yes"}
        if storage.startswith("memory://") and workers > 1 and not allowed:
            raise ConfigError(
                f"RATELIMIT_STORAGE_URI is memory:// with WEB_CONCURRENCY={workers}: each worker "
                "would count on its own and every limit would multiply. Set "
                "RATELIMIT_STORAGE_URI=redis://host:6379/1 (or ALLOW_MEMORY_RATELIMITS=1 to accept "
                "per-worker limits)."
            )


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name: str | None) -> type[Config]:
    """Return the config class for an APP_ENV name (default: development)."""
    key = (name or os.environ.get("APP_ENV") or "development").lower()
    if key not in CONFIGS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(CONFIGS)}, got {key!r}")
    return CONFIGS[key]
