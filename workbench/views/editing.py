"""New…, Edit… and Delete for whatever table the user is in, through the undo stack.

The actions ask the case view which entity is current, open that entity's form with
the row's values, and push the Operations the form returns; nothing here writes to the
database except through ``UndoController.push``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol, cast

import shiboken6
from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QTableView, QWidget

from workbench.domain import vocab
from workbench.services.casefile import operations as ops
from workbench.services.core.changes import Operation
from workbench.services.core.errors import ServiceError
from workbench.services.core.versions import EditConflict, expecting_all
from workbench.views.attachments_panel import AttachmentsPanel, install_attachments
from workbench.views.forms import FORMS, RecordForm
from workbench.views.forms.choices import case_choices
from workbench.views.forms.editors import WORKSTATION_ZONE
from workbench.views.i18n import arg, current_language
from workbench.views.namesakes import person_notices
from workbench.views.table_model import RecordTableModel
from workbench.views.undo import UndoController

# Table entity (services.tables) -> form entity (views.forms.FORMS).
TABLE_FORMS = {
    "overview": "case",
    "persons": "person",
    "measures": "measure",
    "vehicles": "vehicle",
    "seizures": "seizure",
    "assets": "asset",
    "locations": "location",
    "events": "event",
    "links": "link",
    "custody": "custody",
}
# A Target's id keys -> the audit entity whose last entry is that record's version.
AUDIT_ENTITY_OF_ID = {
    "person_id": "person",
    "party_id": "party",
    "vehicle_id": "vehicle",
    "case_vehicle_id": "case_vehicle",
    "case_id": "case",
}
RECORD_TABLES = ("measures", "seizures", "assets", "locations", "events", "links", "custody")
# What names a row in a confirmation or the undo text.
ROW_SUBJECT = {
    "persons": "name",
    "vehicles": "plate",
    "seizures": "exhibit_no",
    "locations": "name",
    "events": "title",
    "measures": "person",
    "assets": "document_no",
    "links": "a_name",
    "custody": "item",
    "attachments": "filename",
}


class Window(Protocol):
    """The part of MainWindow (docs/gui-contract.md) editing relies on."""

    services: Any
    undo_stacks: Any
    edit_menu: Any
    file_menu: Any
    case_view: Any
    case_changed: Any

    def current_case_code(self) -> str | None: ...

    def open_case(self, code: str) -> None: ...

    def apply_changes(self, changes: Any) -> None: ...


@dataclass(frozen=True)
class Target:
    """The form to open for a row: values per section and the ids the operations take."""

    initial: dict[str, dict[str, Any]]
    ids: dict[str, int]
    # The version of each record the form edits, read with its values (optimistic
    # concurrency: a save from an older version is refused, the form offers to reload).
    versions: dict[tuple[str, object], int] = field(default_factory=dict)


class EditingController(QObject):
    """Owns the undo controller and the New/Edit/Delete actions of one window.

    ``run_dialog`` and ``confirm`` are attributes so tests (and callers that already
    asked) can replace the modal parts.
    """

    def __init__(self, window: Window) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        self.window = window
        self.undo = UndoController(
            lambda: self.window.services.operations,
            window.apply_changes,
            stacks=window.undo_stacks,
            case_of=window.current_case_code,
            on_warnings=self._show_warnings,
            parent=window,  # type: ignore[arg-type]
        )
        self.run_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.confirm: Callable[[str], bool] = self._ask
        self.ask_reload: Callable[[str], bool] = self._ask_reload
        self.conflict: EditConflict | None = None  # the last save refused as a conflict
        self.reload_requested = False
        self.attachments: AttachmentsPanel | None = None
        self._denied: dict[tuple[int, str], str] = {}
        # Says "read only" and why, for as long as the open case may not be changed.
        self.read_only_label = QLabel()
        self.read_only_label.setObjectName("read_only")
        self.read_only_label.setStyleSheet("QLabel#read_only { color: #a15c00; }")
        self.read_only_label.hide()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().addWidget(self.read_only_label)
        self.new_action = self._action(
            self.tr("&New…"), "action_new", self.new_record, QKeySequence.StandardKey.New
        )
        self.new_case_action = self._action(
            self.tr("New &case file…"), "action_new_case", self.new_case
        )
        self.new_case_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        window.file_menu.addAction(self.new_case_action)
        window.file_menu.addSeparator()
        self.edit_action = self._action(self.tr("&Edit…"), "action_edit", self.edit_current)
        # Enter and double-click reach it through the views' activated signal, so the
        # action itself claims no key a dialog's line edit might need.
        self.edit_action.setToolTip(self.tr("Edit the selected row (Enter or double-click)"))
        self.delete_action = self._action(
            self.tr("&Delete"),
            "action_delete",
            self.delete_selected,
            QKeySequence.StandardKey.Delete,
        )
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.custody_action = self._action(
            self.tr("Chain of &custody entry…"), "action_custody", self.add_custody
        )
        menu = window.edit_menu
        menu.addAction(self.undo.undo_action)
        menu.addAction(self.undo.redo_action)
        menu.addSeparator()
        for action in (self.new_action, self.edit_action, self.delete_action):
            menu.addAction(action)
        menu.addAction(self.custody_action)
        menu.aboutToShow.connect(self.update_actions)
        for entity in TABLE_FORMS:
            view = self._view(entity)
            if view is None:
                continue
            view.addAction(self.delete_action)
            view.activated.connect(lambda _index, e=entity: self.edit_row(e))
            view.selectionModel().selectionChanged.connect(self.update_actions)
            view.model().modelReset.connect(self.update_actions)
        self._follow_lock(window)
        window.case_changed.connect(self.update_actions)
        window.case_view.currentChanged.connect(self.update_actions)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # which table has focus decides the entity
            app.focusChanged.connect(self.update_actions)
        self.update_actions()

    def _follow_lock(self, window: Window) -> None:
        """No undo while locked: the runner's database connection is closed then."""
        for name, enabled in (("locked", False), ("unlocked", True)):
            signal = getattr(window, name, None)
            if isinstance(signal, SignalInstance):
                signal.connect(lambda *_args, on=enabled: self.undo.set_enabled(on))
        changed = getattr(window, "locked_changed", None)
        if isinstance(changed, SignalInstance):
            changed.connect(lambda locked: self.undo.set_enabled(not locked))

    def _action(
        self,
        text: str,
        name: str,
        slot: Callable[[], object],
        key: QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, cast(QObject, self.window))
        action.setObjectName(name)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- where the user is ---------------------------------------------------------

    def _view(self, entity: str) -> QTableView | None:
        try:
            view = self.window.case_view.table_view(entity)
        except (KeyError, AttributeError):
            return None
        return view if isinstance(view, QTableView) else None

    def current_entity(self) -> str:
        return str(self.window.case_view.current_entity())

    def selected_rows(self, entity: str) -> list[dict[str, Any]]:
        """The selected rows of a table as the service returned them."""
        view = self._view(entity)
        if view is None or view.selectionModel() is None:
            return []
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        if not rows and view.currentIndex().isValid():
            rows = [view.currentIndex().row()]
        return [self._row(view, r) for r in rows]

    @staticmethod
    def _row(view: QTableView, row: int) -> dict[str, Any]:
        model = view.model()
        value = model.data(model.index(row, 0), RecordTableModel.RowRole)
        return dict(value) if isinstance(value, Mapping) else {}

    def has_selection(self, entity: str) -> bool:
        view = self._view(entity)
        if view is None or view.selectionModel() is None:
            return False
        return view.selectionModel().hasSelection() or view.currentIndex().isValid()

    def update_actions(self, *_args: object) -> None:
        """Enable what applies to the current table; cheap, so it follows every change
        of tab, focus and selection."""
        if not shiboken6.isValid(self.window) or not shiboken6.isValid(self.new_action):
            return
        case = self.window.current_case_code()
        entity = self.current_entity() if case else ""
        reason = self.edit_denied(case) if case else ""
        if reason:  # the role may not change this case: say why instead of failing later
            for action in (self.new_action, self.edit_action, self.delete_action):
                action.setEnabled(False)
            self.custody_action.setEnabled(False)
        else:
            has_form = entity in TABLE_FORMS
            selected = has_form and entity != "overview" and self.has_selection(entity)
            self.new_action.setEnabled(bool(case) and has_form and entity != "overview")
            self.edit_action.setEnabled(bool(case) and (selected or entity == "overview"))
            self.delete_action.setEnabled(bool(case) and selected)
            self.custody_action.setEnabled(bool(case) and entity in ("seizures", "attachments"))
        for action in (self.new_action, self.edit_action, self.delete_action, self.custody_action):
            action.setStatusTip(reason)
        self.read_only_label.setText(arg(self.tr("Read only: %1"), reason) if reason else "")
        self.read_only_label.setVisible(bool(reason))
        self.edit_action.setToolTip(
            reason or self.tr("Edit the selected row (Enter or double-click)")
        )

    def edit_denied(self, case: str) -> str:
        """Why the signed-in user may not change ``case`` ("" when they may); asked of
        the services once per case and session, as the check is a query."""
        services = self.window.services
        key = (id(services), case)
        if key not in self._denied:
            try:
                allowed = services.ctx.can("case.edit", case)
            except ServiceError:
                allowed = False
            self._denied[key] = "" if allowed else permission_text(services.ctx.role)
        return self._denied[key]

    # -- forms -----------------------------------------------------------------------

    def form(
        self,
        form_entity: str,
        target: Target | None = None,
        *,
        parent: QWidget | None = None,
    ) -> RecordForm:
        """The form for a new record (no target) or for editing ``target``."""
        case = self.window.current_case_code() or ""
        services = self.window.services
        return RecordForm(
            FORMS[form_entity],
            services.preview.check,
            case,
            initial=target.initial if target else None,
            ids=target.ids if target else None,
            choices=case_choices(services.tables, case) if case else None,
            default_day=self.case_day(case) if target is None else None,
            notices=person_notices(services.namesakes) if target is None else None,
            parent=parent if parent is not None else self.window,  # type: ignore[arg-type]
        )

    def case_day(self, case: str) -> date:
        """Where a new record's dates start: today, or — for a case closed (or not yet
        opened) on another day — the nearest day of the case."""
        today = datetime.now(WORKSTATION_ZONE).date()
        if not case:
            return today
        try:
            found = self.window.services.cases.get(case)
        except ServiceError:
            return today
        if found.closed_on is not None and today > found.closed_on:
            return found.closed_on  # type: ignore[no-any-return]
        if found.opened_on is not None and today < found.opened_on:
            return found.opened_on  # type: ignore[no-any-return]
        return today

    def target(self, entity: str, row: Mapping[str, Any]) -> Target:
        """What the edit form of a table row starts from, with the versions it edits."""
        found = self._target(entity, row)
        if "record_id" in found.ids:
            records = [(TABLE_FORMS[entity], found.ids["record_id"])]
        else:
            records = [(AUDIT_ENTITY_OF_ID[key], value) for key, value in found.ids.items()]
        versions = self.window.services.versions.of_many(records)
        return Target(found.initial, found.ids, versions)

    def _target(self, entity: str, row: Mapping[str, Any]) -> Target:
        if entity == "persons":
            return Target(
                {
                    "person": self.window.services.persons.details(int(row["person_id"])),
                    "party": {
                        k: row[k]
                        for k in ("role", "is_suspect", "status", "prosecuted_on", "notes")
                    },
                },
                {"person_id": int(row["person_id"]), "party_id": int(row["id"])},
            )
        if entity == "vehicles":
            return Target(
                {
                    "vehicle": self.window.services.vehicles.details(int(row["vehicle_id"])),
                    "case_vehicle": {k: row[k] for k in ("seized", "seized_on", "notes")},
                },
                {"vehicle_id": int(row["vehicle_id"]), "case_vehicle_id": int(row["id"])},
            )
        form_entity = TABLE_FORMS[entity]
        details = self.window.services.records.details(form_entity, int(row["id"]))
        return Target({form_entity: details}, {"record_id": int(row["id"])})

    def case_target(self) -> Target:
        case = self.window.services.cases.get(self.window.current_case_code())
        fields = [f.key for f in FORMS["case"].sections[0].fields]
        versions = self.window.services.versions.of_many([("case", case.id)])
        return Target(
            {"case": {k: getattr(case, k) for k in fields}}, {"case_id": case.id}, versions
        )

    def submit(self, form: RecordForm, target: Target | None = None) -> bool:
        """Push what an accepted form means; False if it failed (the error is shown).

        An edit saves from the versions its ``target`` was read at: if somebody saved
        one of those records since, nothing is written, and the person is told who and
        when and offered the record as it is now (``conflict_reload``)."""
        operations = form.operations()
        if not operations:
            return True
        if target is None or not target.versions:
            return self.undo.push(operations, form.subject()) is not None
        failures: list[str] = []
        ctx = self.window.services.ctx
        with self.undo.reporting_to(failures.append), expecting_all(ctx, target.versions):
            pushed = self.undo.push(operations, form.subject()) is not None
        conflict = self.undo.last_failure
        if isinstance(conflict, EditConflict):
            self.conflict = conflict
            if self.ask_reload(conflict.message(current_language())):
                self.reload_requested = True
            return False
        for message in failures:
            self.undo.on_error(message)
        return pushed

    def open_and_submit(self, form: RecordForm, target: Target | None = None) -> bool:
        if self.run_dialog(form) != QDialog.DialogCode.Accepted:
            return False
        return self.submit(form, target)

    def _edit_again(self, edit: Callable[[], bool]) -> bool:
        """Run an edit; after a conflict the person chose to reload, open it afresh."""
        self.reload_requested = False
        done = edit()
        while not done and self.reload_requested:
            self.reload_requested = False
            done = edit()
        return done

    # -- actions ---------------------------------------------------------------------

    def new_case(self) -> bool:
        """A new case file (undoable while it is still empty), opened once created."""
        form = self.form("case")
        if self.run_dialog(form) != QDialog.DialogCode.Accepted:
            return False
        code = str(form.peek("case", "code") or "")
        if not self.submit(form):
            return False
        self.window.open_case(code)
        return True

    def new_record(self, entity: str | None = None) -> bool:
        entity = entity or self.current_entity()
        if not self.window.current_case_code() or entity not in TABLE_FORMS:
            return False
        if entity == "overview":
            return self.edit_current()
        return self.open_and_submit(self.form(TABLE_FORMS[entity]))

    def edit_current(self) -> bool:
        entity = self.current_entity()
        if not self.window.current_case_code():
            return False
        if entity == "overview":
            return self._edit_again(self._edit_case)
        return self.edit_row(entity)

    def _edit_case(self) -> bool:
        target = self.case_target()
        return self.open_and_submit(self.form("case", target), target)

    def edit_row(self, entity: str, index: QModelIndex | None = None) -> bool:
        if entity not in TABLE_FORMS or not self.window.current_case_code():
            return False
        rows = self.selected_rows(entity)
        if not rows:
            return False

        def edit() -> bool:
            target = self.target(entity, rows[0])
            return self.open_and_submit(self.form(TABLE_FORMS[entity], target), target)

        return self._edit_again(edit)

    def delete_operations(self, entity: str, rows: list[dict[str, Any]]) -> list[Operation]:
        if entity == "persons":
            return [ops.remove_party(int(r["id"])) for r in rows]
        if entity == "vehicles":
            return [ops.remove_vehicle(int(r["id"])) for r in rows]
        if entity == "attachments":
            return [ops.remove_attachment(int(r["id"])) for r in rows]
        if entity in RECORD_TABLES:
            return [ops.delete_record(TABLE_FORMS[entity], int(r["id"])) for r in rows]
        return []

    def delete_selected(self, entity: str | None = None) -> bool:
        entity = entity or self.current_entity()
        rows = self.selected_rows(entity)
        operations = self.delete_operations(entity, rows)
        if not operations:
            return False
        names = [str(r.get(ROW_SUBJECT.get(entity, ""), "") or "") for r in rows]
        if len(rows) == 1:
            question = arg(self.tr("Delete %1?"), names[0] or self.tr("this record"))
            subject, text = names[0], ""
        else:
            question = arg(self.tr("Delete these %1 records?"), len(rows))
            subject, text = "", arg(self.tr("Delete %1 records"), len(rows))
        if entity == "persons":
            question += "\n" + self.tr("The person stays on file for other cases.")
        if not self.confirm(question):
            return False
        return self.undo.push(operations, subject, text) is not None

    def add_custody(self, item_type: str | None = None, item_id: int | None = None) -> bool:
        """A chain-of-custody entry for the selected exhibit or attachment."""
        if item_type is None:
            entity = self.current_entity()
            item_type = {"seizures": "seizure", "attachments": "attachment"}.get(entity)
            rows = self.selected_rows(entity) if item_type else []
            item_id = int(rows[0]["id"]) if rows else None
        if item_type is None or not self.window.current_case_code():
            return False
        form = self.form("custody")
        form.fill("custody", "item_type", item_type)
        form.refresh_choices("custody", "item_type")
        if item_id is not None:
            form.fill("custody", "item_id", item_id)
        form.validate()
        return self.open_and_submit(form)

    # -- messages --------------------------------------------------------------------

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(
            self.window,  # type: ignore[arg-type]
            self.tr("Delete"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _ask_reload(self, conflict: str) -> bool:
        answer = QMessageBox.question(
            self.window,  # type: ignore[arg-type]
            self.tr("Changed by someone else"),
            conflict + "\n\n" + self.tr("Open the record as it is now?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _show_warnings(self, text: str) -> None:
        bar = getattr(self.window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 15000)


def permission_text(role: str) -> str:
    """The window's reason for a disabled edit, in the user's language."""
    return arg(
        QCoreApplication.translate(
            "EditingController", "Your role (%1) may not change this case file."
        ),
        vocab.label(vocab.USER_ROLES, role, current_language()),
    )


def install_editing(window: Window) -> EditingController:
    """Add Undo/Redo, New…, Edit…, Delete, custody entries and the attachments panel to
    ``window``; the controller is also kept as ``window.editing``."""
    controller = EditingController(window)
    controller.attachments = install_attachments(controller)
    window.editing = controller  # type: ignore[attr-defined]
    return controller
