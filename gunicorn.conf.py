"""gunicorn settings for `make serve` (production config)."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, min(4, multiprocessing.cpu_count()))))
threads = 1
timeout = 120  # the first matching request in a worker loads the embedding model
accesslog = "-"
errorlog = "-"
# One torch thread per worker: two workers with two threads each encode ~30 % slower in total.
raw_env = ["OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1", "TOKENIZERS_PARALLELISM=false"]
