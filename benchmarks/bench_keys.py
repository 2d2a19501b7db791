"""Key slots: sign-in cost and rekey cost, each beside a bare baseline in the same run.

1. Sign-in (``services.users.sign_in``: Argon2id at calibrated parameters, about 0.5 s
   by design, then the private key, HPKE, the slot file's MAC, Store.open and the audited
   sign-in) vs opening a foundation database keyed by the passphrase through SQLCipher's
   own PBKDF2 (256,000 iterations) and running the same first query.
2. Rekey of a 200 MB database (``UserService.rekey``: verified backup, export under the
   new key, proof, slot file, atomic switch) vs one bare ``sqlcipher_export`` of the same
   file to a new key. ``WORKBENCH_BENCH_REKEY_MB`` sets a smaller size for a quick run.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3

from benchmarks.harness import Comparison, median_time
from workbench.services.accounts.users import UserService, create_database, sign_in
from workbench.services.casefile.cases import CaseService
from workbench.services.core.context import Context
from workbench.store import PassphraseKey, Store
from workbench.store.keys import RawKey, apply_cipher_settings
from workbench.store.slots import KDF_PROFILE_ENV, SlotFile, calibrate, slot_path

PASS = "benchmark passphrase 基准"
REKEY_MB = int(os.environ.get("WORKBENCH_BENCH_REKEY_MB", "200"))
CHUNK = 1 << 20


def _sign_in(tmp: Path) -> Comparison:
    os.environ.pop(KDF_PROFILE_ENV, None)  # the real, calibrated parameters
    params = calibrate()
    keyed = tmp / "keyed.db"
    create_database(keyed, "bench", PASS, params=params).store.close()
    foundation = tmp / "foundation.db"
    with Store.create(foundation, PassphraseKey(PASS)) as s:
        UserService(Context(s, "bench")).add("bench", "admin")

    def ours() -> None:
        ctx = sign_in(keyed, "bench", PASS)
        CaseService(ctx).list()
        ctx.store.close()

    def baseline() -> None:
        with Store.open(foundation, PassphraseKey(PASS)) as s:
            CaseService(Context(s, "bench")).list()

    return Comparison(
        "sign-in (Argon2id slot, audited)",
        median_time(ours, 3),
        median_time(baseline, 3),
        "PBKDF2 passphrase Store.open",
        f"argon2id t={params.time_cost} m={params.memory_kib // 1024} MiB p={params.parallelism}",
    )


def _fill(path: Path, megabytes: int) -> None:
    ctx = create_database(path, "bench", PASS)
    try:
        with ctx.store.raw_connection() as raw:
            raw.execute("CREATE TABLE bench_fill (id INTEGER PRIMARY KEY, data BLOB)")
            raw.execute("BEGIN")
            for _ in range(megabytes):
                raw.execute("INSERT INTO bench_fill (data) VALUES (?)", (os.urandom(CHUNK),))
            raw.execute("COMMIT")
    finally:
        ctx.store.close()


def _bare_export(path: Path, target: Path) -> None:
    key = SlotFile.load(slot_path(path)).unwrap(path, "bench", PASS)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    RawKey(key).apply(conn)
    conn.execute(
        "ATTACH DATABASE ? AS copy KEY ?", (str(target), RawKey(secrets.token_bytes(32)).material())
    )
    apply_cipher_settings(conn, "copy")
    conn.execute("SELECT sqlcipher_export('copy')")
    conn.execute("DETACH DATABASE copy")
    conn.close()


def _rekey(tmp: Path) -> Comparison:
    os.environ.setdefault(KDF_PROFILE_ENV, "test")  # rekey cost, not Argon2id, is measured
    template = tmp / "big.db"
    _fill(template, REKEY_MB)
    size_mb = template.stat().st_size / 1e6
    work = tmp / "rekey.db"
    shutil.copyfile(template, work)
    shutil.copyfile(slot_path(template), slot_path(work))

    start = time.perf_counter()
    _bare_export(template, tmp / "bare-copy.db")
    baseline_s = time.perf_counter() - start

    ctx = sign_in(work, "bench", PASS)
    try:
        start = time.perf_counter()
        UserService(ctx).rekey(keep_backup=False)
        ours_s = time.perf_counter() - start
    finally:
        ctx.store.close()
    return Comparison(
        f"rekey {size_mb:.0f} MB (backup, export, switch)",
        ours_s,
        baseline_s,
        "bare sqlcipher_export, same file",
    )


def run() -> Iterator[Comparison]:
    saved = os.environ.get(KDF_PROFILE_ENV)
    with tempfile.TemporaryDirectory(prefix="workbench-bench-keys-") as tmp:
        try:
            yield _sign_in(Path(tmp))
            yield _rekey(Path(tmp))
        finally:
            if saved is None:
                os.environ.pop(KDF_PROFILE_ENV, None)
            else:
                os.environ[KDF_PROFILE_ENV] = saved


if __name__ == "__main__":
    os.environ.setdefault("WORKBENCH_LOG_DIR", tempfile.mkdtemp(prefix="workbench-bench-log-"))
    for result in run():
        print(result.line(), flush=True)
