"""Open a CSV/TSV/Excel file safely and hand its rows out as text, chunk by chunk.

Everything is read as ``str`` (``dtype=str``): pandas never turns an amount or an ID
number into a float. Before pandas sees a text file, one streaming pass checks its size,
computes its SHA-256, refuses binary data and decodes every byte strictly in the chosen
encoding, so a file that mixes encodings is named at its line rather than half-imported.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd
from charset_normalizer import from_bytes

MAX_BYTES = 1 << 30  # 1 GiB: larger files are split before import
_BLOCK = 4 << 20
_SAMPLE = 1 << 20
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
TEXT_FORMATS = {".csv": ",", ".txt": ",", ".tsv": "\t"}
EXCEL_FORMATS = (".xlsx", ".xlsm", ".xls")

ByteProgress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class ImportFileError(ValueError):
    """The file cannot be read as a table; the message names the file and the place."""


class ImportCancelled(Exception):
    """The user cancelled while the file was being read."""


@dataclass(frozen=True)
class Source:
    path: Path
    size: int
    sha256: str
    format: str  # "csv", "tsv", "xlsx", "xls"
    encoding: str | None  # None for Excel
    separator: str
    lines: int  # physical lines of a text file (rows of a sheet), header included


def _label(n: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} bytes"


def _normalise_encoding(name: str) -> str:
    key = codecs.lookup(name).name
    if key in _GB_FAMILY or key.replace("-", "") in _GB_FAMILY:
        return "gb18030"  # the superset: GBK files decode the same
    if key in ("utf-8", "ascii"):
        return "utf-8"
    return key


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
        raise ImportFileError(f"{name}: cannot open ({exc.strerror})") from None
    if not path.is_file():
        raise ImportFileError(f"{name}: is not a file")
    if size == 0:
        raise ImportFileError(f"{name}: the file is empty")
    if size > max_bytes:
        raise ImportFileError(
            f"{name}: the file is {_label(size)}; at most {_label(max_bytes)} can be imported "
            "at once — split it into smaller files"
        )
    suffix = path.suffix.lower()
    if suffix in EXCEL_FORMATS:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            head = fh.read(8)
            digest.update(head)
            for block in iter(lambda: fh.read(_BLOCK), b""):
                digest.update(block)
        fmt = suffix.lstrip(".").replace("xlsm", "xlsx")
        if fmt == "xlsx" and not head.startswith(b"PK"):
            raise ImportFileError(f"{name}: is not an Excel .xlsx workbook")
        return Source(path, size, digest.hexdigest(), fmt, None, "", 0)
    separator = TEXT_FORMATS.get(suffix, ",")
    return _inspect_text(path, size, separator, encoding, progress, cancelled)


def _detect(sample: bytes, name: str) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # a character cut by the sample's end
            return "utf-8"
        before = sample[: exc.start]
        if not before.isascii():  # valid UTF-8 Chinese first, then bytes that are not
            line = before.count(b"\n") + 1
            raise ImportFileError(
                f"{name}: line {line} is not valid utf-8 text (the file mixes text encodings)"
            ) from None
    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        raise ImportFileError(f"{name}: cannot tell the text encoding; is it a text table?")
    # Short Chinese files fit several CJK codecs equally well; our files are GBK far more
    # often than Korean or Big5, so GB18030 wins a tie (the user can still override).
    for match in matches:
        if _normalise_encoding(match.encoding) == "gb18030" and match.chaos <= best.chaos + 0.1:
            return "gb18030"
    return _normalise_encoding(best.encoding)


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
        raise ImportFileError(
            f"{name}: contains binary data (a NUL byte at offset {nul}); "
            "this is not a CSV text table"
        )
    if encoding:
        try:
            chosen = _normalise_encoding(encoding)
        except LookupError:
            raise ImportFileError(f"{name}: unknown encoding {encoding!r}") from None
    else:
        chosen = _detect(sample, name)
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder(chosen)(errors="strict")
    lines, done, non_ascii_before = 0, 0, False
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            digest.update(block)
            nul = block.find(b"\x00")
            if nul >= 0:
                line = lines + block.count(b"\n", 0, nul) + 1
                raise ImportFileError(
                    f"{name}: contains binary data near line {line}; this is not a CSV text table"
                )
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                line = lines + block.count(b"\n", 0, max(exc.start, 0)) + 1
                mixed = non_ascii_before or not block[: max(exc.start, 0)].isascii()
                reason = "the file mixes text encodings" if mixed else "choose the file's encoding"
                raise ImportFileError(
                    f"{name}: line {line} is not valid {chosen} text ({reason})"
                ) from None
            non_ascii_before = non_ascii_before or not block.isascii()
            lines += block.count(b"\n")
            done += len(block)
            if progress is not None:
                progress(done, size)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise ImportFileError(
                f"{name}: the last line is cut in the middle of a {chosen} character"
            ) from None
    if not sample.endswith(b"\n") or size > len(sample):
        lines += 1  # a last line without its newline
    return Source(
        path,
        size,
        digest.hexdigest(),
        "tsv" if separator == "\t" else "csv",
        chosen,
        separator,
        lines,
    )


_PARSER_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_PARSER_EOF = re.compile(r"EOF inside string starting at row (\d+)")


def _parser_message(source: Source, exc: Exception) -> str:
    text = str(exc)
    m = _PARSER_FIELDS.search(text)
    if m:
        return (
            f"{source.path.name}: line {m[2]} has {m[3]} cells but the header has {m[1]} "
            "(an unquoted separator or a stray quote?)"
        )
    m = _PARSER_EOF.search(text)
    if m:
        return (
            f"{source.path.name}: a quoted cell starting in row {int(m[1]) + 1} is never "
            "closed (unbalanced quote)"
        )
    return f"{source.path.name}: cannot read as a table: {text.strip().splitlines()[-1]}"


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
        raise ImportFileError(f"{source.path.name}: the file has no header row") from None
    except pd.errors.ParserError as exc:
        raise ImportFileError(_parser_message(source, exc)) from None


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
            raise ImportFileError(f"{source.path.name}: column {i} of the header has no name")


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


def _excel_rows(source: Source) -> Iterator[list[object]]:
    if source.format == "xls":
        try:
            import xlrd  # type: ignore[import-not-found, unused-ignore]
        except ImportError:
            raise ImportFileError(
                f"{source.path.name}: old Excel .xls files need the xlrd reader, which is "
                "not installed here; save the sheet as .xlsx or CSV and import that"
            ) from None
        book = xlrd.open_workbook(str(source.path))
        sheet = book.sheet_by_index(0)
        for r in range(sheet.nrows):
            yield list(sheet.row_values(r))
        return
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula arrives as its text ("=…") and is refused, never run.
        book = load_workbook(source.path, read_only=True, data_only=False)
    except Exception as exc:  # zipfile/XML errors of a damaged workbook
        raise ImportFileError(
            f"{source.path.name}: not a readable .xlsx workbook ({exc})"
        ) from None
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def _excel_chunks(source: Source, chunksize: int) -> Iterator[pd.DataFrame]:
    rows = _excel_rows(source)
    header_row = next(rows, None)
    while header_row is not None and all(v in (None, "") for v in header_row):
        header_row = next(rows, None)
    if header_row is None:
        raise ImportFileError(f"{source.path.name}: the workbook's first sheet is empty")
    header = [_cell_text(v).strip() for v in header_row]
    while header and not header[-1]:
        header.pop()
    for i, label in enumerate(header, start=1):
        if not label:
            raise ImportFileError(f"{source.path.name}: column {i} of the header has no name")
    width = len(header)
    batch: list[list[str]] = []
    lines: list[int] = []
    for line, row in enumerate(rows, start=2):
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
