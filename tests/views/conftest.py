"""Fixtures for the window tests: real widgets on a private copy of the demo database."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from workbench.services.casefile.records import RecordService
from workbench.services.core.context import Context
from workbench.views.main_window import MainWindow

CASE = "PDS-2019-001"
WINDOW_SIZE = (1400, 900)


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """QSettings go to a file of this test, never to the user's ~/.config."""
    ini = tmp_path / "settings.ini"
    monkeypatch.setenv("WORKBENCH_SETTINGS", str(ini))
    return ini


MODAL_PATIENCE_S = 10.0


@pytest.fixture(autouse=True)
def no_unanswered_dialog(qapp: QApplication) -> Iterator[None]:
    """A modal dialog nobody answers would block the run for ever (it once did in CI: an
    edited form asked "Discard changes?" when the test closed it). One left open for
    10 s is closed, and the test fails naming it."""
    stuck: list[str] = []
    since: dict[int, float] = {}

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            since.clear()
            return
        first = since.setdefault(id(box), time.monotonic())
        if time.monotonic() - first < MODAL_PATIENCE_S:
            return
        text = box.text() if hasattr(box, "text") else ""
        stuck.append(f"{type(box).__name__} {box.objectName()!r}: {box.windowTitle()} {text}")
        if isinstance(box, QDialog):
            box.reject()
        else:
            box.close()

    timer = QTimer()
    timer.setInterval(250)
    timer.timeout.connect(look)
    timer.start()
    yield
    timer.stop()
    assert not stuck, f"a modal dialog was left unanswered: {stuck}"


def make_window(qtbot: QtBot, ctx: Context, lang: str = "en") -> MainWindow:
    window = MainWindow(ctx, lang=lang)
    qtbot.addWidget(window)
    window.resize(*WINDOW_SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def main_window(qtbot: QtBot, demo_ctx: Context) -> Iterator[MainWindow]:
    """The main window over a copy of the demo database, nothing opened yet."""
    window = make_window(qtbot, demo_ctx)
    yield window
    window.close()


def add_events(ctx: Context, n: int, code: str = CASE) -> None:
    """``n`` synthetic events, one a minute, through the bulk service."""
    t0 = datetime(2019, 1, 1, tzinfo=UTC)
    rows = [
        {"kind": "call", "title": f"通话 {i:05d}", "occurred_at": t0 + timedelta(minutes=i)}
        for i in range(n)
    ]
    RecordService(ctx).bulk_add(code, "event", rows, source="test")
