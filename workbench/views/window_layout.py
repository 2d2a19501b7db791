"""The window's size and the case list's width: sensible at first start, then remembered.

A first start (nothing saved yet) fills most of the screen — never more than the
screen, never a postage stamp — and gives the case list about a third of the width, so
case titles can be read. Afterwards the size, position and dock widths the user left
are restored from QSettings (``Settings.save_window`` / ``restore_window``).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow

SCREEN_SHARE = 0.92  # of the screen's free area, at first start
MAX_FIRST_SIZE = QSize(1600, 1000)  # a large screen does not get a huge window
DOCK_SHARE = 0.34  # of the window's width, for the case list
DOCK_WIDTH_RANGE = (300, 480)


def first_start_size(available: QSize) -> QSize:
    """Most of the free screen area, capped at MAX_FIRST_SIZE."""
    width = min(round(available.width() * SCREEN_SHARE), MAX_FIRST_SIZE.width())
    height = min(round(available.height() * SCREEN_SHARE), MAX_FIRST_SIZE.height())
    return QSize(max(width, 1), max(height, 1))


def dock_width(window_width: int) -> int:
    """The case list's share of a window ``window_width`` pixels wide."""
    low, high = DOCK_WIDTH_RANGE
    return max(low, min(high, round(window_width * DOCK_SHARE)))


def size_docks(window: QMainWindow, dock: QDockWidget) -> None:
    """Give ``dock`` its share of the window's current width."""
    window.resizeDocks([dock], [dock_width(window.width())], Qt.Orientation.Horizontal)


def first_start(window: QMainWindow, dock: QDockWidget) -> None:
    """Size ``window`` to the screen it is on and centre it there; the dock its share."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        size = first_start_size(area.size())
        window.resize(size)
        window.move(
            area.x() + (area.width() - size.width()) // 2,
            area.y() + (area.height() - size.height()) // 2,
        )
    size_docks(window, dock)
