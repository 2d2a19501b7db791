"""The fault suite's scale, its counts, and the kill -9 fork server.

``make test`` runs a few trials of each kind (the whole folder within about two minutes);
``make torture`` raises them through the environment: WORKBENCH_FAULTS_KILLS (kills per
operation), WORKBENCH_FAULTS_FLIPS (damaged files), WORKBENCH_FAULTS_EXAMPLES (fuzzed
files per importer kind). The counts are printed at the end of the run.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
COUNTS: Counter[str] = Counter()


def scale(name: str, default: int) -> int:
    return int(os.environ.get(f"WORKBENCH_FAULTS_{name}", default))


def seed() -> int:
    """WORKBENCH_FAULTS_SEED repeats a run; otherwise each run draws new points."""
    return int(os.environ.get("WORKBENCH_FAULTS_SEED", time.time_ns() % 1_000_000))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.faults)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if COUNTS:
        terminalreporter.write_sep("-", "fault suite counts")
        for key in sorted(COUNTS):
            terminalreporter.write_line(f"{key}: {COUNTS[key]}")


@dataclass
class Trial:
    pid: int
    status: int
    seconds: float  # from the child's start to its end
    committed: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def killed(self) -> bool:
        return self.status == -signal.SIGKILL


class Driver:
    """The fork server (tests/faults/driver.py) in a process of its own."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.driver"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=dict(os.environ),
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        assert self._event()["event"] == "ready"

    def _event(self, timeout: float = 120) -> dict[str, Any]:
        ready, _, _ = select.select([self.stdout], [], [], timeout)
        assert ready, "the fault driver stopped answering"
        line = self.stdout.readline()
        assert line, "the fault driver ended"
        return dict(json.loads(line))

    def _pending(self) -> bool:
        return bool(select.select([self.stdout], [], [], 0)[0])

    def trial(self, cmd: dict[str, Any], kill_after: float | None) -> Trial:
        """Run ``cmd`` in a fresh child; SIGKILL it ``kill_after`` seconds in (None: let
        it finish). A child that already ended is not killed."""
        self.stdin.write((json.dumps(cmd) + "\n").encode())
        self.stdin.flush()
        first = self._event()
        assert first["event"] == "child", first
        pid, start = int(first["pid"]), time.perf_counter()
        trial = Trial(pid, 0, 0.0)
        events: list[dict[str, Any]] = []
        if kill_after is not None:
            deadline = start + kill_after
            while (left := deadline - time.perf_counter()) > 0:
                if self._pending():
                    events.append(self._event())
                    if events[-1]["event"] == "exit":
                        break
                else:
                    select.select([self.stdout], [], [], left)
            if not events or events[-1]["event"] != "exit":
                with contextlib.suppress(ProcessLookupError):  # it ended just now
                    os.kill(pid, signal.SIGKILL)
        while not events or events[-1]["event"] != "exit":
            events.append(self._event())
        trial.seconds = time.perf_counter() - start
        trial.status = int(events[-1]["status"])
        trial.committed = [int(e["i"]) for e in events if e["event"] == "committed"]
        trial.errors = [str(e["error"]) for e in events if e["event"] == "error"]
        return trial

    def close(self) -> None:
        self.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def driver() -> Iterator[Driver]:
    d = Driver()
    yield d
    d.close()
