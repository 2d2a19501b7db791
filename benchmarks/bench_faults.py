"""What the fault defences cost, each beside a bare baseline in the same run.

1. Opening a 200 MB database with every page's HMAC checked first (``Store.open``; what
   every sign-in now does before its audit entry) vs the same open without the check.
   ``WORKBENCH_BENCH_VERIFY_MB`` sets a smaller size for a quick run.
2. The pass before an import reads a CSV (``inspect_file``: SHA-256, strict decoding,
   UTF-8-in-GBK search, and the csv module's shape check against the limits) vs a bare
   SHA-256 plus strict decode of the same bytes (what the pass did before the limits), on
   300,000 call records (``WORKBENCH_BENCH_SCAN_CALLS``).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import secrets
import tempfile
from pathlib import Path

from benchmarks.bench_import import generate
from benchmarks.harness import Comparison, median_time
from workbench.importers.reading import inspect_file
from workbench.store import Store
from workbench.store.keys import RawKey, marked_salt

VERIFY_MB = int(os.environ.get("WORKBENCH_BENCH_VERIFY_MB", "200"))
SCAN_CALLS = int(os.environ.get("WORKBENCH_BENCH_SCAN_CALLS", "300000"))


def _big_database(path: Path, megabytes: int) -> bytes:
    raw = secrets.token_bytes(32)
    with Store.create(path, RawKey(raw, marked_salt())) as store, store.raw_connection() as c:
        c.execute("CREATE TABLE filler (b BLOB)")
        c.execute("BEGIN")
        for _ in range(megabytes * 1024 // 3):
            c.execute("INSERT INTO filler VALUES (randomblob(3000))")
        c.execute("COMMIT")
    return raw


def _open_verified(tmp: Path) -> Comparison:
    db = tmp / "big.db"
    raw = _big_database(db, VERIFY_MB)
    size_mb = db.stat().st_size / 2**20

    def ours() -> None:
        Store.open(db, RawKey(raw), schema="as_is").close()

    def baseline() -> None:
        Store.open(db, RawKey(raw), schema="as_is", verify_pages=False).close()

    ours_s, base_s = median_time(ours, 3), median_time(baseline, 3)
    per_mb = (ours_s - base_s) * 1000 / size_mb
    return Comparison(
        f"open {size_mb:.0f} MB, every page verified",
        ours_s,
        base_s,
        "the same open, pages unchecked",
        f"{per_mb:.1f} ms per MB",
    )


def _bare_scan(path: Path) -> None:
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(4 << 20), b""):
            digest.update(block)
            decoder.decode(block)
    decoder.decode(b"", final=True)


def _scan(tmp: Path) -> Comparison:
    csv_path = tmp / "calls.csv"
    generate(csv_path, SCAN_CALLS)
    size_mb = csv_path.stat().st_size / 2**20
    return Comparison(
        f"pre-import scan of {SCAN_CALLS:,} calls (limits)",
        median_time(lambda: inspect_file(csv_path), 3),
        median_time(lambda: _bare_scan(csv_path), 3),
        "SHA-256 + strict UTF-8 decode",
        f"{size_mb:.0f} MB CSV",
    )


def run() -> list[Comparison]:
    with tempfile.TemporaryDirectory(prefix="workbench-bench-faults-") as tmp:
        return [_open_verified(Path(tmp)), _scan(Path(tmp))]


if __name__ == "__main__":
    os.environ.setdefault("WORKBENCH_LOG_DIR", tempfile.mkdtemp(prefix="workbench-bench-log-"))
    for comparison in run():
        print(comparison.line(), flush=True)
