"""Small files built to exhaust an importer's time or memory (issue 13 #3), written
straight with zipfile so each is made in seconds without ever holding its content."""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
OOXML = "http://schemas.openxmlformats.org/"
DOC_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
RELS = f"{OOXML}officeDocument/2006/relationships"
CONTENT_TYPES = (
    f'{XML}<Types xmlns="{OOXML}package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{DOC_TYPE}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{DOC_TYPE}.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'{XML}<Relationships xmlns="{OOXML}package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'{XML}<workbook xmlns="{OOXML}spreadsheetml/2006/main" xmlns:r="{RELS}">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'{XML}<Relationships xmlns="{OOXML}package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
SHEET_HEAD = f'{XML}<worksheet xmlns="{OOXML}spreadsheetml/2006/main">'
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>身份证号</t></is></c></row>'
)


def _workbook(path: Path, sheet_writer) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet_writer(sheet)
    return path


def declared_rows_xlsx(path: Path, rows: int = 5_000_000) -> Path:
    """A workbook declaring ``rows`` rows, its last row numbered so (a few KB)."""

    def write(sheet) -> None:  # type: ignore[no-untyped-def]
        sheet.write(SHEET_HEAD.encode() + f'<dimension ref="A1:B{rows}"/><sheetData>'.encode())
        sheet.write(HEADER_ROW.encode())
        sheet.write(
            f'<row r="{rows}"><c r="A{rows}" t="inlineStr"><is><t>刘某</t></is></c></row>'.encode()
        )
        sheet.write(b"</sheetData></worksheet>")

    return _workbook(path, write)


def listed_rows_xlsx(path: Path, rows: int, gap_to: int | None = None) -> Path:
    """``rows`` empty rows written out (``<row r="N"/>``), then one at ``gap_to``."""

    def write(sheet) -> None:  # type: ignore[no-untyped-def]
        sheet.write(SHEET_HEAD.encode() + b"<sheetData>" + HEADER_ROW.encode())
        for start in range(2, rows + 2, 100_000):
            end = min(start + 100_000, rows + 2)
            sheet.write("".join(f'<row r="{r}"/>' for r in range(start, end)).encode())
        if gap_to:
            sheet.write(f'<row r="{gap_to}"><c r="A{gap_to}"><v>1</v></c></row>'.encode())
        sheet.write(b"</sheetData></worksheet>")

    return _workbook(path, write)


def huge_cell_xlsx(path: Path, cell_bytes: int = 1 << 30) -> Path:
    """A workbook with one inline-string cell of ``cell_bytes`` letters, about 1 MB.

    Written as raw deflate by hand: the 16 MiB block of letters is compressed once after
    a full flush (no reference to what came before) and its bytes repeated, so the file
    is made in about a second instead of deflating a gibibyte."""
    chunk = 1 << 24
    prefix = (
        SHEET_HEAD + "<sheetData>" + HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>'
    ).encode()
    suffix = b"</t></is></c></row></sheetData></worksheet>"
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = comp.compress(prefix) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(b"A" * chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.compress(suffix) + comp.flush(zlib.Z_FINISH)
    repeats, rest = divmod(cell_bytes, chunk)
    assert rest == 0, "a whole number of 16 MiB blocks"
    crc = zlib.crc32(prefix)
    letters = b"A" * chunk
    for _ in range(repeats):
        crc = zlib.crc32(letters, crc)
    crc = zlib.crc32(suffix, crc)
    sheet = RawPart(
        "xl/worksheets/sheet1.xml",
        head + block * repeats + tail,
        crc,
        len(prefix) + cell_bytes + len(suffix),
    )
    small = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ]
    parts = [RawPart.deflated(name, text.encode()) for name, text in small]
    write_zip(path, [*parts, sheet])
    return path


@dataclass(frozen=True)
class RawPart:
    """A zip member given as its raw deflate bytes, CRC-32 and unpacked size."""

    name: str
    packed: bytes
    crc: int
    size: int

    @classmethod
    def deflated(cls, name: str, data: bytes) -> RawPart:
        comp = zlib.compressobj(9, zlib.DEFLATED, -15)
        return cls(name, comp.compress(data) + comp.flush(), zlib.crc32(data), len(data))


def write_zip(path: Path, parts: list[RawPart]) -> None:
    """A plain zip (no zip64: every size below 4 GiB) of deflated members."""
    central = b""
    with path.open("wb") as out:
        for part in parts:
            name = part.name.encode()
            offset = out.tell()
            fields = (20, 0, 8, 0, 0x21, part.crc, len(part.packed), part.size, len(name), 0)
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name + part.packed)
            central += (
                struct.pack(
                    "<IHHHHHHIIIHHHHHII",
                    0x02014B50,
                    20,
                    *fields,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + name
            )
        start = out.tell()
        out.write(central)
        out.write(
            struct.pack(
                "<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), start, 0
            )
        )


def wide_csv(path: Path, extra_columns: int = 100_000) -> Path:
    """A persons CSV whose header and row carry ``extra_columns`` more columns (~890 KB)."""
    names = ",".join(f"c{i}" for i in range(extra_columns))
    cells = "," * extra_columns
    path.write_text(f"姓名,身份证号,{names}\n刘某,11010519491231002X{cells}\n", encoding="utf-8")
    return path


def long_cell_csv(path: Path, cell_chars: int = 50_000_000, quoted: bool = True) -> Path:
    """A persons CSV with one cell of ``cell_chars`` letters, quoted over many lines."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("姓名,身份证号,备注\n刘某,11010519491231002X,")
        fh.write('"' if quoted else "")
        line = "A" * 999 + "\n"
        for _ in range(cell_chars // 1000):
            fh.write(line if quoted else line[:-1])
        fh.write('"\n' if quoted else "\n")
    return path
