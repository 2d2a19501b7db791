"""Tools ▸ 统计 (Statistics…): one statistics window per main window, closed on lock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction

from workbench.services.core.errors import ServiceError
from workbench.store import StoreError
from workbench.views.statistics.window import StatisticsWindow


class StatisticsLauncher:
    def __init__(self, window: Any) -> None:
        self.window = window
        self.statistics: StatisticsWindow | None = None
        locked = getattr(window, "locked", None)
        if locked is not None:
            locked.connect(self.close)

    def open(self) -> StatisticsWindow | None:
        if self.window.is_locked():
            return None
        if self.statistics is None:
            self.statistics = StatisticsWindow(self.window.services, self.window)
            self.statistics.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.statistics.destroyed.connect(self._forget)
        elif self.statistics.services is not self.window.services:
            self.statistics.set_services(self.window.services)
        self.statistics.show()
        self.statistics.raise_()
        self.statistics.activateWindow()
        return self.statistics

    def _forget(self, *_args: object) -> None:
        self.statistics = None

    def close(self) -> None:
        if self.statistics is not None:
            self.statistics.close()
            self.statistics = None


def install_statistics(window: Any) -> StatisticsLauncher:
    launcher = StatisticsLauncher(window)
    action = QAction(QCoreApplication.translate("StatisticsWindow", "Stat&istics…"), window)
    action.setObjectName("action_statistics")

    def refresh() -> None:
        try:
            allowed = window.services.ctx.can("stats.read")
        except (ServiceError, StoreError):
            allowed = False
        action.setEnabled(allowed)

    action.triggered.connect(lambda _checked=False: launcher.open())
    window.tools_menu.addAction(action)
    window.tools_menu.aboutToShow.connect(refresh)
    refresh()
    window.statistics_action = action
    window.statistics = launcher
    return launcher
