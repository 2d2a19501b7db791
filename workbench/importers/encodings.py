"""Which text encoding a file is in, and refusing a file that mixes two of them.

Our files come in UTF-8 (with or without a BOM) or GBK/GB18030. A file saved in pieces
by different programs can switch between them at any line. GBK bytes are rarely valid
UTF-8, so UTF-8 decoding finds a GBK line by itself; UTF-8 Chinese, though, is almost
always *valid* GB18030 (李四 reads as 鏉庡洓), so a GB18030 file is also searched for lines
that are UTF-8 text. Either way the refusal names the first line that does not fit.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from workbench.importers.errors import ImportFileError

UTF8 = "utf-8"
GB = "gb18030"
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
_NAMES = {UTF8: "UTF-8", "utf-8-sig": "UTF-8", GB: "GBK/GB18030"}
# Two Chinese characters in a row as UTF-8 (three bytes each, U+4E00–U+9FFF). GBK text
# holds this byte pattern about once in a thousand characters: only then is the whole
# line decoded to see whether it is UTF-8 text.
_TAIL_KEPT = 1 << 16
_UTF8_CJK_PAIR = re.compile(rb"[\xe4-\xe9][\x80-\xbf]{2}[\xe4-\xe9][\x80-\xbf]{2}")


def label(encoding: str) -> str:
    return _NAMES.get(encoding, encoding)


def normalise(name: str) -> str:
    key = codecs.lookup(name).name
    if key in _GB_FAMILY or key.replace("-", "") in _GB_FAMILY:
        return GB  # the superset: GBK files decode the same
    if key in ("utf-8", "ascii"):
        return UTF8
    return key


def _is_utf8_text(line: bytes) -> bool:
    """Valid UTF-8 holding at least one three-byte character (Chinese, full-width …):
    a GBK line is seldom valid UTF-8, and then only with two-byte characters."""
    try:
        text = line.decode(UTF8)
    except UnicodeDecodeError:
        return False
    return any("\u0800" <= ch <= "\uffff" for ch in text)


def _is_gb_text(line: bytes) -> bool:
    try:
        line.decode(GB)
    except UnicodeDecodeError:
        return False
    return True


def _reads_as_chinese(sample: bytes) -> bool:
    """Valid GB18030 holding Chinese characters (CJK ideographs or punctuation)."""
    try:
        text = sample.decode(GB)
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" for ch in text)


def _line_class(line: bytes) -> str | None:
    if line.isascii():
        return None
    if _is_utf8_text(line):
        return UTF8
    return GB if _is_gb_text(line) else None


def mixed(name: str, line: int, found: str, before: str) -> ImportFileError:
    return ImportFileError(
        "encoding.mixed", file=name, line=line, found=label(found), before=label(before)
    )


def undecodable(
    name: str, number: int, line: bytes, encoding: str, text_before: bool
) -> ImportFileError:
    """A line that does not decode in ``encoding``: named as the other encoding when it
    is that one's text, else as not fitting (``text_before``: non-ASCII lines came first)."""
    other = GB if encoding in (UTF8, "utf-8-sig") else UTF8 if encoding == GB else None
    if text_before and other is not None and _line_class(line) == other:
        return mixed(name, number, other, encoding)
    return ImportFileError(
        "encoding.invalid_line_mixed" if text_before else "encoding.invalid_line",
        file=name,
        line=number,
        encoding=label(encoding),
    )


def first_misfit(sample: bytes, name: str, *, complete: bool) -> ImportFileError | None:
    """The first line whose encoding differs from the first non-ASCII line's, if any."""
    lines = sample.split(b"\n")
    if not complete:
        lines = lines[:-1]  # the sample may end inside a line
    first: str | None = None
    for number, line in enumerate(lines, start=1):
        kind = _line_class(line)
        if kind is None:
            continue
        if first is None:
            first = kind
        elif kind != first:
            return mixed(name, number, kind, first)
    return None


def detect(sample: bytes, name: str, *, complete: bool) -> str:
    """The encoding of a file from its first bytes; ``complete``: they are the whole file."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if not complete and b"\n" in sample:
        # Whole lines only: a character cut by the sample's end fits no codec at all.
        sample, complete = sample[: sample.rfind(b"\n") + 1], True
    try:
        sample.decode(UTF8)
        return UTF8
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4 and not complete:  # a character cut by the sample
            return UTF8
    misfit = first_misfit(sample, name, complete=complete)
    if misfit is not None:
        raise misfit
    if _reads_as_chinese(sample):
        # Short Chinese files fit several codecs about as well (豫 and 白 alone read as
        # Shift-JIS); our files are GBK far more often than anything else but UTF-8, so
        # a sample that decodes as GB18030 into Chinese is taken as that (the user can
        # still override with --encoding).
        return GB
    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        raise ImportFileError("encoding.undetected", file=name)
    return normalise(best.encoding)


class Utf8LinesInGb:
    """Watches the raw blocks of a GB18030 file for a line that is UTF-8 text."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines_before = 0  # newlines in the blocks already seen
        self.tail = b""  # the unfinished last line of the previous block

    def feed(self, block: bytes) -> None:
        data = self.tail + block
        start_line = self.lines_before - self.tail.count(b"\n")
        for match in _UTF8_CJK_PAIR.finditer(data):
            begin = data.rfind(b"\n", 0, match.start()) + 1
            end = data.find(b"\n", match.end())
            line = data[begin : end if end >= 0 else len(data)].rstrip(b"\r")
            if end >= 0 and _is_utf8_text(line):
                raise mixed(self.name, start_line + data.count(b"\n", 0, begin) + 1, UTF8, GB)
        cut = data.rfind(b"\n") + 1
        self.tail = data[cut:][-_TAIL_KEPT:]  # of a very long line only its end is kept
        self.lines_before += block.count(b"\n")

    def finish(self) -> None:
        if self.tail:
            self.feed(b"\n")
