"""Run the real command line in a child process and read its peak memory (VmHWM) and
time: how a hostile file's cost is measured (the benchmarks read VmHWM the same way)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DRIVER = """
import json, sys
from workbench.cli.main import main
code = main(sys.argv[2:])
with open("/proc/self/status") as fh:
    peak = next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:")) / 1024
with open(sys.argv[1], "w") as out:
    json.dump({"rc": code, "peak_mb": peak}, out)
sys.exit(code)
"""


@dataclass(frozen=True)
class Measured:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float


def run_measured(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> Measured:
    full_env = dict(os.environ)
    full_env.update(env or {})
    with tempfile.TemporaryDirectory(prefix="workbench-measure-") as tmp:
        report = Path(tmp) / "peak.json"
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", DRIVER, str(report), *args],
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
            check=False,
        )
        seconds = time.perf_counter() - start
        peak = json.loads(report.read_text())["peak_mb"] if report.exists() else float("nan")
    return Measured(done.returncode, done.stdout, done.stderr, peak, seconds)
