"""How long each step of `make demo` takes, on a fresh instance folder, then the first page.

Reads the steps from `make -n demo` (every `flask` line before the server starts), so it times
whatever studio file the Makefile imports. Each step runs as its own process, as make runs it;
then the site and its consumer start as `make demo` starts them and the first page is polled.

    .venv/bin/python bench/demo_steps.py [--instance /tmp/demo-inst] [--port 5103]
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def demo_steps() -> list[str]:
    """The demo target's flask commands, in order (the dependencies' own steps included)."""
    dry = subprocess.run(
        ["make", "-n", "-o", ".venv/.runtime", "-o", ".venv/.dev", "demo"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    steps = []
    for line in dry.stdout.splitlines():
        if "flask --app wsgi" in line and " run " not in line:
            steps.append(line.strip())
    return steps


def _first_page(port: int, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as reply:
                if reply.status == 200:
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.2)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", help="instance folder (default: a fresh temporary one)")
    parser.add_argument("--port", type=int, default=5103)
    args = parser.parse_args()
    instance = Path(args.instance or tempfile.mkdtemp(prefix="demo-steps-"))
    shutil.rmtree(instance, ignore_errors=True)
    instance.mkdir(parents=True)
    env = dict(os.environ, INSTANCE_DIR=str(instance), HF_HUB_OFFLINE="1",
               TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")  # fmt: skip
    times: list[tuple[str, float]] = []
    for step in demo_steps():
        start = time.perf_counter()
        subprocess.run(step, shell=True, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append((step.split("flask --app wsgi", 1)[1].strip(), time.perf_counter() - start))
        print(f"{times[-1][1]:8.1f} s  {times[-1][0]}", flush=True)
    env["APP_ENV"] = "development"
    bin_dir = ROOT / ".venv" / "bin"
    consumer = subprocess.Popen(
        [str(bin_dir / "python"), "-m", "marketplace.supervise", "--",
         str(bin_dir / "huey_consumer"), "marketplace.worker.huey", "--workers", "1", "--quiet"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    site = subprocess.Popen(
        shlex.split(f"{bin_dir / 'flask'} --app wsgi run --host 127.0.0.1 --port {args.port}"),
        cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        page = _first_page(args.port, timeout=300)
    finally:
        for proc in (site, consumer):
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    total = sum(t for _, t in times)
    print(f"{page or float('nan'):8.1f} s  first page after the server started")
    print(f"{total + (page or 0):8.1f} s  in all (instance {instance})")
    if page is None:
        sys.exit("the first page never answered")


if __name__ == "__main__":
    main()
