"""The window on a big case against a bare QTableView holding the same rows in memory.

A synthetic case with 10,000 persons and 100,000 events (built through the services).

0. Unlock: ``Store.open`` and the user's check (``authenticate``), the passphrase's key
   derivation included — against a bare sqlcipher3 connection keyed with the same
   passphrase and cipher settings reading its first page (the KDF alone). Reported on
   its own line: the other two start where it ends.
1. Open: from the unlocked store to the main window shown with the case open on its
   Events tab and its first rows painted — against a bare QTableView over a minimal
   QAbstractTableModel whose 100,000 formatted rows are already in memory, shown at the
   same size.
2. Scroll to the end: ``scrollToBottom`` + ``processEvents`` (the same calls on both).
   The paged model reads only the last page (by its position, from the far end of the
   index); then the last record must be the last row on screen. The note gives the time
   a bare ``fetchall`` of all the rows takes (what the old append-only model paid at
   least), the rows the model holds in memory after it, and each side's peak memory.

Each measurement runs in a fresh process (so peak memory, VmHWM, is its own).
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3

from benchmarks.harness import Comparison, peak_rss_mb
from workbench.logs import configure_logging
from workbench.services.accounts.users import UserService
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.records import RecordService
from workbench.services.core.context import Context
from workbench.services.core.unit_of_work import transaction
from workbench.store import PassphraseKey, Store
from workbench.store.keys import KDF_ITER

PASS = "benchmark passphrase"
CASE = "BENCH-GUI"
PERSONS = 10_000
EVENTS = 100_000
SIZE = (1400, 900)
REPEAT = 5


def build(path: Path, persons: int = PERSONS, events: int = EVENTS) -> None:
    """The synthetic case, written as an investigator's import would be."""
    with Store.create(path, PassphraseKey(PASS)) as store:
        ctx = Context(store, "bench")
        UserService(ctx).add("bench", "admin")
        CaseService(ctx).create(CASE, "基准测试案件", level="provincial_target")
        people = PersonService(ctx)
        with transaction(ctx):
            for i in range(persons):
                people.add_to_case(
                    CASE,
                    {"name": f"人员{i:05d}", "phones": [f"138{i:08d}"]},
                    role="member" if i % 10 else "user",
                    is_suspect=i % 10 == 0,
                )
        t0 = datetime(2019, 1, 1, tzinfo=UTC)
        rows = [
            {
                "kind": ("call", "meeting", "payment")[i % 3],
                "title": f"事件 {i:06d}",
                "description": f"第{i}条通话记录,基准测试数据",
                "source": "bench",
                "occurred_at": t0 + timedelta(minutes=i),
            }
            for i in range(events)
        ]
        RecordService(ctx).bulk_add(CASE, "event", rows, source="bench")


def _settle(app: Any) -> None:
    for _ in range(3):
        app.processEvents()


def _ours(path: str) -> dict[str, float]:
    configure_logging()  # Qt's platform notes go to the log file, as in the application
    from workbench.app import application
    from workbench.views.main_window import MainWindow

    app = application()
    start = time.perf_counter()
    # The case stays passphrase-keyed (a foundation-style file, so the bare baseline can
    # open it too): signing in through key slots is measured in bench_keys.
    ctx = Context(Store.open(Path(path), PassphraseKey(PASS)), "bench")
    UserService(ctx).authenticate()
    unlocked = time.perf_counter() - start
    start = time.perf_counter()
    window = MainWindow(ctx, lang="zh_CN")
    window.resize(*SIZE)
    window.show()
    window.show_view("events")  # the tab in front is the one that reads (the others wait)
    window.open_case(CASE)
    _settle(app)
    opened = time.perf_counter() - start
    view = window.case_view.table_view("events")
    model = window.case_view.model("events")
    assert model.rowCount() == EVENTS, model.rowCount()
    start = time.perf_counter()
    view.scrollToBottom()
    _settle(app)
    scrolled = time.perf_counter() - start
    # the last record is the last row on screen, and it was read to be painted
    last_page = (EVENTS - 1) // model.page_size
    assert last_page in model.cached_pages(), model.cached_pages()
    assert view.rowAt(view.viewport().height() - 1) in (EVENTS - 1, -1)
    last = model.index(EVENTS - 1, model.column_index("title"))
    assert view.viewport().rect().intersects(view.visualRect(last)), view.visualRect(last)
    assert model.data(last) == f"事件 {EVENTS - 1:06d}", model.data(last)
    in_memory = model.loaded()
    window.close()
    ctx.store.close()
    return {
        "unlock": unlocked,
        "open": opened,
        "scroll": scrolled,
        "rows_in_memory": in_memory,
        "rss_mb": _peak_mb(),
    }


def _baseline(path: str) -> dict[str, float]:
    configure_logging()  # Qt's platform notes go to the log file, as in the application
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    from workbench.app import application
    from workbench.services.casefile.tables import TableService
    from workbench.views.table_model import locale_formatter

    class ListModel(QAbstractTableModel):
        def __init__(self, rows: list[tuple[str, ...]], headers: list[str]) -> None:
            super().__init__()
            self.rows, self.headers = rows, headers

        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self.headers)

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.rows[index.row()][index.column()]
            return None

        def headerData(self, section: int, orientation: Any, role: int = 0) -> Any:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return self.headers[section]
            return None

    app = application()
    unlocked = _bare_unlock(Path(path))
    # The same rows, read and formatted up front: not timed (they are "in memory").
    with Store.open(Path(path), PassphraseKey(PASS)) as store:
        tables = TableService(Context(store, "bench"))
        columns = tables.columns("events")
        raw = tables.fetch(CASE, "events", None, 0, EVENTS)
    fmt = locale_formatter("zh_CN")
    rows = [tuple(fmt.format(c.kind, r[c.key], r) for c in columns) for r in raw]
    del raw
    headers = [c.label_zh for c in columns]

    start = time.perf_counter()
    model = ListModel(rows, headers)
    view = QTableView()
    view.setModel(model)
    view.resize(*SIZE)
    view.show()
    _settle(app)
    opened = time.perf_counter() - start
    start = time.perf_counter()
    view.scrollToBottom()
    _settle(app)
    scrolled = time.perf_counter() - start
    last = model.index(len(rows) - 1, 0)
    assert view.viewport().rect().intersects(view.visualRect(last))
    view.close()
    return {"unlock": unlocked, "open": opened, "scroll": scrolled, "rss_mb": _peak_mb()}


def _bare_unlock(path: Path) -> float:
    """A bare sqlcipher3 connection keyed with the same passphrase and cipher settings,
    reading page 1: the key derivation, the floor under any unlock."""
    start = time.perf_counter()
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        PassphraseKey(PASS).apply(conn)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()
    return time.perf_counter() - start


def _bare_read(path: Path) -> float:
    """All the events' columns with one bare fetchall: the floor under any scrolling."""
    with Store.open(path, PassphraseKey(PASS)) as store, store.raw_connection() as conn:
        start = time.perf_counter()
        conn.execute(
            "SELECT e.id, e.precision, e.occurred_at, e.ends_at, e.kind, e.title,"
            " e.description, e.source FROM event e JOIN case_file c ON c.id = e.case_id"
            " WHERE c.code = ? ORDER BY e.occurred_at, e.id",
            (CASE,),
        ).fetchall()
        return time.perf_counter() - start


def _peak_mb() -> float:
    return peak_rss_mb()


def _in_fresh_process(fn: Any, path: Path) -> dict[str, float]:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        result: dict[str, float] = pool.apply(fn, (str(path),))
    return result


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def run() -> list[Comparison]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="workbench-bench-gui-") as tmp:
        path = Path(tmp) / "big.db"
        started = time.perf_counter()
        build(path)
        built = time.perf_counter() - started
        ours = [_in_fresh_process(_ours, path) for _ in range(REPEAT)]
        base = [_in_fresh_process(_baseline, path) for _ in range(REPEAT)]
        bare_read = _bare_read(path)
    memory = (
        f"peak RSS ours {_median(ours, 'rss_mb'):.0f} MiB, "
        f"in-memory {_median(base, 'rss_mb'):.0f} MiB"
    )
    cached = int(_median(ours, "rows_in_memory"))
    return [
        Comparison(
            "unlock (Store.open + sign-in)",
            _median(ours, "unlock"),
            _median(base, "unlock"),
            "bare sqlcipher3 key + first read",
            f"(passphrase KDF, {KDF_ITER:,} PBKDF2 iterations; case built in {built:.0f} s)",
        ),
        Comparison(
            f"open {EVENTS // 1000}k-event case, Events tab",
            _median(ours, "open"),
            _median(base, "open"),
            "QTableView, rows in memory",
            "(from the unlocked store: window, case list, case view, first rows painted)",
        ),
        Comparison(
            f"scroll {EVENTS // 1000}k events to the end",
            _median(ours, "scroll"),
            _median(base, "scroll"),
            "QTableView, rows in memory",
            f"(reading them all with bare sqlcipher3: {bare_read * 1000:.0f} ms; "
            f"rows in memory after: ours {cached:,}, in-memory {EVENTS:,}; {memory})",
        ),
    ]


if __name__ == "__main__":
    for comparison in run():
        print(comparison.line(), flush=True)
