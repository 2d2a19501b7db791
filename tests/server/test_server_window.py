"""The window on a server: the unlock dialog's "Server" tab, and the main window over
a server session (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.server.conftest import ADMIN, Server
from workbench.services.casefile.cases import CaseService
from workbench.store.server import ServerAddress
from workbench.views.main_window import MainWindow
from workbench.views.settings import Settings
from workbench.views.unlock_dialog import UnlockDialog


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_SETTINGS", str(tmp_path / "settings.ini"))


def test_server_tab_connects_and_the_window_opens(
    qtbot: QtBot, pg: Server, server_url: str
) -> None:
    address = ServerAddress.of(server_url)
    dialog = UnlockDialog(Settings(), user=ADMIN)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(UnlockDialog.SERVER)
    dialog.host_edit.setText(address.host)
    dialog.port_edit.setText(str(address.port))
    dialog.database_edit.setText(address.database)
    dialog.server_passphrase_edit.setText(PASSPHRASE)
    dialog.accept()  # verify-full without the site CA: said, not tried
    assert dialog.context() is None and "CA certificate" in dialog.error_label.text()
    dialog.ca_edit.setText(str(pg.cluster.ca))
    dialog.server_passphrase_edit.setText("wrong")
    dialog.accept()
    assert dialog.context() is None and "Wrong passphrase" in dialog.error_label.text()
    dialog.server_passphrase_edit.setText(PASSPHRASE)
    dialog.accept()
    ctx = dialog.context()
    assert ctx is not None
    try:
        assert "sslmode=verify-full" in str(ctx.store.path)
        assert Settings().recent_files() == []  # a server is not a recent file
        CaseService(ctx).create("W-1", "窗口测试")
        window = MainWindow(ctx, lang="en")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert address.database in window.windowTitle() or address.database in " ".join(
            label.text() for label in window.findChildren(type(dialog.error_label))
        )
        window.close()
    finally:
        ctx.store.close()
    # Opened with a server URL, the dialog starts on the Server tab, filled in.
    again = UnlockDialog(Settings(), path=f"{server_url}?sslmode=require", user=ADMIN)
    qtbot.addWidget(again)
    assert again.mode() == UnlockDialog.SERVER
    assert again.host_edit.text() == address.host and again.tls_combo.currentIndex() == 1
