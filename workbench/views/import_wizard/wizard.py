"""File ▸ Import…: choose file and kind → preview → map columns → check → import.

Every page talks to ``ImportService`` only. The check page runs a dry run (the whole file,
nothing written) so the report the user accepts is the one the import will meet; the
import page runs the real thing with a progress bar and Cancel, and hands the changes to
the main window, which refreshes the case view from them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from workbench.importers.csvsafe import write_csv
from workbench.importers.kinds import KINDS, KindSpec
from workbench.importers.report import ImportReport, Issue
from workbench.services.bundle import Services
from workbench.services.casefile.records import Cancelled
from workbench.services.core.errors import ServiceError
from workbench.services.imports.importing import (
    ImportOutcome,
    ImportRejected,
    ImportService,
    Preview,
)
from workbench.views.forms.messages import issue_message, service_error_message
from workbench.views.i18n import arg
from workbench.views.import_wizard.jobs import JobPanel
from workbench.views.import_wizard.presets import PresetStore

ENCODINGS = (("", ""), ("utf-8", "UTF-8"), ("utf-8-sig", ""), ("gb18030", "GB18030/GBK"))
FILE_FILTER = "*.csv *.tsv *.txt *.xlsx *.xlsm *.xls"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


def _fill_issues(table: QTableWidget, issues: list[Issue]) -> None:
    """Line, column and the reason in the user's language (the English in the tooltip)."""
    table.setRowCount(len(issues))
    for r, issue in enumerate(issues):
        line = "" if issue.line is None else str(issue.line)
        for c, value in enumerate((line, issue.column, issue_message(issue))):
            item = QTableWidgetItem(value)
            item.setToolTip(issue.message)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(
            self.tr("CSV, TSV or Excel (.xlsx) files; GBK and UTF-8 text is recognised.")
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("importKind")
        for key, spec in KINDS.items():
            if wizard.kinds is None or key in wizard.kinds:
                self.kind_combo.addItem(spec.label(wizard.lang), key)
        self.encoding_combo = QComboBox()
        special = {"": self.tr("Detect automatically"), "utf-8-sig": self.tr("UTF-8 with BOM")}
        for code, name in ENCODINGS:
            self.encoding_combo.addItem(special.get(code, name), code)
        self.message = QLabel()
        self.message.setObjectName("importFileMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        form = QFormLayout(self)
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("What it holds:"), self.kind_combo)
        form.addRow(self.tr("Text encoding:"), self.encoding_combo)
        form.addRow(self.message)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import file"), "", self.tr("Tables") + f" ({FILE_FILTER})"
        )
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        self.message.clear()
        self.message.setToolTip("")
        try:
            self.w.preview = self.w.service.preview(
                Path(self.path_edit.text().strip()),
                self.kind(),
                encoding=self.encoding() or None,
            )
        except ServiceError as exc:
            self.message.setText(service_error_message(exc))
            self.message.setToolTip(str(exc))  # the English particulars, as for a row
            return False
        self.w.mapping = dict(self.w.preview.mapping)
        return True

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def encoding(self) -> str:
        return str(self.encoding_combo.currentData() or "")


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Preview"))
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.table = _table([])
        self.table.setObjectName("importPreview")
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table)

    def initializePage(self) -> None:
        preview = self.w.preview
        assert preview is not None
        source = preview.source
        encoding = source.encoding or "Excel"
        self.setSubTitle(
            arg(self.tr("The first %1 rows of %2."), str(len(preview.rows)), source.path.name)
        )
        self.info.setText(
            arg(
                self.tr("%1 bytes, encoding %2, SHA-256 %3…"),
                f"{source.size:,}",
                encoding,
                source.sha256[:16],
            )
        )
        self.table.clear()
        self.table.setColumnCount(len(preview.headers))
        self.table.setHorizontalHeaderLabels(preview.headers)
        self.table.setRowCount(len(preview.rows))
        self.table.setVerticalHeaderLabels([str(n) for n in preview.lines])
        self.table.verticalHeader().setVisible(True)
        for r, row in enumerate(preview.rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.presets = PresetStore()
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(
            self.tr("Which column holds each field? Guessed from the header; * is required.")
        )
        self.form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("importPresets")
        self.preset_combo.activated.connect(self.load_preset)
        save = QPushButton(self.tr("Save as preset…"))
        save.setObjectName("savePreset")
        save.clicked.connect(self.save_preset)
        presets = QHBoxLayout()
        presets.addWidget(QLabel(self.tr("Preset:")))
        presets.addWidget(self.preset_combo, 1)
        presets.addWidget(save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout = QVBoxLayout(self)
        layout.addLayout(presets)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def spec(self) -> KindSpec:
        return KINDS[self.w.kind()]

    def initializePage(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos.clear()
        preview = self.w.preview
        assert preview is not None
        for field in self.spec().fields:
            combo = QComboBox()
            combo.setObjectName(f"map_{field.key}")
            combo.addItem(self.tr("(not imported)"), "")
            for header in preview.headers:
                combo.addItem(header, header)
            combo.currentIndexChanged.connect(self.completeChanged)
            self.combos[field.key] = combo
            label = field.label(self.w.lang) + (" *" if field.required else "")
            self.form.addRow(label, combo)
        self.set_mapping(self.w.mapping)
        self._fill_presets()

    def _fill_presets(self) -> None:
        self.preset_combo.clear()
        self.preset_combo.addItem(self.tr("(guessed from the header)"), "")
        for name in self.presets.names(self.w.kind()):
            self.preset_combo.addItem(name, name)

    def set_mapping(self, mapping: dict[str, str]) -> None:
        for key, combo in self.combos.items():
            index = combo.findData(mapping.get(key, ""))
            combo.setCurrentIndex(max(index, 0))

    def mapping(self) -> dict[str, str]:
        return {k: str(c.currentData()) for k, c in self.combos.items() if c.currentData()}

    def load_preset(self) -> None:
        name = str(self.preset_combo.currentData() or "")
        preview = self.w.preview
        assert preview is not None
        self.set_mapping(self.presets.load(self.w.kind(), name) if name else preview.mapping)

    def save_preset(self, name: str | None = None) -> None:
        if not name:
            name, ok = QInputDialog.getText(self, self.tr("Save preset"), self.tr("Name:"))
            if not ok or not name.strip():
                return
        self.presets.save(self.w.kind(), name.strip(), self.mapping())
        self._fill_presets()
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(name.strip()))

    def isComplete(self) -> bool:
        mapping = self.mapping()
        missing = [
            f.label(self.w.lang) for f in self.spec().fields if f.required and f.key not in mapping
        ]
        used = list(mapping.values())
        twice = sorted({h for h in used if used.count(h) > 1})
        if missing:
            self.message.setText(arg(self.tr("Still needed: %1"), ", ".join(missing)))
        elif twice:
            self.message.setText(arg(self.tr("Used for two fields: %1"), ", ".join(twice)))
        else:
            self.message.clear()
        return not missing and not twice

    def validatePage(self) -> bool:
        self.w.mapping = self.mapping()
        return True


class CheckPage(QWizardPage):
    """A dry run of the whole file: the rejected rows and the warnings, apart."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Check"))
        self.report: ImportReport | None = None
        self.job = JobPanel()
        self.job.finished.connect(self._checked)
        self.summary = QLabel()
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        headers = [self.tr("Line"), self.tr("Column"), self.tr("Reason")]
        self.errors = _table(headers)
        self.errors.setObjectName("importErrors")
        self.warnings = _table(headers)
        self.warnings.setObjectName("importWarnings")
        self.save_button = QPushButton(self.tr("Save report as CSV…"))
        self.save_button.clicked.connect(self.save_report)
        self.save_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.job)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Rejected rows")))
        layout.addWidget(self.errors, 2)
        layout.addWidget(QLabel(self.tr("Warnings")))
        layout.addWidget(self.warnings, 1)
        layout.addWidget(self.save_button)

    def initializePage(self) -> None:
        self.report = None
        self.summary.clear()
        _fill_issues(self.errors, [])
        _fill_issues(self.warnings, [])
        self.save_button.setEnabled(False)
        self.completeChanged.emit()
        self.job.start(self.w.work(dry_run=True), self.tr("Checking every row…"))

    def _checked(self, result: object, error: object) -> None:
        report: ImportReport | None = None
        if isinstance(result, ImportOutcome):
            report = result.report
        elif isinstance(error, ImportRejected):
            report = error.report
        if report is None:
            self.summary.setText(service_error_message(error) if error else "")
            self.job.status.clear()
            return
        self.report = report
        _fill_issues(self.errors, report.errors)
        _fill_issues(self.warnings, report.warnings)
        self.save_button.setEnabled(bool(report.errors or report.warnings))
        self.job.status.clear()
        if report.ok:
            self.summary.setText(
                arg(
                    self.tr(
                        "%1 rows read: %2 new, %3 already in the case. Nothing is written yet."
                    ),
                    str(report.rows_read),
                    str(report.added),
                    str(report.skipped),
                )
            )
        else:
            self.summary.setText(
                arg(
                    self.tr("%1 problems: nothing can be imported until the file is corrected."),
                    str(len(report.errors)),
                )
            )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.report is not None and self.report.ok and not self.job.running()

    def save_report(self, path: str | None = None) -> None:
        if self.report is None:
            return
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"), "", "*.csv")
            if not path:
                return
        rows = [
            (i.severity, "" if i.line is None else i.line, i.column, issue_message(i))
            for i in [*self.report.errors, *self.report.warnings]
        ]
        write_csv(path, ("severity", "line", "column", "reason"), rows)


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Import"))
        self.finished_ok = False
        self.job = JobPanel()
        self.job.finished.connect(self._done)
        self.summary = QLabel()
        self.summary.setObjectName("runSummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.job)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.finished_ok = False
        self.summary.clear()
        self.job.start(self.w.work(dry_run=False), self.tr("Importing…"))

    def _done(self, result: object, error: object) -> None:
        self.job.status.clear()
        if isinstance(result, ImportOutcome):
            report = result.report
            self.finished_ok = True
            self.summary.setText(
                arg(
                    self.tr("Imported %1: %2 added, %3 already in the case."),
                    report.file,
                    str(report.added),
                    str(report.skipped),
                )
            )
            self.w.imported.emit(result.changes)
        elif isinstance(error, Cancelled):
            self.summary.setText(self.tr("Cancelled: nothing was imported."))
        else:
            self.summary.setText(service_error_message(error) if error else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.finished_ok


class ImportWizard(QWizard):
    """Emits ``imported(Changes)`` once an import has been committed."""

    imported = Signal(object)

    def __init__(
        self,
        services: Services,
        case_code: str | None,
        lang: str,
        parent: QWidget | None = None,
        *,
        kinds: tuple[str, ...] | None = None,
    ) -> None:
        """``case_code`` None and ``kinds`` ("findings",): the drug-user registry's import."""
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.services = services
        self.service = ImportService(services.ctx)
        self.case_code = case_code
        self.kinds = kinds
        self.lang = lang
        self.preview: Preview | None = None
        self.mapping: dict[str, str] = {}
        if case_code is None:
            self.setWindowTitle(self.tr("Import into the drug-user registry"))
        else:
            self.setWindowTitle(arg(self.tr("Import into %1"), case_code))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.run_page = RunPage(self)
        for page in (
            self.file_page,
            self.preview_page,
            self.mapping_page,
            self.check_page,
            self.run_page,
        ):
            self.addPage(page)
        self.resize(860, 620)

    def kind(self) -> str:
        return self.file_page.kind()

    def work(self, *, dry_run: bool) -> Any:
        preview = self.preview
        assert preview is not None
        path, kind, mapping = preview.source.path, self.kind(), dict(self.mapping)
        encoding = self.file_page.encoding() or None

        def run(progress: Any, cancelled: Any) -> ImportOutcome:
            return self.service.run(
                self.case_code,
                kind,
                path,
                mapping,
                encoding=encoding,
                dry_run=dry_run,
                progress=progress,
                cancelled=cancelled,
            )

        return run

    def reject(self) -> None:
        for page in (self.check_page, self.run_page):
            page.job.wait()
        super().reject()
