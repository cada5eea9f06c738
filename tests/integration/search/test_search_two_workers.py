"""Several server processes saving studios at once: every change lands in the shared index."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from marketplace.extensions import db
from marketplace.services.search import indexing
from tests.conftest import make_app
from tests.integration.search.conftest import found

STATEMENT = (
    "We design {topic} for Chongqing manufacturers, from first sketches and CMF to engineering "
    "drawings and appearance models."
)
SAVES = 4  # each worker saves its profile this many times; the last version must win


def _save_profile_repeatedly(folder: str, db_file: str, studio_id: int, topic: str, barrier,
                             queue) -> None:  # fmt: skip
    """A worker process: its own app on the shared database and index, saving one studio."""
    from marketplace.policies.actor import Actor
    from marketplace.services.studios.studio_profiles import ProfileInput, update_profile

    app = make_app(Path(folder), Path(db_file))
    errors = 0
    with app.app_context():
        indexing.get_index().open_or_create()
        barrier.wait(60)
        for n in range(1, SAVES + 1):
            try:
                update_profile(
                    Actor(role="studio", studio_id=studio_id),
                    studio_id,
                    ProfileInput(
                        name=f"{topic.title()} Studio v{n}",
                        capability_statement=STATEMENT.format(topic=f"{topic} (version {n})"),
                        industry_codes=["ELEC"], discipline_codes=["FORM"],
                    ),
                )  # fmt: skip
            except Exception:  # reported to the parent
                errors += 1
        db.session.remove()
        db.engine.dispose()
    queue.put((studio_id, errors))


def test_two_processes_saving_at_once_both_land_in_the_index(indexed, make_account, tmp_path):
    app = indexed
    first = make_account("studio").studio_id
    second = make_account("studio").studio_id
    with app.app_context():
        db_file = db.engine.url.database
        db.session.remove()
        db.engine.dispose()

    ctx = mp.get_context("spawn")
    barrier, queue = ctx.Barrier(2), ctx.Queue()
    workers = [
        ctx.Process(
            target=_save_profile_repeatedly,
            args=(str(tmp_path), db_file, studio_id, topic, barrier, queue),
        )
        for studio_id, topic in ((first, "kettles"), (second, "tractors"))
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(240)
    results = dict(queue.get(timeout=10) for _ in workers)
    assert results == {first: 0, second: 0}
    assert [w.exitcode for w in workers] == [0, 0]

    assert found(app, "kettles", kind="studio") == [f"studio:{first}"]
    assert found(app, "tractors", kind="studio") == [f"studio:{second}"]
    assert found(app, f"Kettles Studio v{SAVES}")[:1] == [f"studio:{first}"]
    with app.app_context():
        hits = indexing.search("Studio", kind="studio").results.hits
        assert sorted(h.title for h in hits) == [f"Kettles Studio v{SAVES}",
                                                 f"Tractors Studio v{SAVES}"]  # fmt: skip
        assert indexing.check().is_clean
