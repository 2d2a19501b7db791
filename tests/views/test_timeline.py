"""The timeline tabs as real widgets on a copy of the demo database (pytest-qt).

Counts come from the items' data (what pyqtgraph will draw), expectations from the
Events and Measures tables of the same database, not from the timeline service.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.views.conftest import CASE, make_window
from workbench.services.analysis.timeline import SPAN_UNCERTAIN
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.tables import TableService
from workbench.services.core.context import Context
from workbench.views.main_window import MainWindow
from workbench.views.table_model import RecordTableModel
from workbench.views.timeline.audit_tab import AuditTimelineTab
from workbench.views.timeline.case_tab import TimelineTab
from workbench.views.timeline.install import install_timeline, open_audit_window


@pytest.fixture
def window(qtbot: QtBot, demo_ctx: Context) -> MainWindow:
    w = make_window(qtbot, demo_ctx)
    install_timeline(w)
    w.open_case(CASE)
    return w


def timeline(window: MainWindow, mode: int = 0) -> TimelineTab:
    tab: TimelineTab = window.timeline_tab  # type: ignore[attr-defined]
    window.show_view("timeline")
    if tab.mode_box.currentIndex() != mode:
        tab.mode_box.setCurrentIndex(mode)
    return tab


def all_rows(ctx: Context, entity: str) -> list[dict[str, object]]:
    tables = TableService(ctx)
    return tables.fetch(CASE, entity, None, 0, tables.count(CASE, entity) + 1)


def test_one_point_per_event_and_one_bar_per_span(window: MainWindow, demo_ctx: Context) -> None:
    events = all_rows(demo_ctx, "events")
    measures = [
        m for m in all_rows(demo_ctx, "measures") if m["starts_on"] and m["kind"] != "release"
    ]
    spans = [e for e in events if e["ends_at"] is not None]
    approximate = [
        e for e in events if e["ends_at"] is None and e["precision"] in ("month", "year")
    ]
    for mode in (1, 2):  # by kind, one lane: exactly one marker per event
        tab = timeline(window, mode)
        assert tab.plot.point_count() == len(events)
        assert tab.plot.bars.bar_count() == len(spans) + len(approximate) + len(measures)
    one_lane = timeline(window, 2)
    assert one_lane.plot.lane_axis._labels == (one_lane.data.lanes[0].label,)  # type: ignore[union-attr]
    # by entity an event is drawn on each participant's lane
    tab = timeline(window, 0)
    assert tab.data is not None
    expected = sum(max(1, len(tab.data.participants(int(e["id"])))) for e in events)
    assert tab.plot.point_count() == expected
    # each kind is one scatter item, whatever the number of events
    assert len(tab.plot.scatters) == len({e["kind"] for e in events})
    assert len(approximate) >= 1
    assert (tab.shown.span_category == SPAN_UNCERTAIN).sum() >= len(approximate)  # type: ignore[union-attr]


def _click_point(qtbot: QtBot, tab: TimelineTab, x: float, y: float) -> None:
    plot = tab.plot
    scene_pos = plot.view_box.mapViewToScene(QPointF(x, y))
    pos = plot.mapFromScene(scene_pos)
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_clicking_a_marker_selects_its_row_and_rows_ring_markers(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = timeline(window, 1)
    assert tab.shown is not None
    # the marker that stands alone: the one farthest in time from its neighbours
    order = np.argsort(tab.shown.point_time)
    times = tab.shown.point_time[order]
    gaps = np.minimum(np.diff(times, prepend=-np.inf), np.diff(times, append=np.inf))
    index = int(order[int(np.argmax(gaps))])
    event_id = int(tab.shown.point_event[index])
    x, y = float(tab.shown.point_time[index]), float(tab.shown.point_lane[index])
    _click_point(qtbot, tab, x, y)
    assert tab.selected_event_ids() == [event_id]
    # the Events tab's own table has the same row selected
    events_view = window.case_view.table_view("events")
    rows = events_view.selectionModel().selectedRows()
    model = window.case_view.model("events")
    assert [model.data(r, RecordTableModel.IdRole) for r in rows] == [event_id]
    ringed = tab.plot.highlight.data
    assert len(ringed) == 1 and ringed[0]["x"] == x

    # selecting two rows in the Events table rings their markers
    window.show_view("events")
    events_view.selectRow(0)
    events_view.selectionModel().select(
        model.index(1, 0),
        events_view.selectionModel().SelectionFlag.Select
        | events_view.selectionModel().SelectionFlag.Rows,
    )
    ids = {int(model.data(model.index(r, 0), RecordTableModel.IdRole)) for r in (0, 1)}
    window.show_view("timeline")
    ringed_x = sorted(p["x"] for p in tab.plot.highlight.data)
    expected = sorted(
        float(t)
        for t, e in zip(tab.shown.point_time, tab.shown.point_event, strict=True)
        if int(e) in ids
    )
    assert ringed_x == expected and len(expected) == 2


def test_filters_change_what_is_drawn(window: MainWindow, demo_ctx: Context) -> None:
    events = all_rows(demo_ctx, "events")
    tab = timeline(window, 1)
    everything = tab.plot.point_count()
    tab.set_kinds({"arrest"})
    assert tab.plot.point_count() == sum(e["kind"] == "arrest" for e in events) < everything
    assert len(tab.plot.scatters) == 1
    tab.set_kinds(None)
    assert tab.plot.point_count() == everything

    # one person: only the events they took part in, and their measures
    assert tab.data is not None
    person = next(iter(tab.data.person_names))
    tab.set_persons({person})
    assert tab.shown is not None
    shown = set(tab.shown.point_event.tolist())
    name = tab.data.person_names[person]
    assert shown and all(name in tab.data.participants(e) for e in shown)
    assert tab.plot.point_count() == len(shown)
    tab.set_persons(None)

    # a date range
    tab.dates_check.setChecked(True)
    tab.date_from.setDate(tab.date_from.date().addDays(40))
    assert 0 < tab.plot.point_count() < everything
    assert (tab.shown.point_time >= tab._local_day(tab.date_from, end=False)).all()


def test_keyboard_pans_zooms_and_home_fits(qtbot: QtBot, window: MainWindow) -> None:
    tab = timeline(window, 0)
    vb = tab.plot.view_box
    tab.plot.setFocus()
    home = vb.viewRange()[0]
    qtbot.keyClick(tab.plot, Qt.Key.Key_Right)
    moved = vb.viewRange()[0]
    assert moved[0] > home[0] and moved[1] - moved[0] == pytest.approx(home[1] - home[0])
    qtbot.keyClick(tab.plot, Qt.Key.Key_Plus)
    zoomed = vb.viewRange()[0]
    assert zoomed[1] - zoomed[0] < moved[1] - moved[0]
    qtbot.keyClick(tab.plot, Qt.Key.Key_Home)  # fit all: the case's facts and today
    fitted = vb.viewRange()[0]
    assert tab.shown is not None
    assert fitted[0] <= home[0] + 1 and fitted[1] >= tab.shown.today


def test_exported_png_and_svg_are_real_images(window: MainWindow, tmp_path: Path) -> None:
    tab = timeline(window, 0)
    png, svg = tmp_path / "t.png", tmp_path / "t.svg"
    tab.plot.export_png(png)
    image = QImage(str(png))
    assert image.width() >= 2 * tab.plot.width()  # print resolution, not the screen's
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 11) for y in range(0, image.height(), 11)
    }
    assert len(colours) > 30
    text = svg_text = ""
    tab.plot.export_svg(svg)
    svg_text = svg.read_text(encoding="utf-8")
    assert svg_text.lstrip().startswith("<?xml") and "<svg" in svg_text
    assert svg_text.count("<path") + svg_text.count("<rect") > 50
    assert "库某" in svg_text  # the lane labels are text in the drawing
    del text


def test_audit_timeline_marks_an_update_and_shows_its_values(
    window: MainWindow, demo_ctx: Context
) -> None:
    tab: AuditTimelineTab = window.audit_timeline_tab  # type: ignore[attr-defined]
    window.show_view("audit-timeline")
    assert tab.data is not None
    before = len(tab.data)
    assert "✓" in tab.banner.text() and tab.data.chain.head_hash in tab.banner.text()
    event_id = int(all_rows(demo_ctx, "events")[0]["id"])
    result = RecordService(demo_ctx).update("event", event_id, title="审计测试标题")
    window.apply_changes(result.changes)
    assert len(tab.data) == before + 1
    updates = [s for s in tab.plot.scatters if s.name() == "update"]
    assert len(updates) == 1
    last = int(np.argmax(tab.data.seq))
    assert last in {int(p) for p in updates[0].data["data"]}
    tab.show_entry(last)
    cells = [
        [tab.details.item(r, c).text() for c in range(3)] for r in range(tab.details.rowCount())
    ]
    assert ["title", cells[0][1], "审计测试标题"] == cells[0] and cells[0][1] != "审计测试标题"
    assert str(tab.data.seq[last]) in tab.entry_label.text()


def test_whole_database_audit_window_and_lock_forget(window: MainWindow) -> None:
    frame = open_audit_window(window)
    tab = frame.centralWidget()
    assert isinstance(tab, AuditTimelineTab) and tab.data is not None
    assert tab.data.case_code is None and len(tab.data) > 0
    timeline(window, 0)
    window.lock()
    assert window.timeline_tab.data is None  # type: ignore[attr-defined]
    assert window.audit_timeline_tab.data is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "view"), [("zh_CN", "timeline"), ("en", "audit-timeline")])
def test_screenshot_mode_reaches_the_timelines(
    demo_db: Path, tmp_path: Path, lang: str, view: str
) -> None:
    from tests.views.test_screenshot import gui

    out = tmp_path / f"{view}.png"
    done = gui(demo_db, "--lang", lang, "--case", CASE, "--view", view, "--screenshot", str(out))
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    colours = {image.pixel(x, y) for x in range(0, 1400, 5) for y in range(0, 900, 5)}
    assert len(colours) > 40  # markers in many colours, not an empty plot


def test_tooltips_zoom_to_selection_and_area_mode(qtbot: QtBot, window: MainWindow) -> None:
    import pyqtgraph as pg

    # the demo case was concluded in 2019; undone, its deadlines run (and are long past)
    window.services.cases.update(CASE, conclusion="", concluded_on=None)
    tab = timeline(window, 0)
    assert tab.data is not None and tab.shown is not None
    # the hover text of a marker names its time, kind, title and participants
    busiest = int(np.argmax(np.bincount(tab.shown.point_event)))
    index = int(np.flatnonzero(tab.shown.point_event == busiest)[0])
    tip = tab._tip(index)
    assert tab.data.titles[busiest] in tip
    assert all(name in tip for name in tab.data.participants(busiest))
    assert tab.data.kind_labels[int(tab.shown.point_kind[index])] in tip
    assert "overdue" in tab._deadline_tip(0)  # a 2019 custody deadline, long past
    # zoom to the selected event
    tab.select_point(index)
    tab.zoom_to_selection()
    x0, x1 = tab.plot.view_box.viewRange()[0]
    assert x0 < tab.shown.point_time[index] < x1 and x1 - x0 <= 2 * 86_400
    # times only on the ticks now: the date is written under the axis
    day = datetime.fromtimestamp(float(tab.shown.point_time[index]), tab._tz).date()
    assert day.isoformat() in tab.plot.plot.getAxis("bottom").labelText
    qtbot.keyClick(tab.plot, Qt.Key.Key_Home)
    assert tab.plot.plot.getAxis("bottom").labelText == ""
    tab.area_button.click()
    assert tab.plot.view_box.state["mouseMode"] == pg.ViewBox.RectMode
    tab.area_button.click()
    assert tab.plot.view_box.state["mouseMode"] == pg.ViewBox.PanMode


def test_date_axis_drops_minor_ticks_crowding_a_month_tick(qtbot: QtBot) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import pyqtgraph as pg

    from workbench.views.timeline.plot import LocalDateAxis

    axis = LocalDateAxis("Asia/Shanghai")
    widget = pg.PlotWidget(axisItems={"bottom": axis})
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.grab()  # the date axis measures its labels once painted
    zone = ZoneInfo("Asia/Shanghai")
    lo = datetime(2019, 2, 25, tzinfo=zone).timestamp()
    hi = datetime(2019, 3, 31, tzinfo=zone).timestamp()
    raw = pg.DateAxisItem.tickValues(axis, lo, hi, 830)
    kept = axis.tickValues(lo, hi, 830)
    values = sorted(v for _, level in kept for v in level)
    assert sum(len(v) for _, v in raw) > len(values)  # pyqtgraph's crowded tick was dropped
    assert min(np.diff(values)) >= 2 * 86_400
    assert axis.tickStrings([values[0]], 1, 30 * 86_400) == ["2019-03"]


def test_calls_per_day_from_imported_records_share_the_density_strip(
    window: MainWindow, demo_ctx: Context, tmp_path: Path
) -> None:
    from tests.services.test_imports import write_csv
    from workbench.services.imports.importing import ImportService

    tab = timeline(window, 0)
    assert tab.data is not None and len(tab.data.calls_day) == 0
    events_bars = tab.plot.density.bar_count()
    calls = [
        ["主叫号码", "被叫号码", "开始时间"],
        ["13897530867", "15120493830", "2019-02-20 08:00:00"],
        ["15120493830", "13897530867", "2019-02-20 23:30:00"],  # the same local day
        ["13897530867", "13900000000", "2019-02-21 09:30:00"],
    ]
    ImportService(demo_ctx).run(CASE, "calls", write_csv(tmp_path / "话单.csv", calls))
    window.refresh()
    tab = timeline(window, 0)
    assert tab.data is not None
    assert tab.data.calls_count.tolist() == [2, 1]  # per Asia/Shanghai calendar day
    assert tab.plot.density.bar_count() == events_bars + 2
    labels = [label.text for _, label in tab.plot.legend.items]
    assert "calls per day (call records)" in labels
