"""The chart's filters: link kinds, a date range tied to the case's dates, minimum
weight, statement-only links, node kinds. Widgets only; the tab reads
:meth:`FiltersPanel.graph_filter` whenever ``changed`` fires."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import vocab
from workbench.services.analysis.network_data import GraphFilter


class FiltersPanel(QWidget):
    changed = Signal()
    timeline_wanted = Signal()  # "As on the timeline": the window answers with set_dates

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkchart_filters")
        self.lang = lang
        self._range: tuple[date, date] | None = None
        self.link_kinds = self._check_list("linkchart_link_kinds")
        self.node_kinds = self._check_list("linkchart_node_kinds")
        self.dates_check = QCheckBox(self.tr("Only links dated between"))
        self.dates_check.setObjectName("linkchart_dates")
        self.start_slider = self._slider("linkchart_date_from")
        self.end_slider = self._slider("linkchart_date_to")
        self.start_label, self.end_label = QLabel(), QLabel()
        self.undated_check = QCheckBox(self.tr("Keep links without dates"))
        self.undated_check.setChecked(True)
        self.timeline_button = QPushButton(self.tr("As on the timeline"))
        self.timeline_button.setObjectName("linkchart_dates_timeline")
        self.timeline_button.setToolTip(
            self.tr("Only links dated within the days the Timeline tab shows for this case")
        )
        self.timeline_button.clicked.connect(self.timeline_wanted)
        self.min_weight = QSpinBox()
        self.min_weight.setObjectName("linkchart_min_weight")
        self.min_weight.setRange(1, 1_000_000)
        self.min_weight.setToolTip(
            self.tr("Keep links standing for at least this many calls, transfers or records")
        )
        self.weak_check = QCheckBox(self.tr("Show links backed by statements only"))
        self.weak_check.setChecked(True)
        self.isolated_check = QCheckBox(self.tr("Hide nodes left without links"))
        reset = QPushButton(self.tr("Reset filters"))
        reset.clicked.connect(self.reset)

        dates = QGroupBox(self.tr("Dates"))
        grid = QFormLayout(dates)
        grid.addRow(self.dates_check)
        grid.addRow(self.tr("From"), self._row(self.start_slider, self.start_label))
        grid.addRow(self.tr("To"), self._row(self.end_slider, self.end_label))
        grid.addRow(self.undated_check)
        grid.addRow(self.timeline_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel(self.tr("Link kinds")))
        layout.addWidget(self.link_kinds, 2)
        layout.addWidget(dates)
        weight = QFormLayout()
        weight.addRow(self.tr("Minimum weight"), self.min_weight)
        layout.addLayout(weight)
        layout.addWidget(self.weak_check)
        layout.addWidget(QLabel(self.tr("Node kinds")))
        layout.addWidget(self.node_kinds, 1)
        layout.addWidget(self.isolated_check)
        layout.addWidget(reset)

        for check in (self.dates_check, self.undated_check, self.weak_check, self.isolated_check):
            check.toggled.connect(lambda _on: self.changed.emit())
        self.dates_check.toggled.connect(self._dates_enabled)
        self.min_weight.valueChanged.connect(lambda _v: self.changed.emit())
        for slider in (self.start_slider, self.end_slider):
            slider.valueChanged.connect(self._slid)
        self._dates_enabled(False)

    def _check_list(self, name: str) -> QListWidget:
        box = QListWidget()
        box.setObjectName(name)
        box.itemChanged.connect(lambda _item: self.changed.emit())
        return box

    def _slider(self, name: str) -> QSlider:
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setObjectName(name)
        slider.setRange(0, 0)
        return slider

    @staticmethod
    def _row(slider: QSlider, label: QLabel) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(slider, 1)
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance("2019-12-31 "))
        line.addWidget(label)
        return row

    # -- filling ---------------------------------------------------------------------

    def set_choices(
        self,
        link_kinds: Collection[str],
        node_kinds: Collection[str],
        dates: tuple[date, date] | None,
    ) -> None:
        """The kinds present and the case's date range; earlier choices are kept where
        they still apply (an unchecked kind stays unchecked)."""
        self.blockSignals(True)
        try:
            self._fill(self.link_kinds, vocab.CHART_LINK_KINDS, link_kinds)
            self._fill(self.node_kinds, vocab.NODE_KINDS, node_kinds)
            if dates != self._range:
                self._range = dates
                days = (dates[1] - dates[0]).days if dates else 0
                for slider, value in ((self.start_slider, 0), (self.end_slider, days)):
                    slider.blockSignals(True)
                    slider.setRange(0, days)
                    slider.setValue(value)
                    slider.blockSignals(False)
                self.dates_check.setEnabled(dates is not None)
            self._show_days()
        finally:
            self.blockSignals(False)

    def _fill(self, box: QListWidget, labels: vocab.Labels, present: Collection[str]) -> None:
        off = {box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())
               if box.item(i).checkState() != Qt.CheckState.Checked}  # fmt: skip
        box.blockSignals(True)
        box.clear()
        for key in present:
            item = QListWidgetItem(vocab.label(labels, key, self.lang))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if key in off else Qt.CheckState.Checked)
            box.addItem(item)
        box.blockSignals(False)

    def reset(self) -> None:
        self.blockSignals(True)
        try:
            for box in (self.link_kinds, self.node_kinds):
                for i in range(box.count()):
                    box.item(i).setCheckState(Qt.CheckState.Checked)
            self.dates_check.setChecked(False)
            self.start_slider.setValue(self.start_slider.minimum())
            self.end_slider.setValue(self.end_slider.maximum())
            self.undated_check.setChecked(True)
            self.min_weight.setValue(1)
            self.weak_check.setChecked(True)
            self.isolated_check.setChecked(False)
        finally:
            self.blockSignals(False)
        self.changed.emit()

    # -- reading ---------------------------------------------------------------------

    def set_checked(self, box: QListWidget, keys: Collection[str] | None) -> None:
        """Check exactly ``keys`` (None: all) in one of the two kind lists."""
        self.blockSignals(True)
        try:
            for i in range(box.count()):
                item = box.item(i)
                on = keys is None or item.data(Qt.ItemDataRole.UserRole) in keys
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def set_dates(self, start: date, end: date) -> None:
        """Limit to links dated within ``start``..``end`` (clamped to the case's range)."""
        if self._range is None:
            return
        lo = self._range[0]
        self.blockSignals(True)
        self.start_slider.setValue((start - lo).days)
        self.end_slider.setValue((end - lo).days)
        self.dates_check.setChecked(True)
        self.blockSignals(False)
        self._show_days()
        self.changed.emit()

    @staticmethod
    def _checked(box: QListWidget) -> set[str] | None:
        keys = [box.item(i) for i in range(box.count())]
        if all(item.checkState() == Qt.CheckState.Checked for item in keys):
            return None
        return {
            str(i.data(Qt.ItemDataRole.UserRole))
            for i in keys
            if i.checkState() == Qt.CheckState.Checked
        }

    def days(self) -> tuple[date, date] | None:
        if self._range is None:
            return None
        lo = self._range[0]
        a, b = sorted((self.start_slider.value(), self.end_slider.value()))
        return lo + timedelta(days=a), lo + timedelta(days=b)

    def graph_filter(self) -> GraphFilter:
        dated = self.dates_check.isChecked() and self._range is not None
        days = self.days() if dated else None
        return GraphFilter(
            link_kinds=self._checked(self.link_kinds),
            node_kinds=self._checked(self.node_kinds),
            start=days[0] if days else None,
            end=days[1] if days else None,
            undated=self.undated_check.isChecked() or not dated,
            min_weight=self.min_weight.value(),
            weak=self.weak_check.isChecked(),
            drop_isolated=self.isolated_check.isChecked(),
        )

    def _slid(self, _value: int) -> None:
        self._show_days()
        if self.dates_check.isChecked():
            self.changed.emit()

    def _show_days(self) -> None:
        days = self.days()
        self.start_label.setText(days[0].isoformat() if days else "")
        self.end_label.setText(days[1].isoformat() if days else "")

    def _dates_enabled(self, on: bool) -> None:
        for w in (self.start_slider, self.end_slider, self.undated_check):
            w.setEnabled(on)
