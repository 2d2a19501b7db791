"""Copying identifiers (ID numbers, phones, plates) so they do not linger on the clipboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QWidget

# Asks clipboard managers (KDE Klipper and others that honour it) not to keep a history.
_PASSWORD_HINT = "x-kde-passwordManagerHint"


class _Wipe(QObject):
    """Clears one copied value once; deleting it drops its connection to aboutToQuit."""

    def __init__(self, board: QClipboard, text: str, parent: QObject) -> None:
        super().__init__(parent)
        self.board = board
        self.text = text
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.clear)

    @Slot()
    def clear(self) -> None:
        self.timer.stop()
        if self.board.text(QClipboard.Mode.Clipboard) == self.text:
            self.board.clear(QClipboard.Mode.Clipboard)
        self.text = ""
        self.deleteLater()


def copy_sensitive(text: str, seconds: float = 30, clipboard: QClipboard | None = None) -> QTimer:
    """Put ``text`` on the clipboard and clear it after ``seconds``.

    The clipboard is cleared only if it still holds ``text``: whatever the user copied
    since is left alone. Also cleared when the application quits. Returns the timer.
    """
    app = QGuiApplication.instance()
    if app is None:
        raise RuntimeError("copy_sensitive needs a QGuiApplication")
    board = clipboard or QGuiApplication.clipboard()
    mime = QMimeData()
    mime.setText(text)
    mime.setData(_PASSWORD_HINT, b"secret")
    board.setMimeData(mime, QClipboard.Mode.Clipboard)

    wipe = _Wipe(board, text, app)
    app.aboutToQuit.connect(wipe.clear)
    wipe.timer.start(max(0, round(seconds * 1000)))
    return wipe.timer


class SensitiveCopy(QObject):
    """Ctrl+C in any table or tree of ``window`` copies through :func:`copy_sensitive`.

    Qt's item views copy the current cell themselves and leave it on the clipboard;
    this filter takes the same text (the current cell) and lets it expire instead.
    Views created later (lazily built tabs) are covered: the filter sits on the
    application and checks the view's window.
    """

    def __init__(self, window: QWidget, seconds: Callable[[], float] = lambda: 30) -> None:
        super().__init__(window)
        self._window = window
        self._seconds = seconds
        app = QGuiApplication.instance()
        if app is None:
            raise RuntimeError("SensitiveCopy needs a QGuiApplication")
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QAbstractItemView)
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
            and watched.window() is self._window
        ):
            index = watched.currentIndex()
            if index.isValid():
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if text not in (None, ""):
                    copy_sensitive(str(text), self._seconds())
            return True
        return False


def install_sensitive_copy(
    window: QWidget, seconds: Callable[[], float] = lambda: 30
) -> SensitiveCopy:
    """Make every item view of ``window`` copy with expiry; ``seconds`` is read per copy
    (pass ``lambda: settings.clipboard_clear_seconds`` so a changed setting applies)."""
    return SensitiveCopy(window, seconds)
