"""One person's registry record: who, status, what is due, findings, decisions and their
hand-overs — read only; the buttons ask the window to change things."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import vocab
from workbench.services.registry.reading import PersonRecord
from workbench.views.formatting import CellFormatter
from workbench.views.i18n import arg
from workbench.views.plain_tables import DONE, OVERDUE, cell, table


class PersonDetail(QWidget):
    open_case = Signal(str)
    add_finding = Signal()
    edit_finding = Signal(int)
    delete_finding = Signal(int)
    add_decision = Signal()
    edit_decision = Signal(int)
    delete_decision = Signal(int)
    add_handover = Signal(int)

    def __init__(self, lang: str, fmt: CellFormatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.fmt = fmt
        self.editable = True
        self.record: PersonRecord | None = None
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.header.linkActivated.connect(self.open_case.emit)

        self.dues = table([self.tr("Due"), self.tr("What"), self.tr("Decision"), self.tr("State")])
        self.findings = table(
            [self.tr("Found at"), self.tr("Unit"), self.tr("How"), self.tr("Substance"),
             self.tr("Result"), self.tr("Report no."), self.tr("Case")]
        )  # fmt: skip
        self.decisions = table(
            [self.tr("Decided"), self.tr("Decision"), self.tr("From"), self.tr("Until"),
             self.tr("Place or office"), self.tr("No."), self.tr("Hand-overs")]
        )  # fmt: skip
        self.findings.itemSelectionChanged.connect(self._update_buttons)
        self.decisions.itemSelectionChanged.connect(self._update_buttons)
        self.findings.itemDoubleClicked.connect(lambda _i: self._emit_selected("finding", "edit"))
        self.decisions.itemDoubleClicked.connect(lambda _i: self._emit_selected("decision", "edit"))

        self.buttons: dict[str, QPushButton] = {}
        finding_row = self._buttons(
            ("add_finding", self.tr("Add &finding…"), self.add_finding.emit),
            ("edit_finding", self.tr("Edit…"), lambda: self._emit_selected("finding", "edit")),
            ("delete_finding", self.tr("Delete"), lambda: self._emit_selected("finding", "delete")),
        )
        decision_row = self._buttons(
            ("add_decision", self.tr("Add &decision…"), self.add_decision.emit),
            ("edit_decision", self.tr("Edit…"), lambda: self._emit_selected("decision", "edit")),
            (
                "delete_decision",
                self.tr("Delete"),
                lambda: self._emit_selected("decision", "delete"),
            ),
            (
                "add_handover",
                self.tr("Record &hand-over…"),
                lambda: self._emit_selected("decision", "handover"),
            ),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self._group(self.tr("Running terms and due dates"), self.dues), 2)
        layout.addWidget(self._group(self.tr("Findings"), self.findings, finding_row), 3)
        layout.addWidget(
            self._group(self.tr("Decisions and hand-overs"), self.decisions, decision_row), 3
        )
        self.show_record(None)

    def _group(self, title: str, widget: QWidget, buttons: QHBoxLayout | None = None) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(4, 4, 4, 4)
        inner.addWidget(widget)
        if buttons is not None:
            inner.addLayout(buttons)
        return box

    def _buttons(self, *specs: tuple[str, str, Any]) -> QHBoxLayout:
        row = QHBoxLayout()
        for name, text, slot in specs:
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    def set_editable(self, editable: bool, why: str) -> None:
        self.editable = editable
        for button in self.buttons.values():
            button.setToolTip(why)
        self._update_buttons()

    def _selected_id(self, which: str) -> int | None:
        widget = self.findings if which == "finding" else self.decisions
        items = widget.selectedItems()
        if not items:
            return None
        value = widget.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return None if value is None else int(value)

    def _emit_selected(self, which: str, action: str) -> None:
        record_id = self._selected_id(which)
        if record_id is None or not self.editable:
            return
        signal = {
            ("finding", "edit"): self.edit_finding,
            ("finding", "delete"): self.delete_finding,
            ("decision", "edit"): self.edit_decision,
            ("decision", "delete"): self.delete_decision,
            ("decision", "handover"): self.add_handover,
        }[(which, action)]
        signal.emit(record_id)

    def _update_buttons(self) -> None:
        has_person = self.record is not None
        finding, decision = self._selected_id("finding"), self._selected_id("decision")
        wanted = {
            "add_finding": has_person,
            "edit_finding": finding is not None,
            "delete_finding": finding is not None,
            "add_decision": has_person,
            "edit_decision": decision is not None,
            "delete_decision": decision is not None,
            "add_handover": decision is not None,
        }
        for name, on in wanted.items():
            self.buttons[name].setEnabled(self.editable and on)

    # -- showing -------------------------------------------------------------------

    def show_record(self, record: PersonRecord | None) -> None:
        self.record = record
        if record is None:
            self.header.setText(self.tr("Choose a person from the list."))
            for widget in (self.dues, self.findings, self.decisions):
                widget.setRowCount(0)
            self._update_buttons()
            return
        self._header(record)
        self._dues(record)
        self._findings(record)
        self._decisions(record)
        self._update_buttons()

    def _label(self, labels: vocab.Labels, key: str | None) -> str:
        return vocab.label(labels, key, self.lang) if key else ""

    def _header(self, record: PersonRecord) -> None:
        p = record.person
        status = self._label(vocab.REGISTRY_STATUSES, record.status.status) or self.tr(
            "not found yet"
        )
        sex = self.fmt.format("text", p["sex"]) if p["sex"] else ""
        cases = " ".join(f'<a href="{escape(c)}">{escape(c)}</a>' for c in record.cases)
        lines = [
            f"<b style='font-size:14pt'>{escape(str(p['name']))}</b>&nbsp;&nbsp;"
            f"{escape(p['id_number'] or '')}&nbsp;&nbsp;{escape(sex)}&nbsp;&nbsp;"
            f"{escape(self.fmt.format('date', p['birth_date']))}",
            arg(self.tr("Status on %1: %2"), record.today.isoformat(), f"<b>{escape(status)}</b>"),
        ]
        if cases:
            lines.append(arg(self.tr("In case files: %1"), cases))
        if record.hidden_cases:
            lines.append(
                arg(self.tr("…and in %1 case file(s) you are not a member of"), record.hidden_cases)
            )
        if p.get("household_address"):
            lines.append(escape(self.tr("Household address: ") + str(p["household_address"])))
        self.header.setText("<br>".join(lines))

    def _dues(self, record: PersonRecord) -> None:
        dues = record.status.dues
        self.dues.setRowCount(len(dues))
        for i, d in enumerate(dues):
            if d.done:
                state, colour = self.tr("done"), DONE
            elif d.overdue:
                state, colour = arg(self.tr("overdue by %1 days"), -d.days_left), OVERDUE
            elif d.kind == "early_release_review" and d.days_left <= 0:
                state, colour = self.tr("possible now"), ""
            else:
                state, colour = arg(self.tr("in %1 days"), d.days_left), ""
            cells = [
                cell(d.due.isoformat(), colour=colour),
                cell(self._label(vocab.DUE_KINDS, d.kind), colour=colour),
                cell(self._label(vocab.REHAB_DECISIONS, d.decision_kind)),
                cell(state, colour=colour),
            ]
            for j, item in enumerate(cells):
                self.dues.setItem(i, j, item)
        self.dues.resizeColumnsToContents()

    def _findings(self, record: PersonRecord) -> None:
        self.findings.setRowCount(len(record.findings))
        for i, f in enumerate(record.findings):
            cells = [
                cell(self.fmt.format("datetime", f["found_at"]), f["id"], tip=f["place"]),
                cell(f["unit"]),
                cell(self._label(vocab.HOW_FOUND, f["how_found"])),
                cell(self._label(vocab.DRUGS, f["substance"])),
                cell(self._label(vocab.TEST_RESULTS, f["result"])),
                cell(f["report_no"]),
                cell(f["case_code"] or ""),
            ]
            for j, item in enumerate(cells):
                self.findings.setItem(i, j, item)
        self.findings.resizeColumnsToContents()

    def _decisions(self, record: PersonRecord) -> None:
        self.decisions.setRowCount(len(record.decisions))
        for i, d in enumerate(record.decisions):
            kind = self._label(vocab.REHAB_DECISIONS, d["kind"])
            if d["term_days"]:
                kind += arg(self.tr(" (%1 days)"), d["term_days"])
            until = d["ended_on"] or d["planned_end_on"]
            reason = self._label(vocab.END_REASONS, d["end_reason"]) if d["ended_on"] else ""
            handovers = "；".join(
                f"{self._label(vocab.HANDOVER_KINDS, h['kind'])} {h['handed_on'].isoformat()}"
                for h in d["handovers"]
            )
            cells = [
                cell(d["decided_on"].isoformat(), d["id"]),
                cell(kind),
                cell(d["starts_on"].isoformat()),
                cell(until.isoformat() + (f" ({reason})" if reason else "")),
                cell(d["place"] or d["office"]),
                cell(d["document_no"]),
                cell(handovers),
            ]
            for j, item in enumerate(cells):
                self.decisions.setItem(i, j, item)
        self.decisions.resizeColumnsToContents()
