"""Twenty investigators on one case at once, over loopback: edits from a stale version
are refused and retried (no lost update), reads and imports run beside them, and the
audit chain stays one verifiable sequence.

About 10 s by default; ``WORKBENCH_SERVER_SOAK_SECONDS=60`` (``make torture``) runs the
full minute.
"""

from __future__ import annotations

import os
import random
import threading
import time

import pytest

from tests.server.conftest import ADMIN, add_user, run_together, signed_in_as
from workbench.services.accounts.access import AccessService
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.records import RecordService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.services.core.versions import EditConflict, VersionService, expecting

USERS = 20
SECONDS = float(os.environ.get("WORKBENCH_SERVER_SOAK_SECONDS", "10"))
COUNTERS = 4  # records everyone edits: few, so edits collide


@pytest.mark.slow
def test_twenty_users_no_lost_update_one_chain(server_url: str) -> None:
    lead = signed_in_as(server_url, ADMIN)
    CaseService(lead).create("SOAK-1", "二十人并发")
    counters = [
        RecordService(lead).add("SOAK-1", "location", name=f"计数 {i}", notes="0").value
        for i in range(COUNTERS)
    ]
    names = [f"soak{n:02d}" for n in range(USERS)]
    for name in names:
        add_user(lead, name, "investigator")
        AccessService(lead).grant("SOAK-1", name)
    contexts = [signed_in_as(server_url, name) for name in names]

    saved = [0] * COUNTERS
    conflicts = [0]
    imported = [0]
    latencies: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def investigator(ctx: Context, seed: int) -> None:
        rng = random.Random(seed)
        records, versions = RecordService(ctx), VersionService(ctx)
        try:
            while time.monotonic() < deadline:
                roll = rng.random()
                if roll < 0.6:  # edit: read, change, save from the version read
                    i = rng.randrange(COUNTERS)
                    version = versions.of("location", counters[i], "SOAK-1")
                    value = int(records.details("location", counters[i])["notes"])
                    started = time.perf_counter()
                    try:
                        with expecting(ctx, "location", counters[i], version.seq):
                            records.update("location", counters[i], notes=str(value + 1))
                    except EditConflict:
                        with lock:
                            conflicts[0] += 1
                        continue
                    with lock:
                        saved[i] += 1
                        latencies.append(time.perf_counter() - started)
                elif roll < 0.9:  # read
                    CaseService(ctx).summary("SOAK-1")
                else:  # a small import
                    rows = [{"name": f"导入 {seed}-{rng.random():.6f}-{k}"} for k in range(20)]
                    records.bulk_add("SOAK-1", "location", rows, source="soak")
                    with lock:
                        imported[0] += len(rows)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    run_together(investigator, contexts)
    try:
        assert not errors, repr(errors[0])
        for i, record in enumerate(counters):
            assert int(RecordService(lead).details("location", record)["notes"]) == saved[i]
        report = AuditService(lead).verify()
        assert report.ok, report.problem
        counts = CaseService(lead).summary("SOAK-1").counts
        assert counts["locations"] == COUNTERS + imported[0]
    finally:
        lead.store.close()
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95)] if latencies else 0.0
    print(
        f"\nsoak: {USERS} users, {SECONDS:.0f} s: {sum(saved)} edits saved, {conflicts[0]} "
        f"refused as conflicts, {imported[0]} rows imported, {report.count} audit entries "
        f"verified; edit p95 {p95 * 1000:.0f} ms"
    )
    assert sum(saved) > 0 and conflicts[0] > 0
