"""Fixtures for the window tests: real widgets on a private copy of the demo database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
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
