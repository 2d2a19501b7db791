"""Tools ▸ 吸毒人员管理 / Drug-user registry: find a person, read their findings,
decisions and hand-overs, their status and what is due, and record new ones.

Everything goes through the registry services: the list and the person's record are
read (``RegistryReader``), every change is an Operation on this window's own undo
stack (the registry is not a case file's, so its undo is not either), and the forms
check as the user types with ``RegistryPreview``. The window can show the registry as
it stood on an earlier day ("As of").
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import vocab
from workbench.services.bundle import Services
from workbench.services.core.changes import Changes, Operation
from workbench.services.core.errors import ServiceError
from workbench.services.registry.preview import RegistryPreview
from workbench.services.registry.reading import PersonRecord, RegistryQuery, RegistryRow
from workbench.views.formatting import CellFormatter
from workbench.views.i18n import arg, current_language
from workbench.views.plain_tables import cell, table
from workbench.views.registry import forms
from workbench.views.registry.detail import PersonDetail
from workbench.views.undo import UndoController


class RegistryWindow(QWidget):
    """Signals ``open_case(code)`` when the user follows a person's case."""

    open_case = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("registry_window")
        self.services = services
        self.lang = current_language()
        self.fmt = CellFormatter(self.lang)
        self.run_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.confirm: Callable[[str], bool] = self._ask
        self.rows: list[RegistryRow] = []
        self.record: PersonRecord | None = None
        self.setWindowTitle(self.tr("Drug-user registry"))
        self.undo = UndoController(
            lambda: self.services.registry_operations,
            self._changed,
            on_warnings=self._warn,
            parent=self,
        )
        self._build()
        self.resize(1200, 760)
        self.reload()

    # -- building ------------------------------------------------------------------

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Name, ID number, unit or place"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.reload)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("Any status"), None)
        for key in vocab.REGISTRY_STATUSES:
            self.status_combo.addItem(vocab.label(vocab.REGISTRY_STATUSES, key, self.lang), key)
        self.status_combo.currentIndexChanged.connect(self.reload)
        self.overdue_box = QCheckBox(self.tr("Overdue only"))
        self.overdue_box.toggled.connect(self.reload)
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        today = self.services.registry_reader.today()
        self.as_of_edit.setDate(QDate(today.year, today.month, today.day))
        self.as_of_edit.setToolTip(
            self.tr("Statuses and due dates as they stood on this day (today by default)")
        )
        self.as_of_edit.dateChanged.connect(self.reload)
        self.new_button = QPushButton(self.tr("&New finding…"))
        self.new_button.setToolTip(self.tr("A finding of someone named by ID number"))
        self.new_button.clicked.connect(lambda: self.add_finding(None))
        self.import_button = QPushButton(self.tr("&Import findings…"))
        self.import_button.clicked.connect(self.import_findings)
        undo, redo = QToolButton(), QToolButton()
        undo.setDefaultAction(self.undo.undo_action)
        redo.setDefaultAction(self.undo.redo_action)
        for button in (undo, redo):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addAction(self.undo.undo_action)
        self.addAction(self.undo.redo_action)

        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 2)
        bar.addWidget(self.status_combo, 1)
        bar.addWidget(self.overdue_box)
        bar.addWidget(QLabel(self.tr("As of:")))
        bar.addWidget(self.as_of_edit)
        bar.addWidget(self.new_button)
        bar.addWidget(self.import_button)
        bar.addWidget(undo)
        bar.addWidget(redo)

        self.list = table(
            [self.tr("Name"), self.tr("Resident ID"), self.tr("Findings"), self.tr("Last found"),
             self.tr("Overdue"), self.tr("Status")]
        )  # fmt: skip
        self.list.itemSelectionChanged.connect(self._selected)
        self.count_label = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.count_label)

        self.detail = PersonDetail(self.lang, self.fmt, self)
        self.detail.open_case.connect(self.open_case)
        self.detail.add_finding.connect(lambda: self.add_finding(self.person_id()))
        self.detail.edit_finding.connect(self.edit_finding)
        self.detail.delete_finding.connect(self.delete_finding)
        self.detail.add_decision.connect(self.add_decision)
        self.detail.edit_decision.connect(self.edit_decision)
        self.detail.delete_decision.connect(self.delete_decision)
        self.detail.add_handover.connect(self.add_handover)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([520, 680])
        self.split = split
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.error_label)
        self._apply_rights()

    def _apply_rights(self) -> None:
        """Auditors read: every edit is disabled, and says why."""
        try:
            editable = self.services.ctx.can("registry.edit")
        except ServiceError:
            editable = False
        why = "" if editable else self.tr("Read only: your role may not change the registry.")
        for button in (self.new_button, self.import_button):
            button.setEnabled(editable)
            button.setToolTip(why or button.toolTip())
        self.detail.set_editable(editable, why)

    # -- reading -------------------------------------------------------------------

    def as_of(self) -> date:
        d = self.as_of_edit.date()
        return date(d.year(), d.month(), d.day())

    def person_id(self) -> int | None:
        return None if self.record is None else int(self.record.person["id"])

    def reload(self) -> None:
        """Re-read the list (keeping the selected person) and the selected record."""
        query = RegistryQuery(
            limit=2000,
            text=self.search_edit.text(),
            status=self.status_combo.currentData(),
            overdue_only=self.overdue_box.isChecked(),
            as_of=self.as_of(),
        )
        keep = self.person_id()
        try:
            self.rows = self.services.registry_reader.search(query)
        except ServiceError as exc:
            self.show_error(str(exc))
            self.rows = []
        with QSignalBlocker(self.list):
            self.list.setRowCount(len(self.rows))
            for i, r in enumerate(self.rows):
                status = (
                    vocab.label(vocab.REGISTRY_STATUSES, r.status, self.lang) if r.status else ""
                )
                last = self.fmt.format("datetime", r.last_found)
                cells = [
                    cell(r.name, r.person_id),
                    cell(r.id_number or ""),
                    cell(str(r.findings), right=True),
                    cell(last[:10], tip=f"{last} {r.last_unit}"),
                    cell(str(r.overdue) if r.overdue else "", right=True),
                    cell(status, tip=status),
                ]
                for j, item in enumerate(cells):
                    self.list.setItem(i, j, item)
        self.list.resizeColumnsToContents()
        if len(self.rows) >= query.limit:
            self.count_label.setText(
                arg(self.tr("The first %1 persons; search to narrow the list"), len(self.rows))
            )
        else:
            self.count_label.setText(arg(self.tr("%1 persons"), len(self.rows)))
        listed = [r.person_id for r in self.rows]
        if keep not in listed:  # a new search: its first person
            keep = listed[0] if listed else None
        self.select(keep)

    def select(self, person_id: int | None) -> None:
        """Show ``person_id``: selected in the list when listed, else shown on its own
        (a case suspect with no finding yet)."""
        for i, r in enumerate(self.rows):
            if r.person_id == person_id:
                with QSignalBlocker(self.list):
                    self.list.clearSelection()
                    self.list.selectRow(i)
                self.list.scrollToItem(self.list.item(i, 0))
                self.show_person(person_id)
                return
        with QSignalBlocker(self.list):
            self.list.clearSelection()
        if person_id is not None:
            self.show_person(person_id)
        else:
            self.record = None
            self.detail.show_record(None)

    def _selected(self) -> None:
        items = self.list.selectedItems()
        if items:
            person = self.list.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole)
            self.show_person(int(person))

    def show_person(self, person_id: int) -> None:
        """Show one person's record (also someone with no finding yet: a case suspect)."""
        try:
            self.record = self.services.registry_reader.record(person_id, as_of=self.as_of())
        except ServiceError as exc:
            self.show_error(str(exc))
            return
        self.detail.show_record(self.record)

    # -- changing ------------------------------------------------------------------

    def _changed(self, _changes: Changes) -> None:
        self.show_error("")
        self.reload()

    def _warn(self, text: str) -> None:
        self.error_label.setStyleSheet("color: #8a5a00")
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def show_error(self, text: str) -> None:
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _form(self, spec: Any, preview: RegistryPreview, **kw: Any) -> Any:
        from workbench.views.forms.record_form import RecordForm

        return RecordForm(spec, preview.check, "", parent=self, **kw)

    def _submit(self, form: Any, text: str) -> bool:
        if self.run_dialog(form) != QDialog.DialogCode.Accepted:
            return False
        operations: list[Operation] = form.operations()
        if not operations:
            return True
        return self.undo.push(operations, text=text) is not None

    def add_finding(self, person_id: int | None) -> bool:
        ctx = self.services.ctx
        form = self._form(forms.finding_form(person_id), RegistryPreview(ctx, person_id=person_id))
        who = self.record.person["name"] if person_id is not None and self.record else ""
        if not self._submit(form, arg(self.tr("Add finding %1"), who).strip()):
            return False
        if person_id is None:
            number = str(form.peek("person", "id_number") or "")
            with contextlib.suppress(ServiceError):
                self.select(self.services.registry_reader.person_id_for(number))
        return True

    def edit_finding(self, finding_id: int) -> bool:
        values = self.services.registry.finding_values(finding_id)
        person = int(values.pop("person_id"))
        form = self._form(
            forms.finding_form(person),
            RegistryPreview(self.services.ctx, person_id=person),
            initial={"finding": values},
            ids={"record_id": finding_id},
        )
        return self._submit(form, self.tr("Edit finding"))

    def delete_finding(self, finding_id: int) -> bool:
        if not self.confirm(self.tr("Delete this finding? (Undo puts it back.)")):
            return False
        from workbench.services.registry import operations as rops

        return (
            self.undo.push(rops.delete_finding(finding_id), text=self.tr("Delete finding"))
            is not None
        )

    def _finding_choices(self) -> Callable[[str], list[tuple[int, str]]]:
        record = self.record
        items = [] if record is None else record.findings

        def choices(_kind: str) -> list[tuple[int, str]]:
            return [
                (
                    int(f["id"]),
                    f"{self.fmt.format('datetime', f['found_at'])} "
                    f"{vocab.label(vocab.DRUGS, f['substance'], self.lang)} "
                    f"{vocab.label(vocab.TEST_RESULTS, f['result'], self.lang)}",
                )
                for f in items
            ]

        return choices

    def add_decision(self) -> bool:
        person = self.person_id()
        if person is None or self.record is None or not self.record.findings:
            self.show_error(self.tr("A decision rests on a finding: record the finding first."))
            return False
        form = self._form(
            forms.decision_form(person),
            RegistryPreview(self.services.ctx, person_id=person),
            choices=self._finding_choices(),
        )
        form.fill("decision", "finding_id", int(self.record.findings[0]["id"]))
        return self._submit(form, arg(self.tr("Add decision for %1"), self.record.person["name"]))

    def edit_decision(self, decision_id: int) -> bool:
        values = self.services.registry.decision_values(decision_id)
        person = int(values.pop("person_id"))
        form = self._form(
            forms.decision_form(person),
            RegistryPreview(
                self.services.ctx, person_id=person, decision_id=decision_id, editing=True
            ),
            initial={"decision": values},
            ids={"record_id": decision_id},
            choices=self._finding_choices(),
        )
        return self._submit(form, self.tr("Edit decision"))

    def delete_decision(self, decision_id: int) -> bool:
        if not self.confirm(
            self.tr("Delete this decision and its hand-overs? (Undo puts them back.)")
        ):
            return False
        from workbench.services.registry import operations as rops

        return (
            self.undo.push(rops.delete_decision(decision_id), text=self.tr("Delete decision"))
            is not None
        )

    def add_handover(self, decision_id: int) -> bool:
        form = self._form(
            forms.handover_form(decision_id),
            RegistryPreview(self.services.ctx, person_id=self.person_id(), decision_id=decision_id),
        )
        return self._submit(form, self.tr("Record hand-over"))

    def import_findings(self) -> None:
        from workbench.views.import_wizard import ImportWizard

        wizard = ImportWizard(self.services, None, self.lang, self, kinds=("findings",))
        wizard.imported.connect(lambda _changes: self.reload())
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Drug-user registry"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def set_services(self, services: Services) -> None:
        """After an unlock the services (and their connection) are new."""
        self.services = services
        self.reload()
