"""Long import work in a worker thread, with a progress bar and Cancel on the page.

The service function is plain Python taking ``progress`` and ``cancelled``; the thread
only forwards its progress as a signal, so the window stays responsive.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _Worker(QObject):
    progressed = Signal(int, int)
    done = Signal(object, object)  # result, exception

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self.work = work
        self.stop = stop

    def run(self) -> None:
        try:
            result = self.work(self.progressed.emit, self.stop.is_set)
        except Exception as exc:  # handed to the page, which shows it
            self.done.emit(None, exc)
        else:
            self.done.emit(result, None)


class JobPanel(QWidget):
    """Runs one job at a time; emits ``finished(result, error)`` on the GUI thread."""

    finished = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelImport")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._stop = threading.Event()

    def running(self) -> bool:
        return self._thread is not None

    def start(self, work: Work, status: str) -> None:
        if self._thread is not None:
            return
        self._stop = threading.Event()
        self.bar.setValue(0)
        self.status.setText(status)
        self.cancel_button.setEnabled(True)
        thread = QThread(self)
        worker = _Worker(work, self._stop)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._progress)
        worker.done.connect(self._done)
        self._thread, self._worker = thread, worker
        thread.start()

    def cancel(self) -> None:
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Cancelling…"))

    def _progress(self, done: int, total: int) -> None:
        self.bar.setValue(int(done * 1000 / total) if total else 0)

    def _done(self, result: object, error: object) -> None:
        thread, self._thread, self._worker = self._thread, None, None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        self.cancel_button.setEnabled(False)
        if error is None:
            self.bar.setValue(1000)
        self.finished.emit(result, error)

    def wait(self) -> None:
        """Block until the running job ends (closing the wizard mid-import)."""
        if self._thread is not None:
            self._stop.set()
            self._thread.wait()
