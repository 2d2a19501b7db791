"""The task-force server against the SQLCipher file, in the same run, on loopback.

Both stores get the same case: ``EVENTS`` events (bulk-added through the services, one
audited batch) in one case. Ours is the server (a throwaway local cluster, as in the
tests: initdb + pg_ctl, ``tests/pgcluster.py``); the baseline is the encrypted file.

1. Case open: sign in (the server checks a SCRAM password, the file unwraps a key slot)
   and read the case's summary.
2. Timeline read: ``TimelineService.case_timeline`` of the case (every event, its lanes
   and spans into numpy arrays).

The issue's target: the server within 2x of the file. Without PostgreSQL binaries the
benchmark says so and is left out. ``WORKBENCH_BENCH_SERVER_EVENTS`` makes it smaller.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.harness import Comparison, median_time

EVENTS = int(os.environ.get("WORKBENCH_BENCH_SERVER_EVENTS", "100000"))
REPEAT = 5
USER, PASSPHRASE, CODE = "bench", "bench passphrase", "BENCH-1"


def _fill(location: str) -> None:
    from workbench.services.accounts.users import sign_in
    from workbench.services.casefile.cases import CaseService
    from workbench.services.casefile.records import RecordService

    ctx = sign_in(location, USER, PASSPHRASE)
    try:
        CaseService(ctx).create(CODE, "基准案件")
        t0 = datetime(2019, 1, 1, tzinfo=UTC)
        kinds = ("tip", "surveillance", "arrest", "search", "meeting")
        rows = [
            {
                "kind": kinds[i % len(kinds)],
                "title": f"事件 {i}",
                "occurred_at": t0 + timedelta(minutes=7 * i),
            }
            for i in range(EVENTS)
        ]
        RecordService(ctx).bulk_add(CODE, "event", rows, source="bench")
    finally:
        ctx.store.close()


def _open(location: str) -> None:
    from workbench.services.accounts.users import sign_in
    from workbench.services.casefile.cases import CaseService

    ctx = sign_in(location, USER, PASSPHRASE)
    try:
        CaseService(ctx).summary(CODE)
    finally:
        ctx.store.close()


def _timeline_time(location: str) -> float:
    from workbench.services.accounts.users import sign_in
    from workbench.services.analysis.timeline import TimelineService

    ctx = sign_in(location, USER, PASSPHRASE)
    try:
        service = TimelineService(ctx)
        return median_time(lambda: service.case_timeline(CODE), REPEAT)
    finally:
        ctx.store.close()


def run() -> Iterator[Comparison]:
    os.environ.setdefault("WORKBENCH_LOG_DIR", tempfile.mkdtemp(prefix="workbench-bench-log-"))
    from tests import pgcluster
    from workbench.services.accounts.users import create_database, create_server

    try:
        cluster = pgcluster.start()
    except pgcluster.ClusterUnavailable as exc:
        print(f"bench_server: left out: {exc}")
        return
    try:
        import psycopg

        with psycopg.connect(cluster.superuser_url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        ctx, url = create_server(cluster.superuser_url("bench"), USER, PASSPHRASE)
        ctx.store.close()
        with tempfile.TemporaryDirectory(prefix="workbench-bench-server-") as tmp:
            path = str(Path(tmp) / "bench.db")
            create_database(path, USER, PASSPHRASE).store.close()
            _fill(url)
            _fill(path)
            note = f"{EVENTS:,} events, loopback"
            yield Comparison(
                "server: case open (sign-in + summary)",
                median_time(lambda: _open(url), REPEAT),
                median_time(lambda: _open(path), REPEAT),
                "the same on the SQLCipher file",
                note,
            )
            yield Comparison(
                "server: case timeline read",
                _timeline_time(url),
                _timeline_time(path),
                "the same on the SQLCipher file",
                note,
            )
    finally:
        cluster.remove()


if __name__ == "__main__":
    for result in run():
        print(result.line(), flush=True)
