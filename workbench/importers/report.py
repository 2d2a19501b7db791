"""What an import found: rejected cells (errors) and doubtful ones (warnings), by line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from workbench.domain.coded_messages import coded_message

Severity = Literal["error", "warning"]


def plain_params(params: Mapping[str, object]) -> dict[str, object]:
    """An issue's values as JSON can hold them: numbers and text stay, dates become ISO
    text (times in UTC, as stored), anything else its text."""
    out: dict[str, object] = {}
    for key, value in params.items():
        if isinstance(value, bool | int | str) or value is None:
            out[key] = value
        elif isinstance(value, date | datetime):
            out[key] = value.isoformat()
        elif isinstance(value, Decimal):
            out[key] = str(value)
        else:
            out[key] = str(value)
    return out


@dataclass(frozen=True)
class Issue:
    """``line`` is the row as a spreadsheet numbers it (header = 1); None for the file.

    ``message`` is the English reason; ``code`` and ``params`` (plain values, weights in
    mg, money in fen) let the import wizard say it in the user's language."""

    line: int | None
    column: str
    message: str
    severity: Severity = "error"
    field: str = ""
    code: str = ""
    params: Mapping[str, object] = dataclass_field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", plain_params(self.params))

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "file"
        column = f", column {self.column!r}" if self.column else ""
        return f"{where}{column}: {self.message}"

    def said(self, lang: str) -> str:
        """Where, then why, in ``lang`` (zh_CN or en): the reason by its code, in grams
        and 元 (the English particulars when it has no code). The command line's words;
        the window shows the same reason in its table."""
        reason = coded_message(self.code, self.params, self.message, lang)
        if lang.startswith("zh"):
            where = "文件" if self.line is None else f"第 {self.line} 行"
            column = f"，列“{self.column}”" if self.column else ""
            return f"{where}{column}：{reason}"
        where = "file" if self.line is None else f"line {self.line}"
        column = f", column {self.column!r}" if self.column else ""
        return f"{where}{column}: {reason}"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["params"] = dict(self.params)
        return data


@dataclass
class ImportReport:
    file: str
    sha256: str
    kind: str
    case_code: str
    encoding: str | None = None
    rows_read: int = 0
    rows_valid: int = 0
    added: int = 0
    skipped: int = 0  # already in the database (re-import)
    errors: list[Issue] = dataclass_field(default_factory=list)
    warnings: list[Issue] = dataclass_field(default_factory=list)
    errors_truncated: bool = False
    written: bool = False
    dry_run: bool = False
    derived: dict[str, int] = dataclass_field(default_factory=dict)  # links made, persons matched …

    MAX_ERRORS = 1000

    def add(self, issue: Issue) -> None:
        target = self.errors if issue.severity == "error" else self.warnings
        if len(target) >= self.MAX_ERRORS:
            self.errors_truncated = True
            return
        target.append(issue)

    def extend(self, issues: list[Issue]) -> None:
        for issue in issues:
            self.add(issue)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "kind": self.kind,
            "case": self.case_code,
            "encoding": self.encoding,
            "rows_read": self.rows_read,
            "rows_valid": self.rows_valid,
            "added": self.added,
            "skipped": self.skipped,
            "written": self.written,
            "dry_run": self.dry_run,
            "derived": dict(self.derived),
            "errors": [i.as_json() for i in self.errors],
            "errors_truncated": self.errors_truncated,
            "warnings": [i.as_json() for i in self.warnings],
        }
