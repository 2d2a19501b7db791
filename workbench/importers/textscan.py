"""One streaming pass over a text table before pandas reads it.

The bytes are hashed (SHA-256, for the audit entry), refused at the first NUL (binary
data), decoded strictly in the chosen encoding (a byte that does not fit is named by
its line) and, in a GB18030 file, searched for lines that are UTF-8 text. Without a
quote character no cell can run over a line, so columns, cell size and rows are
checked on the raw lines with C-level splits and counts (``_UnquotedShape``). A file that
quotes gets a second pass through the ``csv`` module's reader, whose
``field_size_limit`` stops a cell at the limit before it is ever held whole. Memory stays
a block plus a line (or a row), whatever the file holds.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from operator import methodcaller
from pathlib import Path
from typing import IO, Any

from workbench.importers import limits
from workbench.importers.encodings import GB, Utf8LinesInGb, label, undecodable
from workbench.importers.errors import ImportCancelled, ImportFileError

BLOCK = 4 << 20
# Longer than this, a line holds more than MAX_COLUMNS cells or a cell over the limit.
_MAX_LINE_BYTES = limits.MAX_COLUMNS * limits.MAX_CELL_CHARS * 4

ByteProgress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class TextScan:
    sha256: str
    lines: int  # physical lines, header included


class _ScannedBytes(io.RawIOBase):
    """The file's bytes, hashed, checked and decoded strictly as they are read."""

    def __init__(
        self,
        fh: IO[bytes],
        name: str,
        size: int,
        encoding: str,
        progress: ByteProgress | None,
        cancelled: CancelCheck | None,
    ) -> None:
        super().__init__()
        self.fh, self.name, self.size, self.encoding = fh, name, size, encoding
        self.progress, self.cancelled = progress, cancelled
        self.digest = hashlib.sha256()
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        self.watch = Utf8LinesInGb(name) if encoding == GB else None
        self.shape: _UnquotedShape | None = None  # set by scan_text
        self.lines = 0
        self.done = 0
        self.non_ascii_before = False
        self.last = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()
        block = self.fh.read(min(len(buffer), BLOCK))
        if block:
            self._check(block)
        else:
            self._finish()
        n = len(block)
        buffer[:n] = block
        return n

    def _check(self, block: bytes) -> None:
        self.digest.update(block)
        nul = block.find(b"\x00")
        if nul >= 0:
            line = self.lines + block.count(b"\n", 0, nul) + 1
            raise ImportFileError("text.binary_near_line", file=self.name, line=line)
        try:
            self.decoder.decode(block)
        except UnicodeDecodeError as exc:
            at = max(exc.start, 0)
            line = self.lines + block.count(b"\n", 0, at) + 1
            begin = block.rfind(b"\n", 0, at) + 1
            end = block.find(b"\n", at)
            text_before = self.non_ascii_before or not block[:begin].isascii()
            raise undecodable(
                self.name,
                line,
                block[begin : end if end >= 0 else len(block)].rstrip(b"\r"),
                self.encoding,
                text_before,
            ) from None
        if self.watch is not None:
            self.watch.feed(block)
        if self.shape is not None:
            self.shape.feed(block)
        self.non_ascii_before = self.non_ascii_before or not block.isascii()
        self.lines += block.count(b"\n")
        self.last = block[-1:]
        self.done += len(block)
        if self.progress is not None:
            self.progress(self.done, self.size)

    def _finish(self) -> None:
        try:
            self.decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise ImportFileError(
                "encoding.cut_character", file=self.name, encoding=label(self.encoding)
            ) from None
        if self.watch is not None:
            self.watch.finish()
        if self.shape is not None:
            self.shape.finish()


class _UnquotedShape:
    """Columns, cell size and rows of a file without quotes, line by line, in C-level
    splits and counts; it stands down (``quoted``) at the first quote character."""

    def __init__(self, name: str, separator: str, encoding: str) -> None:
        self.name, self.encoding = name, encoding
        self.sep = separator.encode("ascii")  # never part of a GB18030/UTF-8 character
        self.count_seps = methodcaller("count", self.sep)
        self.quoted = False
        self.tail = b""
        self.line = 1  # the number of the tail's line

    def feed(self, block: bytes) -> None:
        if self.quoted or b'"' in block:
            self.quoted, self.tail = True, b""
            return
        data = self.tail + block
        cut = data.rfind(b"\n") + 1
        self._lines(data[:cut])
        self.tail = data[cut:]
        if len(self.tail) > _MAX_LINE_BYTES:  # one line can hold no more
            raise limits.too_many_columns(self.name, self.line, self.tail.count(self.sep) + 1)

    def finish(self) -> None:
        if not self.quoted and self.tail:
            self._lines(self.tail + b"\n")
        if not self.quoted and self.line - 1 > limits.MAX_ROWS + 1:
            raise limits.too_many_rows(self.name, limits.MAX_ROWS + 2, limits.MAX_ROWS)

    def _lines(self, complete: bytes) -> None:
        if not complete:
            return
        lines = complete.split(b"\n")[:-1]
        seps = list(map(self.count_seps, lines))
        widest = max(seps)
        if widest + 1 > limits.MAX_COLUMNS:
            raise limits.too_many_columns(self.name, self.line + seps.index(widest), widest + 1)
        if max(map(len, lines)) > limits.MAX_CELL_CHARS:  # a cell can be no longer
            self._long_cell(lines)  # bytes, not yet characters: look closer
        self.line += len(lines)

    def _long_cell(self, lines: list[bytes]) -> None:
        for i, line in enumerate(lines):
            if len(line) <= limits.MAX_CELL_CHARS:
                continue
            for j, cell in enumerate(line.split(self.sep), start=1):
                if len(cell) > limits.MAX_CELL_CHARS:
                    text = cell.decode(self.encoding, errors="replace").rstrip("\r")
                    if len(text) > limits.MAX_CELL_CHARS:
                        raise limits.cell_too_long(self.name, self.line + i, j)


def scan_text(
    path: Path,
    size: int,
    separator: str,
    encoding: str,
    progress: ByteProgress | None = None,
    cancelled: CancelCheck | None = None,
) -> TextScan:
    """Hash, encoding and table shape of a text file in one pass (ImportFileError)."""
    name = path.name
    with path.open("rb") as fh:
        raw = _ScannedBytes(fh, name, size, encoding, progress, cancelled)
        raw.shape = _UnquotedShape(name, separator, encoding)
        while raw.read(BLOCK):
            pass
    if raw.shape.quoted:  # cells may run over lines: the csv module's reader decides
        with path.open(encoding=encoding, errors="strict", newline="") as text:
            _check_rows(csv.reader(text, delimiter=separator), name)
    lines = raw.lines + (1 if raw.last not in (b"", b"\n") else 0)
    return TextScan(raw.digest.hexdigest(), lines)


def _check_rows(reader: Any, name: str) -> None:  # csv.reader (its type is private)
    previous = csv.field_size_limit(limits.MAX_CELL_CHARS)
    rows = 0
    row_start = 1  # a quoted cell may run over several lines: name the row's first
    try:
        for row in reader:
            row_end = reader.line_num
            if not row:
                row_start = row_end + 1
                continue  # a blank line, skipped as pandas skips it
            if len(row) > limits.MAX_COLUMNS:
                raise limits.too_many_columns(name, row_start, len(row))
            rows += 1
            if rows > limits.MAX_ROWS + 1:
                raise limits.too_many_rows(name, reader.line_num, limits.MAX_ROWS)
            row_start = row_end + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise limits.cell_too_long(name, row_start, None) from None
        raise ImportFileError(
            "table.unreadable_line", file=name, line=reader.line_num, detail=str(exc)
        ) from None
    finally:
        csv.field_size_limit(previous)
