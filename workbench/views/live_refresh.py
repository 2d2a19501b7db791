"""Live refresh on the server: when another session commits a change to a case this
window may read, the window refreshes what it touched (services.core.changefeed:
LISTEN/NOTIFY, no polling). On a file nothing starts: one workstation, one writer."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal

from workbench.services.core import changefeed
from workbench.services.core.context import Context
from workbench.views.main_window import MainWindow

log = logging.getLogger(__name__)
WAIT_S = 0.5  # how long one wait blocks: the longest a stop waits for the thread


class _FeedThread(QThread):
    changed = Signal(object)  # services.core.changes.Changes

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx

    def run(self) -> None:
        try:
            feed = changefeed.ChangeFeed(self.ctx)
        except Exception:  # no feed, no live refresh: View ▸ Refresh still works
            log.warning("live refresh is off: could not listen for changes", exc_info=True)
            return
        try:
            while not self.isInterruptionRequested():
                changes = feed.wait(WAIT_S)
                if changes is not None:
                    self.changed.emit(changes)
        except Exception:  # the session locked or the server went away
            if not self.isInterruptionRequested():
                log.warning("live refresh stopped", exc_info=True)
        finally:
            feed.close()


class LiveRefresh(QObject):
    """Runs a feed thread for the window's session while it is unlocked."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.thread: _FeedThread | None = None
        window.locked.connect(self.stop)
        window.unlocked.connect(self.start)
        window.destroyed.connect(self.stop)

    def start(self) -> None:
        self.stop()
        ctx = self.window.services.ctx
        if not changefeed.available(ctx):
            return
        self.thread = _FeedThread(ctx)
        self.thread.changed.connect(self.window.apply_changes)
        self.thread.start()

    def stop(self) -> None:
        thread, self.thread = self.thread, None
        if thread is not None:
            thread.requestInterruption()
            thread.wait()


def install_live_refresh(window: MainWindow) -> LiveRefresh:
    """Start refreshing ``window`` live (the server only); kept as ``window.live``."""
    live = LiveRefresh(window)
    window.live = live  # type: ignore[attr-defined]
    live.start()
    return live
