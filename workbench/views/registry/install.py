"""Tools ▸ 吸毒人员管理 (Drug-user registry…), and the way from a case's persons table
to a person's registry record: right-click a person ▸ "Drug-user registry record…"
(also Ctrl+Shift+R) opens the registry on them — one click from a suspect who tested
positive to their findings and decisions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTableView, QWidget

from workbench.services.core.errors import ServiceError
from workbench.store import StoreError
from workbench.views.registry.window import RegistryWindow
from workbench.views.table_model import RecordTableModel


class RegistryLauncher:
    """One registry window per main window, closed when the main window locks."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.registry: RegistryWindow | None = None
        locked = getattr(window, "locked", None)
        if locked is not None:
            locked.connect(self.close)

    def open(self, person_id: int | None = None) -> RegistryWindow | None:
        if self.window.is_locked():
            return None
        if self.registry is None:
            self.registry = RegistryWindow(self.window.services, self.window)
            self.registry.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.registry.destroyed.connect(self._forget)
            self.registry.open_case.connect(self._open_case)
        elif self.registry.services is not self.window.services:
            self.registry.set_services(self.window.services)
        self.registry.show()
        self.registry.raise_()
        self.registry.activateWindow()
        if person_id is not None:
            self.registry.select(person_id)
        return self.registry

    def _open_case(self, code: str) -> None:
        try:
            self.window.open_case(code)
        except ServiceError:
            return
        self.window.raise_()
        self.window.activateWindow()

    def _forget(self, *_args: object) -> None:
        self.registry = None

    def close(self) -> None:
        """Locking hides every record: the registry window goes with the rest."""
        if self.registry is not None:
            self.registry.close()
            self.registry = None

    def open_selected_person(self) -> RegistryWindow | None:
        view = self._persons_view()
        if view is None:
            return None
        index = view.currentIndex()
        if not index.isValid():
            return None
        row = view.model().data(view.model().index(index.row(), 0), RecordTableModel.RowRole)
        if not isinstance(row, dict) or row.get("person_id") is None:
            return None
        return self.open(int(row["person_id"]))

    def _persons_view(self) -> QTableView | None:
        try:
            view = self.window.case_view.table_view("persons")
        except (KeyError, AttributeError):
            return None
        return view if isinstance(view, QTableView) else None


def install_registry(window: Any) -> RegistryLauncher:
    """The Tools menu entry and the persons table's action; the launcher is returned and
    kept as ``window.registry``."""
    launcher = RegistryLauncher(window)
    action = QAction(QCoreApplication.translate("RegistryWindow", "&Drug-user registry…"), window)
    action.setObjectName("action_registry")
    action.setStatusTip(
        QCoreApplication.translate(
            "RegistryWindow", "Findings, decisions and hand-overs of drug users (吸毒人员管理)"
        )
    )

    def refresh() -> None:
        try:
            allowed = window.services.ctx.can("registry.read")
        except (ServiceError, StoreError):
            allowed = False
        action.setEnabled(allowed)

    action.triggered.connect(lambda _checked=False: launcher.open())
    window.tools_menu.addAction(action)
    window.tools_menu.aboutToShow.connect(refresh)
    refresh()

    person_action = QAction(
        QCoreApplication.translate("RegistryWindow", "Drug-user &registry record…"), window
    )
    person_action.setObjectName("action_person_registry")
    person_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
    person_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    person_action.triggered.connect(lambda _checked=False: launcher.open_selected_person())
    view = launcher._persons_view()
    if isinstance(view, QWidget):
        view.addAction(person_action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    window.registry_action = action
    window.person_registry_action = person_action
    window.registry = launcher
    return launcher
