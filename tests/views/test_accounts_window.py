"""Signing in by name in the unlock dialog, and an auditor's window: read, never change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.views.conftest import CASE, WINDOW_SIZE
from workbench.app import build_window
from workbench.services import operations as ops
from workbench.services.audit import AuditService
from workbench.services.cases import CaseService
from workbench.services.errors import PermissionDenied
from workbench.services.operations import OperationRunner
from workbench.services.users import UserService, sign_in
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
            ("sign_in_failed", "shen"),
            ("sign_in_failed", "nobody"),
            ("sign_in_failed", "shen"),
            ("sign_in_failed", "shen"),
            ("sign_in", "shen"),
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
