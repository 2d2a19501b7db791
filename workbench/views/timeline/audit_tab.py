"""The auditor's timeline: the edit trail on lanes per user, read-only.

A banner says whether the hash chain verifies and shows its head hash (what an auditor
writes down); clicking an entry shows its before/after values below the plot.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.services.analysis.audit_timeline import AuditTimelineData, AuditTimelineService
from workbench.services.core.audit_text import ReadableEntry
from workbench.services.core.context import Context
from workbench.views.i18n import arg
from workbench.views.timeline.plot import TimelinePlot, histogram
from workbench.views.timeline.style import audit_style

if TYPE_CHECKING:
    from collections.abc import Callable

_OK_STYLE = "background:#e3f4e1;color:#1b5e20;padding:4px;border:1px solid #a5d6a7;"
_BAD_STYLE = "background:#fde0dc;color:#b71c1c;padding:4px;border:1px solid #ef9a9a;"


class AuditTimelineTab(QWidget):
    """``context()`` gives the session; ``case_code()`` the case (None: whole database)."""

    def __init__(
        self,
        context: Callable[[], Context],
        case_code: Callable[[], str | None],
        lang: str,
        zone: str,
        *,
        whole_database: bool = False,
    ) -> None:
        super().__init__()
        self.setObjectName("tab_audit_timeline")
        self._context = context
        self._case_code = case_code
        self.lang = lang
        self._tz = ZoneInfo(zone)
        self.zone = zone
        self.data: AuditTimelineData | None = None
        self._readable: dict[int, ReadableEntry] = {}  # by seq: tooltips read each once

        self.banner = QLabel()
        self.banner.setObjectName("audit_chain_banner")
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setWordWrap(True)
        self.scope_box = QComboBox()
        self.scope_box.addItems([self.tr("This case file"), self.tr("Whole database")])
        self.scope_box.setCurrentIndex(1 if whole_database else 0)
        self.scope_box.currentIndexChanged.connect(lambda _i: self.refresh())
        fit = QToolButton()
        fit.setText(self.tr("Fit all"))
        fit.clicked.connect(lambda: self.plot.fit_all())
        png = QToolButton()
        png.setText(self.tr("PNG…"))
        png.clicked.connect(lambda: self._export("png"))
        svg = QToolButton()
        svg.setText(self.tr("SVG…"))
        svg.clicked.connect(lambda: self._export("svg"))

        self.plot = TimelinePlot(zone)
        self.plot.point_clicked.connect(self.show_entry)
        self.entry_label = QLabel(self.tr("Click an entry to see what it changed."))
        self.entry_label.setObjectName("audit_entry_label")
        self.details = QTableWidget(0, 3)
        self.details.setObjectName("audit_entry_details")
        self.details.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Before"),
                                                self.tr("After")])  # fmt: skip
        self.details.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.details.verticalHeader().setVisible(False)
        header = self.details.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # labels
        self.details.setWordWrap(True)
        # an entry's fields stay readable at 1024×700: at least five rows of them
        self.details.setMinimumHeight(self.details.fontMetrics().height() * 9)

        bar = QHBoxLayout()
        bar.addWidget(self.scope_box)
        bar.addStretch(1)
        for b in (fit, png, svg):
            bar.addWidget(b)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.entry_label)
        lower_layout.addWidget(self.details)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.plot.with_scroll_bar())
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def scope(self) -> str | None:
        return None if self.scope_box.currentIndex() == 1 else self._case_code()

    def refresh(self) -> None:
        if self.scope_box.currentIndex() == 0 and self._case_code() is None:
            self.clear()
            return
        scope = self.scope()
        if self.data is None or self.data.case_code != scope:
            self.clear_entry()  # another case: the entry shown belongs to the last one
        self._readable.clear()  # names may have changed with the edit that refreshed us
        self.data = AuditTimelineService(self._context()).timeline(scope, lang=self.lang)
        self._draw(self.data)
        self.plot.fit_all()

    def clear_entry(self) -> None:
        """Empty the detail pane (no entry chosen)."""
        self.entry_label.setText(self.tr("Click an entry to see what it changed."))
        self.details.setRowCount(0)
        self.plot.highlight_points(np.zeros(0, dtype=np.int64))

    def clear(self) -> None:
        self.data = None
        empty = np.zeros(0)
        self.plot.set_lanes([])
        self.plot.set_points(empty, empty, np.zeros(0, dtype=np.int64), [], str)
        self.plot.density.set_bars(empty, empty, empty, empty, np.zeros(0, dtype=np.int64), [])
        self.plot.set_legend([])
        self.banner.clear()
        self.clear_entry()
        self._readable.clear()

    def _draw(self, d: AuditTimelineData) -> None:
        chain = d.chain
        if chain.ok:
            self.banner.setStyleSheet(_OK_STYLE)
            self.banner.setText(
                arg(
                    self.tr("✓ The audit chain verifies: %1 entries. Head hash %2"),
                    chain.count,
                    chain.head_hash,
                )
            )
        else:
            self.banner.setStyleSheet(_BAD_STYLE)
            problem = chain.problem.message if chain.problem else ""
            self.banner.setText(
                arg(
                    self.tr("✗ The audit chain is broken: %1 (last good hash %2)"),
                    problem,
                    chain.head_hash,
                )
            )
        self.plot.set_lanes(d.users)
        styles = []
        for i, (action, label) in enumerate(zip(d.actions, d.action_labels, strict=True)):
            colour, symbol = audit_style(action, i)
            styles.append((label, colour, symbol))
        # each action its own sub-row of the user's lane: entries of one instant (an import,
        # the demo) stay apart by kind instead of hiding behind one another
        sub_row = (d.action.astype(float) % 8 - 3.5) * 0.09
        self.plot.set_points(d.time, d.lane + sub_row, d.action.astype(np.int64), styles,
                             self._tip)  # fmt: skip
        self.plot.set_today(None)
        starts, counts, width = histogram(d.time)
        self.plot.set_density(starts, counts, QColor("#7f7f7f"), width)
        if len(d.time):
            self.plot.set_time_range(float(d.time.min()), float(d.time.max()), min_pad=60.0)
        self.plot.set_legend([(item, item.name()) for item in self.plot.scatters])

    def readable(self, seq: int) -> ReadableEntry:
        """Entry ``seq`` as an auditor reads it (read once, then kept until a refresh)."""
        if seq not in self._readable:
            service = AuditTimelineService(self._context())
            self._readable[seq] = service.readable_entry(seq, self.lang, self.zone)
        return self._readable[seq]

    def _tip(self, index: int) -> str:
        d = self.data
        if d is None:
            return ""
        entry = self.readable(int(d.seq[index]))
        lines = [f"#{entry.seq}  {entry.when}", f"{entry.user}: {entry.headline()}"]
        summary = entry.text(self.lang)
        if summary:
            lines.append(summary if len(summary) <= 160 else summary[:159] + "…")
        return "\n".join(lines)

    def show_entry(self, index: int) -> None:
        """Show the entry drawn at point ``index``: who did what to which record, when,
        and each field before and after, as an auditor reads them."""
        if self.data is None:
            return
        seq = int(self.data.seq[index])
        self.plot.highlight_points(np.array([index]))
        entry = self.readable(seq)
        self.entry_label.setText(
            arg(self.tr("Entry %1 · %2 · %3 · %4"), entry.seq, entry.when, entry.user,
                entry.headline())
        )  # fmt: skip
        self.details.setRowCount(len(entry.changes))
        for r, row in enumerate(entry.changes):
            for c, text in enumerate((row.label, row.before, row.after)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.details.setItem(r, c, item)

    def _export(self, suffix: str) -> None:
        pattern = (
            self.tr("PNG image (*.png)") if suffix == "png" else self.tr("SVG drawing (*.svg)")
        )
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export audit timeline"), f"audit-timeline.{suffix}", pattern
        )
        if not name:
            return
        try:
            if suffix == "png":
                self.plot.export_png(Path(name))
            else:
                self.plot.export_svg(Path(name))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export audit timeline"), str(exc))
