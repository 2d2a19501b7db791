"""Open a CSV/TSV/Excel file safely and hand its rows out as text, chunk by chunk.

Everything is read as ``str`` (``dtype=str``): pandas never turns an amount or an ID
number into a float. Before pandas sees a text file, one streaming pass
(``textscan``) hashes it, refuses binary data, decodes every byte strictly in the chosen
encoding (a file that mixes encodings is named at its line, ``encodings``) and checks
the table's shape against the limits (``limits``: columns, cell size, rows). A workbook's
zip package is checked part by part before openpyxl opens it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from workbench.importers import limits
from workbench.importers.encodings import detect, normalise
from workbench.importers.errors import ImportCancelled, ImportFileError
from workbench.importers.textscan import BLOCK, scan_text

MAX_BYTES = limits.MAX_BYTES
_SAMPLE = 1 << 20
TEXT_FORMATS = {".csv": ",", ".txt": ",", ".tsv": "\t"}
EXCEL_FORMATS = (".xlsx", ".xlsm", ".xls")

ByteProgress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

__all__ = [
    "ImportCancelled",
    "ImportFileError",
    "Source",
    "inspect_file",
    "preview",
    "read_chunks",
    "read_header",
]


@dataclass(frozen=True)
class Source:
    path: Path
    size: int
    sha256: str
    format: str  # "csv", "tsv", "xlsx", "xls"
    encoding: str | None  # None for Excel
    separator: str
    lines: int  # physical lines of a text file (rows of a sheet), header included


def inspect_file(
    path: Path | str,
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    progress: ByteProgress | None = None,
    cancelled: CancelCheck | None = None,
) -> Source:
    """Size, hash, format and (for text) a verified encoding; ImportFileError if unusable."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError("file.cannot_open", file=name, reason=exc.strerror) from None
    if not path.is_file():
        raise ImportFileError("file.not_a_file", file=name)
    if size == 0:
        raise ImportFileError("file.empty", file=name)
    if size > max_bytes:
        raise ImportFileError("file.too_large", file=name, size=size, limit=max_bytes)
    suffix = path.suffix.lower()
    if suffix in EXCEL_FORMATS:
        return _inspect_excel(path, size, suffix)
    separator = TEXT_FORMATS.get(suffix, ",")
    return _inspect_text(path, size, separator, encoding, progress, cancelled)


def _inspect_excel(path: Path, size: int, suffix: str) -> Source:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        head = fh.read(8)
        digest.update(head)
        for block in iter(lambda: fh.read(BLOCK), b""):
            digest.update(block)
    fmt = suffix.lstrip(".").replace("xlsm", "xlsx")
    if fmt == "xlsx":
        if not head.startswith(b"PK"):
            raise ImportFileError("xlsx.not_xlsx", file=path.name)
        limits.check_xlsx(path)
    return Source(path, size, digest.hexdigest(), fmt, None, "", 0)


def _inspect_text(
    path: Path,
    size: int,
    separator: str,
    encoding: str | None,
    progress: ByteProgress | None,
    cancelled: CancelCheck | None,
) -> Source:
    name = path.name
    with path.open("rb") as fh:
        sample = fh.read(_SAMPLE)
    nul = sample.find(b"\x00")
    if nul >= 0:
        raise ImportFileError("text.binary", file=name, offset=nul)
    if encoding:
        try:
            chosen = normalise(encoding)
        except LookupError:
            raise ImportFileError("encoding.unknown", file=name, encoding=encoding) from None
    else:
        chosen = detect(sample, name, complete=size <= len(sample))
    scan = scan_text(path, size, separator, chosen, progress, cancelled)
    return Source(
        path,
        size,
        scan.sha256,
        "tsv" if separator == "\t" else "csv",
        chosen,
        separator,
        scan.lines,
    )


_PARSER_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_PARSER_EOF = re.compile(r"EOF inside string starting at row (\d+)")


def _parser_error(source: Source, exc: Exception) -> ImportFileError:
    name, text = source.path.name, str(exc)
    m = _PARSER_FIELDS.search(text)
    if m:
        return ImportFileError(
            "table.cell_count", file=name, line=int(m[2]), cells=int(m[3]), expected=int(m[1])
        )
    m = _PARSER_EOF.search(text)
    if m:
        return ImportFileError("table.unclosed_quote", file=name, line=int(m[1]) + 1)
    return ImportFileError("table.unreadable", file=name, detail=text.strip().splitlines()[-1])


def read_chunks(source: Source, chunksize: int = 50_000) -> Iterator[pd.DataFrame]:
    """Data rows as string frames; each frame's index is the row's line in the file
    (the header is line 1), as a spreadsheet shows it."""
    if source.format in ("xlsx", "xls"):
        yield from _excel_chunks(source, chunksize)
        return
    try:
        reader = pd.read_csv(
            source.path,
            sep=source.separator,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding=source.encoding,
            chunksize=chunksize,
            engine="c",
            skip_blank_lines=True,
        )
        first = 2
        with reader:
            for frame in reader:
                frame.index = range(first, first + len(frame))
                first += len(frame)
                _check_header(source, frame.columns)
                yield frame
    except pd.errors.EmptyDataError:
        raise ImportFileError("table.no_header", file=source.path.name) from None
    except pd.errors.ParserError as exc:
        raise _parser_error(source, exc) from None


def read_header(source: Source) -> list[str]:
    for frame in read_chunks(source, chunksize=1):
        return [str(c) for c in frame.columns]
    if source.format in ("csv", "tsv"):
        frame = pd.read_csv(
            source.path, sep=source.separator, dtype=str, nrows=0, encoding=source.encoding
        )
        return [str(c) for c in frame.columns]
    return []


def _check_header(source: Source, columns: pd.Index) -> None:
    for i, column in enumerate(columns, start=1):
        label = str(column)
        if label.startswith("Unnamed: "):
            raise ImportFileError("header.unnamed_column", file=source.path.name, column=i)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        # Excel keeps numbers as doubles; repr is the shortest text that is that double,
        # i.e. what was typed (12.5, not 12.4999…). Parsed with Decimal from there.
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def _excel_rows(source: Source) -> Iterator[tuple[int, list[object]]]:
    """(line, values) of the first sheet's rows that hold anything; values by column."""
    if source.format == "xls":
        yield from _xls_rows(source)
        return
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    name = source.path.name
    try:
        # data_only=False: a formula arrives as its text ("=…") and is refused, never run.
        book = load_workbook(source.path, read_only=True, data_only=False)
    except Exception as exc:  # zipfile/XML errors of a damaged workbook
        raise ImportFileError("xlsx.unreadable", file=name, detail=str(exc)) from None
    try:
        sheet = book.worksheets[0]
        limits.check_declared_sheet(name, sheet.max_row, sheet.max_column)
        # The sheet's own parser, driven here rather than through iter_rows: iter_rows
        # pads every row to the widest column and fills every gap between row numbers
        # with empty rows (a sheet jumping to row 5,000,000 would loop that long).
        with book._archive.open(sheet._worksheet_path) as src:
            parser = WorkSheetParser(
                src,
                book.shared_strings,
                data_only=False,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            for line, cells in parser.parse():
                if line > limits.XLSX_MAX_ROWS:
                    raise limits.too_many_rows(name, line, limits.XLSX_MAX_ROWS - 1)
                values = _row_values(name, line, cells)
                if values:
                    yield line, values
    except ImportFileError:
        raise
    except (ValueError, KeyError, TypeError, OSError, EOFError) as exc:  # damaged XML
        raise ImportFileError("xlsx.unreadable", file=name, detail=str(exc)) from None
    finally:
        book.close()


def _row_values(name: str, line: int, cells: list[dict[str, object]]) -> list[object]:
    """A row's values by column (1-based → list index), checked against the limits."""
    found: dict[int, object] = {}
    for cell in cells:
        value = cell.get("value")
        if value is None or value == "":
            continue
        column = int(cell["column"])  # type: ignore[call-overload]
        if column > limits.MAX_COLUMNS:
            raise limits.too_many_columns(name, line, column)
        if isinstance(value, str) and len(value) > limits.MAX_CELL_CHARS:
            raise limits.cell_too_long(name, line, column, letter=True)
        found[column] = value
    if not found:
        return []
    values: list[object] = [None] * max(found)
    for column, value in found.items():
        values[column - 1] = value
    return values


def _xls_rows(source: Source) -> Iterator[tuple[int, list[object]]]:
    try:
        import xlrd  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise ImportFileError("xls.no_reader", file=source.path.name) from None
    book = xlrd.open_workbook(str(source.path))
    sheet = book.sheet_by_index(0)
    for r in range(sheet.nrows):
        yield r + 1, list(sheet.row_values(r))


def _excel_chunks(source: Source, chunksize: int) -> Iterator[pd.DataFrame]:
    rows = _excel_rows(source)
    first = next(rows, None)
    while first is not None and all(v in (None, "") for v in first[1]):
        first = next(rows, None)
    if first is None:
        raise ImportFileError("xlsx.empty_sheet", file=source.path.name)
    header = [_cell_text(v).strip() for v in first[1]]
    while header and not header[-1]:
        header.pop()
    for i, label in enumerate(header, start=1):
        if not label:
            raise ImportFileError("header.unnamed_column", file=source.path.name, column=i)
    width = len(header)
    batch: list[list[str]] = []
    lines: list[int] = []
    for line, row in rows:
        cells = [_cell_text(v) for v in row[:width]]
        if not any(c.strip() for c in cells):
            continue
        cells += [""] * (width - len(cells))
        batch.append(cells)
        lines.append(line)
        if len(batch) >= chunksize:
            yield pd.DataFrame(batch, columns=header, index=lines, dtype=str)
            batch, lines = [], []
    if batch:
        yield pd.DataFrame(batch, columns=header, index=lines, dtype=str)


def preview(source: Source, rows: int = 20) -> pd.DataFrame:
    """The first rows (for the wizard's preview page)."""
    for frame in read_chunks(source, chunksize=rows):
        return frame
    return pd.DataFrame(columns=read_header(source), dtype=str)
