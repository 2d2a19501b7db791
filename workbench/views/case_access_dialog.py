"""Tools ▸ Case members…: who may work on the open case (its case leads and admins).

Membership is what lets an investigator or case lead read and edit a case; the dialog
grants and revokes it through ``CaseService`` (audited; the services refuse other roles).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.services.accounts.access import AccessService
from workbench.services.core.context import Context
from workbench.services.core.errors import ServiceError
from workbench.views.i18n import arg
from workbench.views.unlock_dialog import error_label


class CaseAccessDialog(QDialog):
    def __init__(self, ctx: Context, case_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_code = case_code
        self.setWindowTitle(arg(self.tr("Members of %1"), case_code))
        self.setMinimumWidth(420)
        self.members = QListWidget()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("User name"))
        self.grant_button = QPushButton(self.tr("&Grant"))
        self.grant_button.clicked.connect(lambda: self.grant())
        self.revoke_button = QPushButton(self.tr("&Revoke selected"))
        self.revoke_button.clicked.connect(lambda: self.revoke())
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 1)
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
        return [self.members.item(i).text() for i in range(self.members.count())]

    def reload(self) -> None:
        self.members.clear()
        try:
            self.members.addItems(AccessService(self.ctx).members_of(self.case_code))
        except ServiceError as exc:
            self.show_error(str(exc))

    def grant(self, name: str | None = None) -> bool:
        name = (name or self.name_edit.text()).strip()
        if not name:
            self.show_error(self.tr("Enter a user name."))
            return False
        return self._run(lambda: AccessService(self.ctx).grant(self.case_code, name))

    def revoke(self, name: str | None = None) -> bool:
        item = self.members.currentItem()
        name = name or (item.text() if item is not None else "")
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
        self.name_edit.clear()
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
