"""Tools ▸ Case members…: who may work on the open case (its case leads and admins).

Membership is what lets an investigator or case lead read and edit a case; the dialog
grants and revokes it through ``CaseService`` (audited; the services refuse other roles).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.services.accounts.access import AccessService
from workbench.services.core.context import Context
from workbench.services.core.errors import ServiceError
from workbench.views.i18n import arg, current_language
from workbench.views.unlock_dialog import error_label
from workbench.views.welcome_page import person_text

NAME_ROLE = Qt.ItemDataRole.UserRole  # a member item's user name


class CaseAccessDialog(QDialog):
    """Members are listed with their roles; Grant picks from the active users who are not
    members yet, each shown with full name and role — no user name to remember or type."""

    def __init__(self, ctx: Context, case_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_code = case_code
        self.lang = current_language()
        self.setWindowTitle(arg(self.tr("Members of %1"), case_code))
        self.setMinimumWidth(460)
        self.members = QListWidget()
        self.members.setObjectName("case_members")
        self.user_combo = QComboBox()
        self.user_combo.setObjectName("grant_candidates")
        self.user_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.user_combo.setMinimumContentsLength(20)
        pick = QLabel(self.tr("&Add:"))
        pick.setBuddy(self.user_combo)
        self.grant_button = QPushButton(self.tr("&Grant"))
        self.grant_button.clicked.connect(lambda: self.grant())
        self.revoke_button = QPushButton(self.tr("&Revoke selected"))
        self.revoke_button.clicked.connect(lambda: self.revoke())
        row = QHBoxLayout()
        row.addWidget(pick)
        row.addWidget(self.user_combo, 1)
        row.addWidget(self.grant_button)
        self.error_label = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("These users may work on the case:")))
        layout.addWidget(self.members)
        layout.addWidget(self.revoke_button)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.reload()

    def names(self) -> list[str]:
        return [str(self.members.item(i).data(NAME_ROLE)) for i in range(self.members.count())]

    def candidates(self) -> list[str]:
        """The user names Grant offers."""
        return [str(self.user_combo.itemData(i)) for i in range(self.user_combo.count())]

    def reload(self) -> None:
        self.members.clear()
        self.user_combo.clear()
        access = AccessService(self.ctx)
        try:
            for user in access.members(self.case_code):
                item = QListWidgetItem(person_text(user, self.lang))
                item.setData(NAME_ROLE, user.name)
                self.members.addItem(item)
            for user in access.candidates(self.case_code):
                self.user_combo.addItem(person_text(user, self.lang), user.name)
        except ServiceError as exc:
            self.show_error(str(exc))
        has_candidates = self.user_combo.count() > 0
        self.user_combo.setEnabled(has_candidates)
        self.grant_button.setEnabled(has_candidates)
        self.user_combo.setPlaceholderText(
            "" if has_candidates else self.tr("Every active user is a member already")
        )

    def grant(self, name: str | None = None) -> bool:
        chosen = name or self.user_combo.currentData()
        if not chosen:
            self.show_error(self.tr("Choose a user to add."))
            return False
        return self._run(lambda: AccessService(self.ctx).grant(self.case_code, str(chosen)))

    def revoke(self, name: str | None = None) -> bool:
        item = self.members.currentItem()
        name = name or (str(item.data(NAME_ROLE)) if item is not None else "")
        if not name:
            return False
        return self._run(lambda: AccessService(self.ctx).revoke(self.case_code, name))

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except ServiceError as exc:
            self.show_error(str(exc))
            return False
        self.show_error("")
        self.reload()
        return True

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))


def install_case_access(
    window: QWidget,
    tools_menu: object,
    ctx_of: Callable[[], Context],
    case_of: Callable[[], str | None],
) -> QAction:
    """Tools ▸ Case members…, enabled for whoever may manage the open case's members."""
    action = QAction(QCoreApplication.translate("CaseAccessDialog", "Case &members…"), window)
    action.setObjectName("action_case_members")

    def refresh() -> None:
        case = case_of()
        try:
            allowed = case is not None and ctx_of().can("case.members", case)
        except ServiceError:
            allowed = False
        action.setEnabled(allowed)
        action.setStatusTip(
            ""
            if allowed
            else QCoreApplication.translate(
                "CaseAccessDialog", "Open a case you lead (or be an admin) to manage its members."
            )
        )

    def open_dialog() -> None:
        case = case_of()
        if case is not None:
            CaseAccessDialog(ctx_of(), case, window).exec()

    action.triggered.connect(open_dialog)
    tools_menu.addAction(action)  # type: ignore[attr-defined]
    tools_menu.aboutToShow.connect(refresh)  # type: ignore[attr-defined]
    refresh()
    return action
