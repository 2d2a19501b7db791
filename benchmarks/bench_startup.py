"""Start-up of the frozen app (dist/workbench, `make package`) against the same commands
run from the developer venv (``python -m workbench``), measured in the same run.

1. ``--version``: the interpreter and the command line, nothing opened.
2. ``case show PDS-2019-001 --json`` on the demo database: sign-in (the key slot's
   Argon2id, the same on both sides), the store, the services, the JSON.
3. The GUI's first window: ``gui --case PDS-2019-001 --screenshot`` offscreen — Qt, the
   translations, the bundled font, the window built and painted once.

Wall time is the median of several runs; the note adds the median CPU time of the child
(user + system), which a busy shared machine disturbs less. Skipped, with a note, when
the frozen app has not been built.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.harness import Comparison

ROOT = Path(__file__).resolve().parent.parent
FROZEN = Path(os.environ.get("WORKBENCH_FROZEN_APP", ROOT / "dist" / "workbench" / "workbench"))
VENV = [sys.executable, "-m", "workbench"]
CASE = "PDS-2019-001"
REPEAT = int(os.environ.get("WORKBENCH_BENCH_STARTUP_REPEAT", "5"))


def timed(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, child CPU seconds) of one run; fails loudly on a non-zero exit."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {stderr}")
    return wall, usage.ru_utime + usage.ru_stime


def compare(name: str, args: Sequence[str], env: dict[str, str], repeat: int) -> Comparison:
    frozen = [timed([str(FROZEN), *args], env) for _ in range(repeat)]
    venv = [timed([*VENV, *args], env) for _ in range(repeat)]
    cpu_frozen = statistics.median(c for _, c in frozen)
    cpu_venv = statistics.median(c for _, c in venv)
    return Comparison(
        name,
        statistics.median(w for w, _ in frozen),
        statistics.median(w for w, _ in venv),
        "venv: python -m workbench",
        f"CPU {cpu_frozen:.2f} s frozen vs {cpu_venv:.2f} s venv "
        f"({cpu_frozen - cpu_venv:+.2f} s); median of {repeat}",
    )


def run() -> list[Comparison]:
    if not FROZEN.is_file():
        print(f"bench_startup: skipped: no frozen app at {FROZEN} (run 'make package')")
        return []
    work = Path(tempfile.mkdtemp(prefix="workbench-bench-startup-"))
    db = work / "demo.db"
    env = {
        **os.environ,
        "WORKBENCH_PASSPHRASE": "bench-passphrase",
        "WORKBENCH_USER": "bench",
        "WORKBENCH_LOG_DIR": str(work / "log"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    subprocess.run([*VENV, "demo", "--db", str(db)], env=env, check=True, capture_output=True)
    shot = str(work / "shot.png")
    return [
        compare("start-up: --version", ["--version"], env, REPEAT),
        compare(
            "start-up: case show --json",
            ["case", "show", "--db", str(db), CASE, "--json"],
            env,
            REPEAT,
        ),
        compare(
            "start-up: GUI first window (screenshot)",
            ["gui", "--db", str(db), "--case", CASE, "--lang", "zh_CN", "--screenshot", shot],
            env,
            max(1, REPEAT // 2),
        ),
    ]


if __name__ == "__main__":
    for result in run():
        print(result.line(), flush=True)
