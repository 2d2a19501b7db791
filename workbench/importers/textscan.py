"""One streaming pass over a text table before pandas reads it.

The bytes are hashed (SHA-256, for the audit entry), refused at the first NUL (binary
data), decoded strictly in the chosen encoding (a byte that does not fit is named by
its line) and, in a GB18030 file, searched for lines that are UTF-8 text. The decoded
text goes through the ``csv`` module's reader, whose ``field_size_limit`` stops a cell at
the cell size limit before it is ever held whole, and whose rows are counted against the
columns and rows limits. Memory stays one block plus one row, whatever the file holds.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from workbench.importers import limits
from workbench.importers.encodings import GB, Utf8LinesInGb, label, undecodable
from workbench.importers.errors import ImportCancelled, ImportFileError

BLOCK = 4 << 20

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
            raise ImportFileError(
                f"{self.name}: contains binary data near line {line}; this is not a CSV text table"
            )
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
                f"{self.name}: the last line is cut in the middle of a "
                f"{label(self.encoding)} character"
            ) from None
        if self.watch is not None:
            self.watch.finish()


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
        text = io.TextIOWrapper(
            io.BufferedReader(raw, BLOCK), encoding=encoding, errors="strict", newline=""
        )
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
            f"{name}: line {reader.line_num}: cannot read as a table ({exc})"
        ) from None
    finally:
        csv.field_size_limit(previous)
