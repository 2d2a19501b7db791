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


def test_second_save_in_the_window_is_refused_and_offers_to_reload(
    qtbot: QtBot, server_url: str
) -> None:
    """Two investigators edit the same location: the window's save, made from the
    version its form opened at, is refused naming who saved first; the person reloads
    and saves on the record as it is now."""
    from tests.server.conftest import add_user, signed_in_as
    from tests.views.test_editing import driving, line, retype
    from workbench.services.accounts.access import AccessService
    from workbench.services.casefile.records import RecordService
    from workbench.services.casefile.tables import TableService
    from workbench.views.editing import install_editing
    from workbench.views.forms import RecordForm

    ctx = signed_in_as(server_url, ADMIN)
    CaseService(ctx).create("W-1", "窗口测试")
    loc = RecordService(ctx).add("W-1", "location", name="宾馆").value
    add_user(ctx, "wang", "investigator")
    AccessService(ctx).grant("W-1", "wang")
    wang = signed_in_as(server_url, "wang")
    window = MainWindow(ctx, lang="en")
    qtbot.addWidget(window)
    controller = install_editing(window)
    window.open_case("W-1")
    window.show_view("locations")
    window.show()
    asked: list[str] = []
    controller.ask_reload = lambda text: asked.append(text) or len(asked) == 1
    names = iter(["宾馆 (lead)", "宾馆 (lead, reloaded)"])
    seen: list[str] = []

    def drive(form: RecordForm) -> None:
        seen.append(str(form.peek("location", "name")))
        if len(seen) == 1:  # while the form is open, wang saves the same record
            RecordService(wang).update("location", loc, name="宾馆 (王)")
        retype(qtbot, line(form, "location", "name"), next(names))
        form.accept()

    try:
        driving(qtbot, controller, drive)
        view = window.case_view.table_view("locations")
        view.selectRow(0)
        assert controller.edit_row("locations")
        assert seen == ["宾馆", "宾馆 (王)"]  # reloaded: the form showed wang's save
        assert len(asked) == 1 and "wang" in asked[0] and "changed by" in asked[0]
        rows = TableService(ctx).fetch("W-1", "locations")
        assert rows[0]["name"] == "宾馆 (lead, reloaded)"
    finally:
        window.close()
        wang.store.close()
        ctx.store.close()


def test_window_refreshes_when_another_session_changes_its_case(
    qtbot: QtBot, server_url: str
) -> None:
    from tests.server.conftest import add_user, signed_in_as
    from workbench.services.accounts.access import AccessService
    from workbench.services.casefile.records import RecordService
    from workbench.views.live_refresh import install_live_refresh

    ctx = signed_in_as(server_url, ADMIN)
    CaseService(ctx).create("L-1", "实时刷新")
    add_user(ctx, "zhou", "investigator")
    AccessService(ctx).grant("L-1", "zhou")
    zhou = signed_in_as(server_url, "zhou")
    window = MainWindow(ctx, lang="en")
    qtbot.addWidget(window)
    live = install_live_refresh(window)
    try:
        window.open_case("L-1")
        window.show_view("locations")
        window.show()
        model = window.case_view.table_view("locations").model()
        assert model.rowCount() == 0
        RecordService(zhou).add("L-1", "location", name="周某添加的地点")
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)  # no Refresh pressed
        window.lock()  # the feed stops with the session ...
        assert live.thread is None
        window.unlock(signed_in_as(server_url, ADMIN))  # ... and starts with the new one
        assert live.thread is not None and live.thread.isRunning()
    finally:
        live.stop()
        window.close()
        zhou.store.close()
        window.services.ctx.store.close()
