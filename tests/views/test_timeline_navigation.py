"""The timeline at the size people use it (1024×700): lanes scroll, Fit all shows the
deadlines and today, the legend leaves the plot its room, the axis says the year, close
markers stand apart, several persons at once, all or none of the kinds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from tests.views.conftest import CASE, make_window
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.records import RecordService
from workbench.services.core.context import Context
from workbench.views.main_window import MainWindow
from workbench.views.timeline.case_tab import TimelineTab
from workbench.views.timeline.install import install_timeline
from workbench.views.timeline.plot import DAY, LEGEND_SHARE, LocalDateAxis, TimelinePlot
from workbench.views.timeline.spread import spread_offsets

SMALL = (1024, 700)
ZONE = "Asia/Shanghai"


@pytest.fixture
def window(qtbot: QtBot, demo_ctx: Context) -> MainWindow:
    return timeline_window(qtbot, demo_ctx)


def timeline_window(qtbot: QtBot, demo_ctx: Context) -> MainWindow:
    w = make_window(qtbot, demo_ctx)
    install_timeline(w)
    w.resize(*SMALL)
    w.open_case(CASE)
    w.show_view("timeline")
    qtbot.wait(50)
    return w


def tab_of(window: MainWindow) -> TimelineTab:
    tab: TimelineTab = window.timeline_tab  # type: ignore[attr-defined]
    return tab


def test_lanes_that_do_not_fit_scroll_with_a_scroll_bar(qtbot: QtBot, window: MainWindow) -> None:
    tab = tab_of(window)
    plot = tab.plot
    assert tab.data is not None and len(tab.data.lanes) > plot.lanes_that_fit()
    bar = plot.lane_scroll
    assert bar.isVisible() and bar.maximum() > 0
    _, (top, bottom) = plot.view_box.viewRange()
    bar.setValue(bar.maximum())  # to the last lane
    _, (y0, y1) = plot.view_box.viewRange()
    assert y0 > top and y1 >= len(tab.data.lanes) - 1
    assert y1 - y0 == pytest.approx(bottom - top)  # scrolled, not zoomed
    plot.scroll_lanes(-3)  # the keyboard's Up: the bar follows
    assert bar.value() < bar.maximum()


def test_a_case_whose_lanes_fit_has_no_scroll_bar(window: MainWindow) -> None:
    tab = tab_of(window)
    tab.mode_box.setCurrentIndex(2)  # one lane
    assert not tab.plot.lane_scroll.isVisible()


@pytest.fixture
def running_case(qtbot: QtBot, demo_ctx: Context) -> MainWindow:
    """The demo case as it stood before it was sent for prosecution: its deadlines run."""
    CaseService(demo_ctx).update(CASE, concluded_on=None, conclusion="")
    return timeline_window(qtbot, demo_ctx)


def test_fit_all_includes_the_deadlines_and_today(running_case: MainWindow) -> None:
    tab = tab_of(running_case)
    shown = tab.shown
    assert shown is not None and len(shown.deadline_time)
    opened = tab.plot.x_range()  # the case opens on its own facts
    tab.fit_all()
    first, last = tab.plot.x_range()
    assert first <= float(shown.deadline_time.min()) and last >= float(shown.deadline_time.max())
    assert first <= float(shown.point_time.min()) and last >= shown.today
    assert opened[1] < shown.today  # a 2019 case is not squeezed to make room for today


def test_the_legend_leaves_the_plot_its_room_at_1024_by_700(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = tab_of(window)
    plot = tab.plot
    legend_height = plot.legend.geometry().height() if plot.legend_visible() else 0.0
    assert legend_height <= plot.height() * LEGEND_SHARE + 1
    assert plot.view_box.height() >= plot.height() * 0.55
    assert tab.legend_button.isChecked() == plot.legend_visible()
    if not plot.legend_visible():  # folded away: one click shows it
        tab.legend_button.click()
        assert plot.legend_visible() and tab.legend_button.isChecked()


def test_day_labels_carry_the_year_when_the_range_crosses_one(qtbot: QtBot) -> None:
    plot = TimelinePlot(ZONE)
    qtbot.addWidget(plot)
    plot.resize(900, 400)
    plot.show()
    tz = ZoneInfo(ZONE)
    start = datetime(2018, 12, 20, tzinfo=tz).timestamp()
    end = datetime(2019, 1, 15, tzinfo=tz).timestamp()
    plot.view_box.setXRange(start, end, padding=0)
    plot.grab()  # painted once: the axis knows its font
    axis = plot.plot.getAxis("bottom")
    assert isinstance(axis, LocalDateAxis)
    labels = tick_labels(axis, start, end)
    days = [t for spacing, t in labels if spacing < 28 * DAY]
    assert days, labels  # day ticks are drawn at this zoom
    assert all(t[:4] in ("2018", "2019") for t in days), days
    assert any(t.startswith("2018-12") for t in days)
    within = datetime(2019, 2, 1, tzinfo=tz).timestamp()
    days = [t for sp, t in tick_labels(axis, within, within + 20 * DAY) if sp < 28 * DAY]
    assert days and not any(t.startswith("2019") for t in days)  # "02-05" within one year


def tick_labels(axis: LocalDateAxis, start: float, end: float) -> list[tuple[float, str]]:
    out = []
    for spacing, values in axis.tickValues(start, end, 800):
        out += [(spacing, t) for t in axis.tickStrings(values, 1.0, spacing)]
    return out


def test_close_markers_on_a_lane_stand_apart(
    qtbot: QtBot, window: MainWindow, demo_ctx: Context
) -> None:
    at = datetime(2019, 2, 10, 14, 0, tzinfo=UTC)
    records = RecordService(demo_ctx)
    for minute in range(3):
        records.add(
            CASE, "event", kind="meeting", title=f"会面 {minute}",
            occurred_at=at + timedelta(minutes=minute),
        )  # fmt: skip
    window.refresh()
    tab = tab_of(window)
    tab.mode_box.setCurrentIndex(2)  # one lane: they share it
    tab.fit_all()
    tab.plot.respread()
    x, y = tab.plot.point_positions()
    close = np.flatnonzero(np.abs(x - at.timestamp()) <= 180)
    assert len(close) == 3
    assert len(set(np.round(y[close], 3).tolist())) == 3  # three rows, none hidden


def test_spread_offsets_cluster_by_marker_width() -> None:
    x = np.array([0.0, 5.0, 8.0, 100.0, 0.0])
    lane = np.array([0, 0, 0, 0, 1])
    offsets = spread_offsets(x, lane, width=10.0)
    assert offsets[3] == 0 and offsets[4] == 0  # alone in time, alone on its lane
    assert len(set(offsets[:3].tolist())) == 3
    assert (spread_offsets(x, lane, width=1.0) == 0).all()  # zoomed in: all apart


def test_several_persons_at_once(window: MainWindow) -> None:
    tab = tab_of(window)
    data = tab.data
    assert data is not None
    first, second = list(data.person_names)[:2]
    tab.set_persons({first})
    one = set(tab.shown.point_event.tolist())  # type: ignore[union-attr]
    tab.set_persons({second})
    other = set(tab.shown.point_event.tolist())  # type: ignore[union-attr]
    tab.set_persons({first, second})
    both = set(tab.shown.point_event.tolist())  # type: ignore[union-attr]
    assert both == one | other and both != one
    assert tab.persons_button.chosen() == {first, second}
    assert "2/" in tab.persons_button.text()
    tab.persons_button.set_all(True)
    assert tab.persons_button.chosen() is None


def test_kinds_all_and_none(window: MainWindow) -> None:
    tab = tab_of(window)
    everything = tab.plot.point_count()
    tab.kinds_button.none_button.click()
    assert tab.plot.point_count() == 0
    tab.kinds_button.all_button.click()
    assert tab.plot.point_count() == everything
