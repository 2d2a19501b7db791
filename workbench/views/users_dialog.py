"""Tools ▸ Users…: an admin adds users, changes roles and removes users (which rekeys).

Everything goes through ``UserService``; the services refuse whatever the signed-in
role may not do, and the dialog shows their message. Removing a user gives the database
a new key (the window carries on with it; the context's store is replaced).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import vocab
from workbench.services.accounts.users import UserService
from workbench.services.core.context import Context
from workbench.services.core.errors import ServiceError
from workbench.store import StoreError
from workbench.views.i18n import arg, current_language
from workbench.views.unlock_dialog import (
    MIN_PASSPHRASE,
    busy,
    error_label,
    password_edit,
    store_error_text,
)


class UsersDialog(QDialog):
    """The users of the open database with their roles; add, change role, remove."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lang = current_language()
        self.confirm: Callable[[str], bool] = self._ask
        self.setWindowTitle(self.tr("Users"))
        self.setMinimumWidth(620)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("User"), self.tr("Role"), self.tr("Status"), self.tr("Key slot")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()

        self.role_combo = self._roles()
        self.set_role_button = QPushButton(self.tr("Set &role"))
        self.set_role_button.clicked.connect(self.set_role)
        self.remove_button = QPushButton(self.tr("Re&move…"))
        self.remove_button.clicked.connect(self.remove)
        selected_row = QHBoxLayout()
        selected_row.addWidget(self.role_combo)
        selected_row.addWidget(self.set_role_button)
        selected_row.addStretch(1)
        selected_row.addWidget(self.remove_button)

        self.name_edit = QLineEdit()
        self.new_role_combo = self._roles()
        self.passphrase_edit = password_edit(arg(self.tr("At least %1 characters"), MIN_PASSPHRASE))
        self.repeat_edit = password_edit(self.tr("The same passphrase again"))
        self.add_button = QPushButton(self.tr("&Add user"))
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow(self.tr("New user:"), self.name_edit)
        form.addRow(self.tr("Role:"), self.new_role_combo)
        form.addRow(self.tr("Passphrase:"), self.passphrase_edit)
        form.addRow(self.tr("Repeat:"), self.repeat_edit)
        form.addRow("", self.add_button)

        self.error_label = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(selected_row)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.reload()

    def _roles(self) -> QComboBox:
        combo = QComboBox()
        for key in vocab.USER_ROLES:
            combo.addItem(vocab.label(vocab.USER_ROLES, key, self.lang), key)
        return combo

    def reload(self) -> None:
        try:
            rows = UserService(self.ctx).rows()
        except ServiceError as exc:
            self.show_error(str(exc))
            rows = []
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            cells = (
                row.name,
                vocab.label(vocab.USER_ROLES, row.role, self.lang),
                self.tr("active") if row.active else self.tr("removed"),
                self.tr("yes") if row.has_slot else self.tr("no"),
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.name if j == 0 else row.role)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self._selection_changed()

    def selected_name(self) -> str | None:
        items = self.table.selectedItems()
        if not items:
            return None
        return str(self.table.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole))

    def select(self, name: str) -> None:
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).data(Qt.ItemDataRole.UserRole) == name:
                self.table.selectRow(i)
                return

    def _selection_changed(self) -> None:
        name = self.selected_name()
        for widget in (self.role_combo, self.set_role_button, self.remove_button):
            widget.setEnabled(name is not None and name != self.ctx.user)
        if name is not None:
            role = self.table.item(self.table.currentRow(), 1).data(Qt.ItemDataRole.UserRole)
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(role)))

    # -- actions ---------------------------------------------------------------------

    def add(self) -> bool:
        name = self.name_edit.text().strip()
        first, second = self.passphrase_edit.text(), self.repeat_edit.text()
        if len(first) < MIN_PASSPHRASE:
            self.show_error(
                arg(self.tr("The passphrase needs at least %1 characters."), MIN_PASSPHRASE)
            )
            return False
        if first != second:
            self.show_error(self.tr("The two passphrases differ. Type them again."))
            return False
        role = str(self.new_role_combo.currentData())
        if not self._run(lambda: UserService(self.ctx).add(name, role, passphrase=first)):
            return False
        for edit in (self.name_edit, self.passphrase_edit, self.repeat_edit):
            edit.clear()
        self.reload()
        self.select(name)
        return True

    def set_role(self) -> bool:
        name = self.selected_name()
        if name is None:
            return False
        role = str(self.role_combo.currentData())
        if not self._run(lambda: UserService(self.ctx).set_role(name, role)):
            return False
        self.reload()
        self.select(name)
        return True

    def remove(self) -> bool:
        name = self.selected_name()
        if name is None or not self.confirm(
            arg(
                self.tr(
                    "Remove %1? The database gets a new key that %1's passphrase no "
                    "longer opens. Their entries in the audit trail stay."
                ),
                name,
            )
        ):
            return False
        if not self._run(lambda: UserService(self.ctx).remove(name)):
            return False
        self.reload()
        return True

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            with busy(self):
                action()
        except StoreError as exc:  # in use elsewhere, damaged …: the translated headline
            self.show_error(store_error_text(exc))
            return False
        except (ServiceError, ValueError) as exc:
            self.show_error(str(exc))
            return False
        self.show_error("")
        return True

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remove user"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def install_users(window: QWidget, tools_menu: object, ctx_of: Callable[[], Context]) -> QAction:
    """Tools ▸ Users…, enabled for admins; others see why it is not."""
    action = QAction(QCoreApplication.translate("UsersDialog", "&Users…"), window)
    action.setObjectName("action_users")

    def refresh() -> None:
        try:
            allowed = ctx_of().can("users.manage")
        except (ServiceError, StoreError):
            allowed = False
        action.setEnabled(allowed)
        action.setStatusTip(
            ""
            if allowed
            else QCoreApplication.translate("UsersDialog", "Only an administrator manages users.")
        )

    def open_dialog() -> None:
        UsersDialog(ctx_of(), window).exec()

    action.triggered.connect(open_dialog)
    tools_menu.addAction(action)  # type: ignore[attr-defined]
    tools_menu.aboutToShow.connect(refresh)  # type: ignore[attr-defined]
    refresh()
    return action
