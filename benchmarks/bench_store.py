"""The store against bare sqlcipher3 on the same encrypted files, in the same run.

1. Open and first query: our Store.open (key, pinned settings, key proof, application
   id and schema-version checks, pool) vs a bare sqlcipher3 connection keyed the same
   way running the same first query.
2. Bulk insert of 100,000 events through the service layer (validation, one audit entry
   with the batch's content hash) vs a bare executemany of the same rows.
3. Scattered indexed reads with our 64 MiB page cache vs SQLCipher's default cache.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlcipher3

from benchmarks.harness import Comparison, median_time
from workbench.models.types import to_utc_micros
from workbench.services.accounts.users import UserService
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.records import RecordService
from workbench.services.core.context import Context
from workbench.store import PassphraseKey, Store
from workbench.store.connection import SESSION_PRAGMAS
from workbench.store.keys import apply_cipher_settings

PASS = "benchmark passphrase"
EVENTS = 100_000


def _bare(path: Path, pragmas: bool = True) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.set_key(PASS)
    apply_cipher_settings(conn)
    if pragmas:
        for p in SESSION_PRAGMAS:
            conn.execute(p)
    return conn


def _rows(n: int) -> list[dict[str, object]]:
    t0 = datetime(2019, 1, 1, tzinfo=UTC)
    return [
        {
            "kind": "call",
            "title": f"通话 {i}",
            "description": "",
            "source": "bench",
            "precision": "minute",
            "occurred_at": t0 + timedelta(minutes=i),
        }
        for i in range(n)
    ]


def bench_open(work: Path) -> Comparison:
    path = work / "open.db"
    with Store.create(path, PassphraseKey(PASS)) as s:
        ctx = Context(s, "bench")
        UserService(ctx).add("bench", "admin")
        CaseService(ctx).create("B-1", "bench")

    def ours() -> None:
        with Store.open(path, PassphraseKey(PASS)) as store:
            CaseService(Context(store, "bench")).list()

    def bare() -> None:
        conn = _bare(path)
        conn.execute("SELECT * FROM case_file ORDER BY code").fetchall()
        conn.close()

    ours()  # warm imports and caches once
    return Comparison(
        "open + first query",
        median_time(ours, 7),
        median_time(bare, 7),
        "bare sqlcipher3 connect+query",
    )


def bench_bulk(work: Path) -> Comparison:
    rows = _rows(EVENTS)
    template = work / "bulk-template.db"
    with Store.create(template, PassphraseKey(PASS)) as s:
        ctx = Context(s, "bench")
        UserService(ctx).add("bench", "admin")
        CaseService(ctx).create("B-1", "bench")
    target = work / "bulk.db"

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        shutil.copyfile(template, target)

    def ours() -> None:
        with Store.open(target, PassphraseKey(PASS)) as store:
            RecordService(Context(store, "bench")).bulk_add("B-1", "event", rows)

    def bare() -> None:
        conn = _bare(target)
        conn.execute("PRAGMA journal_mode = WAL")
        tuples = [
            (
                1,
                r["kind"],
                r["title"],
                r["description"],
                to_utc_micros(r["occurred_at"]),
                r["precision"],
                None,  # type: ignore[arg-type]
                r["source"],
            )
            for r in rows
        ]
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO event (case_id, kind, title, description, occurred_at, precision,"
            " ends_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            tuples,
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()

    return Comparison(
        f"bulk insert {EVENTS:,} events (service)",
        median_time(ours, 3, fresh),
        median_time(bare, 3, fresh),
        "bare executemany (incl. key+open)",
    )


def bench_scattered_reads(work: Path) -> Comparison:
    """Each repeat starts from a cold page cache (a new connection), as after opening."""
    path = work / "reads.db"
    with Store.create(path, PassphraseKey(PASS)) as s:
        ctx = Context(s, "bench")
        UserService(ctx).add("bench", "admin")
        CaseService(ctx).create("B-1", "bench")
        RecordService(ctx).bulk_add("B-1", "event", _rows(EVENTS))
    plain = work / "plain.db"
    conn = _bare(path)
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    ids = random.Random(7).sample(range(1, EVENTS + 1), 20_000)

    def reads(open_conn: Callable[[], sqlite3.Connection | sqlcipher3.Connection]) -> None:
        c = open_conn()
        c.execute("SELECT count(*) FROM sqlite_master").fetchone()  # key derivation, not timed
        start = time.perf_counter()
        for i in ids:
            c.execute("SELECT title, occurred_at FROM event WHERE id = ?", (i,)).fetchone()
        timings.append(time.perf_counter() - start)
        c.close()

    def timed(open_conn: Callable[[], sqlite3.Connection | sqlcipher3.Connection]) -> float:
        timings.clear()
        for _ in range(5):
            reads(open_conn)
        return statistics.median(timings)

    timings: list[float] = []
    ours_t = timed(lambda: _bare(path))  # our pragmas: the 64 MiB cache
    default_t = timed(lambda: _bare(path, pragmas=False))  # SQLCipher's default cache
    plain_t = timed(lambda: sqlite3.connect(plain))
    return Comparison(
        "20,000 cold scattered reads, 100k events",
        ours_t,
        plain_t,
        "plain SQLite, default cache",
        f"(encrypted with the default cache: {default_t * 1000:.1f} ms)",
    )


def run() -> list[Comparison]:
    with tempfile.TemporaryDirectory(prefix="workbench-bench-") as tmp:
        work = Path(tmp)
        return [bench_open(work), bench_bulk(work), bench_scattered_reads(work)]
