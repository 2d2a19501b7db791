"""Start and session safety with real widgets on real encrypted databases: unlock,
create, auto-lock, clipboard, settings, and the cross-case search box."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.conftest import PASSPHRASE
from workbench.models import CaseFile, CaseParty, Person
from workbench.services.accounts.users import UserService, sign_in
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.search import SearchService
from workbench.services.core.context import Context
from workbench.store import PassphraseKey, Store, WrongPassphrase
from workbench.views.clipboard import copy_sensitive, install_sensitive_copy
from workbench.views.search_dialog import SearchDialog, install_search
from workbench.views.session_lock import IdleLock, LockScreen
from workbench.views.settings import MAX_RECENT, Settings, SettingsDialog
from workbench.views.unlock_dialog import UnlockDialog, assess_passphrase


@pytest.fixture
def settings(private_settings: Path) -> Settings:
    """The private ini file of tests/views/conftest.py, as the window's Settings() sees it."""
    return Settings(QSettings(str(private_settings), QSettings.Format.IniFormat))


def database_files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.glob(path.name + "*")}


# -- unlock ---------------------------------------------------------------------------


def test_wrong_then_right_passphrase(qtbot: QtBot, demo_db: Path, settings: Settings) -> None:
    before = database_files(demo_db)
    dialog = UnlockDialog(settings, path=demo_db, user="tester")
    qtbot.addWidget(dialog)
    dialog.show()

    qtbot.keyClicks(dialog.passphrase_edit, "not the passphrase")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.context() is None
    assert dialog.error_label.isVisible()
    assert "Wrong passphrase" in dialog.error_label.text()
    assert dialog.passphrase_edit.text() == ""  # cleared for the retry
    assert database_files(demo_db) == before  # nothing written, no -wal/-shm left
    assert settings.recent_files() == []

    dialog.passphrase_edit.setText(PASSPHRASE)  # QTest types ASCII only; it holds 禁毒
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    ctx = dialog.context()
    assert ctx is not None
    try:
        assert ctx.user == "tester"
        assert {c.code for c in CaseService(ctx).list()} >= {"PDS-2019-001", "PDS-2019-003"}
        assert settings.recent_files() == [demo_db.absolute()]
    finally:
        ctx.store.close()


def test_unknown_user_is_refused_in_the_dialog(
    qtbot: QtBot, demo_db: Path, settings: Settings
) -> None:
    dialog = UnlockDialog(settings, path=demo_db, user="nobody")
    qtbot.addWidget(dialog)
    dialog.passphrase_edit.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.context() is None
    assert "not registered" in dialog.error_label.text()
    dialog.user_edit.setText("tester")
    dialog.passphrase_edit.setText(PASSPHRASE)
    dialog.accept()
    ctx = dialog.context()
    assert ctx is not None
    ctx.store.close()


def test_recent_files_fill_the_list(qtbot: QtBot, demo_db: Path, settings: Settings) -> None:
    settings.add_recent_file(demo_db.parent / "gone.db")
    settings.add_recent_file(demo_db)
    dialog = UnlockDialog(settings, user="tester")
    qtbot.addWidget(dialog)
    assert dialog.recent_list.count() == 2
    assert dialog.path_edit.text() == str(demo_db.absolute())  # most recent preselected
    assert "(not found)" in dialog.recent_list.item(1).text()
    dialog.recent_list.setCurrentRow(1)
    assert dialog.path_edit.text().endswith("gone.db")


def test_create_a_new_database(qtbot: QtBot, tmp_path: Path, settings: Settings) -> None:
    dialog = UnlockDialog(settings, user="lead")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(UnlockDialog.CREATE)
    assert dialog.ok_button.text().replace("&", "") == "Create"
    target = tmp_path / "cases" / "new"

    dialog.new_path_edit.setText(str(target))
    dialog.new_passphrase_edit.setText("a long shared phrase 2019")
    dialog.repeat_edit.setText("a long shared phrase 2018")
    assert "differ" in dialog.strength_label.text()
    dialog.accept()
    assert dialog.context() is None and "differ" in dialog.error_label.text()
    assert not target.with_suffix(".db").exists()

    dialog.new_passphrase_edit.setText("short")
    dialog.repeat_edit.setText("short")
    dialog.accept()
    assert "at least 8" in dialog.error_label.text()
    assert not target.with_suffix(".db").exists()

    dialog.new_passphrase_edit.setText("a long shared phrase 2019")
    dialog.repeat_edit.setText("a long shared phrase 2019")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    ctx = dialog.context()
    assert ctx is not None
    created = target.with_suffix(".db")
    try:
        assert ctx.store.path == created
        assert [(u.name, u.role) for u in UserService(ctx).list()] == [("lead", "admin")]
        assert settings.recent_files() == [created.absolute()]
    finally:
        ctx.store.close()
    again = sign_in(created, "lead", "a long shared phrase 2019")  # through lead's key slot
    try:
        assert UserService(again).authenticate().role == "admin"
    finally:
        again.store.close()
    with pytest.raises(WrongPassphrase):  # the passphrase is not the database key
        Store.open(created, PassphraseKey("a long shared phrase 2019"))

    second = UnlockDialog(settings, user="lead")
    qtbot.addWidget(second)
    second.tabs.setCurrentIndex(UnlockDialog.CREATE)
    second.new_path_edit.setText(str(created))
    second.new_passphrase_edit.setText("another long phrase 2020")
    second.repeat_edit.setText("another long phrase 2020")
    before = created.read_bytes()
    second.accept()
    assert second.context() is None and "already exists" in second.error_label.text()
    assert created.read_bytes() == before


def test_passphrase_strength_hint() -> None:
    assert assess_passphrase("abc").score == 0
    assert assess_passphrase("password12345678").common
    assert assess_passphrase("password12345678").score <= 1
    strong = assess_passphrase("三月二十八日 Lingyun-Rd 7")
    assert strong.score == 4 and not strong.common and strong.classes >= 4
    assert assess_passphrase("aaaaaaaaaaaaaaaa").common


# -- settings -------------------------------------------------------------------------


def test_settings_defaults_and_limits(settings: Settings) -> None:
    assert settings.language == "system"
    assert settings.auto_lock_minutes == 10
    assert settings.clipboard_clear_seconds == 30
    for i in range(MAX_RECENT + 3):
        settings.add_recent_file(f"/data/case{i}.db")
    settings.add_recent_file("/data/case5.db")
    recent = settings.recent_files()
    assert len(recent) == MAX_RECENT
    assert recent[0] == Path("/data/case5.db") and recent[1] == Path("/data/case12.db")
    assert recent.count(Path("/data/case5.db")) == 1
    settings.language = "zh_CN"
    settings.auto_lock_minutes = 0  # never "off"
    assert settings.auto_lock_minutes == 1
    with pytest.raises(ValueError):
        settings.language = "fr"
    settings.qsettings.setValue("session/auto_lock_minutes", "nonsense")
    assert settings.auto_lock_minutes == 10
    # A second instance over the same file (as the window would make) sees the values.
    settings.sync()
    assert Settings().language == "zh_CN"


def test_settings_dialog_saves(qtbot: QtBot, settings: Settings) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.auto_lock_spin.setValue(3)
    dialog.accept()
    assert settings.language == "en" and settings.auto_lock_minutes == 3


def test_window_layout_round_trip(qtbot: QtBot, settings: Settings) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(640, 480)
    window.show()
    settings.save_window(window)
    other = QMainWindow()
    qtbot.addWidget(other)
    assert settings.restore_window(other)
    assert other.size().width() == 640


# -- auto-lock ------------------------------------------------------------------------


class LockableWindow(QMainWindow):
    """Stands in for the main window's lock()/unlock(ctx) where the test needs a bare one."""

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx: Context | None = ctx
        self.table = QTableWidget(3, 2)
        self.lock_screen = LockScreen()
        self.lock_screen.unlocked.connect(self.unlock)
        self.setCentralWidget(self.table)
        self.lock_screen.setParent(self)
        self.lock_screen.hide()

    def lock(self) -> None:
        assert self.ctx is not None
        path, user = self.ctx.store.path, self.ctx.user
        self.table.hide()
        self.ctx.store.close()
        self.ctx = None
        self.lock_screen.arm(path, user)
        self.lock_screen.setGeometry(self.rect())
        self.lock_screen.show()

    def unlock(self, ctx: Context) -> None:
        self.ctx = ctx
        self.lock_screen.hide()
        self.table.show()


def test_idle_lock_closes_the_database_and_asks_again(qtbot: QtBot, demo_db: Path) -> None:
    store = Store.open(demo_db, PassphraseKey(PASSPHRASE))
    ctx = Context(store, "tester")
    assert CaseService(ctx).list()  # a query has used (and returned) a pooled connection
    window = LockableWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    now = [0.0]  # the idle clock, in seconds: moves only when the test says so
    idle = IdleLock(window.lock, timeout_ms=200, parent=window, clock=lambda: now[0])

    # Input keeps it open: type, let 150 ms of idle time pass, and the timer (firing
    # for real meanwhile) re-arms; five rounds is far longer than the idle time.
    for _ in range(5):
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
        now[0] += 0.15
        qtbot.wait(250)
    assert window.ctx is not None and window.table.isVisible()
    assert idle.is_active()

    with qtbot.waitSignal(idle.locked, timeout=3000):
        now[0] += 0.3  # no input for longer than the idle time
    assert not idle.is_active()
    assert window.ctx is None
    assert not window.table.isVisible() and window.lock_screen.isVisible()
    assert store.engine.pool.checkedout() == 0
    assert store.engine.pool.checkedin() == 0  # closed, not merely returned to the pool
    assert store._spare is None

    window.lock_screen.passphrase_edit.setText("wrong")
    assert not window.lock_screen.try_unlock()
    assert "Wrong passphrase" in window.lock_screen.error_label.text()
    assert window.ctx is None

    window.lock_screen.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(window.lock_screen.unlocked, timeout=3000):
        qtbot.keyClick(window.lock_screen.passphrase_edit, Qt.Key.Key_Return)
    assert window.ctx is not None and window.ctx.store is not store
    assert window.table.isVisible() and not window.lock_screen.isVisible()
    assert CaseService(window.ctx).list()
    idle.start()
    assert idle.is_active()
    idle.stop()
    window.ctx.store.close()


def test_idle_time_is_adjustable(qtbot: QtBot) -> None:
    calls: list[int] = []
    idle = IdleLock(lambda: calls.append(1), timeout_ms=60_000)
    try:
        assert idle.timeout_ms == 60_000
        idle.set_timeout_ms(50)
        qtbot.waitUntil(lambda: calls == [1], timeout=2000)
        idle.set_minutes(10)
        assert idle.timeout_ms == 600_000 and not idle.is_active()
    finally:
        idle.stop()


# -- clipboard ------------------------------------------------------------------------


def test_copied_id_number_is_cleared(qtbot: QtBot) -> None:
    board = QGuiApplication.clipboard()
    copy_sensitive("410402198803154518", seconds=0.2)
    assert board.text() == "410402198803154518"
    qtbot.waitUntil(lambda: board.text() == "", timeout=2000)


def test_clipboard_keeps_what_the_user_copied_since(qtbot: QtBot) -> None:
    board = QGuiApplication.clipboard()
    timer = copy_sensitive("410402198803154518", seconds=0.2)
    board.setText("meeting notes")
    with qtbot.waitSignal(timer.timeout, timeout=2000):
        pass
    qtbot.wait(50)
    assert board.text() == "meeting notes"
    board.clear()


def test_ctrl_c_in_a_table_copies_with_expiry(qtbot: QtBot) -> None:
    window = QMainWindow()
    table = QTableWidget(2, 2)
    table.setItem(1, 1, QTableWidgetItem("410402198803154518"))
    window.setCentralWidget(table)
    qtbot.addWidget(window)
    window.show()
    install_sensitive_copy(window, lambda: 0.2)
    board = QGuiApplication.clipboard()
    board.clear()
    table.setCurrentCell(1, 1)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert board.text() == "410402198803154518"
    qtbot.waitUntil(lambda: board.text() == "", timeout=2000)


# -- search ---------------------------------------------------------------------------


@pytest.fixture
def shared_person(demo_ctx: Context) -> dict[str, Any]:
    """A PDS-2019-001 person who also turns up in PDS-2019-003 (one Person, two parties)."""
    with demo_ctx.store.session() as s:
        person = s.execute(
            select(Person)
            .join(CaseParty, CaseParty.person_id == Person.id)
            .join(CaseFile, CaseFile.id == CaseParty.case_id)
            .where(CaseFile.code == "PDS-2019-001", Person.id_number.is_not(None))
            .order_by(Person.id)
            .limit(1)
        ).scalar_one()
    result = PersonService(demo_ctx).add_to_case(
        "PDS-2019-003",
        {"name": person.name, "id_number": person.id_number},
        role="buyer",
    )
    assert result.value.existing_person
    return {"id": person.id, "name": person.name, "id_number": person.id_number}


def test_search_finds_a_person_in_every_case(
    qtbot: QtBot, demo_ctx: Context, shared_person: dict[str, Any]
) -> None:
    dialog = SearchDialog(SearchService(demo_ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.query_edit, shared_person["id_number"])
    qtbot.waitUntil(lambda: bool(dialog.hits()), timeout=3000)

    hits = [h for h in dialog.hits() if h.record_id == shared_person["id"]]
    assert {h.case_code for h in hits} == {"PDS-2019-001", "PDS-2019-003"}
    assert {h.field for h in hits} == {"id_number"}
    assert dialog.results.topLevelItemCount() == len(dialog.hits())
    first = dialog.results.topLevelItem(0)
    assert first.text(0) in {"PDS-2019-001", "PDS-2019-003"}
    assert first.text(1) == "Person" and first.text(4) == "ID number"  # 3: born · ID · role
    assert "2 case" in dialog.status_label.text()

    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Down)
    second = dialog.hits()[1]
    with qtbot.waitSignal(dialog.hit_chosen, timeout=1000) as chosen:
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert chosen.args == [second]
    assert not dialog.isVisible()


def test_search_box_with_no_match(qtbot: QtBot, demo_ctx: Context) -> None:
    dialog = SearchDialog(SearchService(demo_ctx))
    qtbot.addWidget(dialog)
    dialog.query_edit.setText("无此人")
    dialog.run_search()
    assert dialog.hits() == [] and dialog.status_label.text() == "No matches."


class SearchableWindow(QMainWindow):
    """The parts of the main window's contract that install_search uses."""

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        from workbench.services.bundle import Services

        self.services: Any = Services(ctx)
        self.tools_menu = QMenu("Tools", self)
        self.menuBar().addMenu(self.tools_menu)
        self.calls: list[tuple[str, Any]] = []

    def open_case(self, code: str) -> None:
        self.calls.append(("open_case", code))

    def show_view(self, name: str) -> None:
        self.calls.append(("show_view", name))

    def select_record(self, entity: str, record_id: int) -> None:
        self.calls.append(("select_record", (entity, record_id)))


def test_ctrl_k_opens_search_and_opens_the_hit(
    qtbot: QtBot, demo_ctx: Context, shared_person: dict[str, Any]
) -> None:
    window = SearchableWindow(demo_ctx)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    action = install_search(window)
    assert action in window.tools_menu.actions()
    assert action.shortcut().toString() == "Ctrl+K"

    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog: SearchDialog = window.search_dialog  # type: ignore[attr-defined]
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    dialog.query_edit.setText(shared_person["id_number"])
    dialog.run_search()
    row = next(i for i, h in enumerate(dialog.hits()) if h.case_code == "PDS-2019-003")
    dialog.choose(row)
    assert window.calls == [
        ("open_case", "PDS-2019-003"),
        ("show_view", "persons"),
        ("select_record", ("person", shared_person["id"])),
    ]
