"""Tools ▸ 统计 / Statistics: a period's figures beside the same period last year, the
year-on-year change, by unit, a monthly chart, the records behind each figure, and the
exports (.xlsx, PDF report).

The figures come from ``StatisticsService`` when asked — nothing is stored; each
figure's tooltip says which records count and which date puts them in the period. The
window opens on the year to date of the latest record.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import periods, vocab
from workbench.domain.errors import DomainError
from workbench.services.bundle import Services
from workbench.services.core.errors import ServiceError
from workbench.services.statistics.definitions import FIGURES, figure
from workbench.services.statistics.export import shown
from workbench.services.statistics.figures import StatsReport, latest_day
from workbench.views.i18n import arg, current_language
from workbench.views.plain_tables import cell, table
from workbench.views.statistics.chart import MonthlyChart
from workbench.views.statistics.drilldown import DrillDownDialog

KINDS = ("ytd", "month", "quarter", "half", "year", "custom")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class StatisticsWindow(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("statistics_window")
        self.services = services
        self.lang = current_language()
        self.report: StatsReport | None = None
        self.save_path: Callable[[str, str], str] = self._ask_path
        self.open_drilldown: Callable[[DrillDownDialog], object] = lambda d: d.open()
        self.setWindowTitle(self.tr("Statistics"))
        self._build()
        self.resize(1200, 780)
        try:
            latest = latest_day(services.ctx) or services.statistics.today()
        except ServiceError:
            latest = date.today()
        self.set_period(periods.year_to_date(latest))

    # -- building ------------------------------------------------------------------

    def _build(self) -> None:
        names = {
            "ytd": self.tr("Year to date"),
            "month": self.tr("Month"),
            "quarter": self.tr("Quarter"),
            "half": self.tr("Half-year"),
            "year": self.tr("Year"),
            "custom": self.tr("From … to …"),
        }
        self.kind_combo = QComboBox()
        for key in KINDS:
            self.kind_combo.addItem(names[key], key)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1990, 2100)
        self.part_spin = QSpinBox()
        self.from_edit, self.to_edit = QDateEdit(), QDateEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.by_unit_box = QCheckBox(self.tr("By unit"))
        self.compute_button = QPushButton(self.tr("&Compute"))
        self.compute_button.clicked.connect(self.compute)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        for spin in (self.year_spin, self.part_spin):
            spin.valueChanged.connect(self._preset_changed)
        self.by_unit_box.toggled.connect(self.compute)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period:")))
        for widget in (self.kind_combo, self.year_spin, self.part_spin):
            bar.addWidget(widget)
        bar.addWidget(self.from_edit)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.to_edit)
        bar.addWidget(self.by_unit_box)
        bar.addWidget(self.compute_button)
        bar.addStretch(1)

        self.figures = table(
            [self.tr("Figure"), self.tr("This period"), self.tr("Same period last year"),
             self.tr("Year on year")]
        )  # fmt: skip
        self.figures.verticalHeader().setDefaultSectionSize(22)
        self.figures.itemDoubleClicked.connect(lambda _item: self.drill_down())
        self.figures.itemSelectionChanged.connect(self._row_selected)
        self.units = table([])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.figures, self.tr("Figures"))
        self.tabs.addTab(self.units, self.tr("By unit"))

        self.chart_combo = QComboBox()
        for f in FIGURES:
            if f.chart:
                self.chart_combo.addItem(f.label(self.lang), f.key)
        self.chart_combo.setCurrentIndex(self.chart_combo.findData("user_findings"))
        self.chart_combo.currentIndexChanged.connect(self.draw_chart)
        self.chart = MonthlyChart()
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Monthly chart of:")))
        row.addWidget(self.chart_combo, 1)
        chart_layout.addLayout(row)
        chart_layout.addWidget(self.chart, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tabs)
        split.addWidget(chart_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([620, 420])  # the figures whole at 1024 px, the chart the rest

        self.drill_button = QPushButton(self.tr("&Records behind the figure…"))
        self.drill_button.clicked.connect(self.drill_down)
        self.xlsx_button = QPushButton(self.tr("Export .&xlsx…"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button = QPushButton(self.tr("Export &PDF report…"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        for button in (self.drill_button, self.xlsx_button, self.pdf_button):
            bottom.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

    # -- the period ----------------------------------------------------------------

    def set_period(self, period: periods.Period) -> None:
        """Show ``period`` in the controls and compute it."""
        self._setting = True
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(period.kind))
        self.year_spin.setValue(period.first.year)
        part = {"month": period.first.month, "quarter": (period.first.month + 2) // 3,
                "half": 1 if period.first.month <= 6 else 2}.get(period.kind, 1)  # fmt: skip
        self._part_range(period.kind)
        self.part_spin.setValue(part)
        self.from_edit.setDate(_qdate(period.first))
        self.to_edit.setDate(_qdate(period.last))
        self._setting = False
        self._enable()
        self.compute()

    def _part_range(self, kind: str) -> None:
        top = {"month": 12, "quarter": 4, "half": 2}.get(kind, 1)
        self.part_spin.blockSignals(True)
        self.part_spin.setRange(1, top)
        self.part_spin.blockSignals(False)

    def _enable(self) -> None:
        kind = self.kind_combo.currentData()
        self.year_spin.setEnabled(kind in ("month", "quarter", "half", "year"))
        self.part_spin.setEnabled(kind in ("month", "quarter", "half"))
        self.from_edit.setEnabled(kind == "custom")
        self.to_edit.setEnabled(kind in ("custom", "ytd"))

    def _kind_changed(self) -> None:
        if getattr(self, "_setting", False):
            return
        self._part_range(str(self.kind_combo.currentData()))
        self._enable()
        self._preset_changed()

    def _preset_changed(self) -> None:
        if getattr(self, "_setting", False):
            return
        try:
            period = self.period()
        except DomainError:
            return
        self._setting = True
        self.from_edit.setDate(_qdate(period.first))
        self.to_edit.setDate(_qdate(period.last))
        self._setting = False
        self.compute()

    def period(self) -> periods.Period:
        kind = str(self.kind_combo.currentData())
        year, part = self.year_spin.value(), self.part_spin.value()
        if kind == "month":
            return periods.month(year, part)
        if kind == "quarter":
            return periods.quarter(year, part)
        if kind == "half":
            return periods.half(year, part)
        if kind == "year":
            return periods.year(year)
        if kind == "ytd":
            return periods.year_to_date(_date(self.to_edit.date()))
        return periods.custom(_date(self.from_edit.date()), _date(self.to_edit.date()))

    # -- figures -------------------------------------------------------------------

    def compute(self) -> None:
        if getattr(self, "_setting", False):
            return
        try:
            period = self.period()
            self.report = self.services.statistics.report(
                period, by_unit=self.by_unit_box.isChecked()
            )
        except DomainError as exc:
            self.note.setText(exc.message)
            return
        except ServiceError as exc:
            self.note.setText(str(exc))
            return
        self._fill_figures(self.report)
        self._fill_units(self.report)
        self.draw_chart()
        last = self.report.last_period
        self.note.setText(
            arg(
                self.tr(
                    "Compared with %1 to %2. Computed from the records now; hover a figure for "
                    "what it counts, double-click it for the records."
                ),
                last.first.isoformat(),
                last.last.isoformat(),
            )
        )

    def _fill_figures(self, report: StatsReport) -> None:
        rows: list[tuple[str, str, str, str, str, tuple[str, str | None], bool]] = []
        for f in FIGURES:
            v = report.figures[f.key]
            rows.append(
                (f.label(self.lang), shown(v.value, f.unit, self.lang),
                 shown(v.last_year, f.unit, self.lang), periods.format_yoy(v.yoy_percent),
                 f.definition(self.lang), (f.key, None), bool(f.parent))
            )  # fmt: skip
            if f.key == "drugs_seized":
                for drug, d in report.drugs.items():
                    rows.append(
                        (vocab.label(vocab.DRUGS, drug, self.lang),
                         shown(d.value, "grams", self.lang), shown(d.last_year, "grams", self.lang),
                         periods.format_yoy(d.yoy_percent), f.definition(self.lang),
                         ("drugs_seized", drug), True)
                    )  # fmt: skip
        self.figures.setRowCount(len(rows))
        for i, (label, this, last, yoy, tip, key, sub) in enumerate(rows):
            cells = [
                cell(("    " if sub else "") + label, key, tip=tip),
                cell(this, right=True, tip=tip),
                cell(last, right=True, tip=tip),
                cell(yoy, right=True, tip=tip),
            ]
            for j, item in enumerate(cells):
                self.figures.setItem(i, j, item)
        self.figures.resizeColumnsToContents()

    def _fill_units(self, report: StatsReport) -> None:
        keys = [f for f in FIGURES if not f.parent and f.unit not in ("grams", "yuan")]
        self.units.clear()
        self.units.setColumnCount(1 + len(keys))
        self.units.setHorizontalHeaderLabels([self.tr("Unit"), *(f.label(self.lang) for f in keys)])
        self.units.setRowCount(len(report.by_unit))
        for i, (unit, values) in enumerate(report.by_unit.items()):
            self.units.setItem(i, 0, cell(unit or self.tr("(no unit)"), unit))
            for j, f in enumerate(keys, start=1):
                v = values.get(f.key)
                text = "0" if v is None else f"{v.value} ({periods.format_yoy(v.yoy_percent)})"
                self.units.setItem(i, j, cell(text, right=True, tip=f.definition(self.lang)))
        self.units.resizeColumnsToContents()
        self.tabs.setTabEnabled(1, bool(report.by_unit))

    def selected_figure(self) -> tuple[str, str | None] | None:
        items = self.figures.selectedItems()
        if not items:
            return None
        key = self.figures.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return (str(key[0]), key[1]) if key else None

    def _row_selected(self) -> None:
        chosen = self.selected_figure()
        if chosen is not None:
            index = self.chart_combo.findData(chosen[0])
            if index >= 0:
                self.chart_combo.setCurrentIndex(index)

    def draw_chart(self) -> None:
        if self.report is None:
            return
        key = str(self.chart_combo.currentData())
        try:
            bars = self.services.statistics.monthly(key, self.report.period)
        except ServiceError as exc:
            self.note.setText(str(exc))
            return
        title = figure(key).label(self.lang)
        self.chart.show_bars(title, bars, self.tr("This period"), self.tr("Same period last year"))

    def drill_down(self) -> DrillDownDialog | None:
        chosen = self.selected_figure()
        if chosen is None or self.report is None:
            self.note.setText(self.tr("Choose a figure first."))
            return None
        unit = None
        if self.tabs.currentIndex() == 1:
            items = self.units.selectedItems()
            unit = (
                self.units.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole) if items else None
            )
        dialog = DrillDownDialog(
            self.services, chosen[0], self.report.period, unit=unit, drug=chosen[1], parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_drilldown(dialog)
        return dialog

    # -- exports -------------------------------------------------------------------

    def _ask_path(self, suggested: str, filter_text: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export statistics"), suggested, filter_text
        )
        return path

    def export(self, kind: str) -> Path | None:
        if self.report is None:
            return None
        p = self.report.period
        suggested = f"statistics-{p.first:%Y%m%d}-{p.last:%Y%m%d}.{kind}"
        filter_text = (
            self.tr("Excel workbook (*.xlsx)") if kind == "xlsx" else self.tr("PDF (*.pdf)")
        )
        chosen = self.save_path(suggested, filter_text)
        if not chosen:
            return None
        path = Path(chosen)
        key = str(self.chart_combo.currentData())
        try:
            monthly = (key, self.services.statistics.monthly(key, p))
            if kind == "xlsx":
                self.services.statistics_export.xlsx(self.report, path, self.lang, monthly)
            else:
                self.services.statistics_export.pdf(self.report, path, self.lang, monthly)
        except (ServiceError, OSError) as exc:
            self.note.setText(arg(self.tr("Not exported: %1"), str(exc)))
            return None
        self.note.setText(arg(self.tr("Saved %1"), str(path)))
        return path

    def set_services(self, services: Services) -> None:
        self.services = services
        self.compute()
