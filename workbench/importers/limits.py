"""How big an imported file may be, checked while streaming, before it can cost much.

A small file can declare or unpack into something huge: an .xlsx of 1 MB holding a
1 GiB cell, a sheet declaring five million rows, a CSV of a hundred thousand columns.
Every limit below is checked while the bytes stream past, before the part that would
cost time or memory is parsed, and a refusal names the limit (README, "Importing
files", has the table). An .xlsx is a zip package: its parts are checked from the zip's
own directory (``zipfile`` never inflates a part beyond the size it declares), then the
sheet and string parts are scanned once, inflating block by block.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.importers.errors import ImportFileError

MAX_BYTES = 1 << 30  # the file itself: 1 GiB (split larger files)
MAX_ROWS = 20_000_000  # data rows of a CSV/TSV file
XLSX_MAX_ROWS = 1_048_576  # Excel's own last row
MAX_COLUMNS = 1_000  # columns holding values (header included)
MAX_CELL_CHARS = 32_767  # characters in one cell: Excel's own limit
XLSX_MAX_ROW_CELLS = 16_384  # cells written in one sheet row (Excel's grid is that wide)
XLSX_MAX_CELLS = 50_000_000  # cells in a sheet
XLSX_MAX_OTHER_ELEMENTS = 250_000  # a sheet's merged cells, links, formats …
XLSX_MAX_SHEET_PART = 1 << 30  # a worksheet's XML, unpacked
XLSX_MAX_STRINGS_PART = 32 << 20  # the shared strings, unpacked (held whole by openpyxl)
XLSX_MAX_OTHER_PART = 16 << 20  # styles and every other part, unpacked
XLSX_MAX_RATIO = 200  # unpacked : packed, for parts above XLSX_RATIO_FROM
XLSX_RATIO_FROM = 1 << 20
XLSX_MAX_PARTS = 10_000

# A cell's XML text cannot be longer than this many bytes without holding more than
# MAX_CELL_CHARS characters (one character takes at most ten bytes as "&#x10FFFF;").
_MAX_TEXT_RUN = MAX_CELL_CHARS * 10
_BLOCK = 4 << 20
_CELL_TAGS = (b"<c ", b"<c>", b"<c/>")


@dataclass(frozen=True)
class XlsxParts:
    """What the package scan found: the sheet parts and their cell counts."""

    sheets: dict[str, int]


def check_xlsx(path: Path) -> XlsxParts:
    """Refuse a workbook whose package breaks a limit; scan sheets and strings."""
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError("xlsx.unreadable", file=name, detail=str(exc)) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > XLSX_MAX_PARTS:
            raise ImportFileError(
                "xlsx.too_many_parts", file=name, parts=len(infos), limit=XLSX_MAX_PARTS
            )
        for info in infos:
            _check_declared(name, info)
        sheets: dict[str, int] = {}
        for info in infos:
            if _is_sheet(info.filename):
                sheets[info.filename] = _scan_part(name, archive, info, sheet=True)
            elif info.filename.endswith("sharedStrings.xml"):
                _scan_part(name, archive, info, sheet=False)
    return XlsxParts(sheets)


def _is_sheet(part: str) -> bool:
    return part.startswith("xl/worksheets/") and part.endswith(".xml")


def _part_limit(part: str) -> int:
    if _is_sheet(part):
        return XLSX_MAX_SHEET_PART
    return XLSX_MAX_STRINGS_PART if part.endswith("sharedStrings.xml") else XLSX_MAX_OTHER_PART


def _check_declared(name: str, info: zipfile.ZipInfo) -> None:
    packed = max(info.compress_size, 1)
    if info.file_size >= XLSX_RATIO_FROM and info.file_size / packed > XLSX_MAX_RATIO:
        raise ImportFileError(
            "xlsx.zip_ratio",
            file=name,
            part=info.filename,
            ratio=info.file_size // packed,
            limit=XLSX_MAX_RATIO,
        )
    limit = _part_limit(info.filename)
    if info.file_size > limit:
        raise ImportFileError(
            "xlsx.part_too_large", file=name, part=info.filename, size=info.file_size, limit=limit
        )


def _blocks(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    try:
        with archive.open(info) as fh:
            yield from iter(lambda: fh.read(_BLOCK), b"")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ImportFileError(
            "xlsx.part_damaged", file=name, part=info.filename, detail=str(exc)
        ) from None


class _PartScan:
    """Longest text run, cells per row and cells in all, over an XML part's blocks."""

    def __init__(self, name: str, part: str, sheet: bool) -> None:
        self.name, self.part, self.sheet = name, part, sheet
        self.run = 0  # bytes since the last "<"
        self.row_cells = 0
        self.cells = 0
        self.rows = 0
        self.elements = 0
        self.tail = b""

    def feed(self, block: bytes, final: bool = False) -> None:
        data = self.tail + block
        cut = len(data)
        if not final:  # a tag cut by the block's end is scanned whole with the next one
            lt = data.rfind(b"<", max(0, len(data) - 8))
            cut = lt if lt >= 0 else cut
        body, self.tail = data[:cut], data[cut:]
        self._text_runs(body)
        if self.sheet:
            self._cells(body)
            self._elements(body)

    def _text_runs(self, body: bytes) -> None:
        pieces = body.split(b"<")  # linear, in C: no regex backtracking over long runs
        self.run += len(pieces[0])
        self._check_run()
        if len(pieces) > 1:
            self.run = max(map(len, pieces[1:]))
            self._check_run()
            self.run = len(pieces[-1])

    def _check_run(self) -> None:
        if self.run > _MAX_TEXT_RUN:
            raise ImportFileError(
                "xlsx.part_cell_too_long", file=self.name, part=self.part, limit=MAX_CELL_CHARS
            )

    def _cells(self, body: bytes) -> None:
        pieces = body.split(b"<row")
        self.row_cells += _cell_tags(pieces[0])
        for piece in pieces[1:]:
            self._end_row()
            self.rows += 1
            self.row_cells = _cell_tags(piece)
        self._check_row()
        if self.rows > XLSX_MAX_ROWS:
            raise ImportFileError(
                "xlsx.too_many_rows", file=self.name, part=self.part, limit=XLSX_MAX_ROWS
            )

    def _elements(self, body: bytes) -> None:
        """Elements besides rows and cells (a cell and its value, formula or inline
        text take at most eight): openpyxl keeps those in memory as objects."""
        self.elements += body.count(b"<") - body.count(b"</") - body.count(b"<?")
        others = self.elements - self.rows - 8 * (self.cells + self.row_cells)
        if others > XLSX_MAX_OTHER_ELEMENTS:
            raise ImportFileError(
                "xlsx.too_many_elements",
                file=self.name,
                part=self.part,
                limit=XLSX_MAX_OTHER_ELEMENTS,
            )

    def _end_row(self) -> None:
        self._check_row()
        self.cells += self.row_cells
        if self.cells > XLSX_MAX_CELLS:
            raise ImportFileError(
                "xlsx.too_many_cells", file=self.name, part=self.part, limit=XLSX_MAX_CELLS
            )

    def _check_row(self) -> None:
        if self.row_cells > XLSX_MAX_ROW_CELLS:
            raise ImportFileError(
                "xlsx.row_too_many_cells",
                file=self.name,
                part=self.part,
                row=self.rows,
                limit=XLSX_MAX_ROW_CELLS,
            )


def _cell_tags(data: bytes) -> int:
    return sum(data.count(tag) for tag in _CELL_TAGS)


def _scan_part(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, sheet: bool) -> int:
    scan = _PartScan(name, info.filename, sheet)
    for block in _blocks(name, archive, info):
        scan.feed(block)
    scan.feed(b"", final=True)
    if sheet:
        scan._end_row()
    return scan.cells


def check_declared_sheet(name: str, rows: int | None, columns: int | None) -> None:
    """A sheet's ``<dimension>``: what it declares is refused before a row is read."""
    if rows is not None and rows > XLSX_MAX_ROWS:
        raise ImportFileError("xlsx.declared_rows", file=name, rows=rows, limit=XLSX_MAX_ROWS)
    if columns is not None and columns > XLSX_MAX_ROW_CELLS:
        raise ImportFileError(
            "xlsx.declared_columns", file=name, columns=columns, limit=XLSX_MAX_ROW_CELLS
        )


def too_many_rows(name: str, line: int, limit: int) -> ImportFileError:
    return ImportFileError("limit.too_many_rows", file=name, line=line, last=limit + 1, limit=limit)


def too_many_columns(name: str, line: int, columns: int) -> ImportFileError:
    return ImportFileError(
        "limit.too_many_columns", file=name, line=line, columns=columns, limit=MAX_COLUMNS
    )


def cell_too_long(
    name: str, line: int, column: int | None, *, letter: bool = False
) -> ImportFileError:
    """``column`` 1-based; the English names a sheet's column by letter, a text file's by
    number (the Chinese always by letter, as a spreadsheet heads it)."""
    if column is None:
        return ImportFileError("limit.cell_too_long", file=name, line=line, limit=MAX_CELL_CHARS)
    return ImportFileError(
        "limit.cell_too_long_cell" if letter else "limit.cell_too_long_column",
        file=name,
        line=line,
        column=column,
        limit=MAX_CELL_CHARS,
    )
