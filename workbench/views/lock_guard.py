"""While the window is locked, no action works: nothing can be created, exported or read.

Each part of the window enables its own actions by its own rules (a case open, the
user's role, the current table) and some follow signals that keep arriving while the
window is locked (focus changes, the case still remembered for the unlock). Rather than
teach every part about locking, the guard switches every action of the window off when
it locks, switches any that a part re-enables off again, and on unlocking gives each
action back the state its part last wanted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget


class LockGuard(QObject):
    """``allowed()`` names the actions that stay usable while locked (File, Quit)."""

    def __init__(
        self,
        window: QWidget,
        locked: SignalInstance,
        unlocked: SignalInstance,
        allowed: Callable[[], Iterable[QAction]],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._allowed = allowed
        self._wanted: dict[QAction, bool] = {}
        self._locked = False
        locked.connect(self.lock)
        unlocked.connect(self.unlock)

    def is_locked(self) -> bool:
        return self._locked

    def guarded(self) -> list[QAction]:
        """The actions switched off now."""
        return [a for a in self._wanted if shiboken6.isValid(a)]

    def lock(self) -> None:
        if self._locked:
            return
        self._locked = True
        keep = {id(a) for a in self._allowed()}
        for action in self._window.findChildren(QAction):
            if id(action) in keep:
                continue
            self._wanted[action] = action.isEnabled()
            action.setEnabled(False)
            action.changed.connect(self._keep_off)

    def unlock(self) -> None:
        if not self._locked:
            return
        self._locked = False
        wanted, self._wanted = self._wanted, {}
        for action, enabled in wanted.items():
            if not shiboken6.isValid(action):
                continue
            action.changed.disconnect(self._keep_off)
            action.setEnabled(enabled)

    def _keep_off(self) -> None:
        """A part enabled its action while locked: remember that, keep it off."""
        action = self.sender()
        if not self._locked or not isinstance(action, QAction) or not action.isEnabled():
            return
        self._wanted[action] = True
        action.setEnabled(False)
