"""A new user is not left in front of an empty window: an investigator with no case sees
why and whom to ask; a case lead grants access by picking from the users with roles."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.views.conftest import CASE, WINDOW_SIZE
from workbench.app import build_window
from workbench.services.accounts.users import UserService, sign_in
from workbench.views.case_access_dialog import CaseAccessDialog
from workbench.views.main_window import MainWindow

NEW = "xiaoli"
NEW_PASS = "xiaoli joins the task force 2026"
LEAD = "zhao"


@pytest.fixture
def team_db(demo_db: Path) -> Path:
    """The demo copy with a case lead and a brand-new investigator (member of nothing)."""
    ctx = sign_in(demo_db, "tester", PASSPHRASE)
    try:
        users = UserService(ctx)
        users.add(LEAD, "case_lead", "赵建国", passphrase="zhao leads cases 2026")
        users.add(NEW, "investigator", "李晓", passphrase=NEW_PASS)
    finally:
        ctx.store.close()
    return demo_db


def window_for(qtbot: QtBot, db: Path, user: str, passphrase: str) -> MainWindow:
    ctx = sign_in(db, user, passphrase)
    window = build_window(ctx, "en", interactive=False)
    qtbot.addWidget(window)
    window.resize(*WINDOW_SIZE)
    window.show()
    return window


def test_a_user_with_no_case_is_told_why_and_whom_to_ask(qtbot: QtBot, team_db: Path) -> None:
    window = window_for(qtbot, team_db, NEW, NEW_PASS)
    try:
        page = window.welcome
        assert window.case_list.model.rowCount() == 0
        assert page.isVisible() and "No case file is open to you yet" in page.title.text()
        assert "xiaoli (investigator)" in page.explanation.text()
        contacts = [page.contacts.item(i).text() for i in range(page.contacts.count())]
        assert "郝明 (tester) — administrator" in contacts
        assert "赵建国 (zhao) — case lead" in contacts
        assert all(NEW not in c for c in contacts)  # investigators cannot grant
        assert page.new_case_button.isVisible()  # an investigator may start a case file
    finally:
        window.services.ctx.store.close()
        window.close()


def test_granting_access_picks_from_the_users_with_their_roles(qtbot: QtBot, team_db: Path) -> None:
    ctx = sign_in(team_db, "tester", PASSPHRASE)
    try:
        dialog = CaseAccessDialog(ctx, CASE)
        qtbot.addWidget(dialog)
        offered = [dialog.user_combo.itemText(i) for i in range(dialog.user_combo.count())]
        assert "李晓 (xiaoli) — investigator" in offered
        assert "郝明 (tester) — administrator" not in offered  # a member already
        members = [dialog.members.item(i).text() for i in range(dialog.members.count())]
        assert members == ["郝明 (tester) — administrator"]
        dialog.user_combo.setCurrentIndex(dialog.candidates().index(NEW))
        dialog.grant_button.click()
        assert NEW in dialog.names() and NEW not in dialog.candidates()
    finally:
        ctx.store.close()
    window = window_for(qtbot, team_db, NEW, NEW_PASS)
    try:
        assert CASE in [r.code for r in window.case_list.model.rows()]
        assert "Choose a case file" in window.welcome.title.text()
    finally:
        window.services.ctx.store.close()
        window.close()
