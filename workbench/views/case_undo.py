"""One undo stack per case file, gathered in a QUndoGroup that follows the open case.

An edit made while PDS-2019-001 is open belongs to PDS-2019-001's history: Ctrl+Z in
another case must never take it back unseen. The group's active stack is the open
case's; Edit ▸ Undo/Redo act on it alone.

Operations that belong to no case file are decided as follows: a new case file starts
its own case's history (undoing it removes the still-empty case); users and case
membership are not on any undo stack (their dialogs audit each change, and the opposite
action — revoke after grant, reactivate after remove — is how they are taken back).
``NO_CASE`` is the stack used when nothing is open (only a standalone controller, as in
tests, pushes onto it).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoGroup, QUndoStack

NO_CASE = ""


class CaseUndoStacks(QObject):
    """The undo stacks of one window, one per case code, created when first needed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}

    def stack_for(self, case: str | None) -> QUndoStack:
        """The history of ``case`` (None or "" for operations of no case)."""
        key = case or NO_CASE
        stack = self._stacks.get(key)
        if stack is None:
            stack = QUndoStack(self.group)
            stack.setObjectName(f"undo_stack:{key}")
            self.group.addStack(stack)
            self._stacks[key] = stack
        return stack

    def activate(self, case: str | None) -> None:
        """Make ``case``'s history the one Edit ▸ Undo acts on.

        Closing a case (it was deleted, e.g. by undoing "New case") keeps the history
        that was active: it holds that case's own steps only, and its Redo can bring the
        case back.
        """
        if case:
            self.group.setActiveStack(self.stack_for(case))

    def active(self) -> QUndoStack:
        """The active history (the no-case one before any case was opened)."""
        stack = self.group.activeStack()
        if stack is None:
            stack = self.stack_for(NO_CASE)
            self.group.setActiveStack(stack)
        return stack

    def cases(self) -> list[str]:
        """The case codes with a history so far."""
        return [code for code in self._stacks if code != NO_CASE]

    def clear(self) -> None:
        for stack in self._stacks.values():
            stack.clear()
