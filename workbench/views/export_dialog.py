"""File ▸ Export prosecution package…: sections, open items, progress and Cancel.

The open items (``CompletenessService``) are listed before anything is written; a
double-click shows that record in the window. The export itself is
``PackageService.export`` run in a worker thread: it writes the file atomically and
audits its SHA-256, so Cancel (or any failure) leaves no file behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.completeness import OpenItem
from workbench.services.casefile.records import Cancelled
from workbench.services.core.changes import Changes
from workbench.services.core.errors import ServiceError
from workbench.services.package.completeness import CompletenessService
from workbench.services.package.export import ExportResult, PackageService
from workbench.views.i18n import arg
from workbench.views.settings import Settings

# The table of the case view that shows each kind of open item (CaseView.select_record).
RECORD_TABLES = {
    "person": "person",
    "seizure": "seizure",
    "custody": "custody",
    "attachment": "attachments",
    "vehicle": "vehicle",
    "measure": "measures",
}

ExportJob = Callable[[Callable[[int, int], None], Callable[[], bool]], ExportResult]


class _Worker(QObject):
    """Runs one export off the GUI thread; ``cancel()`` may be called from any thread."""

    progressed = Signal(int, int)
    done = Signal(object)  # ExportResult
    failed = Signal(str)  # "" when cancelled

    def __init__(self, job: ExportJob) -> None:
        super().__init__()
        self._job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self.progressed.emit, self._cancel.is_set)
        except Cancelled:
            self.failed.emit("")
        except ServiceError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # shown, never swallowed: the log has the traceback
            import logging

            logging.getLogger("workbench.views").exception("export failed")
            self.failed.emit(repr(exc))
        else:
            self.done.emit(result)


class ExportDialog(QDialog):
    """Signals: ``record_chosen(entity, id)`` for a double-clicked open item (entity is a
    case-view table, see RECORD_TABLES); ``exported(ExportResult)`` after a good export."""

    record_chosen = Signal(str, int)
    exported = Signal(object)

    def __init__(
        self,
        packages: PackageService,
        completeness: CompletenessService,
        case_code: str,
        lang: str = "zh_CN",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.packages = packages
        self.completeness = completeness
        self.case_code = case_code
        self.lang = lang
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self.result: ExportResult | None = None
        self.items: list[OpenItem] = []
        self.setWindowTitle(arg(self.tr("Export prosecution package — %1"), case_code))
        self.resize(760, 620)

        self.path_edit = QLineEdit(str(Settings().export_folder / f"{case_code}.pdf"))
        self.path_edit.setObjectName("exportPath")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.language = QComboBox()
        self.language.setObjectName("exportLanguage")
        self.language.addItem(self.tr("Chinese (Simplified)"), "zh_CN")
        self.language.addItem(self.tr("English"), "en")
        self.redact = QCheckBox(
            self.tr("Mask ID numbers, phones and addresses of persons who are not suspects")
        )
        self.redact.setObjectName("exportRedact")
        form = QFormLayout()
        form.addRow(self.tr("File:"), path_row)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", self.redact)

        self.sections: dict[str, QCheckBox] = {}
        box = QGroupBox(self.tr("Sections"))
        grid = QGridLayout(box)
        for index, (key, title) in enumerate(self._section_titles().items()):
            check = QCheckBox(title)
            check.setObjectName(f"section_{key}")
            check.setChecked(True)
            self.sections[key] = check
            grid.addWidget(check, index // 3, index % 3)

        self.items_label = QLabel()
        self.items_label.setWordWrap(True)
        self.items_view = QTreeWidget()
        self.items_view.setObjectName("openItems")
        self.items_view.setRootIsDecorated(False)
        self.items_view.setAlternatingRowColors(True)
        self.items_view.setHeaderLabels([self.tr("Record"), self.tr("Open item")])
        self.items_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.items_view.header().setStretchLastSection(True)
        self.items_view.itemActivated.connect(self._item_activated)
        self.items_view.itemDoubleClicked.connect(self._item_activated)

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton(self.tr("Close"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)

        self.recheck_button = QPushButton(self.tr("Check again"))
        self.recheck_button.setObjectName("recheckButton")
        self.recheck_button.setToolTip(self.tr("Run the completeness check again after a fix"))
        self.recheck_button.clicked.connect(self.refresh_items)
        items_row = QHBoxLayout()
        items_row.addWidget(self.items_label, 1)
        items_row.addWidget(self.recheck_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        layout.addLayout(items_row)
        layout.addWidget(self.items_view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.refresh_items()

    def _section_titles(self) -> dict[str, str]:
        return {
            "summary": self.tr("Case summary"),
            "suspects": self.tr("Suspects"),
            "others": self.tr("Other persons"),
            "seizures": self.tr("Seized drugs"),
            "assets": self.tr("Cash and assets"),
            "vehicles": self.tr("Vehicles"),
            "locations": self.tr("Locations"),
            "events": self.tr("Chronology of events"),
            "linkchart": self.tr("Link chart"),
            "evidence": self.tr("Evidence index"),
            "custody": self.tr("Chain of custody"),
            "audit": self.tr("Audit statement"),
        }

    # -- open items ----------------------------------------------------------------

    def refresh_items(self) -> None:
        """Re-run the completeness check (after the user fixed something)."""
        self.items = self.completeness.check(self.case_code)
        self.items_view.clear()
        kinds = {
            "person": self.tr("Person"),
            "seizure": self.tr("Exhibit"),
            "custody": self.tr("Custody entry"),
            "attachment": self.tr("Attachment"),
            "vehicle": self.tr("Vehicle"),
            "measure": self.tr("Measure"),
            "case": self.tr("Case"),
        }
        for item in self.items:
            row = QTreeWidgetItem(
                [f"{kinds.get(item.entity, item.entity)} {item.subject}", item.message(self.lang)]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, item)
            row.setToolTip(1, item.message(self.lang))
            self.items_view.addTopLevelItem(row)
        if self.items:
            self.items_label.setText(
                self.tr(
                    "%n open item(s): double-click one to show the record. Exporting anyway "
                    'prints them on a page headed "Open items".',
                    "",
                    len(self.items),
                )
            )
        else:
            self.items_label.setText(self.tr("No open items: the case file is complete."))

    def _item_activated(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        item = row.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(item, OpenItem):
            self.record_chosen.emit(RECORD_TABLES.get(item.entity, item.entity), item.entity_id)

    # -- export --------------------------------------------------------------------

    def chosen_sections(self) -> list[str]:
        return [key for key, check in self.sections.items() if check.isChecked()]

    def is_running(self) -> bool:
        return self._thread is not None

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save prosecution package"), self.path_edit.text(), "PDF (*.pdf)"
        )
        if name:
            self.path_edit.setText(name)

    def start_export(self) -> None:
        if self.is_running():
            return
        path = Path(self.path_edit.text().strip()).expanduser()
        if not self.path_edit.text().strip():
            self.status.setText(self.tr("Choose a file to write."))
            return
        lang = str(self.language.currentData())
        redact = self.redact.isChecked()
        sections = self.chosen_sections()
        code = self.case_code

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            return self.packages.export(
                code,
                path,
                lang=lang,
                redact=redact,
                sections=sections,
                progress=progress,
                cancelled=cancelled,
            )

        self.result = None
        self.progress.setRange(0, 0)  # busy until the first report
        self.status.setText(self.tr("Exporting…"))
        self.export_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancel"))
        thread = QThread(self)
        worker = _Worker(job)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._progressed)
        worker.done.connect(self._done)
        worker.failed.connect(self._failed)
        self._thread, self._worker = thread, worker
        thread.start()

    def cancel_or_close(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.status.setText(self.tr("Cancelling…"))
        else:
            self.reject()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, result: ExportResult) -> None:
        self._finish()
        self.result = result
        settings = Settings()
        settings.export_folder = Path(result.path).parent
        settings.sync()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(
            arg(
                self.tr("Wrote %1 (%2 pages). SHA-256 %3, recorded in the audit trail."),
                result.path,
                result.pages,
                result.sha256,
            )
        )
        self.exported.emit(result)

    def _failed(self, message: str) -> None:
        self._finish()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if message:
            self.status.setText(arg(self.tr("Export failed: %1. No file was written."), message))
        else:
            self.status.setText(self.tr("Export cancelled. No file was written."))

    def _finish(self) -> None:
        thread, self._thread, self._worker = self._thread, None, None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        self.export_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))

    def done(self, code: int) -> None:  # closing while exporting cancels first
        if self._worker is not None:
            self._worker.cancel()
            if self._thread is not None:
                self._thread.quit()
                self._thread.wait()
        super().done(code)


def install_export(window: Any) -> QAction:
    """Add File ▸ Export prosecution package… (Ctrl+E), enabled while a case is open."""
    action = QAction(
        QCoreApplication.translate("ExportDialog", "&Export prosecution package…"), window
    )
    action.setObjectName("exportAction")
    action.setShortcut(QKeySequence("Ctrl+E"))
    action.setEnabled(window.current_case_code() is not None)
    window.case_changed.connect(lambda code: action.setEnabled(bool(code)))
    window.file_menu.insertAction(
        window.file_menu.actions()[0] if window.file_menu.actions() else None, action
    )
    window.addAction(action)

    def open_dialog() -> None:
        code = window.current_case_code()
        if code is None or window.is_locked():
            return
        ctx = window.services.ctx
        # Open items speak the window's language; the document defaults to Chinese.
        dialog = ExportDialog(
            PackageService(ctx), CompletenessService(ctx), code, window.lang, parent=window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.record_chosen.connect(window.select_record)
        dialog.exported.connect(
            lambda _r: window.apply_changes(Changes(frozenset({"export"}), frozenset({code})))
        )
        window.locked.connect(dialog.reject)
        window.export_dialog = dialog
        dialog.show()

    action.triggered.connect(open_dialog)
    return action
