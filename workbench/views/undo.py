"""Undo and redo over Operations: the stack keeps data, the services do the work.

As in Orange, a command holds an Operation and, once it has run, the inverse the runner
returned; undo runs that inverse through the same services (validated, audited) and
keeps *its* inverse for the next redo. A run that fails leaves the database unchanged
(one transaction), so the command reports the message and marks itself obsolete: Qt
then drops it from the stack instead of pretending the change happened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.domain import vocab
from workbench.services.casefile.operations import OperationRunner
from workbench.services.core.changes import Changes, Operation
from workbench.services.core.errors import InputRejected, PermissionDenied, ServiceError
from workbench.services.core.versions import EditConflict
from workbench.views.case_undo import CaseUndoStacks
from workbench.views.forms.messages import rejection_message, warning_message
from workbench.views.i18n import arg, current_language

ChangesFn = Callable[[Changes], None]
RunnerSource = OperationRunner | Callable[[], OperationRunner]
MessageFn = Callable[[str], None]
CaseFn = Callable[[], str | None]


def _entity_label(entity: str) -> str:
    return vocab.label(vocab.ENTITY_KINDS, entity, current_language())


# Menu texts by operation name: %1 names the record, %2 is the kind of record.
_TEMPLATES = {
    "case.create": QT_TRANSLATE_NOOP("undo", "New case %1"),
    "case.update": QT_TRANSLATE_NOOP("undo", "Edit case %1"),
    "person.add": QT_TRANSLATE_NOOP("undo", "Add person %1"),
    "person.update": QT_TRANSLATE_NOOP("undo", "Edit person %1"),
    "party.update": QT_TRANSLATE_NOOP("undo", "Edit the case role of %1"),
    "party.remove": QT_TRANSLATE_NOOP("undo", "Remove %1 from the case"),
    "record.add": QT_TRANSLATE_NOOP("undo", "Add %2 %1"),
    "record.update": QT_TRANSLATE_NOOP("undo", "Edit %2 %1"),
    "record.delete": QT_TRANSLATE_NOOP("undo", "Delete %2 %1"),
    "vehicle.add": QT_TRANSLATE_NOOP("undo", "Add vehicle %1"),
    "vehicle.update": QT_TRANSLATE_NOOP("undo", "Edit vehicle %1"),
    "case_vehicle.update": QT_TRANSLATE_NOOP("undo", "Edit vehicle %1"),
    "vehicle.remove": QT_TRANSLATE_NOOP("undo", "Remove vehicle %1 from the case"),
    "attachment.add": QT_TRANSLATE_NOOP("undo", "Add attachment %1"),
    "attachment.remove": QT_TRANSLATE_NOOP("undo", "Remove attachment %1"),
}


_NAMING_FIELDS = ("name", "title", "exhibit_no", "plate", "vin", "document_no", "code")


def _subject_of(op: Operation) -> str:
    """What names the record when the caller did not say: the name in the arguments."""
    args = op.args
    for source in (args, args.get("person"), args.get("vehicle"), args.get("values")):
        if isinstance(source, Mapping):
            for key in _NAMING_FIELDS:
                if source.get(key):
                    return str(source[key])
    return ""


def describe(op: Operation, subject: str = "") -> str:
    """The translated name of an operation for menus ("Edit person 张某").

    Operation descriptions are English data; the view says the same in the user's
    language from the operation's name, and ``subject`` names the record.
    """
    template = _TEMPLATES.get(op.name)
    if template is None:
        return op.description
    subject = subject or _subject_of(op)
    entity = _entity_label(str(op.args.get("entity", "")))
    text = QCoreApplication.translate("undo", template).replace("%2", entity)
    return " ".join(text.replace("%1", subject).split())


def error_text(exc: ServiceError) -> str:
    """A refused change as the user reads it; a permission refusal says so first."""
    if isinstance(exc, PermissionDenied):
        return (
            QCoreApplication.translate("undo", "Your role does not allow this change.")
            + "\n"
            + str(exc)
        )
    if isinstance(exc, InputRejected):
        return rejection_message(exc)
    if isinstance(exc, EditConflict):  # who saved first, and when, in the user's language
        return exc.message(current_language())
    return str(exc)


class OperationCommand(QUndoCommand):
    """One undoable step: one Operation, or several applied and undone together
    (a person's details and their role in the case edited in one dialog)."""

    def __init__(
        self,
        runner: RunnerSource,
        operations: Operation | Sequence[Operation],
        text: str,
        on_changes: ChangesFn,
        on_error: MessageFn,
        on_warnings: MessageFn | None = None,
    ) -> None:
        super().__init__(text)
        self._runner = runner
        self._todo: list[Operation] = (
            [operations] if isinstance(operations, Operation) else list(operations)
        )
        self._inverses: list[Operation] = []
        self._on_changes = on_changes
        self._on_error = on_error
        self._on_warnings = on_warnings
        self.failed: str | None = None  # the message of the run that failed, if one did
        self.failure: ServiceError | None = None  # and what failed
        self.values: list[Any] = []  # what each operation of the last redo produced
        self._done_once = False  # the first redo is the edit itself, later ones are redos

    def redo(self) -> None:
        inverses = self._run(self._todo, "redo" if self._done_once else None)
        self._done_once = True
        if inverses is not None:
            self._inverses = inverses

    def undo(self) -> None:
        redo_ops = self._run(list(reversed(self._inverses)), "undo")
        if redo_ops is not None:
            self._todo = list(reversed(redo_ops))

    def _run(self, operations: list[Operation], via: str | None) -> list[Operation] | None:
        """Run in order; on failure undo the ones already run, report, go obsolete.

        ``via`` ("undo", "redo") marks the audit entries of an undo or redo as such."""
        inverses: list[Operation] = []
        changes = Changes()
        values: list[Any] = []
        warnings: list[str] = []
        try:
            for op in operations:
                result = self._resolve().run(op, via=via)
                if result.inverse is None:
                    raise ServiceError(f"{op.name} cannot be undone")
                inverses.append(result.inverse)
                changes = changes | result.changes
                values.append(result.value)
                warnings += result.warnings
        except ServiceError as exc:
            changes = changes | self._roll_back(inverses)
            self.failed = str(exc)
            self.failure = exc
            self.setObsolete(True)
            if changes.entities or changes.cases:
                self._on_changes(changes)
            self._on_error(error_text(exc))
            return None
        self.values = values
        self._on_changes(changes)
        if warnings and self._on_warnings is not None:
            self._on_warnings("\n".join(warning_message(w) for w in warnings))
        return inverses

    def _resolve(self) -> OperationRunner:
        runner = self._runner
        return runner if isinstance(runner, OperationRunner) else runner()

    def _roll_back(self, inverses: list[Operation]) -> Changes:
        changes = Changes()
        for inverse in reversed(inverses):
            try:
                changes = changes | self._resolve().run(inverse, via="undo").changes
            except ServiceError as exc:  # reported together with the first failure
                self._on_error(str(exc))
        return changes


class UndoController(QObject):
    """The window's undo histories (one per case) with their runner, and the Edit
    menu's Undo/Redo actions, which act on the open case's history only.

    ``runner`` may be a function returning the current runner: after the window is
    unlocked the services (and their database connection) are new, the stacks are not.
    ``case_of`` names the open case: a push lands on that case's stack (a new case file
    on its own new stack). Without ``stacks`` the controller keeps one history of its own.
    """

    def __init__(
        self,
        runner: RunnerSource,
        on_changes: ChangesFn,
        *,
        stacks: CaseUndoStacks | None = None,
        case_of: CaseFn | None = None,
        on_error: MessageFn | None = None,
        on_warnings: MessageFn | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.stacks = stacks if stacks is not None else CaseUndoStacks(self)
        if stacks is None:
            self.stacks.active()  # its one history is the group's active stack from the start
        self.case_of: CaseFn = case_of or (lambda: None)
        self.on_changes = on_changes
        self.on_error = on_error or self._show_error_later
        self.on_warnings = on_warnings
        self.last_error: str | None = None
        self.last_failure: ServiceError | None = None  # what the last push failed with
        self.last_box: QMessageBox | None = None  # the last error shown (tests look at it)
        self._enabled = True
        group = self.stacks.group
        self.undo_action = QAction(self)
        self.undo_action.setObjectName("action_undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.undo_action.triggered.connect(self._undo)
        self.redo_action = QAction(self)
        self.redo_action.setObjectName("action_redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self._redo)
        for signal in (
            group.activeStackChanged,
            group.canUndoChanged,
            group.canRedoChanged,
            group.undoTextChanged,
            group.redoTextChanged,
            group.indexChanged,
        ):
            signal.connect(self._update_actions)
        self._update_actions()

    @property
    def stack(self) -> QUndoStack:
        """The history Undo/Redo act on now: the open case's."""
        return self.stacks.active()

    def set_enabled(self, enabled: bool) -> None:
        """Off while the window is locked: no undo may reach a closed database."""
        self._enabled = enabled
        self._update_actions()

    def _undo(self) -> None:
        if self._enabled and self._active_is_open_case():
            self.stack.undo()

    def _redo(self) -> None:
        if self._enabled and self._active_is_open_case():
            self.stack.redo()

    def _active_is_open_case(self) -> bool:
        """The history acted on is the open case's (or, with none open, the last one)."""
        case = self.case_of()
        return not case or self.stack is self.stacks.stack_for(case)

    def _update_actions(self, *_args: object) -> None:
        group = self.stacks.group
        if not shiboken6.isValid(group) or not shiboken6.isValid(self.undo_action):
            return  # the group's destructor emits its signals
        stack = group.activeStack()
        undo_text = stack.undoText() if stack is not None else ""
        redo_text = stack.redoText() if stack is not None else ""
        self.undo_action.setText(
            arg(QCoreApplication.translate("undo", "&Undo %1"), undo_text).strip()
        )
        self.redo_action.setText(
            arg(QCoreApplication.translate("undo", "&Redo %1"), redo_text).strip()
        )
        self.undo_action.setEnabled(self._enabled and stack is not None and stack.canUndo())
        self.redo_action.setEnabled(self._enabled and stack is not None and stack.canRedo())

    def target_case(self, operations: Sequence[Operation]) -> str | None:
        """Whose history a step joins: a new case file's own, else the open case's."""
        first = operations[0]
        if first.name == "case.create":
            return str(first.args.get("code") or "") or None
        return self.case_of()

    def push(
        self,
        operations: Operation | Sequence[Operation],
        subject: str = "",
        text: str = "",
        *,
        case: str | None = None,
    ) -> OperationCommand | None:
        """Run the operation(s) as one undoable step of ``case`` (default: see
        :meth:`target_case`); None if they failed (nothing pushed)."""
        ops = [operations] if isinstance(operations, Operation) else list(operations)
        if not ops or not self._enabled:
            return None
        command = OperationCommand(
            self.runner,
            ops,
            text or describe(ops[0], subject),
            self.on_changes,
            self._error,
            self.on_warnings,
        )
        self.last_error = None
        stack = self.stacks.stack_for(case if case is not None else self.target_case(ops))
        stack.push(command)  # runs command.redo(); Qt drops it if it went obsolete
        self.last_failure = command.failure
        return None if self.last_error is not None else command

    @contextmanager
    def reporting_to(self, handler: MessageFn) -> Iterator[None]:
        """Failures in this block go to ``handler`` instead of the error box (a caller
        that answers some of them itself, as the edit form does a conflict)."""
        previous, self.on_error = self.on_error, handler
        try:
            yield
        finally:
            self.on_error = previous

    def _error(self, message: str) -> None:
        self.last_error = message
        self.on_error(message)

    def _show_error_later(self, message: str) -> None:
        """Outside the stack's redo/undo: a modal box inside it would re-enter the stack."""
        parent = self.parent()
        widget = parent if isinstance(parent, QWidget) else None
        title = QCoreApplication.translate("undo", "The change was not made")
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok)
        box.setParent(widget, box.windowFlags())
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_box = box
        QTimer.singleShot(0, box.open)
