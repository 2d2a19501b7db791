"""The Overview tab: the case's fields and the figures it is judged by, on one page.

Read-only: the numbers come from OverviewService (exact totals, the drug-law tier with
the profile that produced it, running custody deadlines); this module only lays them
out and colours what is overdue.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import vocab
from workbench.services.analysis.overview import CaseOverview
from workbench.services.bundle import Services
from workbench.views.comms_box import CommsBox
from workbench.views.formatting import DEFAULT_ZONE
from workbench.views.i18n import arg
from workbench.views.table_model import locale_formatter

OVERDUE = QColor(200, 30, 30)
DUE_SOON_DAYS = 3
DUE_SOON = QColor(190, 110, 0)


class OverviewTab(QScrollArea):
    def __init__(
        self,
        services: Services,
        lang: str,
        zone: str = DEFAULT_ZONE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("overview")
        self.services = services
        self.lang = lang
        self.zone = zone
        self.fmt = locale_formatter(lang, zone)
        self._case: str | None = None
        self.overview: CaseOverview | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle_label = QLabel()

        self.case_box = QGroupBox(self.tr("Case file"))
        self.case_form = QFormLayout(self.case_box)
        self.figures_box = QGroupBox(self.tr("Key figures"))
        self.figures_grid = QGridLayout(self.figures_box)
        self.drugs_box = QGroupBox(self.tr("Seized drugs (net weight)"))
        self.drugs_form = QFormLayout(self.drugs_box)
        self.team_box = QGroupBox(self.tr("Task force"))
        self.team_form = QFormLayout(self.team_box)
        self.deadlines_box = QGroupBox(self.tr("Running custody deadlines"))
        self.deadlines = QTableWidget(0, 4)
        self.deadlines.setObjectName("deadlines")
        self.deadlines.setHorizontalHeaderLabels(
            [self.tr("Person"), self.tr("Deadline"), self.tr("Due"), self.tr("Days left")]
        )
        self.deadlines.verticalHeader().setVisible(False)
        self.deadlines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.deadlines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.deadlines.setWordWrap(False)
        header = self.deadlines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.deadlines_note = QLabel()
        self.deadlines_note.setWordWrap(True)
        self.deadlines_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.findings_box = QGroupBox(self.tr("Warnings"))
        self.findings_box.setObjectName("findings")
        self.findings_label = QLabel()
        self.findings_label.setWordWrap(True)
        self.findings_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.findings_box).addWidget(self.findings_label)
        self.findings_box.hide()
        box = QVBoxLayout(self.deadlines_box)
        box.addWidget(self.deadlines_note)
        box.addWidget(self.deadlines, 1)

        self.comms_box = CommsBox(self.fmt)
        left = QVBoxLayout()
        left.addWidget(self.case_box)
        left.addWidget(self.team_box)
        left.addWidget(self.comms_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.figures_box)
        right.addWidget(self.drugs_box)
        right.addWidget(self.findings_box)
        right.addWidget(self.deadlines_box, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addLayout(columns, 1)
        self.setWidget(body)

    # -- public --------------------------------------------------------------------

    def set_services(self, services: Services) -> None:
        self.services = services

    def set_case(self, code: str | None, *, load: bool = True) -> None:
        self._case = code
        if load:
            self.refresh()

    def refresh(self) -> None:
        if self._case is None:
            self.overview = None
            self._clear()
            return
        today = datetime.now(ZoneInfo(self.zone)).date()
        self.overview = self.services.overview.overview(self._case, today)
        self._show(self.overview, today)
        self.comms_box.show_digest(self.services.communications.digest(self._case))

    def clear(self) -> None:
        self._case = None
        self.overview = None
        self._clear()

    # -- layout --------------------------------------------------------------------

    def _clear(self) -> None:
        self.title_label.clear()
        self.subtitle_label.clear()
        for form in (self.case_form, self.drugs_form, self.team_form):
            while form.rowCount():
                form.removeRow(0)
        _clear_layout(self.figures_grid)
        self.deadlines.setRowCount(0)
        self.deadlines_note.clear()
        self.findings_label.clear()
        self.findings_box.hide()
        self.comms_box.clear()

    def _show(self, o: CaseOverview, today: date) -> None:
        self._clear()
        c = o.case
        lang = self.lang
        self.title_label.setText(str(c.get("title", "")))
        nickname = f"“{c['nickname']}”  " if c.get("nickname") else ""
        self.subtitle_label.setText(f"{c.get('code', '')}  {nickname}")

        def row(label: str, value: Any) -> None:
            text = "" if value is None else str(value)
            if not text:
                return
            field = QLabel(text)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.case_form.addRow(label, field)

        row(self.tr("Level:"), vocab.label(vocab.CASE_LEVELS, str(c.get("level")), lang))
        row(self.tr("Category:"), vocab.label(vocab.CASE_CATEGORIES, str(c.get("category")), lang))
        row(self.tr("Status:"), vocab.label(vocab.CASE_STATUSES, str(c.get("status")), lang))
        row(self.tr("Unit:"), c.get("unit"))
        row(self.tr("Case lead:"), c.get("lead"))
        row(self.tr("Opened:"), _iso(c.get("opened_on")))
        row(self.tr("Closed:"), _iso(c.get("closed_on")))
        row(self.tr("Summary:"), c.get("summary"))
        if c.get("source"):
            row(self.tr("Source:"), c.get("source"))

        for member in o.members:
            role = _capitalised(vocab.label(vocab.TASK_ROLES, member.get("task_role", ""), lang))
            position = member.get("position", "")
            label = QLabel(f"{member.get('name', '')}  <span style='color:gray'>{position}</span>")
            label.setWordWrap(True)
            self.team_form.addRow(f"{role}:", label)
        if not o.members:
            self.team_form.addRow(QLabel(self.tr("No task force members recorded.")))

        self._figures(o)
        self._drugs(o)
        self._findings(o)
        self._deadlines(o, today)

    def _figures(self, o: CaseOverview) -> None:
        counts = o.counts
        figures = [
            (self.tr("Suspects"), counts.get("suspects", 0)),
            (self.tr("Arrested"), counts.get("arrested", 0)),
            (self.tr("Persons"), counts.get("persons", 0)),
            (self.tr("Vehicles"), counts.get("vehicles", 0)),
            (self.tr("Exhibits"), counts.get("seizures", 0)),
            (self.tr("Locations"), counts.get("locations", 0)),
            (self.tr("Events"), counts.get("events", 0)),
            (self.tr("Links"), counts.get("links", 0)),
            (self.tr("Attachments"), counts.get("attachments", 0)),
        ]
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        per_row = 5
        for i, (label, value) in enumerate(figures):
            cell = QVBoxLayout()
            number = QLabel(self.fmt.format("int", value))
            number.setFont(big)
            number.setObjectName(f"figure_{i}")
            cell.addWidget(number, 0, Qt.AlignmentFlag.AlignHCenter)
            cell.addWidget(QLabel(label), 0, Qt.AlignmentFlag.AlignHCenter)
            self.figures_grid.addLayout(cell, i // per_row, i % per_row)
        cash = QLabel(self.fmt.format("money", o.cash_total_fen))
        cash.setFont(big)
        cash.setObjectName("cash_total")
        cash_cell = QHBoxLayout()
        cash_cell.addStretch(1)
        cash_cell.addWidget(QLabel(self.tr("Cash total:")))
        cash_cell.addWidget(cash)
        cash_cell.addStretch(1)
        rows = (len(figures) + per_row - 1) // per_row
        self.figures_grid.addLayout(cash_cell, rows, 0, 1, per_row)

    def _drugs(self, o: CaseOverview) -> None:
        lang = self.lang
        grams = self.tr("%1 g")
        for drug, mg in sorted(o.drug_totals_mg.items()):
            value = QLabel(arg(grams, self.fmt.format("weight", mg)))
            self.drugs_form.addRow(vocab.label(vocab.DRUGS, drug, lang) + ":", value)
        for chem, mg in sorted(o.precursor_totals_mg.items()):
            value = QLabel(arg(self.tr("%1 g (precursor chemical)"), self.fmt.format("weight", mg)))
            self.drugs_form.addRow(vocab.label(vocab.PRECURSORS, chem, lang) + ":", value)
        if not o.drug_totals_mg and not o.precursor_totals_mg:
            self.drugs_form.addRow(QLabel(self.tr("No drugs seized.")))
            return
        equivalent = self.fmt.decimal(o.heroin_equivalent_g)
        self.drugs_form.addRow(self.tr("Heroin equivalent:"), QLabel(arg(grams, equivalent)))
        if o.excluded_mg:
            # Issue 12: 9 g heroin + 999 g cannabis oil must never read as just "small".
            left_out = self.tr(", ").join(
                vocab.label(vocab.DRUGS, drug, lang)
                + " "
                + arg(grams, self.fmt.format("weight", mg))
                for drug, mg in sorted(o.excluded_mg.items())
            )
            excluded = QLabel(left_out)
            excluded.setObjectName("excluded")
            excluded.setWordWrap(True)
            excluded.setToolTip(
                self.tr("Drugs without a heroin factor are not summed; each keeps its own tier.")
            )
            self.drugs_form.addRow(self.tr("Not included:"), excluded)
        tier = QLabel(arg(self.tr("%1 (by %2)"), self._tier_text(o.tier), o.profile_label))
        tier.setObjectName("tier")
        if o.tier == "large":
            tier.setStyleSheet("font-weight: bold;")
        self.drugs_form.addRow(self.tr("Quantity tier:"), tier)

    def _findings(self, o: CaseOverview) -> None:
        """Rules to warn about: [check] figures that applied, lengths, identifiers."""
        if not o.findings:
            return
        lines = [f"⚠ {item.message(self.lang)}" for item in o.findings]
        self.findings_label.setText("\n".join(lines))
        self.findings_box.setTitle(arg(self.tr("Warnings (%1)"), len(lines)))
        self.findings_box.show()

    def _tier_text(self, tier: str | None) -> str:
        return {
            "small": self.tr("small quantity"),
            "relatively_large": self.tr("relatively large quantity"),
            "large": self.tr("large quantity"),
        }.get(tier or "", self.tr("below the small-quantity threshold"))

    def _deadline_text(self, kind: str) -> str:
        return {
            "arrest_request": self.tr("request arrest approval"),
            "arrest_request_extended": self.tr("arrest request, extended"),
            "arrest_request_gang": self.tr("arrest request, gang suspect"),
            "procuratorate_decision": self.tr("procuratorate decision"),
            "investigation_custody": self.tr("investigation custody ends"),
            "detention_term": self.tr("detention term ends"),
            "rehab_term": self.tr("rehabilitation term ends"),
        }.get(kind, kind)

    def _deadlines(self, o: CaseOverview, today: date) -> None:
        rows = o.deadlines
        late = sum(1 for d in rows if d.overdue)
        concluded_on = o.case.get("concluded_on")
        if isinstance(concluded_on, date) and concluded_on <= today:
            how = vocab.label(vocab.CONCLUSIONS, str(o.case.get("conclusion") or ""), self.lang)
            note = self.tr("The case was concluded on %1 (%2): no deadline runs any more.")
            self.deadlines_note.setText(arg(note, concluded_on.isoformat(), how))
        elif not rows:
            self.deadlines_note.setText(self.tr("No custody deadline is running."))
        else:
            note = self.tr("%1 running, %2 overdue (today %3)")
            self.deadlines_note.setText(arg(note, len(rows), late, today.isoformat()))
        if o.concluded_measures:
            concluded = self.tr(
                "%n measure(s) concluded: their deadlines stopped.", "", o.concluded_measures
            )
            self.deadlines_note.setText(self.deadlines_note.text() + "\n" + concluded)
        self.deadlines.setRowCount(len(rows))
        self.deadlines.setVisible(bool(rows))  # a concluded case: the note says it all
        for r, d in enumerate(rows):
            if d.overdue:
                days = self.tr("%n day(s) overdue", "", -d.days_left)
            else:
                days = self.tr("%n day(s)", "", d.days_left)
            cells = (d.person_name, self._deadline_text(d.kind), d.due.isoformat(), days)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(d.basis)
                if d.overdue:
                    item.setForeground(QBrush(OVERDUE))
                    if col == 3:
                        font = item.font()
                        font.setBold(True)
                        item.setFont(font)
                elif d.days_left <= DUE_SOON_DAYS:
                    item.setForeground(QBrush(DUE_SOON))
                self.deadlines.setItem(r, col, item)
        self.deadlines.setMinimumHeight(
            min(12, max(3, len(rows) + 1)) * (self.fontMetrics().height() + 8)
        )


def _capitalised(text: str) -> str:
    """Vocabulary labels are lower case for use mid-sentence; a form label starts a line."""
    return text[:1].upper() + text[1:]


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else ("" if value is None else str(value))


def _clear_layout(layout: Any) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
        elif item.layout() is not None:
            _clear_layout(item.layout())
            item.layout().deleteLater()
