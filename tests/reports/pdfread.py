"""Reading a package back: page texts, outline and contents numbers, fonts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pypdf import PdfReader


def compact(text: str) -> str:
    """Text without whitespace: extraction splits lines and cells wherever it likes."""
    return "".join(text.split())


class Package:
    def __init__(self, path: Path) -> None:
        self.reader = PdfReader(str(path))
        self.pages = [p.extract_text() or "" for p in self.reader.pages]

    @property
    def text(self) -> str:
        return compact("".join(self.pages))

    def outline(self) -> list[tuple[str, int]]:
        """(title, 0-based page) of every bookmark, in document order."""
        out: list[tuple[str, int]] = []

        def walk(items: list[Any]) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    page = self.reader.get_destination_page_number(item)
                    out.append((str(item.title), page))

        walk(self.reader.outline)
        return out

    def contents_numbers(self, first_section_page: int) -> list[int]:
        """The page numbers printed on the contents pages (drawn after the footer)."""
        numbers: list[int] = []
        for text in self.pages[1:first_section_page]:
            lines = [line.strip() for line in text.splitlines()]
            footer = next(
                i for i, line in enumerate(lines) if re.search(r"第 ?\d+ ?页|Page \d+ of", line)
            )
            numbers += [int(line) for line in lines[footer + 1 :] if line.isdigit()]
        return numbers

    def unembedded_fonts(self) -> list[str]:
        missing = []
        for page in self.reader.pages:
            fonts = page["/Resources"].get("/Font", {})
            for font in fonts.values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                if not embedded:
                    missing.append(str(font["/BaseFont"]))
        return sorted(set(missing))
