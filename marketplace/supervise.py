"""Keep a command running: restart it when it dies (the job consumer under `make serve`).

Usage: python -m marketplace.supervise [--max-delay 30] -- huey_consumer marketplace.worker.huey
A child that exits is started again after a delay that doubles while it keeps dying quickly
(1 s, 2 s, 4 s ... up to --max-delay) and resets once it stayed up for a minute. SIGINT and
SIGTERM are passed to the child; the supervisor then exits with the child.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess  # nosec B404: runs the operator's own command line, never a shell
import sys
import time
from datetime import UTC, datetime

STABLE_SECONDS = 60.0


def _log(event: str, **fields) -> None:
    line = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), "level": "INFO",
            "logger": "marketplace.supervise", "message": event, **fields}  # fmt: skip
    print(json.dumps(line), file=sys.stderr, flush=True)


def supervise(command: list[str], max_delay: float = 30.0) -> int:
    """Run `command` until a stop signal; returns the child's last exit code."""
    stopping = {"signal": None}
    child: subprocess.Popen | None = None

    def forward(signum, _frame) -> None:
        stopping["signal"] = signum
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    delay, restarts = 1.0, 0
    while True:
        started = time.monotonic()
        child = subprocess.Popen(command)  # nosec B603: the operator's command, as given
        _log("started", pid=child.pid, restarts=restarts, command=" ".join(command))
        code = child.wait()
        if stopping["signal"] is not None:
            _log("stopped", pid=child.pid, code=code)
            return code
        lived = time.monotonic() - started
        delay = 1.0 if lived >= STABLE_SECONDS else min(max_delay, delay * 2 if restarts else 1.0)
        restarts += 1
        _log("died; restarting", pid=child.pid, code=code, lived_s=round(lived, 1), delay_s=delay)
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and stopping["signal"] is None:
            time.sleep(0.1)
        if stopping["signal"] is not None:
            return code


def main(argv: list[str] | None = None) -> int:
    """Parse `[--max-delay N] -- command ...` and supervise the command."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-delay", type=float, default=30.0, help="seconds (default 30)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- command and arguments")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("name the command to supervise after --")
    if args.max_delay <= 0:
        parser.error("--max-delay must be positive")
    return supervise(command, args.max_delay)


if __name__ == "__main__":
    sys.exit(main())
