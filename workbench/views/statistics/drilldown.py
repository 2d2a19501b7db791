"""The records behind one figure: what made it, this period or the same period last
year, and how many records of cases the user is not on were counted but not listed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.periods import Period
from workbench.services.bundle import Services
from workbench.services.core.errors import ServiceError
from workbench.services.statistics.definitions import figure
from workbench.services.statistics.drilldown import DrillDown
from workbench.views.formatting import CellFormatter
from workbench.views.i18n import arg, current_language
from workbench.views.plain_tables import cell, table

# the drill-down's column kinds as the cell formatter calls them
_KINDS = {"grams": "weight", "yuan": "money"}


class DrillDownDialog(QDialog):
    def __init__(
        self,
        services: Services,
        key: str,
        period: Period,
        *,
        unit: str | None = None,
        drug: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("drilldown_dialog")
        self.services = services
        self.key, self.period, self.unit, self.drug = key, period, unit, drug
        self.lang = current_language()
        self.fmt = CellFormatter(self.lang)
        self.result: DrillDown | None = None
        label = figure("drugs_seized" if key == "heroin_equivalent" else key).label(self.lang)
        self.setWindowTitle(arg(self.tr("Records behind: %1"), label))
        self.definition = QLabel(figure(key).definition(self.lang))
        self.definition.setWordWrap(True)
        self.last_year_box = QCheckBox(self.tr("Same period last year"))
        self.last_year_box.toggled.connect(self.reload)
        self.table = table([])
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.definition)
        layout.addWidget(self.last_year_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(980, 560)
        self.reload()

    def reload(self) -> None:
        try:
            self.result = self.services.drilldown.records(
                self.key,
                self.period,
                last_year=self.last_year_box.isChecked(),
                unit=self.unit,
                drug=self.drug,
            )
        except ServiceError as exc:
            self.note.setText(str(exc))
            self.table.setRowCount(0)
            return
        result = self.result
        self.table.clear()
        self.table.setColumnCount(len(result.columns))
        self.table.setHorizontalHeaderLabels([c.label(self.lang) for c in result.columns])
        self.table.setRowCount(len(result.rows))
        for i, row in enumerate(result.rows):
            for j, column in enumerate(result.columns):
                kind = _KINDS.get(column.kind, column.kind)
                text = self.fmt.format(kind, row.get(column.key), row)
                self.table.setItem(i, j, cell(text, right=self.fmt.is_numeric(kind)))
        self.table.resizeColumnsToContents()
        lines = [
            arg(
                self.tr("%1 records, %2 to %3"),
                len(result.rows),
                result.period.first.isoformat(),
                result.period.last.isoformat(),
            )
        ]
        if result.hidden:
            lines.append(
                arg(
                    self.tr(
                        "%1 more records are in case files you are not a member of: they count "
                        "in the figure but are not listed."
                    ),
                    result.hidden,
                )
            )
        if result.truncated:
            lines.append(self.tr("Only the first 5000 records are listed."))
        self.note.setText("\n".join(lines))
        self.note.setAlignment(Qt.AlignmentFlag.AlignLeft)
