"""The side panel's analysis pages: key players (the metrics table, size and colour by
a measure), find path between two selected nodes, and expand a node across cases.
Widgets only: the tab connects them to the chart and the services."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.views.linkchart.metrics_model import COLUMNS, MetricsModel

MEASURES = ("degree", "betweenness", "closeness", "eigenvector")


class KeyPlayersPage(QWidget):
    def __init__(self, model: MetricsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkchart_key_players")
        names = {
            "degree": self.tr("Degree"),
            "betweenness": self.tr("Betweenness"),
            "closeness": self.tr("Closeness"),
            "eigenvector": self.tr("Eigenvector"),
        }
        self.size_box = QComboBox()
        self.size_box.setObjectName("linkchart_size_by")
        self.size_box.addItem(self.tr("Same size"), "")
        self.colour_box = QComboBox()
        self.colour_box.setObjectName("linkchart_colour_by")
        self.colour_box.addItem(self.tr("Role and kind"), "")
        self.colour_box.addItem(self.tr("Community"), "community")
        for key in MEASURES:
            self.size_box.addItem(names[key], key)
            self.colour_box.addItem(names[key], key)
        self.table = QTableView()
        self.table.setObjectName("linkchart_metrics")
        self.table.setModel(model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("degree"), Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        # fixed widths: sizing to contents asks every cell of thousands of rows
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        digits = self.fontMetrics().horizontalAdvance("0.0000")
        widths = {"label": digits * 2, "kind": digits * 3 // 2}
        for i, key in enumerate(COLUMNS):
            header.resizeSection(i, widths.get(key, digits + 12))
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Size by"), self.size_box)
        form.addRow(self.tr("Colour by"), self.colour_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)


class PathPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkchart_path")
        self.ends = QLabel(self.tr("Select two nodes on the chart (Ctrl+click the second)."))
        self.ends.setWordWrap(True)
        self.shortest = QRadioButton(self.tr("Fewest links"))
        self.timed = QRadioButton(self.tr("Forward in time only"))
        self.shortest.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.shortest)
        group.addButton(self.timed)
        self.max_gap = QSpinBox()
        self.max_gap.setObjectName("linkchart_max_gap")
        self.max_gap.setRange(0, 3650)
        self.max_gap.setSpecialValueText(self.tr("no limit"))
        self.max_gap.setSuffix(self.tr(" days"))
        self.max_gap.setEnabled(False)
        self.timed.toggled.connect(self.max_gap.setEnabled)
        self.directed = QCheckBox(self.tr("Follow the arrows"))
        self.find_button = QPushButton(self.tr("Find path"))
        self.find_button.setObjectName("linkchart_find_path")
        self.find_button.setEnabled(False)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.result = QLabel()
        self.result.setObjectName("linkchart_path_result")
        self.result.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Largest gap between links"), self.max_gap)
        buttons = QHBoxLayout()
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.ends)
        layout.addWidget(self.shortest)
        layout.addWidget(self.timed)
        layout.addLayout(form)
        layout.addWidget(self.directed)
        layout.addLayout(buttons)
        layout.addWidget(self.result, 1)

    def gap(self) -> int | None:
        return self.max_gap.value() or None if self.timed.isChecked() else None


class ExpandPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkchart_expand")
        self.node = QLabel(self.tr("Select a node on the chart."))
        self.node.setWordWrap(True)
        self.hops = QSpinBox()
        self.hops.setObjectName("linkchart_hops")
        self.hops.setRange(1, 2)
        self.expand_button = QPushButton(self.tr("Expand"))
        self.expand_button.setObjectName("linkchart_expand_button")
        self.expand_button.setEnabled(False)
        self.collapse_button = QPushButton(self.tr("Remove expansions"))
        self.collapse_button.setEnabled(False)
        note = QLabel(
            self.tr(
                "Expanding shows the node's links up to two steps away, also in other "
                "case files you may read; what comes from another case is marked with a "
                "brown badge and its case number."
            )
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        self.result = QLabel()
        self.result.setObjectName("linkchart_expand_result")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)  # other cases' numbers are links
        self.result.setOpenExternalLinks(False)
        form = QFormLayout()
        form.addRow(self.tr("Steps"), self.hops)
        buttons = QHBoxLayout()
        buttons.addWidget(self.expand_button)
        buttons.addWidget(self.collapse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.node)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(note)
        layout.addStretch(1)
