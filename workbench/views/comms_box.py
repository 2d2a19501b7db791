"""The Overview's "Calls and payments": who called and paid whom among the case's
persons, and the bank flows around the days drugs were seized (highlighted), from the
imported call records and bank statements."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.services.analysis.communications import CommsDigest, FlowNearSeizure, NamedPair
from workbench.views.formatting import CellFormatter
from workbench.views.i18n import arg

NEAR_SEIZURE = QColor(200, 30, 30)


class CommsBox(QGroupBox):
    """Hidden while the case holds no call records or bank rows."""

    def __init__(self, fmt: CellFormatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Calls and payments"))
        self.setObjectName("comms_box")
        self.fmt = fmt
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("comms_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Between"), self.tr("What"), self.tr("Amount or count"), self.tr("When")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.setVisible(False)

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.note.clear()
        self.setVisible(False)

    def show_digest(self, digest: CommsDigest) -> None:
        self.clear()
        if not digest.calls and not digest.transactions:
            return
        self.setVisible(True)
        self.note.setText(
            arg(
                self.tr(
                    "%1 call records, %2 bank rows; in red: money moved within 3 days of a seizure."
                ),
                self.fmt.format("int", digest.calls),
                self.fmt.format("int", digest.transactions),
            )
        )
        rows: list[tuple[str, str, str, str, bool]] = []
        for pair in digest.call_pairs:
            rows.append(
                self._pair(pair, self.tr("calls"), self.fmt.format("int", pair.stats.count))
            )
        for pair in digest.pay_pairs:
            amount = self.fmt.format("money", pair.stats.total_fen)
            rows.append(self._pair(pair, self.tr("pays"), amount))
        for flow in digest.near_seizures:
            party = flow.counterparty_name or flow.counterparty_account
            what = arg(
                self.tr("%1 day(s) from the seizure of %2"),
                f"{flow.days_from_seizure:+d}",
                flow.exhibit_no,
            )
            when = self.fmt.format("datetime", flow.at)
            rows.append((f"{flow.account} ↔ {party}", what, self._money(flow), when, True))
        self.table.setRowCount(len(rows))
        for r, (*cells, near) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(str(text))
                if near:
                    item.setForeground(QBrush(NEAR_SEIZURE))
                self.table.setItem(r, c, item)
        self.table.setMinimumHeight(
            min(10, max(3, len(rows) + 1)) * (self.fontMetrics().height() + 8)
        )

    def _pair(self, pair: NamedPair, what: str, amount: str) -> tuple[str, str, str, str, bool]:
        first = self.fmt.format("datetime", pair.stats.first, {"precision": "day"})
        last = self.fmt.format("datetime", pair.stats.last, {"precision": "day"})
        span = first if first == last else f"{first} – {last}"
        return (f"{pair.a_name} → {pair.b_name}", what, amount, span, False)

    def _money(self, flow: FlowNearSeizure) -> str:
        sign = "−" if flow.direction == "out" else "+"
        return sign + self.fmt.format("money", flow.amount_fen)
