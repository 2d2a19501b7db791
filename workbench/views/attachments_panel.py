"""Attachments: add a file (stored encrypted), open a private copy, record custody.

A copy opened for a viewer is plaintext on disk, so every copy is wiped when the
window closes or locks (``cleanup``); the AttachmentService keeps them in one private
directory. The SHA-256 of the selected attachment is shown so it can be read out
against the seizure record or a court copy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, SignalInstance
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QWidget,
)

from workbench.services.casefile import operations as ops
from workbench.services.core.errors import ServiceError
from workbench.views.i18n import arg
from workbench.views.table_model import RecordTableModel
from workbench.views.undo import UndoController


class EditingController(Protocol):
    """What the panel uses of ``editing.EditingController`` (which installs the panel,
    so the panel names the part it needs instead of importing it back)."""

    window: Any
    undo: UndoController

    def _view(self, entity: str) -> QTableView | None: ...
    def selected_rows(self, entity: str) -> list[dict[str, Any]]: ...
    def delete_selected(self, entity: str | None = None) -> bool: ...
    def add_custody(self, item_type: str | None = None, item_id: int | None = None) -> bool: ...


class AttachmentsPanel(QWidget):
    """Buttons above the attachments table, and the selected file's SHA-256.

    ``choose_file``, ``ask_description`` and ``open_url`` are attributes so tests can
    replace the modal and desktop parts.
    """

    def __init__(self, editing: EditingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachments_panel")
        self.editing = editing
        self.main_window: Any = editing.window  # not "window": QWidget.window() exists
        self.choose_file: Callable[[], Path | None] = self._choose_file
        self.ask_description: Callable[[str], str | None] = self._ask_description
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.opened: list[Path] = []

        self.add_button = QPushButton(self.tr("&Add file…"))
        self.add_button.setObjectName("attachment_add")
        self.add_button.clicked.connect(lambda: self.add_file())
        self.open_button = QPushButton(self.tr("&Open a copy"))
        self.open_button.setObjectName("attachment_open")
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setObjectName("attachment_remove")
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.custody_button = QPushButton(self.tr("&Custody entry…"))
        self.custody_button.setObjectName("attachment_custody")
        self.custody_button.clicked.connect(lambda: self.add_custody())
        self.sha_label = QLabel()
        self.sha_label.setObjectName("attachment_sha256")
        self.sha_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sha_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.open_button, self.remove_button, self.custody_button):
            layout.addWidget(button)
        layout.addWidget(self.sha_label, 1)
        view = self.view()
        if view is not None:
            view.clicked.connect(lambda _index: self.update_selection())
            if view.selectionModel() is not None:
                view.selectionModel().selectionChanged.connect(self.update_selection)
        self.update_selection()

    # -- the table -------------------------------------------------------------------

    def view(self) -> QTableView | None:
        return self.editing._view("attachments")

    def selected(self) -> dict[str, Any] | None:
        rows = self.editing.selected_rows("attachments")
        return rows[0] if rows else None

    def update_selection(self, *_args: object) -> None:
        row = self.selected()
        self.open_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        self.custody_button.setEnabled(row is not None)
        if row is None:
            self.sha_label.setText("")
            self.sha_label.setToolTip("")
            return
        self.sha_label.setText(arg(self.tr("SHA-256 of %1: %2"), row["filename"], row["sha256"]))
        self.sha_label.setToolTip(str(row["sha256"]))

    # -- actions ---------------------------------------------------------------------

    def add_file(self, path: Path | None = None, description: str | None = None) -> int | None:
        """Store a file encrypted in the case; returns its id (None if cancelled or refused)."""
        case = self.main_window.current_case_code()
        if not case:
            return None
        path = path if path is not None else self.choose_file()
        if path is None:
            return None
        if description is None:
            description = self.ask_description(path.name)
            if description is None:
                return None
        # Through the undo stack: Ctrl+Z takes the file out again (audited), redo puts the
        # same bytes back under the same id.
        command = self.editing.undo.push(
            ops.add_attachment(case, str(path), description), subject=path.name
        )
        if command is None:
            return None
        attachment_id = int(command.values[0])
        self.select(attachment_id)
        return attachment_id

    def remove_selected(self) -> bool:
        """Take the selected attachment(s) out of the case (asks first; undoable)."""
        return self.editing.delete_selected("attachments")

    def select(self, attachment_id: int) -> None:
        view = self.view()
        model = view.model() if view is not None else None
        row = model.row_of_id(attachment_id) if isinstance(model, RecordTableModel) else None
        if view is not None and row is not None:
            view.selectRow(row)
        self.update_selection()

    def open_selected(self) -> Path | None:
        """Write a private copy and hand it to the desktop's viewer."""
        row = self.selected()
        if row is None:
            return None
        try:
            path: Path = self.main_window.services.attachments.open_copy(int(row["id"]))
        except ServiceError as exc:
            self._error(str(exc))
            return None
        self.opened.append(path)
        self.open_url(QUrl.fromLocalFile(str(path)))
        return path

    def add_custody(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        return self.editing.add_custody("attachment", int(row["id"]))

    def cleanup(self) -> int:
        """Overwrite and remove every copy opened so far (window closing or locking)."""
        self.opened.clear()
        try:
            return int(self.main_window.services.attachments.cleanup_copies())
        except ServiceError:
            return 0

    # -- dialogs ---------------------------------------------------------------------

    def _choose_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("Add a file to the case"))
        return Path(name) if name else None

    def _ask_description(self, filename: str) -> str | None:
        text, ok = QInputDialog.getText(
            self, self.tr("Describe the file"), arg(self.tr("What is %1?"), filename)
        )
        return text if ok else None

    def _error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Attachment"), message)


class _CloseWatcher(QObject):
    """Wipes opened copies when the window closes."""

    def __init__(self, panel: AttachmentsPanel, window: QObject) -> None:
        super().__init__(window)
        self.panel = panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.panel.cleanup()
        return False


def install_attachments(editing: EditingController) -> AttachmentsPanel | None:
    """Put the panel above the window's attachments table and wipe copies on close/lock."""
    window: Any = editing.window
    table = window.case_view.record_table("attachments")
    if table.layout() is None:
        return None
    panel = AttachmentsPanel(editing, table)
    table.layout().insertWidget(0, panel)
    watcher = _CloseWatcher(panel, window)
    window.installEventFilter(watcher)
    panel._watcher = watcher  # type: ignore[attr-defined]
    for name in ("locked", "locked_changed"):
        signal = getattr(window, name, None)
        if isinstance(signal, SignalInstance):
            signal.connect(lambda *_args: panel.cleanup())
    return panel
