"""RecordTableModel without a view (Qt's model tester and direct calls) and with one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import (
    QItemSelectionModel,
    QMessageLogContext,
    QModelIndex,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QBrush
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from tests.views.conftest import CASE, add_events
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.tables import TableQuery, TableService
from workbench.services.core.context import Context
from workbench.views.table_model import FLAG_BACKGROUND, RecordTableModel

ROOT = QModelIndex()
EARLY = datetime(2000, 1, 1, tzinfo=UTC)  # before every event of the demo case
Display = Qt.ItemDataRole.DisplayRole


class CountingTables(TableService):
    """The real service, counting the reads the model makes."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.fetches: list[tuple[int, int]] = []
        self.counts = 0
        self.positions = 0

    def count(self, *args: Any, **kw: Any) -> int:
        self.counts += 1
        return super().count(*args, **kw)

    def fetch(self, *args: Any, **kw: Any) -> list[dict[str, Any]]:
        rows = super().fetch(*args, **kw)
        offset = args[3] if len(args) > 3 else kw.get("offset", 0)
        self.fetches.append((offset, len(rows)))
        return rows

    def position(self, *args: Any, **kw: Any) -> int | None:
        self.positions += 1
        return super().position(*args, **kw)


@contextmanager
def model_tester(model: RecordTableModel) -> Iterator[None]:
    """Qt's QAbstractItemModelTester (PySide6.QtTest) watching ``model`` throughout;
    its findings (warnings starting "FAIL!") fail the test instead of aborting the run."""
    found: list[str] = []

    def handler(_mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        found.append(message)

    previous = qInstallMessageHandler(handler)
    try:
        tester = QAbstractItemModelTester(
            model, QAbstractItemModelTester.FailureReportingMode.Warning
        )
        yield
        del tester
    finally:
        qInstallMessageHandler(previous)
    assert not [m for m in found if "FAIL" in m], found


def model_for(ctx: Context, entity: str, code: str | None = CASE, **kw: Any) -> RecordTableModel:
    model = RecordTableModel(TableService(ctx), entity, **kw)
    model.set_case(code)
    return model


def column(model: RecordTableModel, key: str) -> list[Any]:
    c = model.column_index(key)
    return [model.index(r, c).data(Display) for r in range(model.rowCount())]


def titles(model: RecordTableModel, rows: list[int]) -> list[str]:
    c = model.column_index("title")
    return [model.index(r, c).data(Display) for r in rows]


@pytest.mark.parametrize("entity", ["persons", "vehicles", "seizures", "events", "audit"])
def test_qt_model_tester(demo_ctx: Context, entity: str) -> None:
    """Qt's own checks (PySide6.QtTest), kept watching through sorts, filters, refreshes."""
    model = model_for(demo_ctx, entity, page_size=7, max_pages=3)
    with model_tester(model):
        model.sort(0, Qt.SortOrder.DescendingOrder)
        model.set_filter("某")
        model.set_filter("")
        model.reload()
        model.set_language("en")
        model.sort(-1)
        model.clear()
        model.set_case(CASE)


def test_row_count_is_the_whole_table_and_rows_are_read_when_asked(demo_ctx: Context) -> None:
    add_events(demo_ctx, 1234)
    tables = CountingTables(demo_ctx)
    model = RecordTableModel(tables, "events", page_size=100)
    model.set_case(CASE)
    total = 1234 + 25  # and the demo case's own
    assert model.total() == model.rowCount() == total
    assert tables.counts == 1 and tables.fetches == [] and model.loaded() == 0
    assert not hasattr(model, "canFetchMore") or not model.canFetchMore(ROOT)
    every = TableService(demo_ctx).fetch(CASE, "events", None, 0, 9999)
    # the last row reads the last page alone
    last = model.index(total - 1, model.column_index("title")).data(Display)
    assert last == every[-1]["title"]
    assert tables.fetches == [(1200, 59)] and model.cached_pages() == [12]
    # the middle, then the first: one page each, cached
    assert titles(model, [650, 651, 699]) == [every[r]["title"] for r in (650, 651, 699)]
    assert model.index(0, 0).data(Display)
    assert [offset for offset, _ in tables.fetches] == [1200, 600, 0]
    assert model.loaded() == 59 + 100 + 100
    ids = [model.record_id(r) for r in range(total)]
    assert len(set(ids)) == total
    assert tables.counts == 1  # one COUNT, however much was read
    with pytest.raises(IndexError):
        model.record_id(total)
    assert model.index(total, 0).data(Display) is None


def test_cells_are_formatted_when_shown(demo_ctx: Context) -> None:
    model = model_for(demo_ctx, "events", page_size=10)
    assert model.record_id(5)  # reads page 0, formats nothing
    page = model._pages[0]
    assert sum(c is not None for c in page.cells) == 0
    assert model.index(5, 0).data(Display)
    assert sum(c is not None for c in page.cells) == 1


def test_touching_every_page_keeps_memory_bounded(demo_ctx: Context) -> None:
    add_events(demo_ctx, 20_000)
    tables = CountingTables(demo_ctx)
    model = RecordTableModel(tables, "events", page_size=256, max_pages=10)
    model.set_case(CASE)
    total = model.rowCount()
    assert total == 20_025
    for row in range(0, total, 97):
        assert model.index(row, 0).data(Display)
    assert len(model.cached_pages()) == 10 and model.loaded() <= 10 * 256
    assert len(tables.fetches) == -(-total // 256)  # each page read once, in order
    # least recently used goes first: touching an old page keeps it
    newest = model.cached_pages()
    model.index(newest[0] * 256, 0).data(Display)
    model.index(0, 0).data(Display)  # page 0 was evicted long ago: read again
    assert model.cached_pages()[-2:] == [newest[0], 0]
    assert newest[1] not in model.cached_pages()


def test_stale_models_read_only_when_asked(demo_ctx: Context) -> None:
    model = RecordTableModel(TableService(demo_ctx), "persons")
    model.set_case(CASE, load=False)
    assert model.is_stale() and model.rowCount() == 0
    model.ensure_loaded()
    assert not model.is_stale() and model.rowCount() == 26
    model.mark_stale()
    model.ensure_loaded()
    assert model.rowCount() == 26


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sorting_requeries_in_sql_first_middle_and_last_rows(
    demo_ctx: Context, order: Qt.SortOrder
) -> None:
    add_events(demo_ctx, 3000)
    model = model_for(demo_ctx, "events", page_size=64)
    expected = TableService(demo_ctx).fetch(
        CASE, "events", TableQuery("", "title", order == Qt.SortOrder.DescendingOrder), 0, 9999
    )
    model.sort(model.column_index("title"), order)
    assert model.rowCount() == len(expected) == 3025
    for row in (0, 1, 63, 64, 1512, 3000, 3023, 3024):
        assert model.record_id(row) == expected[row]["id"], row
        assert titles(model, [row]) == [expected[row]["title"]]
    raw = [
        model.index(r, model.column_index("title")).data(RecordTableModel.RawRole)
        for r in range(model.rowCount())
    ]
    assert raw == sorted(raw, reverse=order == Qt.SortOrder.DescendingOrder)


def test_sorting_seizures_both_ways(demo_ctx: Context) -> None:
    model = model_for(demo_ctx, "seizures")
    net = model.column_index("net_mg")
    model.sort(net, Qt.SortOrder.DescendingOrder)
    raw = [model.index(r, net).data(RecordTableModel.RawRole) for r in range(model.rowCount())]
    assert raw == sorted(raw, reverse=True)
    assert model.query == TableQuery("", "net_mg", True)
    model.sort(net, Qt.SortOrder.AscendingOrder)
    raw = [model.index(r, net).data(RecordTableModel.RawRole) for r in range(model.rowCount())]
    assert raw == sorted(raw)
    model.sort(-1)  # header click cleared: the table's own order
    assert model.query.sort is None


def test_filter_counts_and_pages_what_matches(demo_ctx: Context) -> None:
    add_events(demo_ctx, 1000)
    model = model_for(demo_ctx, "events", page_size=50)
    totals: list[int] = []
    model.total_changed.connect(totals.append)
    model.set_filter("通话 007")  # every word: 00007, 00070 … 00079, 00700 … 00799
    assert model.rowCount() == model.total() == 111 and totals == [111]
    assert titles(model, [0, 11, 60, 110]) == [
        "通话 00007",
        "通话 00700",
        "通话 00749",
        "通话 00799",
    ]
    model.set_filter("")
    assert model.rowCount() == 1025 and totals == [111, 1025]


def test_filter_and_display_formatting(demo_ctx: Context) -> None:
    persons = model_for(demo_ctx, "persons", lang="zh_CN")
    persons.set_filter("库某")
    assert persons.rowCount() == persons.total() == 1
    assert column(persons, "role") == ["主犯"]
    assert column(persons, "sex") == ["男"]
    assert persons.headerData(0, Qt.Orientation.Horizontal) == "姓名"

    seizures = model_for(demo_ctx, "seizures", lang="en")
    assert column(seizures, "net_mg")[0] == "7,985"
    assert column(seizures, "drug")[0] == "methamphetamine"
    assert column(seizures, "seized_at")[0] == "2019-02-26 06:20"  # 22:20 UTC, Beijing time
    assert column(seizures, "purity_bp")[0] == "78.60%"
    align = seizures.index(0, seizures.column_index("net_mg")).data(
        Qt.ItemDataRole.TextAlignmentRole
    )
    assert align & Qt.AlignmentFlag.AlignRight

    assets = model_for(demo_ctx, "assets", lang="en")
    assert column(assets, "amount_fen")[0] == "¥860,000.00"

    changed: list[Any] = []
    seizures.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    seizures.set_language("zh_CN")
    assert changed == [(0, seizures.rowCount() - 1)]
    assert column(seizures, "drug")[0] == "甲基苯丙胺(冰毒)"
    assert seizures.headerData(0, Qt.Orientation.Horizontal) == "检材编号"


def test_record_ids_and_rows(demo_ctx: Context) -> None:
    model = model_for(demo_ctx, "persons", page_size=5)
    for r in range(model.rowCount()):
        index = model.index(r, 0)
        assert index.data(RecordTableModel.IdRole) == model.record_id(r)
        row = index.data(RecordTableModel.RowRole)
        assert row["id"] == model.record_id(r) and "person_id" in row
        assert model.row_record(r) == row
    assert model.row_of_id(model.record_id(3)) == 3
    assert model.row_of_id(model.row_record(7)["person_id"], key="person_id") == 7


def test_row_of_an_id_not_in_the_cache_is_asked_of_the_service(demo_ctx: Context) -> None:
    add_events(demo_ctx, 5000)
    tables = CountingTables(demo_ctx)
    model = RecordTableModel(tables, "events", page_size=100)
    model.set_case(CASE)
    model.sort(model.column_index("title"), Qt.SortOrder.DescendingOrder)
    wanted = TableService(demo_ctx).fetch(CASE, "events", model.query, 4321, 1)[0]["id"]
    assert model.loaded() == 0
    assert model.row_of_id(wanted) == 4321 and tables.positions == 1
    assert tables.fetches == []  # no row was read to find it
    assert model.record_id(4321) == wanted
    assert model.row_of_id(wanted) == 4321 and tables.positions == 1  # cached now
    model.set_filter("通话 01")
    assert model.row_of_id(wanted) is None  # filtered out
    assert model.row_of_id(999_999) is None


def test_reload_after_an_edit_recounts_and_rereads(demo_ctx: Context) -> None:
    model = model_for(demo_ctx, "events", page_size=10)
    with model_tester(model):
        before = model.rowCount()
        titles(model, list(range(before)))  # every page cached
        new = (
            RecordService(demo_ctx)
            .add(CASE, "event", kind="call", title="新的", occurred_at=EARLY)
            .value
        )
        model.reload()  # rows added at the end, then the layout changes
        assert model.rowCount() == before + 1
        assert titles(model, [0]) == ["新的"]  # first in time order: the cache was dropped
        RecordService(demo_ctx).delete("event", new)
        RecordService(demo_ctx).delete("event", model.record_id(before))
        model.reload()  # the layout changes, then rows go from the end
        assert model.rowCount() == before - 1


def test_persons_of_another_case_are_flagged(demo_ctx: Context) -> None:
    model = model_for(demo_ctx, "persons", code="PDS-2019-003", lang="en")
    flag = model.column_index("other_cases")
    assert all(not model.index(r, flag).data(Display) for r in range(model.rowCount()))

    ku = TableService(demo_ctx).fetch(CASE, "persons", TableQuery("库某"), 0, 1)[0]
    PersonService(demo_ctx).add_to_case(
        "PDS-2019-003", {"name": ku["name"], "id_number": ku["id_number"]}, role="supplier"
    )
    model.reload()
    flagged = [r for r in range(model.rowCount()) if model.index(r, flag).data(Display)]
    assert len(flagged) == 1
    row = flagged[0]
    assert model.index(row, flag).data(Display) == f"{CASE} (principal)"  # with the role there
    assert CASE in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    background = model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == FLAG_BACKGROUND
    others = [r for r in range(model.rowCount()) if r != row]
    assert all(model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is None for r in others)
    assert model.headerData(flag, Qt.Orientation.Horizontal) == "Other cases"


def test_no_case_no_rows_and_clear(demo_ctx: Context) -> None:
    model = model_for(demo_ctx, "events", code=None)
    assert model.rowCount() == 0 and model.index(0, 0).data(Display) is None
    model.set_case(CASE)
    assert model.rowCount() == 25
    assert model.index(24, 0).data(Display)
    model.clear()
    assert model.rowCount() == 0 and model.case_code is None and model.loaded() == 0


# -- with a view ----------------------------------------------------------------------


def shown(qtbot: QtBot, model: RecordTableModel) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def visible_rows(view: QTableView) -> range:
    top = view.rowAt(0)
    bottom = view.rowAt(view.viewport().height() - 1)
    bottom = view.model().rowCount() - 1 if bottom < 0 else bottom
    return range(top, bottom + 1)


def test_a_view_scrolled_to_the_end_reads_only_the_last_pages(
    qtbot: QtBot, demo_ctx: Context
) -> None:
    add_events(demo_ctx, 26_000)
    tables = CountingTables(demo_ctx)
    model = RecordTableModel(tables, "events", page_size=256)
    model.set_case(CASE)
    view = shown(qtbot, model)
    total = model.rowCount()
    assert total == 26_025
    tables.fetches.clear()
    view.scrollToBottom()
    QApplication.processEvents()
    view.viewport().repaint()
    rows = visible_rows(view)
    assert rows[-1] == total - 1
    assert titles(model, [total - 1]) == [
        TableService(demo_ctx).fetch(CASE, "events", None, total - 1, 1)[0]["title"]
    ]
    assert {offset for offset, _ in tables.fetches} <= {25_856, 25_600}  # the last page(s)
    last = model.index(total - 1, 0)
    assert view.visualRect(last).isValid() and view.viewport().rect().contains(
        view.visualRect(last).center()
    )


def test_a_view_selects_a_record_not_in_the_cache(qtbot: QtBot, demo_ctx: Context) -> None:
    add_events(demo_ctx, 12_000)
    tables = CountingTables(demo_ctx)
    model = RecordTableModel(tables, "events", page_size=256)
    model.set_case(CASE)
    view = shown(qtbot, model)
    QApplication.processEvents()
    wanted = TableService(demo_ctx).fetch(CASE, "events", None, 9000, 1)[0]["id"]
    assert model.row_of_id(wanted) == 9000 and tables.positions == 1
    view.selectRow(9000)
    view.scrollTo(model.index(9000, 0))
    QApplication.processEvents()
    assert 9000 in visible_rows(view)
    assert view.selectionModel().selectedRows()[0].data(RecordTableModel.IdRole) == wanted
    assert model.loaded() <= model.max_pages * 256


def test_selection_follows_its_record_through_a_refresh(qtbot: QtBot, demo_ctx: Context) -> None:
    add_events(demo_ctx, 3000)
    model = model_for(demo_ctx, "events", page_size=100)
    view = shown(qtbot, model)
    view.scrollToBottom()
    QApplication.processEvents()
    row = model.rowCount() - 2
    view.selectRow(row)
    selected = model.record_id(row)
    bar = view.verticalScrollBar().value()
    # an event earlier than every other: every row moves down one
    RecordService(demo_ctx).add(CASE, "event", kind="call", title="最早", occurred_at=EARLY)
    model.reload()
    QApplication.processEvents()
    assert model.rowCount() == 3026
    rows = view.selectionModel().selectedRows()
    assert [i.row() for i in rows] == [row + 1]
    assert rows[0].data(RecordTableModel.IdRole) == selected
    assert view.verticalScrollBar().value() >= bar - 1  # the view did not jump to the top
    assert titles(model, [0]) == ["最早"]
    # a refresh that removes rows: the selection still follows
    RecordService(demo_ctx).delete("event", model.record_id(0))
    model.reload()
    assert model.rowCount() == 3025
    rows = view.selectionModel().selectedRows()
    assert [i.row() for i in rows] == [row]
    assert rows[0].data(RecordTableModel.IdRole) == selected
    view.selectionModel().select(
        model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
