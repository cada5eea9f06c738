"""The job-consumer side of bench/query_encoding.py: a Huey task that encodes one query."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from huey import RedisHuey

from marketplace.services.search.vectors import query_text
from matching.encoder import get_encoder

huey = RedisHuey("bench-encode", url=os.environ["BENCH_REDIS_URL"], blocking=True)
_encoder = get_encoder(threads=1)


@huey.on_startup()
def load_model() -> None:
    """Load the model when the consumer starts, as a serving consumer would."""
    _encoder.encode(["warm up"])


@huey.task()
def encode_query(text: str) -> bytes:
    """The query's unit vector as float32 bytes."""
    return _encoder.encode([query_text(text)])[0].tobytes()
