"""gunicorn settings for `make serve` (production config)."""

import multiprocessing
import os
import shutil
from pathlib import Path

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, min(4, multiprocessing.cpu_count()))))
threads = 1
timeout = 120  # the first matching request in a worker loads the embedding model
accesslog = "-"
errorlog = "-"
# One torch thread per worker: two workers with two threads each encode ~30 % slower in total.
raw_env = ["OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1", "TOKENIZERS_PARALLELISM=false"]

# /metrics adds up every worker's request histograms: prometheus_client's multiprocess mode
# keeps them in files under this folder (emptied when the master starts).
_instance = Path(os.environ.get("INSTANCE_DIR", Path(__file__).resolve().parent / "instance"))
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(_instance / "prometheus-multiproc"))


def on_starting(server):
    """Start each run with an empty metrics folder (old workers' files would be added in)."""
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    """Forget a dead worker's live gauges (its counters and histograms stay summed in)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
