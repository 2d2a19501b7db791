"""The main window: composes the case list dock and the case view, owns the menus.

Kept small on purpose: widgets live in their own modules, and other parts of the
application (forms, undo, search, settings, session lock) attach to the public
attributes here — ``services``, ``undo_stacks`` (one undo history per case file), the
four menus, ``case_view`` — rather than growing this class. ``apply_changes`` is the
one place the window refreshes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from workbench.domain import vocab
from workbench.services.bundle import Services
from workbench.services.core.changes import Changes
from workbench.services.core.context import Context
from workbench.services.core.errors import ServiceError
from workbench.views.case_list import CaseListDock
from workbench.views.case_undo import CaseUndoStacks
from workbench.views.case_view import CaseView
from workbench.views.formatting import DEFAULT_ZONE
from workbench.views.i18n import arg, current_language
from workbench.views.lock_guard import LockGuard
from workbench.views.session_lock import LockScreen
from workbench.views.welcome_page import WelcomePage

# Actions (by object name) that still work while the window is locked.
USABLE_WHILE_LOCKED = frozenset({"action_quit"})


class MainWindow(QMainWindow):
    """Signals: ``case_changed(code)`` after a case opens ("" when none is open);
    ``locked()`` once the data is hidden and the store closed; ``unlocked()`` after.
    """

    case_changed = Signal(str)
    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        ctx: Context,
        lang: str | None = None,
        zone: str = DEFAULT_ZONE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.lang = lang or current_language()
        self.zone = zone
        self.services = Services(ctx)
        self.undo_stacks = CaseUndoStacks(self)  # Edit ▸ Undo follows the open case
        self._case: str | None = None
        self._locked = False

        self.case_view = CaseView(self.services, self.lang, zone)
        self.case_list = CaseListDock(self.lang, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.case_list)
        self.case_list.case_activated.connect(self.open_case)

        self.welcome = WelcomePage(self.lang)  # no case open: pick one, or whom to ask
        self._empty_page: QWidget = self.welcome
        self.lock_screen = LockScreen()
        self.lock_screen.unlocked.connect(self.unlock)
        self._stack = QStackedWidget()
        for page in (self._empty_page, self.case_view, self.lock_screen):
            self._stack.addWidget(page)
        self.setCentralWidget(self._stack)

        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.tools_menu = bar.addMenu(self.tr("&Tools"))
        self.import_action = QAction(self.tr("&Import file…"), self)
        self.import_action.setObjectName("importAction")
        self.import_action.triggered.connect(self.open_import_wizard)
        self.file_menu.addAction(self.import_action)
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self.refresh)
        self.view_menu.addAction(self.refresh_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.case_list.toggleViewAction())

        # While locked every other action is off: nothing is created, exported or read.
        self.lock_guard = LockGuard(self, self.locked, self.unlocked, self._usable_while_locked)

        self._status_user = QLabel()
        self.statusBar().addPermanentWidget(self._status_user)
        self._update_title()
        self._update_status()
        self.reload_cases()

    # -- cases ---------------------------------------------------------------------

    def current_case_code(self) -> str | None:
        return self._case

    @property
    def undo_stack(self) -> QUndoStack:
        """The open case's undo history (what Edit ▸ Undo acts on)."""
        return self.undo_stacks.active()

    def open_case(self, code: str) -> None:
        """Show case ``code`` (the tab stays where it was). A code the user may not read
        raises PermissionDenied whether or not the case exists (NotFound for an auditor)."""
        if self._locked:
            return
        self.services.cases.get(code)  # raises NotFound before anything changes
        self._case = code
        self.undo_stacks.activate(code)
        self.case_view.set_case(code)
        self.case_list.select(code)
        self._stack.setCurrentWidget(self.case_view)
        self._update_title()
        self.case_changed.emit(code)

    def close_case(self) -> None:
        self._case = None
        self.case_view.set_case(None)
        self.case_list.select(None)
        self._stack.setCurrentWidget(self._empty_page)
        self._update_title()
        self.case_changed.emit("")

    def show_view(self, name: str) -> None:
        """Switch to a tab by view name (KeyError for an unknown name)."""
        self.case_view.show_view(name)

    def select_record(self, entity: str, record_id: int) -> bool:
        """Select a record of the open case in its table (search results use this)."""
        return self.case_view.select_record(entity, record_id)

    def reload_cases(self) -> None:
        cases = self.services.cases.list()
        self.case_list.set_cases(cases)
        if self._case is not None:
            self.case_list.select(self._case)
        self._update_welcome(bool(cases))

    def _update_welcome(self, has_cases: bool) -> None:
        """A user with no case file is told why and whom to ask."""
        if has_cases:
            self.welcome.show_choose()
            return
        ctx = self.services.ctx
        try:
            contacts = self.services.access.contacts()
            role = ctx.role
            can_create = ctx.can("case.create")
        except ServiceError:
            contacts, role, can_create = [], "", False
        self.welcome.show_no_case(ctx.user, role, contacts, can_create)

    def open_import_wizard(self) -> QWidget | None:
        """File ▸ Import…: into the open case; the case view refreshes after the import."""
        if self._locked or self._case is None:
            return None
        from workbench.views.import_wizard import ImportWizard

        wizard = ImportWizard(self.services, self._case, self.lang, self)
        wizard.imported.connect(self.apply_changes)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    # -- refreshing ----------------------------------------------------------------

    def apply_changes(self, changes: Changes) -> None:
        """Refresh what ``changes`` touched: the affected tables, the overview, the list."""
        if self._locked:
            return
        self.reload_cases()
        if self._case is None:
            return
        if "case" in changes.entities and self._case in changes.cases:
            known = {row.code for row in self.case_list.model.rows()}
            if self._case not in known:  # the open case was deleted
                self.close_case()
                return
            self._update_title()
        self.case_view.refresh(changes.entities)

    def refresh(self) -> None:
        """View ▸ Refresh: re-read everything (another workstation may have written)."""
        if self._locked:
            return
        self.reload_cases()
        if self._case is not None:
            self.case_view.refresh()

    # -- locking -------------------------------------------------------------------

    def is_locked(self) -> bool:
        return self._locked

    def lock(self) -> None:
        """Hide every record, forget loaded rows and close the database connections."""
        if self._locked:
            return
        self._locked = True
        self.case_view.clear()
        self.case_list.clear()
        self._stack.setCurrentWidget(self.lock_screen)
        self.case_list.setEnabled(False)
        for menu in (self.edit_menu, self.view_menu, self.tools_menu):
            menu.setEnabled(False)
        ctx = self.services.ctx
        self.lock_screen.arm(ctx.store.path, ctx.user)
        ctx.store.close()
        self._update_title()
        self.locked.emit()

    def _usable_while_locked(self) -> list[QAction]:
        named = [a for a in self.findChildren(QAction) if a.objectName() in USABLE_WHILE_LOCKED]
        return [self.file_menu.menuAction(), *named]

    def unlock(self, ctx: Context) -> None:
        """Continue with a freshly opened store; the case that was open opens again."""
        self.services = Services(ctx)
        self.case_view.set_services(self.services)
        self._locked = False
        self.case_list.setEnabled(True)
        for menu in (self.edit_menu, self.view_menu, self.tools_menu):
            menu.setEnabled(True)
        self.reload_cases()
        self._update_status()
        case, self._case = self._case, None
        if case is not None:
            self.open_case(case)
        else:
            self._stack.setCurrentWidget(self._empty_page)
            self._update_title()
        self.unlocked.emit()

    # -- chrome --------------------------------------------------------------------

    def _update_title(self) -> None:
        self.import_action.setEnabled(not self._locked and self._case is not None)
        app = self.tr("Task Force Workbench")
        if self._locked or self._case is None:
            self.setWindowTitle(app)
            return
        title = next((r.title for r in self.case_list.model.rows() if r.code == self._case), "")
        self.setWindowTitle(f"{self._case} {title} — {app}")

    def _update_status(self) -> None:
        ctx = self.services.ctx
        try:
            role = vocab.label(vocab.USER_ROLES, ctx.role, self.lang)
        except ServiceError:
            role = "?"
        self._status_user.setText(
            arg(
                self.tr("%1 (%2) on %3"),
                ctx.user,
                role,
                ctx.store.path.name if isinstance(ctx.store.path, Path) else ctx.store.path,
            )
        )
