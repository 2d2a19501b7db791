"""Importing call records against a bare pandas.read_csv + executemany, same run, same DB.

1,000,000 generated call records (~70 MB CSV; ``WORKBENCH_BENCH_CALLS=N`` for a quick
run). Ours: ``ImportService.run`` — encoding check and SHA-256 pass, chunked reading as
text, every cell parsed and checked, times to UTC, duplicates skipped, derived "calls"
links, one audit entry, one transaction. Baseline: ``pandas.read_csv(dtype=str)`` and one
``executemany`` of the raw strings into the same table of a copy of the same encrypted
database. Each side runs in its own subprocess so its peak memory (VmHWM) is its own.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Comparison, peak_rss_mb

PASS = "benchmark passphrase"
CASE = "B-CALLS"
DEFAULT_N = 1_000_000
PERSONS = 12


def _numbers(rng: random.Random, n: int) -> list[str]:
    return [f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}" for _ in range(n)]


def generate(path: Path, n: int, seed: int = 7) -> list[str]:
    """A carrier-style CDR; returns the case persons' numbers (they appear in it too)."""
    rng = random.Random(seed)
    pool = _numbers(rng, 3000)
    persons = pool[:PERSONS]
    t0 = 1_546_300_800  # 2019-01-01 08:00 +08:00
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("主叫号码,被叫号码,开始时间,通话时长,呼叫类型,基站,IMEI\n")
        for i in range(n):
            a = rng.choice(persons) if i % 3 else rng.choice(pool)
            b = rng.choice(pool)
            while b == a:
                b = rng.choice(pool)
            when = t0 + i * 17 + rng.randrange(15)
            stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(when + 8 * 3600))
            direction = "主叫" if i % 2 else "被叫"
            fh.write(
                f"{a},{b},{stamp},{rng.randrange(1, 900)},{direction},"
                f"4101-{rng.randrange(1000):03d},86{rng.randrange(10**13):013d}\n"
            )
    return persons


def _template(path: Path, persons: list[str]) -> None:
    from workbench.services.accounts.users import UserService
    from workbench.services.casefile.cases import CaseService
    from workbench.services.casefile.persons import PersonService
    from workbench.services.core.context import Context
    from workbench.store import PassphraseKey, Store

    with Store.create(path, PassphraseKey(PASS)) as s:
        ctx = Context(s, "bench")
        UserService(ctx).add("bench", "admin")
        CaseService(ctx).create(CASE, "bench")
        CaseService(ctx).create("B-BARE", "bench")
        for i, number in enumerate(persons):
            PersonService(ctx).add_to_case(CASE, {"name": f"人员{i}", "phones": [number]})


def _child_ours(db: Path, csv_path: Path) -> dict[str, object]:
    from workbench.services.core.context import Context
    from workbench.services.imports.importing import ImportService
    from workbench.store import PassphraseKey, Store

    stamps: list[float] = []
    start = time.perf_counter()
    with Store.open(db, PassphraseKey(PASS)) as store:
        stamps.append(time.perf_counter())  # the import itself starts here
        outcome = ImportService(Context(store, "bench")).run(
            CASE, "calls", csv_path, progress=lambda d, t: stamps.append(time.perf_counter())
        )
        stamps.append(time.perf_counter())  # ... and has returned here
    end = time.perf_counter()
    # Gaps between progress reports while the import runs (opening the store and the
    # closing WAL checkpoint are outside it, and timed in both sides' totals).
    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    return {
        "seconds": end - start,
        "added": outcome.report.added,
        "links": outcome.report.derived.get("links", 0),
        "progress_calls": len(stamps) - 2,
        "max_gap_s": max(gaps),
    }


def _child_bare(db: Path, csv_path: Path) -> dict[str, object]:
    import pandas as pd
    import sqlcipher3

    from workbench.store.connection import SESSION_PRAGMAS
    from workbench.store.keys import apply_cipher_settings

    start = time.perf_counter()
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    conn = sqlcipher3.connect(str(db), isolation_level=None)
    conn.set_key(PASS)
    apply_cipher_settings(conn)
    for pragma in SESSION_PRAGMAS:
        conn.execute(pragma)
    case_id = conn.execute("SELECT id FROM case_file WHERE code = 'B-BARE'").fetchone()[0]
    frame.insert(0, "case_id", case_id)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO call_record (case_id, caller, callee, started_at, duration_s, direction,"
        " cell, imei) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        frame.itertuples(index=False, name=None),
    )
    conn.execute("COMMIT")
    added = conn.execute("SELECT count(*) FROM call_record WHERE case_id = ?", (case_id,))
    rows = added.fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"seconds": time.perf_counter() - start, "added": rows}


def _run_child(side: str, db: Path, csv_path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_import", "--child", side, str(db), str(csv_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def run(n: int | None = None) -> list[Comparison]:
    n = n or int(os.environ.get("WORKBENCH_BENCH_CALLS", DEFAULT_N))
    with tempfile.TemporaryDirectory(prefix="workbench-bench-import-") as tmp:
        work = Path(tmp)
        csv_path = work / "calls.csv"
        persons = generate(csv_path, n)
        size_mb = csv_path.stat().st_size / 2**20
        template = work / "template.db"
        _template(template, persons)
        results = {}
        for side in ("bare", "ours"):
            db = work / f"{side}.db"
            shutil.copyfile(template, db)
            results[side] = _run_child(side, db, csv_path)
        ours, bare = results["ours"], results["bare"]
        assert ours["added"] == bare["added"] == n, (ours, bare)
        note = (
            f"peak {ours['maxrss_mb']:.0f} MB vs {bare['maxrss_mb']:.0f} MB; "
            f"progress {ours['progress_calls']} calls, longest gap {ours['max_gap_s']:.2f} s; "
            f"{ours['links']} calls links; {size_mb:.0f} MB CSV"
        )
        return [
            Comparison(
                f"import {n:,} call records (service)",
                float(ours["seconds"]),  # type: ignore[arg-type]
                float(bare["seconds"]),  # type: ignore[arg-type]
                "read_csv(dtype=str)+executemany",
                note,
            )
        ]


def _child_main(side: str, db: str, csv_path: str) -> int:
    os.environ.setdefault("WORKBENCH_LOG_DIR", tempfile.mkdtemp(prefix="workbench-bench-log-"))
    fn = _child_ours if side == "ours" else _child_bare
    result = fn(Path(db), Path(csv_path))
    result["maxrss_mb"] = peak_rss_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        sys.exit(_child_main(*sys.argv[2:]))
    os.environ.setdefault("WORKBENCH_LOG_DIR", tempfile.mkdtemp(prefix="workbench-bench-log-"))
    for comparison in run():
        print(comparison.line(), flush=True)
