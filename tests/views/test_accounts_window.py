"""Signing in by name in the unlock dialog, and an auditor's window: read, never change."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.views.conftest import CASE, WINDOW_SIZE
from workbench.app import build_window
from workbench.services.accounts.users import UserService, sign_in
from workbench.services.casefile import operations as ops
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.operations import OperationRunner
from workbench.services.core.audit import AuditService
from workbench.services.core.errors import PermissionDenied
from workbench.store.errors import StoreClosed
from workbench.store.keys import RawKey
from workbench.views.settings import Settings
from workbench.views.unlock_dialog import UnlockDialog

AUDITOR_PASS = "shen reads everything 审计"
SHOTS = Path(os.environ.get("WORKBENCH_TEST_SHOTS", "out/test-shots"))


@pytest.fixture
def team_db(demo_db: Path) -> Path:
    """The demo copy, converted to key slots by its owner, with an auditor added."""
    ctx = sign_in(demo_db, "tester", PASSPHRASE)
    try:
        UserService(ctx).add("shen", "auditor", passphrase=AUDITOR_PASS)
    finally:
        ctx.store.close()
    return demo_db


def test_unlock_dialog_signs_in_by_name(qtbot: QtBot, team_db: Path, tmp_path: Path) -> None:
    dialog = UnlockDialog(Settings(), path=team_db, user="shen")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase_edit.setText(PASSPHRASE)  # tester's passphrase is not shen's
    dialog.accept()
    assert dialog.context() is None and "Wrong passphrase" in dialog.error_label.text()
    dialog.user_edit.setText("nobody")
    dialog.passphrase_edit.setText(AUDITOR_PASS)
    dialog.accept()
    assert dialog.context() is None and "no key slot" in dialog.error_label.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "unlock-user-name.png"))
    dialog.user_edit.setText("shen")
    for _ in range(2):  # three failures in a row: the next attempt waits a second
        dialog.passphrase_edit.setText("guess")
        dialog.accept()
    shown: list[str] = []
    show_error = dialog.show_error
    dialog.show_error = lambda text: (shown.append(text), show_error(text))  # type: ignore[method-assign]
    dialog.passphrase_edit.setText(AUDITOR_PASS)
    dialog.accept()
    assert any("Earlier attempts failed: waiting" in text for text in shown)
    ctx = dialog.context()
    assert ctx is not None
    try:
        assert ctx.user == "shen" and ctx.role == "auditor"
        # The failures went into the audit trail with the success that followed.
        actions = [(e.action, e.entity_id) for e in AuditService(ctx).log()][-5:]
        assert actions == [
            ("login_failure", "shen"),
            ("login_failure", "nobody"),
            ("login_failure", "shen"),
            ("login_failure", "shen"),
            ("login", "shen"),
        ]
    finally:
        ctx.store.close()


def test_auditor_window_reads_but_cannot_change(qtbot: QtBot, team_db: Path) -> None:
    ctx = sign_in(team_db, "shen", AUDITOR_PASS)
    window = build_window(ctx, "en", interactive=False)
    qtbot.addWidget(window)
    window.resize(*WINDOW_SIZE)
    window.show()
    try:
        window.open_case(CASE)  # the auditor reads every case
        window.show_view("persons")
        editing = window.editing  # type: ignore[attr-defined]
        editing.update_actions()
        assert not editing.new_action.isEnabled() and not editing.delete_action.isEnabled()
        assert "auditor" in editing.new_action.statusTip()
        assert editing.read_only_label.isVisible()
        assert editing.read_only_label.text().startswith("Read only: Your role (auditor)")
        assert "shen (auditor)" in window._status_user.text()
        title = CaseService(ctx).summary(CASE).title
        # An edit that reaches the services anyway is refused there, and the window says why.
        with pytest.raises(PermissionDenied):
            OperationRunner(ctx).run(ops.update_case(CASE, title="changed"))
        assert editing.undo.push(ops.update_case(CASE, title="changed")) is None
        assert "Your role does not allow this change." in (editing.undo.last_error or "")
        qtbot.waitUntil(
            lambda: editing.undo.last_box is not None and editing.undo.last_box.isVisible()
        )
        box = editing.undo.last_box
        assert isinstance(box, QMessageBox) and "shen" in box.text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert box.grab().save(str(SHOTS / "permission-denied.png"))
        assert window.grab().save(str(SHOTS / "auditor-window.png"))
        box.close()
        assert CaseService(ctx).summary(CASE).title == title
        assert editing.undo.stack.count() == 0
        # Locking closes the store for good and overwrites the key it unwrapped.
        key = ctx.store.key
        window.lock()
        assert ctx.store.closed
        assert isinstance(key, RawKey)
        with pytest.raises(ValueError, match="dropped"):
            key.raw()
        with pytest.raises(StoreClosed):
            CaseService(ctx).list()
    finally:
        window.close()
        ctx.store.close()


def test_admin_manages_users_in_the_window(qtbot: QtBot, team_db: Path) -> None:
    from workbench.views.users_dialog import UsersDialog

    ctx = sign_in(team_db, "tester", PASSPHRASE)
    window = build_window(ctx, "en", interactive=False)
    qtbot.addWidget(window)
    try:
        assert window.users_action.isEnabled()  # type: ignore[attr-defined]
        dialog = UsersDialog(ctx, window)
        qtbot.addWidget(dialog)
        dialog.show()
        names = [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]
        assert names == ["shen", "tester"]
        dialog.name_edit.setText("wang")
        dialog.passphrase_edit.setText("wang passphrase 2026")
        dialog.repeat_edit.setText("wang passphrase 2025")
        assert not dialog.add() and "differ" in dialog.error_label.text()
        dialog.repeat_edit.setText("wang passphrase 2026")
        dialog.new_role_combo.setCurrentIndex(dialog.new_role_combo.findData("investigator"))
        assert dialog.add()
        assert dialog.selected_name() == "wang"
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("case_lead"))
        assert dialog.set_role()
        assert dialog.table.item(dialog.table.currentRow(), 1).text() == "case lead"
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(SHOTS / "users-dialog.png"))
        dialog.select("shen")
        dialog.confirm = lambda question: "new key" in question
        assert dialog.remove()  # rekeys; the window's context carries on with the new key
        assert ctx.store.slots is not None and ctx.store.slots.generation == 2
        assert CaseService(ctx).summary(CASE).code == CASE
        statuses = {
            dialog.table.item(i, 0).text(): dialog.table.item(i, 2).text() for i in range(3)
        }
        assert statuses == {"shen": "removed", "tester": "active", "wang": "active"}
    finally:
        window.close()
        ctx.store.close()
    from workbench.store.errors import UnknownUser

    with pytest.raises(UnknownUser):
        sign_in(team_db, "shen", AUDITOR_PASS)
    # Non-admins see the action disabled, with the reason.
    wang = sign_in(team_db, "wang", "wang passphrase 2026")
    other = build_window(wang, "en", interactive=False)
    qtbot.addWidget(other)
    try:
        assert not other.users_action.isEnabled()  # type: ignore[attr-defined]
        assert "administrator" in other.users_action.statusTip()  # type: ignore[attr-defined]
    finally:
        other.close()
        wang.store.close()


def test_case_members_in_the_window(qtbot: QtBot, team_db: Path) -> None:
    from workbench.views.case_access_dialog import CaseAccessDialog

    ctx = sign_in(team_db, "tester", PASSPHRASE)
    try:
        UserService(ctx).add("wang", "investigator", passphrase="wang passphrase 2026")
        window = build_window(ctx, "en", interactive=False)
        qtbot.addWidget(window)
        action = window.case_members_action  # type: ignore[attr-defined]
        window.tools_menu.aboutToShow.emit()
        assert not action.isEnabled()  # no case open
        window.open_case(CASE)
        window.tools_menu.aboutToShow.emit()
        assert action.isEnabled()
        dialog = CaseAccessDialog(ctx, CASE, window)
        qtbot.addWidget(dialog)
        assert dialog.names() == ["tester"]
        assert not dialog.grant("nobody") and "no active user" in dialog.error_label.text()
        assert dialog.grant("wang") and dialog.names() == ["tester", "wang"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(SHOTS / "case-members.png"))
        assert dialog.revoke("wang") and dialog.names() == ["tester"]
        window.close()
    finally:
        ctx.store.close()
    shen = sign_in(team_db, "shen", AUDITOR_PASS)
    try:
        dialog = CaseAccessDialog(shen, CASE)
        qtbot.addWidget(dialog)
        assert not dialog.grant("shen") and "shen:" in dialog.error_label.text()
    finally:
        shen.store.close()


def test_remove_while_another_session_has_the_file_open(qtbot: QtBot, team_db: Path) -> None:
    """Issue 13 #1: the dialog says (in Chinese) the file is in use; nothing changed and
    the window goes on working on the same file."""
    from workbench.views.i18n import install_translators, remove_translators
    from workbench.views.users_dialog import UsersDialog

    install_translators("zh_CN")
    ctx = sign_in(team_db, "tester", PASSPHRASE)
    window = build_window(ctx, "zh_CN", interactive=False)
    qtbot.addWidget(window)
    try:
        dialog = UsersDialog(ctx, window)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.select("shen")
        dialog.confirm = lambda question: True
        other = _hold(team_db)
        try:
            assert not dialog.remove()
        finally:
            other.kill()
            other.wait()
        text = dialog.error_label.text()
        assert "另一个会话" in text and f"process {other.pid}" in text, text
        assert ctx.store.slots is not None and ctx.store.slots.generation == 1
        assert CaseService(ctx).summary(CASE).code == CASE  # the window carries on
        rows = range(dialog.table.rowCount())
        statuses = {dialog.table.item(i, 0).text(): dialog.table.item(i, 2).text() for i in rows}
        assert set(statuses) == {"shen", "tester"} and len(set(statuses.values())) == 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(SHOTS / "users-dialog-in-use-zh.png"))
    finally:
        window.close()
        ctx.store.close()
        remove_translators()
    sign_in(team_db, "shen", AUDITOR_PASS).store.close()  # shen was not removed


def _hold(db: Path) -> subprocess.Popen[str]:
    """shen's session in a process of its own, holding the file open."""
    code = (
        "import sys, time\n"
        "from workbench.services.accounts.users import sign_in\n"
        "ctx = sign_in(sys.argv[1], 'shen', sys.argv[2])\n"
        "print('holding', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db), AUDITOR_PASS], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc
