"""The Timeline tab: the case's events, spans and deadlines on lanes, above the Events table.

The table below the plot is the Events tab's own model *and selection model*, so a
marker clicked selects the event's row in the Events table, and rows selected there (in
either place) are ringed on the plot.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QDate, QItemSelection, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.services.analysis.timeline import (
    SPAN_EVENT,
    SPAN_MEASURE,
    SPAN_UNCERTAIN,
    TimelineData,
    TimelineService,
    deadline_label,
    filter_timeline,
)
from workbench.views.i18n import arg
from workbench.views.table_model import RecordTableModel
from workbench.views.timeline.check_list import CheckListButton
from workbench.views.timeline.plot import TimelinePlot
from workbench.views.timeline.style import (
    CALLS,
    DUE,
    EVENTS_PER_DAY,
    MEASURE_ALPHA,
    OVERDUE,
    SPAN_ALPHA,
    TODAY,
    UNCERTAIN_ALPHA,
    event_style,
    measure_colour,
    with_alpha,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from workbench.views.case_view import CaseView

MODES = ("entity", "kind", "single")
_FORMATS = {"minute": "%Y-%m-%d %H:%M", "day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
# Half-heights of bars within a lane (lanes are 1 apart).
_HALF = {SPAN_MEASURE: 0.38, SPAN_EVENT: 0.2, SPAN_UNCERTAIN: 0.1}


class TimelineTab(QWidget):
    def __init__(self, case_view: CaseView | None, lang: str, zone: str) -> None:
        """``case_view`` None: the plot alone, fed through :meth:`show_data` (benchmarks)."""
        super().__init__()
        self.setObjectName("tab_timeline")
        self.case_view = case_view
        self.lang = lang
        self.zone = zone
        self._tz = ZoneInfo(zone)
        self.data: TimelineData | None = None  # as read, all lanes
        self.shown: TimelineData | None = None  # after the filters
        self._kinds_off: set[str] = set()
        self._persons_on: set[int] | None = None  # None: every person
        self._syncing = False

        self.plot = TimelinePlot(zone, spread=True)
        self.plot.point_clicked.connect(self.select_point)

        self.mode_box = QComboBox()
        self.mode_box.setObjectName("timeline_mode")
        for text in (self.tr("Lanes by entity"), self.tr("Lanes by kind"), self.tr("One lane")):
            self.mode_box.addItem(text)
        self.mode_box.currentIndexChanged.connect(lambda _i: self.refresh())
        # Whole names: on a narrow window the tool bar folds what does not fit
        self.mode_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kinds_button = CheckListButton(self.tr("Kinds"))
        self.kinds_button.setObjectName("timeline_kinds")
        self.kinds_button.setToolTip(self.tr("Show only some kinds of event"))
        self.kinds_button.changed.connect(self._kinds_chosen)
        self.persons_button = CheckListButton(self.tr("Persons"))
        self.persons_button.setObjectName("timeline_persons")
        self.persons_button.setToolTip(self.tr("Show only the events and measures of some persons"))
        self.persons_button.changed.connect(self._persons_chosen)
        self.dates_check = QCheckBox(self.tr("Dates"))
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self.apply_filters())
        self.dates_check.toggled.connect(self._dates_toggled)

        fit = self._button(
            self.tr("Fit all"),
            self.tr("Show everything: events, deadlines and today (Home)"),
            self.fit_all,
        )
        self.legend_button = self._button(
            self.tr("Legend"), self.tr("Show or fold away the legend"), None
        )
        self.legend_button.setCheckable(True)
        self.legend_button.setChecked(True)
        self.legend_button.clicked.connect(self.plot.show_legend)
        self.plot.legend_shown.connect(self.legend_button.setChecked)
        zoom_sel = self._button(
            self.tr("Zoom to selection"),
            self.tr("Zoom to the events selected in the table"),
            self.zoom_to_selection,
        )
        self.area_button = self._button(
            self.tr("Zoom to area"), self.tr("Drag a rectangle to zoom into"), self._area_mode
        )
        self.area_button.setCheckable(True)
        export = self._button(self.tr("Export"), self.tr("Save the plot as an image"), None)
        export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(export)
        export_menu.addAction(self.tr("PNG image (print resolution)…"), self._png)
        export_menu.addAction(self.tr("SVG drawing…"), self._svg)
        export.setMenu(export_menu)

        # A tool bar, not a row: on a narrow window what does not fit goes behind its »
        # button instead of widening the whole window.
        bar = QToolBar()
        bar.setObjectName("timeline_bar")
        for widget in (self.mode_box, self.kinds_button, self.persons_button, self.dates_check):
            bar.addWidget(widget)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.date_to)
        self.bar = bar
        self.status = QLabel()
        self.status.setObjectName("timeline_status")
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for b in (fit, zoom_sel, self.area_button, self.legend_button, export):
            bottom.addWidget(b)

        self.table = QTableView()
        self.table.setObjectName("timeline_events")
        if case_view is not None:
            self._connect_table()
        else:
            self.table.hide()

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.plot.with_scroll_bar())
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def _button(self, text: str, tip: str, slot: Callable[[], None] | None) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    # -- the shared events table ---------------------------------------------------

    @property
    def events_model(self) -> RecordTableModel:
        assert self.case_view is not None
        return self.case_view.models["events"]

    def _connect_table(self) -> None:
        assert self.case_view is not None
        events_view = self.case_view.record_table("events").view
        self.table.setModel(self.events_model)
        self.table.setSelectionModel(events_view.selectionModel())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        events_view.selectionModel().selectionChanged.connect(self._selection_changed)

    def selected_event_ids(self) -> list[int]:
        model = self.events_model
        rows = self.table.selectionModel().selectedRows()
        ids = (model.data(model.index(i.row(), 0), RecordTableModel.IdRole) for i in rows)
        return [int(i) for i in ids if i is not None]

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        if self.shown is None or self.case_view is None:
            return
        ids = np.array(self.selected_event_ids(), dtype=np.int64)
        self.plot.highlight_points(np.flatnonzero(np.isin(self.shown.point_event, ids)))

    def select_point(self, index: int) -> None:
        """A marker was clicked: select its event's row (both tables share the selection)."""
        if self.shown is None or self.case_view is None:
            return
        event_id = int(self.shown.point_event[index])
        model = self.events_model
        model.ensure_loaded()
        row = model.row_of_id(event_id)
        if row is None:
            self.status.setText(self.tr("The event is hidden by the Events table's filter."))
            return
        self.table.selectRow(row)
        self.table.scrollTo(model.index(row, 0))

    # -- reading and filtering -----------------------------------------------------

    def show_data(self, data: TimelineData) -> None:
        """Draw ``data`` (already read) with the current filters, fitted."""
        self.data = data
        self._fill_filters(reset=True)
        self.apply_filters(fit=True)

    def refresh(self) -> None:
        if self.case_view is None:
            return
        code = self.case_view.case_code()
        if code is None:
            self.clear()
            return
        self.events_model.ensure_loaded()
        service = TimelineService(self.case_view.services.ctx)
        first_load = self.data is None or self.data.case_code != code
        self.data = service.case_timeline(
            code, mode=MODES[self.mode_box.currentIndex()], lang=self.lang, zone=self.zone
        )
        self._fill_filters(reset=first_load)
        self.apply_filters(fit=first_load)

    def clear(self) -> None:
        """Forget the case (another case, or the window locks)."""
        self.data = self.shown = None
        empty = np.zeros(0)
        self.plot.set_lanes([])
        self.plot.set_points(empty, empty, np.zeros(0, dtype=np.int64), [], str)
        self.plot.bars.set_bars(empty, empty, empty, empty, np.zeros(0, dtype=np.int64), [])
        self.plot.set_deadlines(empty, empty, np.zeros(0, dtype=bool), str)
        self.plot.density.set_bars(empty, empty, empty, empty, np.zeros(0, dtype=np.int64), [])
        self.plot.set_legend([])
        self.persons_button.set_items([], set())
        self.kinds_button.set_items([], set())
        self.status.clear()

    def _fill_filters(self, reset: bool) -> None:
        assert self.data is not None
        data = self.data
        present = set(np.unique(data.point_kind).tolist())
        if reset:
            self._kinds_off = set()
            self._persons_on = None
        kinds = [
            (kind, label)
            for i, (kind, label) in enumerate(zip(data.kinds, data.kind_labels, strict=True))
            if i in present
        ]
        self.kinds_button.set_items(kinds, set(self._kinds_off))
        persons = list(data.person_names.items())
        if self._persons_on is not None:  # a person gone from the case is not kept
            self._persons_on &= set(data.person_names)
        off = set() if self._persons_on is None else set(data.person_names) - self._persons_on
        self.persons_button.set_items(persons, off)
        rng = data.time_range()
        if reset and rng is not None:
            for edit, value in ((self.date_from, rng[0]), (self.date_to, rng[1])):
                day = datetime.fromtimestamp(value, self._tz).date()
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)

    def _kinds_chosen(self, chosen: set[object] | None) -> None:
        every = {str(k) for k in self.kinds_button.item_keys()}
        self._kinds_off = set() if chosen is None else every - {str(k) for k in chosen}
        self.apply_filters()

    def _persons_chosen(self, chosen: set[object] | None) -> None:
        self._persons_on = None if chosen is None else {int(str(k)) for k in chosen}
        self.apply_filters()

    def set_persons(self, persons: set[int] | None) -> None:
        """Show only the events and measures of ``persons`` (None: everyone)."""
        self.persons_button.set_chosen(None if persons is None else set(persons))

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filters()

    def set_kinds(self, kinds: set[str] | None) -> None:
        """Show only ``kinds`` (None: all); the Kinds list follows."""
        assert self.data is not None
        self.kinds_button.set_chosen(None if kinds is None else set(kinds))

    def _local_day(self, edit: QDateEdit, end: bool) -> float:
        d = edit.date()
        moment = datetime.combine(
            datetime(d.year(), d.month(), d.day()).date(), time.max if end else time.min
        )
        return moment.replace(tzinfo=self._tz).timestamp()

    def apply_filters(self, fit: bool = False) -> None:
        if self.data is None:
            return
        data = self.data
        kinds = set(data.kinds) - self._kinds_off if self._kinds_off else None
        dated = self.dates_check.isChecked()
        self.shown = filter_timeline(
            data,
            kinds=kinds,
            persons=self._persons_on,
            start=self._local_day(self.date_from, end=False) if dated else None,
            end=self._local_day(self.date_to, end=True) if dated else None,
        )
        self._draw(self.shown)
        if fit:
            self.plot.fit_facts()
        self._selection_changed(QItemSelection(), QItemSelection())

    # -- drawing -------------------------------------------------------------------

    def _draw(self, d: TimelineData) -> None:
        plot = self.plot
        plot.set_lanes([lane.label for lane in d.lanes])
        styles = []
        for i, (kind, label) in enumerate(zip(d.kinds, d.kind_labels, strict=True)):
            colour, symbol = event_style(kind, i)
            styles.append((label, colour, symbol))
        plot.set_points(
            d.point_time, d.point_lane.astype(float), d.point_kind.astype(np.int64), styles,
            self._tip,
        )  # fmt: skip
        k, m = len(d.kinds), len(d.measure_kinds)
        colours = (
            [with_alpha(s[1], SPAN_ALPHA) for s in styles]
            + [with_alpha(s[1], UNCERTAIN_ALPHA) for s in styles]
            + [with_alpha(measure_colour(kind), MEASURE_ALPHA) for kind in d.measure_kinds]
        )
        outlines: list[QColor | None] = [None] * (2 * k) + [
            measure_colour(kind).darker(130) for kind in d.measure_kinds
        ]
        cat = d.span_category
        groups = np.where(
            cat == SPAN_MEASURE,
            2 * k + d.span_kind.astype(np.int64),
            np.where(cat == SPAN_UNCERTAIN, k, 0) + d.span_kind.astype(np.int64),
        )
        half = np.select(
            [cat == SPAN_MEASURE, cat == SPAN_EVENT], [_HALF[SPAN_MEASURE], _HALF[SPAN_EVENT]],
            _HALF[SPAN_UNCERTAIN],
        )  # fmt: skip
        lane = d.span_lane.astype(float)
        plot.bars.set_bars(d.span_start, d.span_end, lane - half, lane + half, groups, colours,
                           outlines)  # fmt: skip
        plot.set_deadlines(
            d.deadline_time, d.deadline_lane.astype(float), d.deadline_overdue, self._deadline_tip
        )
        plot.set_today(d.today)
        calls = (d.calls_day, d.calls_count, CALLS) if len(d.calls_day) else None
        plot.set_density(d.density_day, d.density_count, EVENTS_PER_DAY, extra=calls)
        first, last = self._facts(d)
        plot.set_time_range(first, last, also=(d.today,))
        self._legend(d, m)
        summary = arg(
            self.tr("%1 events on %2 lanes, %3 bars, %4 running deadlines (%5 overdue)"),
            len(np.unique(d.point_event)),
            len(d.lanes),
            len(d.span_start),
            len(d.deadline_time),
            int(d.deadline_overdue.sum()),
        )
        self.status.setText(summary)
        self.status.setToolTip(summary)  # a narrow window cuts the line short

    @staticmethod
    def _facts(d: TimelineData) -> tuple[float | None, float | None]:
        """The events (with their spans) and the running deadlines: what a case opens on.
        Measures running for years are left out, so a week of events is not squeezed."""
        rng = d.event_range() or d.time_range()
        times = [*(rng or ()), *d.deadline_time.tolist()]
        return (min(times), max(times)) if times else (None, None)

    def _legend(self, d: TimelineData, m: int) -> None:
        entries: list[tuple[object, str]] = [(item, item.name()) for item in self.plot.scatters]
        measures = d.span_kind[d.span_category == SPAN_MEASURE]
        for i in np.unique(measures).tolist():
            colour = with_alpha(measure_colour(d.measure_kinds[i]), MEASURE_ALPHA)
            sample = pg.BarGraphItem(x=[0], height=[1], width=1, brush=colour, pen=None)
            entries.append((sample, d.measure_labels[i]))
        if (d.span_category == SPAN_UNCERTAIN).any():
            sample = pg.BarGraphItem(x=[0], height=[1], width=1, brush=QColor(120, 120, 120, 90))
            entries.append((sample, self.tr("approximate date")))
        if (~d.deadline_overdue).any():
            due = pg.ScatterPlotItem(symbol="|", pen=pg.mkPen(DUE, width=3), size=14)
            entries.append((due, self.tr("custody deadline")))
        if d.deadline_overdue.any():
            over = pg.ScatterPlotItem(symbol="|", pen=pg.mkPen(OVERDUE, width=3), size=14)
            entries.append((over, self.tr("deadline overdue")))
        if len(d.calls_day):
            sample = pg.BarGraphItem(x=[0], height=[1], width=1, brush=CALLS, pen=None)
            entries.append((sample, self.tr("calls per day (call records)")))
        today = pg.PlotDataItem(pen=pg.mkPen(TODAY, width=1.5, style=Qt.PenStyle.DashLine))
        entries.append((today, self.tr("today")))
        self.plot.set_legend(entries)

    def _tip(self, index: int) -> str:
        d = self.shown
        if d is None:
            return ""
        event_id = int(d.point_event[index])
        start = d.event_start[event_id]
        precision = d.precision.get(event_id, "minute")
        when = datetime.fromtimestamp(start, self._tz).strftime(_FORMATS.get(precision, "%c"))
        kind = d.kind_labels[int(d.point_kind[index])]
        lines = [f"{when}  {kind}", d.titles.get(event_id, "")]
        people = d.participants(event_id)
        if people:
            lines.append(("、" if self.lang.startswith("zh") else ", ").join(people))
        return "\n".join(lines)

    def _deadline_tip(self, index: int) -> str:
        d = self.shown
        if d is None:
            return ""
        text = arg(
            self.tr("%1: %2 due %3"),
            d.deadline_name[index],
            deadline_label(d.deadline_kind[index], self.lang),
            d.deadline_due[index].isoformat(),
        )
        if bool(d.deadline_overdue[index]):
            text += " — " + self.tr("overdue")
        return text

    # -- navigation and export -----------------------------------------------------

    def fit_all(self) -> None:
        self.plot.fit_all()

    def zoom_to_selection(self) -> None:
        if self.shown is None or self.case_view is None:
            return
        ids = np.array(self.selected_event_ids(), dtype=np.int64)
        times = self.shown.point_time[np.isin(self.shown.point_event, ids)]
        if len(times):
            self.plot.zoom_to(float(times.min()), float(times.max()))

    def _area_mode(self) -> None:
        mode = pg.ViewBox.RectMode if self.area_button.isChecked() else pg.ViewBox.PanMode
        self.plot.view_box.setMouseMode(mode)

    def _png(self) -> None:
        self._export("png", self.tr("PNG image (*.png)"))

    def _svg(self) -> None:
        self._export("svg", self.tr("SVG drawing (*.svg)"))

    def _export(self, suffix: str, pattern: str) -> None:
        code = (self.case_view.case_code() if self.case_view else None) or "timeline"
        stamp = datetime.now(UTC).astimezone(self._tz).strftime("%Y%m%d-%H%M")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export timeline"), f"{code}-timeline-{stamp}.{suffix}", pattern
        )
        if not name:
            return
        path = Path(name)
        try:
            if suffix == "png":
                self.plot.export_png(path)
            else:
                self.plot.export_svg(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export timeline"), str(exc))
            return
        self.status.setText(arg(self.tr("Saved %1"), str(path)))
