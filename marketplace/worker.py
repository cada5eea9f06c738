"""The consumer's entry point: `huey_consumer marketplace.worker.huey`.

Importing bootstrap registers every task; jobs build their app with create_app when they run.
"""

from __future__ import annotations

from marketplace import bootstrap, create_app, jobs

huey = jobs.huey
bootstrap.install()
jobs.use_app_factory(create_app)
