"""The Link chart tab's widgets: toolbar, the chart (or its empty-state message), the
side panel (key players, path, expand, filters) and a status line. The behaviour is
``controller.LinkChartController``'s."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import vocab
from workbench.services.analysis.network_layout import LAYOUTS
from workbench.views.linkchart.analysis_panel import ExpandPage, KeyPlayersPage, PathPage
from workbench.views.linkchart.chart_view import ChartView
from workbench.views.linkchart.filters_panel import FiltersPanel
from workbench.views.linkchart.legend import Legend
from workbench.views.linkchart.metrics_model import MetricsModel
from workbench.views.linkchart.scene import ChartScene

PANEL_WIDTH = 300


class LinkChartTab(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab_linkchart")
        self.lang = lang
        self.scene = ChartScene()
        self.view = ChartView(self.scene)

        names = {
            "force": self.tr("Force-directed"),
            "hierarchy": self.tr("Hierarchy (suppliers above buyers)"),
            "circle": self.tr("Circle, grouped by kind"),
            "peacock": self.tr("Peacock around the selected node"),
        }
        self.layout_box = QComboBox()
        self.layout_box.setObjectName("linkchart_layout")
        for key in LAYOUTS:
            self.layout_box.addItem(names[key], key)
        self.layout_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.layout_box.setMinimumContentsLength(10)  # the list itself shows the full names
        self.layout_button = QPushButton(self.tr("Lay out"))
        self.layout_button.setObjectName("linkchart_apply_layout")
        self.layout_button.setToolTip(
            self.tr("Place the nodes by the chosen layout; pinned nodes stay (Ctrl+Z undoes)")
        )
        self.pin_button = QToolButton()
        self.pin_button.setText(self.tr("Pin"))
        self.pin_button.setToolTip(self.tr("Keep the selected nodes where they are in layouts"))
        self.unpin_button = QToolButton()
        self.unpin_button.setText(self.tr("Unpin"))
        self.merge_check = QCheckBox(self.tr("One line per pair"))
        self.merge_check.setObjectName("linkchart_merge")
        self.merge_check.setToolTip(
            self.tr("Show the links between two nodes as one line (count, dates, total) or apart")
        )
        self.merge_check.setChecked(True)
        self.fit_button = QToolButton()
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Show the whole chart (Home)"))
        self.fit_button.clicked.connect(self.view.fit_all)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        self.png_action = self.export_menu.addAction(self.tr("PNG image…"))
        self.svg_action = self.export_menu.addAction(self.tr("SVG drawing…"))
        self.export_button.setMenu(self.export_menu)

        # A tool bar, not a row: on a narrow window what does not fit goes behind its »
        # button instead of widening the whole window.
        bar = QToolBar()
        bar.setObjectName("linkchart_bar")
        bar.addWidget(QLabel(self.tr("Layout")))
        bar.addWidget(self.layout_box)
        for widget in (self.layout_button, self.pin_button, self.unpin_button, self.merge_check):
            bar.addWidget(widget)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.export_button)
        self.bar = bar

        self.message = QLabel()
        self.message.setObjectName("linkchart_empty")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.show_anyway = QPushButton(self.tr("Show the records without links"))
        empty = QWidget()
        column = QVBoxLayout(empty)
        column.addStretch(1)
        column.addWidget(self.message)
        column.addWidget(self.show_anyway, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(empty)
        self.empty_page = empty

        self.metrics_model = MetricsModel(
            lambda kind: vocab.label(vocab.NODE_KINDS, kind, lang), self
        )
        self.key_players = KeyPlayersPage(self.metrics_model)
        self.path_page = PathPage()
        self.expand_page = ExpandPage()
        self.filters = FiltersPanel(lang)
        self.panel = QTabWidget()
        self.panel.setObjectName("linkchart_panel")
        self.panel.addTab(self.key_players, self.tr("Key players"))
        self.panel.addTab(self.path_page, self.tr("Path"))
        self.panel.addTab(self.expand_page, self.tr("Expand"))
        self.panel.addTab(self.filters, self.tr("Filter"))
        self.legend = Legend(lang)
        self.panel.addTab(self.legend, self.tr("Legend"))
        self.panel.setMinimumWidth(180)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([700, PANEL_WIDTH])
        self.splitter = splitter
        self._panel_moved = False
        splitter.splitterMoved.connect(self._splitter_moved)
        self.status = QLabel()
        self.status.setObjectName("linkchart_status")
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The side panel takes a quarter of the width (at most PANEL_WIDTH) until the
        user moves the splitter: on a 1024-pixel screen the chart keeps the room."""
        super().resizeEvent(event)
        if not self._panel_moved:
            # The tab's new width: the splitter inside has not been resized yet, and its
            # old sizes (on first show, its default ones) would squeeze the panel. Never
            # narrower than its pages need ("Remove expansions" in English).
            total = event.size().width() or sum(self.splitter.sizes())
            needed = self.panel.minimumSizeHint().width()
            panel = max(needed, min(PANEL_WIDTH, max(180, total // 4)))
            self.splitter.blockSignals(True)
            self.splitter.setSizes([total - panel, panel])
            self.splitter.blockSignals(False)

    def _splitter_moved(self, _pos: int, _index: int) -> None:
        self._panel_moved = True

    def show_message(self, text: str, *, offer_chart: bool = False) -> None:
        """The empty state: say why there is nothing to draw, instead of a blank canvas."""
        self.message.setText(text)
        self.show_anyway.setVisible(offer_chart)
        self.stack.setCurrentWidget(self.empty_page)

    def show_chart(self) -> None:
        self.stack.setCurrentWidget(self.view)

    def showing_message(self) -> bool:
        return self.stack.currentWidget() is self.empty_page
