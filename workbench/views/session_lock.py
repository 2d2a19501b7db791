"""Locking an unattended workstation: idle detection and the passphrase prompt behind it.

:class:`IdleLock` watches the application's input events and, after the idle time,
calls the main window's ``lock()`` (which hides the data and closes the store).
:class:`LockScreen` is the widget shown in the data's place; it reopens the store with
``Store.open`` and emits ``unlocked(Context)`` for the window's ``unlock(ctx)``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.services.core.context import Context
from workbench.services.core.errors import AuthenticationFailed, ServiceError
from workbench.store import StoreError
from workbench.store.server import by_certificate, is_server_url
from workbench.views.i18n import arg
from workbench.views.unlock_dialog import (
    busy,
    error_label,
    open_context,
    password_edit,
    store_error_text,
)

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)


def minutes_to_ms(minutes: float) -> int:
    return round(minutes * 60_000)


class IdleLock(QObject):
    """Calls ``lock`` once no user input has arrived for ``timeout_ms``.

    Input only stamps the time (cheap: this filter sees every event of the
    application); the single timer checks the stamp when it fires and re-arms for the
    remainder. Paused once it has locked; ``start()`` again after the unlock.
    """

    locked = Signal()

    def __init__(
        self,
        lock: Callable[[], None],
        timeout_ms: int,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._lock = lock
        self._timeout_ms = max(1, int(timeout_ms))
        self._clock = clock
        self._last_input = clock()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # coarse timers fire early
        self._timer.timeout.connect(self._check)
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("IdleLock needs a QCoreApplication")
        app.installEventFilter(self)
        self.start()

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timeout_ms = max(1, int(timeout_ms))
        if self.is_active():
            self.start()

    def set_minutes(self, minutes: float) -> None:
        self.set_timeout_ms(minutes_to_ms(minutes))

    def is_active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Arm (or re-arm) from now: called at start and after each unlock."""
        self._last_input = self._clock()
        self._timer.start(self._timeout_ms)

    def pause(self) -> None:
        self._timer.stop()

    def stop(self) -> None:
        """Disarm for good and leave the application's events alone."""
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def idle_ms(self) -> int:
        return round((self._clock() - self._last_input) * 1000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last_input = self._clock()
        return False

    def _check(self) -> None:
        remaining = self._timeout_ms - self.idle_ms()
        if remaining > 0:
            self._timer.start(remaining)
            return
        self._lock()
        self.locked.emit()


class LockScreen(QWidget):
    """Shown instead of the case data while locked; asks for the passphrase again.

    ``arm(path, user)`` prepares it for the database that was open; a right passphrase
    reopens the store, signs the same user in and emits ``unlocked(Context)``.
    """

    unlocked = Signal(object)  # Context

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self._path: Path | str | None = None  # a file, or a server's URL
        self._user = ""

        title = QLabel(self.tr("The workbench is locked"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel(
            self.tr(
                "The case data is hidden and the database is closed. "
                "Enter the passphrase to continue where you left off."
            )
        )
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.database_label = QLabel()
        self.database_label.setWordWrap(True)
        self.user_label = QLabel()

        self.passphrase_edit = password_edit()
        self.passphrase_edit.returnPressed.connect(self.try_unlock)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.error_label = error_label()

        row = QHBoxLayout()
        row.addWidget(self.passphrase_edit, 1)
        row.addWidget(self.unlock_button)
        form = QFormLayout()
        form.addRow(self.tr("Database:"), self.database_label)
        form.addRow(self.tr("User:"), self.user_label)
        prompt = QLabel(self.tr("&Passphrase:"))
        prompt.setBuddy(self.passphrase_edit)  # a layout as the field gets no buddy itself
        form.addRow(prompt, row)

        panel = QFrame()
        panel.setObjectName("lockPanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setMaximumWidth(560)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(self.explanation)
        inner.addLayout(form)
        inner.addWidget(self.error_label)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(panel, 4)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(2)

    def arm(self, path: Path | str, user: str) -> None:
        """Ready the prompt for ``path`` (a file, or a server's URL) and ``user`` (the
        session that was locked)."""
        self._path = path if isinstance(path, str) and is_server_url(path) else Path(path)
        self._user = user
        self.database_label.setText(str(self._path))
        self.user_label.setText(user)
        self.passphrase_edit.clear()
        self.passphrase_edit.setPlaceholderText(
            self.tr("not needed: your client certificate signs you in")
            if by_certificate(self._path)
            else ""
        )
        self.error_label.hide()
        self.passphrase_edit.setFocus()

    def try_unlock(self) -> bool:
        if self._path is None:
            return False
        passphrase = self.passphrase_edit.text()
        if not passphrase and not by_certificate(self._path):
            self._show_error(self.tr("Enter the passphrase."))
            return False
        try:
            with busy(self):
                ctx: Context = open_context(
                    self._path, passphrase, self._user, notice=self._show_error
                )
        except (StoreError, ServiceError, ValueError) as exc:
            text = store_error_text(exc)
            if isinstance(exc, AuthenticationFailed):
                text = arg(self.tr("%1 can no longer sign in to this database."), self._user)
            self._show_error(text)
            self.passphrase_edit.clear()
            self.passphrase_edit.setFocus()
            return False
        self.passphrase_edit.clear()
        self.error_label.hide()
        self.unlocked.emit(ctx)
        return True

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
