"""The timeline plot widget shared by the case and audit timelines.

Rows of the layout: a density strip (events per day), the lanes (time on x, one lane
per row of y, lane 0 at the top) and the legend. Markers are one ScatterPlotItem per
kind, bars one :class:`BarsItem`, deadlines one ScatterPlotItem: the number of graphics
items does not grow with the number of events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QImage, QKeyEvent, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QHBoxLayout, QScrollBar, QWidget

from workbench.views.timeline.items import BarsItem, LaneAxis, TimeViewBox
from workbench.views.timeline.spread import spread_offsets
from workbench.views.timeline.style import DUE, HIGHLIGHT, OVERDUE, TODAY

DAY = 86_400.0
MIN_LANES_SHOWN = 10
PAN_FRACTION = 0.1
ZOOM_STEP = 0.8
PRINT_SCALE = 3  # screen pixels to print pixels: ~300 dpi from a 96 dpi window
DENSITY_HEIGHT = 64
LEGEND_SAMPLE_PX = 50  # a legend entry's sample and spacing beside its label
LEGEND_SHARE = 0.2  # of the plot's height: a taller legend is folded away (a button shows it)
LEGEND_ROW_PX = 22
MARKER_PX = 10
RESPREAD_MS = 40  # after a zoom settles, close markers are moved apart again
RESPREAD_CHANGE = 0.2  # ... once the zoom changed a marker's width in time by a fifth
SCROLL_STEPS = 100  # scroll bar steps per lane
TOP, BOTTOM_PAD = -0.7, 0.3  # the lanes' extent: lane 0 at the top, a margin below the last


BIN_WIDTHS = (1.0, 10.0, 60.0, 600.0, 3600.0, 6 * 3600.0, DAY, 7 * DAY, 30 * DAY, 365 * DAY)


def histogram(times: np.ndarray, bins: int = 150) -> tuple[np.ndarray, np.ndarray, float]:
    """(bin starts, counts, width): the smallest round width giving at most ~``bins`` bins."""
    if not len(times):
        return np.zeros(0), np.zeros(0, dtype=np.int64), DAY
    span = float(times.max() - times.min())
    width = next((w for w in BIN_WIDTHS if w * bins >= span), BIN_WIDTHS[-1])
    starts, counts = np.unique(np.floor(times / width) * width, return_counts=True)
    return starts, counts, width


def utc_offset(zone: str, when: float | None = None) -> int:
    """pyqtgraph's convention: seconds UTC is *ahead* of the zone (Shanghai: -28800)."""
    moment = datetime.fromtimestamp(when or datetime.now(UTC).timestamp(), ZoneInfo(zone))
    offset = moment.utcoffset()
    return -int(offset.total_seconds()) if offset is not None else 0


class LocalDateAxis(pg.DateAxisItem):
    """Dates as numbers in the workstation's zone (2019-02-26, 14:30): readable in any
    language, unlike month-name abbreviations. Day and hour labels carry the year
    whenever the range shown crosses one."""

    def __init__(self, zone: str, **kwargs: Any) -> None:
        self._crosses_year = False
        super().__init__(utcOffset=utc_offset(zone), **kwargs)
        self._zone = ZoneInfo(zone)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        """pyqtgraph's levels, minus minor ticks crowding a coarser one (a 5-day tick on
        02-28 beside the month tick on 03-01 would print one label over the other)."""
        self._crosses_year = self._year(minVal) != self._year(maxVal)
        levels: list[Any] = super().tickValues(minVal, maxVal, size)
        taken: list[float] = []
        out = []
        for spacing, values in levels:
            # the level's stated spacing can be a day while its ticks are 5 days apart
            gaps = np.diff(sorted(values)) if len(values) > 1 else np.array([spacing])
            room = float(gaps.min()) * 0.5
            keep = [v for v in values if all(abs(v - t) >= room for t in taken)]
            out.append((spacing, keep))
            taken += keep
        return out

    def setZoomLevelForDensity(self, density: float) -> None:
        """Room for the year in day and hour labels when the range crosses a year."""
        super().setZoomLevelForDensity(density)
        if self._crosses_year:
            label = self.fontMetrics.boundingRect("2019-12-31 23:59").width() + 10
            self.minSpacing = max(self.minSpacing, density * label)

    def _year(self, value: float) -> int | None:
        try:
            return datetime.fromtimestamp(value, self._zone).year
        except (OverflowError, OSError, ValueError):
            return None

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        if spacing >= 360 * DAY:
            pattern = "%Y"
        elif spacing >= 28 * DAY:
            pattern = "%Y-%m"
        elif spacing >= DAY:
            pattern = "%m-%d"
        elif spacing >= 60:
            pattern = "%m-%d %H:%M" if spacing >= 3600 else "%H:%M"
        else:
            pattern = "%H:%M:%S"
        if self._crosses_year and pattern.startswith("%m-%d"):
            pattern = "%Y-" + pattern  # 2018-12-30, 2019-01-04: which year is never a guess
        out = []
        for v in values:
            try:
                out.append(datetime.fromtimestamp(v, self._zone).strftime(pattern))
            except (OverflowError, OSError, ValueError):
                out.append("")
        return out


class TimelinePlot(pg.GraphicsLayoutWidget):
    """Emits ``point_clicked(index)`` with the index of a point as given to set_points."""

    point_clicked = Signal(int)
    legend_shown = Signal(bool)  # the legend was folded away (False) or shown (True)

    def __init__(self, zone: str, parent: QWidget | None = None, *, spread: bool = False) -> None:
        """``spread``: move markers that would hide one another apart within their lane."""
        super().__init__(parent)
        self.setObjectName("timeline_plot")
        self.setBackground("w")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.zone = zone
        self._tip: Callable[[int], str] = str
        self._deadline_tip: Callable[[int], str] = str
        self._x = np.zeros(0)
        self._y = np.zeros(0)  # as drawn (lane plus any spread offset)
        self._base_y = np.zeros(0)  # as given
        self._groups: list[np.ndarray] = []  # the point indices of each scatter item
        self._highlighted = np.zeros(0, dtype=np.int64)
        self._styles: list[dict[str, Any]] = []
        self._spread = spread
        self._spread_width = 0.0
        self._range: tuple[float, float] | None = None  # the facts: what a case opens on
        self._everything: tuple[float, float] | None = None  # the facts and today
        self._fit_scope = "facts"
        self._min_pad = DAY / 2
        self._lanes = 0
        self._legend_wanted: bool | None = None  # None: shown while it fits
        self._legend_in_layout = True
        self._respread_timer = QTimer(self)
        self._respread_timer.setSingleShot(True)
        self._respread_timer.setInterval(RESPREAD_MS)
        self._respread_timer.timeout.connect(self.respread)

        self.density_plot = self.addPlot(row=0, col=0, axisItems={"bottom": LocalDateAxis(zone)})
        self.density_plot.setMaximumHeight(DENSITY_HEIGHT)
        self.density_plot.hideAxis("bottom")
        self.density_plot.setMouseEnabled(x=True, y=False)
        self.density_plot.getViewBox().setMenuEnabled(False)
        self.density_plot.hideButtons()
        self.density = BarsItem()
        self.density_plot.addItem(self.density)

        self.lane_axis = LaneAxis()
        self.view_box = TimeViewBox()
        self.view_box.invertY(True)
        self.view_box.setMenuEnabled(False)
        self.plot = self.addPlot(
            row=1,
            col=0,
            viewBox=self.view_box,
            axisItems={"bottom": LocalDateAxis(zone), "left": self.lane_axis},
        )
        self.plot.hideButtons()
        self.plot.showGrid(x=True, y=False, alpha=0.15)
        self.density_plot.setXLink(self.plot)
        self.bars = BarsItem()
        self.plot.addItem(self.bars)
        self.scatters: list[pg.ScatterPlotItem] = []
        self.deadlines = pg.ScatterPlotItem(symbol="|", size=18, hoverable=True, tip=self._dl_tip)
        self.plot.addItem(self.deadlines)
        self.today_line = pg.InfiniteLine(
            angle=90, pen=pg.mkPen(TODAY, width=1.5, style=Qt.PenStyle.DashLine), movable=False
        )
        self.plot.addItem(self.today_line)
        self.highlight = pg.ScatterPlotItem(
            size=17, pen=pg.mkPen(HIGHLIGHT, width=2.5), brush=None, symbol="o"
        )
        self.highlight.setZValue(10)
        self.plot.addItem(self.highlight)

        self.legend = pg.LegendItem(colCount=6, horSpacing=14)
        self.legend.setLabelTextColor("#202020")
        self.addItem(self.legend, row=2, col=0)
        self.ci.layout.setRowStretchFactor(1, 10)
        # Until the user pans or zooms, a resize fits again (the first fit may come
        # before the layout has its final size).
        self._auto_fit = True
        self.view_box.sigRangeChangedManually.connect(self._manual)
        self.view_box.sigResized.connect(self._box_resized)
        self.view_box.sigXRangeChanged.connect(self._date_caption)
        self.view_box.sigXRangeChanged.connect(lambda *_a: self._respread_timer.start())
        # Lanes that do not fit scroll: a scroll bar beside the plot (see with_scroll_bar).
        self.lane_scroll = QScrollBar(Qt.Orientation.Vertical)
        self.lane_scroll.setObjectName("timeline_lane_scroll")
        self.lane_scroll.setSingleStep(SCROLL_STEPS)
        self.lane_scroll.valueChanged.connect(self._scrolled)
        self.lane_scroll.hide()
        self._scrolling = False
        self.view_box.sigYRangeChanged.connect(self._sync_scroll)

    def with_scroll_bar(self) -> QWidget:
        """The plot with its lane scroll bar at the right: what a tab lays out."""
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self, 1)
        layout.addWidget(self.lane_scroll)
        return box

    # -- data ----------------------------------------------------------------------

    def set_lanes(self, labels: Sequence[str]) -> None:
        self._lanes = len(labels)
        width = self.lane_axis.set_labels(labels)
        self.density_plot.getAxis("left").setWidth(width)
        self._sync_scroll()

    def set_points(
        self,
        x: np.ndarray,
        y: np.ndarray,
        groups: np.ndarray,
        styles: Sequence[tuple[str, QColor, str]],
        tip: Callable[[int], str],
    ) -> None:
        """``groups`` index ``styles`` (legend name, colour, pyqtgraph symbol); a point is
        reported by its index into ``x``."""
        for item in self.scatters:
            self.plot.removeItem(item)
        self.scatters = []
        self._groups, self._styles = [], []
        self._x, self._base_y, self._tip = x, y, tip
        self._spread_width = self._marker_seconds()
        self._y = y + self._offsets(self._spread_width)
        for g in np.unique(groups).tolist():
            name, colour, symbol = styles[g]
            index = np.flatnonzero(groups == g)
            style = {
                "symbol": symbol,
                "size": MARKER_PX,
                "pen": pg.mkPen(colour.darker(150), width=1),
                "brush": pg.mkBrush(colour),
            }
            item = pg.ScatterPlotItem(
                x=x[index],
                y=self._y[index],
                data=index,
                hoverable=True,
                tip=self._point_tip,
                name=name,
                **style,
            )
            item.setZValue(5)
            item.sigClicked.connect(self._clicked)
            self.plot.addItem(item)
            self.scatters.append(item)
            self._groups.append(index)
            self._styles.append(style)
        self._highlighted = np.zeros(0, dtype=np.int64)
        self.highlight.setData(x=[], y=[])

    def _marker_seconds(self) -> float:
        """A marker's width in seconds at the current zoom (0 before the first layout)."""
        (x0, x1), _ = self.view_box.viewRange()
        width = self.view_box.width()
        return (x1 - x0) / width * MARKER_PX if width > 0 and x1 > x0 else 0.0

    def _offsets(self, marker_seconds: float) -> np.ndarray:
        if not self._spread or not len(self._x):
            return np.zeros(len(self._x))
        return spread_offsets(self._x, self._base_y, marker_seconds)

    def respread(self) -> None:
        """Move close markers apart for the current zoom (after a zoom or pan settles)."""
        if not self._spread or not len(self._x):
            return
        width = self._marker_seconds()
        if width <= 0 or abs(width - self._spread_width) <= RESPREAD_CHANGE * self._spread_width:
            return
        self._spread_width = width
        y = self._base_y + self._offsets(width)
        if np.array_equal(y, self._y):
            return
        self._y = y
        for item, index, style in zip(self.scatters, self._groups, self._styles, strict=True):
            if not np.array_equal(item.data["y"], y[index]):  # only kinds whose markers moved
                item.setData(x=self._x[index], y=y[index], data=index, **style)
        if len(self._highlighted):  # the rings follow their markers
            self.highlight.setData(x=self._x[self._highlighted], y=y[self._highlighted])

    def point_positions(self) -> tuple[np.ndarray, np.ndarray]:
        """Where each point is drawn (x, y), by its index as given to set_points."""
        return self._x, self._y

    def set_deadlines(
        self, x: np.ndarray, y: np.ndarray, overdue: np.ndarray, tip: Callable[[int], str]
    ) -> None:
        self._deadline_tip = tip
        shared = np.array([pg.mkPen(DUE, width=3), pg.mkPen(OVERDUE, width=3)], dtype=object)
        pens = shared[overdue.astype(np.int64)]  # two pens, shared (they are cached by id)
        self.deadlines.setData(x=x, y=y, data=np.arange(len(x)), pen=pens)
        self.deadlines.setZValue(6)

    def set_today(self, when: float | None) -> None:
        self.today_line.setVisible(when is not None)
        if when is not None:
            self.today_line.setValue(when)

    def set_density(
        self,
        days: np.ndarray,
        counts: np.ndarray,
        colour: QColor,
        width: float = DAY,
        extra: tuple[np.ndarray, np.ndarray, QColor] | None = None,
    ) -> None:
        """Bars of ``counts`` from each of ``days`` (bin starts), ``width`` seconds wide;
        ``extra`` (days, counts, colour) — calls per day — shares each bin's right half."""
        if extra is None or not len(extra[0]):
            self.density.set_bars(
                days, days + width, np.zeros(len(days)), counts.astype(float),
                np.zeros(len(days), dtype=np.int64), [colour],
            )  # fmt: skip
            top = float(counts.max()) if len(counts) else 1.0
        else:
            x_days, x_counts, x_colour = extra
            half = width / 2
            self.density.set_bars(
                np.concatenate([days, x_days + half]),
                np.concatenate([days + half, x_days + width]),
                np.zeros(len(days) + len(x_days)),
                np.concatenate([counts, x_counts]).astype(float),
                np.concatenate([np.zeros(len(days)), np.ones(len(x_days))]).astype(np.int64),
                [colour, x_colour],
            )
            top = float(max(counts.max(initial=0), x_counts.max(initial=0)))
        self.density_plot.setYRange(0, top or 1.0, padding=0.05)

    def set_legend(self, entries: Sequence[tuple[Any, str]]) -> None:
        """(sample item, label) pairs: the scatter items, and samples for bars/lines."""
        self.legend.clear()
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(label) for _, label in entries), default=0)
        self._legend_column = widest + LEGEND_SAMPLE_PX
        self._legend_entries = len(entries)
        for item, label in entries:
            self.legend.addItem(item, label)
        self._fit_legend()

    def _fit_legend(self) -> None:
        """As many legend columns as the width holds (a legend wider than the view would
        widen the whole layout past the window's edge); a legend taller than a fifth of
        the plot is folded away unless the user asked for it (``show_legend``)."""
        column = getattr(self, "_legend_column", 0)
        if column <= 0:
            return
        columns = max(1, min(8, int((self.width() - 20) // column)))
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)
        wanted = self._legend_wanted
        self._place_legend(self.legend_fits() if wanted is None else wanted)

    def legend_fits(self) -> bool:
        """Whether the legend, at the current width, takes at most LEGEND_SHARE of the height."""
        column = getattr(self, "_legend_column", 0)
        entries = getattr(self, "_legend_entries", 0)
        if column <= 0 or entries == 0:
            return True
        columns = max(1, min(8, int((self.width() - 20) // column)))
        rows = -(-entries // columns)
        return rows * LEGEND_ROW_PX <= self.height() * LEGEND_SHARE

    def show_legend(self, on: bool | None) -> None:
        """Show (True) or fold away (False) the legend; None: shown while it fits."""
        self._legend_wanted = on
        self._fit_legend()

    def legend_visible(self) -> bool:
        return self._legend_in_layout

    def _place_legend(self, on: bool) -> None:
        if on == self._legend_in_layout:
            return
        if on:
            self.addItem(self.legend, row=2, col=0)
            self.legend.show()
        else:
            self.ci.removeItem(self.legend)
            self.legend.hide()
        self._legend_in_layout = on
        self.legend_shown.emit(on)

    def resizeEvent(self, ev: Any) -> None:
        super().resizeEvent(ev)
        self._fit_legend()
        self._sync_scroll()

    def set_time_range(
        self,
        first: float | None,
        last: float | None,
        min_pad: float = DAY / 2,
        *,
        also: Sequence[float] = (),
    ) -> None:
        """What a case opens on (``first``…``last``, at least ``min_pad`` seconds on either
        side); Fit all / Home shows that and the instants in ``also`` (deadlines, today)."""
        self._range = None if first is None or last is None else (first, last)
        self._min_pad = min_pad
        points = [v for v in (*(self._range or ()), *also) if v is not None and np.isfinite(v)]
        self._everything = (min(points), max(points)) if points else None

    # -- selection -----------------------------------------------------------------

    def highlight_points(self, index: np.ndarray) -> None:
        self._highlighted = np.asarray(index, dtype=np.int64)
        self.highlight.setData(x=self._x[self._highlighted], y=self._y[self._highlighted])

    def point_count(self) -> int:
        return sum(len(item.data) for item in self.scatters)

    def _clicked(self, _item: Any, points: Sequence[Any], _ev: Any = None) -> None:
        if len(points):
            self.point_clicked.emit(int(points[0].data()))

    def _point_tip(self, x: float, y: float, data: Any) -> str:
        return self._tip(int(data))

    def _dl_tip(self, x: float, y: float, data: Any) -> str:
        return self._deadline_tip(int(data))

    # -- navigation ----------------------------------------------------------------

    def fit_all(self) -> None:
        """Fit all (Home): everything in time — events, deadlines, today — and all the
        lanes that fit (see lanes_that_fit)."""
        self._fit("all")

    def fit_facts(self) -> None:
        """The case's own facts in time (what a case opens on: a 2019 case is not squeezed
        into a corner by today's date)."""
        self._fit("facts")

    def _fit(self, scope: str) -> None:
        self._auto_fit = True
        self._fit_scope = scope
        span = self._everything if scope == "all" else self._range
        if span is not None:
            first, last = span
            pad = max((last - first) * 0.03, self._min_pad)
            self.view_box.setXRange(first - pad, last + pad, padding=0)
        self.view_box.setLimits(yMin=-1.5, yMax=max(self._lanes, 1) + 0.5)
        self.view_box.setYRange(TOP, max(self.lanes_that_fit(), 1) - BOTTOM_PAD, padding=0)

    def x_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.view_box.viewRange()
        return float(x0), float(x1)

    # -- scrolling the lanes ---------------------------------------------------------

    def _sync_scroll(self, *_args: Any) -> None:
        """The scroll bar shows where the visible lanes are among all of them."""
        if getattr(self, "_scrolling", True):  # True also while __init__ is still running
            return
        _, (y0, y1) = self.view_box.viewRange()
        visible = y1 - y0
        total = max(self._lanes, 1) - BOTTOM_PAD - TOP
        hidden = total - visible
        self._scrolling = True
        try:
            if hidden <= 0.05 or self._lanes <= 1:
                self.lane_scroll.setRange(0, 0)
                self.lane_scroll.hide()
                return
            self.lane_scroll.setRange(0, round(hidden * SCROLL_STEPS))
            self.lane_scroll.setPageStep(max(1, round(visible * SCROLL_STEPS)))
            self.lane_scroll.setValue(round((y0 - TOP) * SCROLL_STEPS))
            self.lane_scroll.show()
        finally:
            self._scrolling = False

    def _scrolled(self, value: int) -> None:
        if self._scrolling:
            return
        _, (y0, y1) = self.view_box.viewRange()
        top = TOP + value / SCROLL_STEPS
        self._auto_fit = False  # the user placed the lanes: a resize keeps them
        self._scrolling = True
        try:
            self.view_box.setYRange(top, top + (y1 - y0), padding=0)
        finally:
            self._scrolling = False

    def _date_caption(self, *_args: Any) -> None:
        """Under three days the ticks show times only: the date goes under the axis."""
        (x0, x1), _ = self.view_box.viewRange()
        axis = self.plot.getAxis("bottom")
        if x1 - x0 >= 3 * DAY:
            if axis.labelText:
                axis.setLabel("")
                axis.showLabel(False)
            return
        zone = ZoneInfo(self.zone)
        try:
            first = datetime.fromtimestamp(x0, zone).strftime("%Y-%m-%d")
            last = datetime.fromtimestamp(x1, zone).strftime("%Y-%m-%d")
        except (OverflowError, OSError, ValueError):
            return
        text = first if first == last else f"{first} – {last}"
        if text != axis.labelText:
            axis.setLabel(text)

    def _manual(self, *_args: Any) -> None:
        self._auto_fit = False

    def _box_resized(self, *_args: Any) -> None:
        if self._auto_fit:
            self._fit(self._fit_scope)
        self._sync_scroll()

    def lanes_that_fit(self) -> int:
        """All lanes if each gets a readable label's height, else as many as do (at least
        MIN_LANES_SHOWN); the others are a scroll (Up/Down, drag) away."""
        height = self.view_box.height()
        if height <= 0:
            height = max(self.height() - DENSITY_HEIGHT - 120, 200)
        line = QFontMetrics(self.lane_axis.font()).height() + 2
        fit = int(height // line)
        return self._lanes if self._lanes <= fit else max(fit, MIN_LANES_SHOWN)

    def zoom_to(self, first: float, last: float) -> None:
        pad = max((last - first) * 0.1, DAY / 2)
        self._auto_fit = False
        self.view_box.setXRange(first - pad, last + pad, padding=0)

    def pan(self, fraction: float) -> None:
        (x0, x1), _ = self.view_box.viewRange()
        shift = (x1 - x0) * fraction
        self.view_box.setXRange(x0 + shift, x1 + shift, padding=0)

    def zoom(self, factor: float) -> None:
        (x0, x1), _ = self.view_box.viewRange()
        mid, half = (x0 + x1) / 2, (x1 - x0) * factor / 2
        self.view_box.setXRange(mid - half, mid + half, padding=0)

    def scroll_lanes(self, lanes: float) -> None:
        _, (y0, y1) = self.view_box.viewRange()
        self.view_box.setYRange(y0 + lanes, y1 + lanes, padding=0)

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        key = ev.key()
        actions = {
            Qt.Key.Key_Left: lambda: self.pan(-PAN_FRACTION),
            Qt.Key.Key_Right: lambda: self.pan(PAN_FRACTION),
            Qt.Key.Key_Up: lambda: self.scroll_lanes(-1),
            Qt.Key.Key_Down: lambda: self.scroll_lanes(1),
            Qt.Key.Key_Plus: lambda: self.zoom(ZOOM_STEP),
            Qt.Key.Key_Equal: lambda: self.zoom(ZOOM_STEP),
            Qt.Key.Key_Minus: lambda: self.zoom(1 / ZOOM_STEP),
            Qt.Key.Key_Home: self.fit_all,
        }
        action = actions.get(Qt.Key(key))
        if action is None:
            super().keyPressEvent(ev)
            return
        self._auto_fit = key == Qt.Key.Key_Home
        action()
        ev.accept()

    # -- export --------------------------------------------------------------------

    def export_png(self, path: Path, scale: int = PRINT_SCALE) -> None:
        """The layout at ``scale`` times the screen's pixel density, on white: the same
        picture, sharper (pyqtgraph's ImageExporter leaves the legend at screen size)."""
        with self._legend_for_export():
            self._export_png(path, scale)

    def _export_png(self, path: Path, scale: int) -> None:
        rect = self.ci.sceneBoundingRect()
        image = QImage(
            int(rect.width() * scale), int(rect.height() * scale), QImage.Format.Format_RGB32
        )
        image.setDevicePixelRatio(scale)  # drawn as on a high-density screen
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            self.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        finally:
            painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(
                QCoreApplication.translate("TimelinePlot", "could not write %1").replace(
                    "%1", str(path)
                )
            )

    def export_svg(self, path: Path) -> None:
        """The layout rendered through QSvgGenerator: vector shapes and real text.

        (pyqtgraph's SVGExporter rewrites the generator's path data and fails on what
        Qt 6.12 writes; rendering the scene directly needs no rewriting.)
        """
        with self._legend_for_export():
            self._export_svg(path)

    @contextmanager
    def _legend_for_export(self) -> Iterator[None]:
        """An exported picture always carries its legend, folded away on screen or not."""
        folded = not self._legend_in_layout
        if folded:
            self._place_legend(True)
            self.ci.layout.activate()
        try:
            yield
        finally:
            if folded:
                self._place_legend(False)

    def _export_svg(self, path: Path) -> None:
        rect = self.ci.sceneBoundingRect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(int(rect.width()), int(rect.height())))
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(self.windowTitle() or "timeline")
        generator.setResolution(int(self.logicalDpiX()))  # pixel-sized items keep their size
        (low, high), (top, bottom) = self.view_box.viewRange()
        scatters = [*self.scatters, self.deadlines, self.highlight]
        for bars in (self.bars, self.density):
            bars.clip_x(low, high)
        for item in scatters:  # markers outside the view would spill over the axes
            x, y = item.data["x"], item.data["y"]
            lo_y, hi_y = min(top, bottom), max(top, bottom)
            item.setPointsVisible((x >= low) & (x <= high) & (y >= lo_y) & (y <= hi_y))
        painter = QPainter(generator)
        try:
            self.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        finally:
            painter.end()
            for bars in (self.bars, self.density):
                bars.clip_x(None, None)
            for item in scatters:
                item.setPointsVisible(np.ones(len(item.data), dtype=bool))
        if not path.exists():
            raise OSError(
                QCoreApplication.translate("TimelinePlot", "could not write %1").replace(
                    "%1", str(path)
                )
            )
