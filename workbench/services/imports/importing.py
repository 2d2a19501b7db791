"""Import a spreadsheet, call records or a bank statement into a case: all or nothing.

The whole file is read, parsed, checked and written inside one transaction; any
rejected row (or a cancel) rolls everything back, and a dry run always does. Rows already
in the database are skipped (persons by ID number, vehicles by plate/VIN, call and bank
rows by their unique content key, other records by their field values), so importing the
same file twice adds nothing. The import is one audit entry: file name, SHA-256, counts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.domain.permissions import CASE_IMPORT, CASE_READ, REGISTRY_EDIT
from workbench.importers.file_messages import FILE_MESSAGES, file_message
from workbench.importers.kinds import KINDS, KindSpec
from workbench.importers.mapping import check_mapping, guess_mapping
from workbench.importers.reading import (
    ImportCancelled,
    ImportFileError,
    Source,
    inspect_file,
    read_chunks,
    read_header,
)
from workbench.importers.reading import preview as read_preview
from workbench.importers.report import ImportReport, Issue
from workbench.importers.rows import formula_cells
from workbench.importers.values import DEFAULT_ZONE
from workbench.services.casefile.records import Cancelled
from workbench.services.core.changes import Changes
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected, ServiceError
from workbench.services.core.lookup import case_by_code
from workbench.services.core.unit_of_work import unit_of_work
from workbench.services.imports.writers import WRITERS, Writer

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

# Progress is reported in thousandths: the byte scan fills the first tenth, the rows up
# to 95 %, deriving links the next 3 %, and the commit the rest.
PROGRESS_TOTAL = 1000
_SCAN_SHARE = 100
_ROWS_END = 950
_DERIVED_END = 980

AUDIT_ENTITY = {
    "persons": "person",
    "vehicles": "vehicle",
    "seizures": "seizure",
    "assets": "asset",
    "events": "event",
    "calls": "call_record",
    "bank": "bank_transaction",
    "findings": "drug_use_finding",
}


class BadImportFile(ServiceError):
    """The file cannot be read as a table (empty, binary, too large, mixed encodings …).

    ``code`` and ``params`` are the reader's (``importers/file_messages.py``): the message
    is the English, ``message_in(lang)`` says it in the user's language."""

    exit_code = 5

    def __init__(
        self, message: str, code: str = "", params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.params: dict[str, object] = dict(params or {})

    def __reduce__(self) -> tuple[object, ...]:  # copy and pickle keep code and values
        return (type(self), (str(self), self.code, self.params))

    @classmethod
    def of(cls, exc: ImportFileError) -> BadImportFile:
        return cls(str(exc), exc.code, exc.params)

    def message_in(self, lang: str) -> str:
        if self.code in FILE_MESSAGES:
            return file_message(self.code, self.params, lang)
        return str(self)


class ImportRejected(InputRejected):
    """Rows were rejected; nothing was written. ``report`` lists every rejected cell."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        errors = [FieldError(str(i).split(":", 1)[0], i.message) for i in report.errors[:20]]
        super().__init__(report.file, errors)

    def __str__(self) -> str:
        n = len(self.report.errors)
        more = "+" if self.report.errors_truncated else ""
        first = self.report.errors[0] if self.report.errors else None
        return f"{self.report.file}: {n}{more} problem(s), nothing imported; first: {first}"

    def message_in(self, lang: str) -> str:
        if not lang.startswith("zh"):
            return str(self)
        n = len(self.report.errors)
        count = f"至少 {n}" if self.report.errors_truncated else str(n)
        first = self.report.errors[0].said(lang) if self.report.errors else ""
        return f"{self.report.file}：{count} 处问题，未导入任何内容；第一处：{first}"


class _Rollback(Exception):
    pass


@dataclass(frozen=True)
class Preview:
    source: Source
    headers: list[str]
    rows: list[list[str]]
    lines: list[int]
    mapping: dict[str, str]


@dataclass(frozen=True)
class ImportOutcome:
    report: ImportReport
    changes: Changes


class ImportService:
    def __init__(self, ctx: Context, zone: str = DEFAULT_ZONE) -> None:
        self.ctx = ctx
        self.zone = zone

    @staticmethod
    def kind(kind: str) -> KindSpec:
        try:
            return KINDS[kind]
        except KeyError:
            allowed = ", ".join(KINDS)
            raise InputRejected(
                "import", [FieldError("kind", f"unknown kind {kind!r}; expected one of: {allowed}")]
            ) from None

    def inspect(self, path: Path | str, *, encoding: str | None = None) -> Source:
        try:
            return inspect_file(path, encoding=encoding)
        except ImportFileError as exc:
            raise BadImportFile.of(exc) from None

    def preview(
        self, path: Path | str, kind: str, *, encoding: str | None = None, rows: int = 20
    ) -> Preview:
        spec = self.kind(kind)
        source = self.inspect(path, encoding=encoding)
        try:
            frame = read_preview(source, rows)
        except ImportFileError as exc:
            raise BadImportFile.of(exc) from None
        headers = [str(c) for c in frame.columns]
        return Preview(
            source,
            headers,
            frame.astype(str).values.tolist(),
            [int(i) for i in frame.index],
            guess_mapping(headers, spec),
        )

    def _require(self, spec: KindSpec, case_code: str | None) -> None:
        if spec.scope == "registry":
            self.ctx.require(REGISTRY_EDIT)
            if case_code is not None:
                self.ctx.require(CASE_READ, case_code)
            return
        if case_code is None:
            raise InputRejected("import", [FieldError("case", f"{spec.key} go into a case")])
        self.ctx.require(CASE_IMPORT, case_code)

    def run(
        self,
        case_code: str | None,
        kind: str,
        path: Path | str,
        mapping: Mapping[str, str] | None = None,
        *,
        encoding: str | None = None,
        dry_run: bool = False,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
        chunksize: int = 20_000,
    ) -> ImportOutcome:
        """Import ``path``; ImportRejected (nothing written) if any row is rejected.

        ``case_code`` may be None for a registry kind (drug-use findings)."""
        spec = self.kind(kind)
        self._require(spec, case_code)  # a dry run too: it reads what it checks against

        source, headers = _open_source(path, encoding, progress, cancelled)
        report = ImportReport(
            source.path.name, source.sha256, kind, case_code or "", source.encoding
        )
        report.dry_run = dry_run
        chosen = dict(mapping) if mapping is not None else guess_mapping(headers, spec)
        problems = check_mapping(chosen, headers, spec)
        if problems:
            report.extend([Issue(None, "", str(p), code=p.code, params=p.params) for p in problems])
            raise ImportRejected(report)
        changes = Changes()
        try:
            with unit_of_work(self.ctx) as uow:
                case = None if case_code is None else case_by_code(uow.session, case_code)
                writer = WRITERS[kind](
                    uow, case, report, chosen, self.ctx.clock().date(), self.zone
                )
                _feed_rows(writer, source, report, chunksize, progress, cancelled)
                if report.rows_read == 0:
                    report.add(
                        Issue(
                            None,
                            "",
                            "the file has a header row but no data rows",
                            code="import.no_rows",
                        )
                    )
                if not report.ok:
                    raise _Rollback()
                writer.finish()
                if progress is not None:
                    progress(_DERIVED_END, PROGRESS_TOTAL)
                uow.audit(
                    "import",
                    AUDIT_ENTITY[kind],
                    None,
                    case.code if case is not None and spec.scope == "case" else None,
                    _audit_changes(report, chosen, writer),
                )
                uow.entities.update(writer.touched)
                if dry_run:
                    raise _Rollback()
                changes = uow.changes
            report.written = True
        except _Rollback:
            pass
        except ImportFileError as exc:
            raise BadImportFile.of(exc) from None
        if report.errors:
            report.errors.sort(key=lambda i: i.line or 0)
            raise ImportRejected(report)
        if progress is not None:
            progress(PROGRESS_TOTAL, PROGRESS_TOTAL)
        return ImportOutcome(report, changes)


def _open_source(
    path: Path | str,
    encoding: str | None,
    progress: ProgressFn | None,
    cancelled: CancelFn | None,
) -> tuple[Source, list[str]]:
    """Scan the file (encoding, lines, SHA-256) and read its header row."""

    def scan_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(done * _SCAN_SHARE // max(total, 1), PROGRESS_TOTAL)

    try:
        source = inspect_file(path, encoding=encoding, progress=scan_progress, cancelled=cancelled)
        return source, read_header(source)
    except ImportFileError as exc:
        raise BadImportFile.of(exc) from None
    except ImportCancelled:
        raise Cancelled("cancelled while reading the file; nothing written") from None


def _feed_rows(
    writer: Writer,
    source: Source,
    report: ImportReport,
    chunksize: int,
    progress: ProgressFn | None,
    cancelled: CancelFn | None,
) -> None:
    """Every chunk of rows through the writer, checking for formulas and Cancel."""
    expected = max(source.lines - 1, 1)
    for frame in read_chunks(source, chunksize):
        if cancelled is not None and cancelled():
            raise Cancelled(f"cancelled after {report.rows_read} rows; nothing written")
        report.rows_read += len(frame)
        report.extend(formula_cells(frame))
        writer.chunk(frame)
        if progress is not None:
            share = min(report.rows_read, expected) * (_ROWS_END - _SCAN_SHARE)
            progress(_SCAN_SHARE + share // expected, PROGRESS_TOTAL)


def _audit_changes(report: ImportReport, mapping: dict[str, str], writer: Writer) -> dict[str, Any]:
    """The import's one audit entry: which file, how it was read, what it added."""
    return {
        "file": report.file,
        "sha256": report.sha256,
        "kind": report.kind,
        "encoding": report.encoding,
        "mapping": mapping,
        "rows": {"read": report.rows_read, "added": report.added, "skipped": report.skipped},
        "derived": writer.derived_audit,
    }
