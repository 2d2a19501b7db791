"""Page furniture drawn once the page count is known, in one layout pass.

"第 x 页 共 y 页" needs the total, and the contents need the page each section starts
on; laying the document out twice (``multiBuild``) would double the time of a 5,000-row
package. Instead the canvas keeps each finished page's drawing operations and, at save,
adds the footer, the contents' page numbers, the outline and the links to every page
before writing it. Headings and page-number slots report where they landed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

FOOTER_SIZE = 8


@dataclass
class PageBook:
    """Shared by the flowables and the canvas of one build."""

    font: str
    footer_left: str
    footer_right: str
    page_label: str  # e.g. "第 {x} 页  共 {y} 页"
    creation_date: str  # PDF date text, e.g. "D:20190315083000+00'00'"
    section_pages: dict[str, int] = field(default_factory=dict)
    # page -> [(key, title, level, y)] outline entries, in document order
    outline: dict[int, list[tuple[str, str, int, float]]] = field(default_factory=dict)
    # page -> [(key, x_right, y, rect)] contents page-number slots
    slots: dict[int, list[tuple[str, float, float, tuple[float, float, float, float]]]] = field(
        default_factory=dict
    )
    pages: int = 0


class PackageCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds its pages until :meth:`save` (see the module docstring)."""

    def __init__(self, *args: Any, book: PageBook, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._book = book
        self._held: list[dict[str, Any]] = []
        date_text = book.creation_date
        self.setDateFormatter(lambda *_: date_text)

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        book = self._book
        total = len(self._held)
        book.pages = total
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._furnish(number, total)
            Canvas.showPage(self)
        self._held = []
        Canvas.save(self)

    def _furnish(self, number: int, total: int) -> None:
        book = self._book
        width, _height = self._pagesize
        self.saveState()
        self.setFont(book.font, FOOTER_SIZE)
        self.setFillGray(0.25)
        self.drawString(36, 20, book.footer_left)
        self.drawCentredString(width / 2, 20, book.page_label.format(x=number, y=total))
        self.drawRightString(width - 36, 20, book.footer_right)
        self.setStrokeGray(0.6)
        self.setLineWidth(0.4)
        self.line(36, 30, width - 36, 30)
        for index, (key, x_right, y, rect) in enumerate(book.slots.get(number, [])):
            target = book.section_pages.get(key)
            if target is None:
                continue
            self.setFont(book.font, 9)
            self.setFillGray(0)
            self.drawRightString(x_right, y, str(target))
            # Named explicitly: the automatic counter is part of the page state restored above.
            self.linkRect("", key, rect, relative=0, name=f"contents.{number}.{index}")
        self.restoreState()
        for key, title, level, y in book.outline.get(number, []):
            self.bookmarkHorizontalAbsolute(key, y)
            self.addOutlineEntry(title, key, level=level)


class Heading(Paragraph):  # type: ignore[misc]
    """A section heading that records its page (for the contents) and outline entry."""

    def __init__(
        self, text: str, style: Any, *, key: str, book: PageBook, level: int = 0, outline: str = ""
    ) -> None:
        super().__init__(text, style)
        self.key = key
        self.book = book
        self.level = level
        self.outline_title = outline or text

    def draw(self) -> None:
        page = self.canv.getPageNumber()
        _x, y = self.canv.absolutePosition(0, self.height)
        self.book.section_pages.setdefault(self.key, page)
        self.book.outline.setdefault(page, []).append(
            (self.key, self.outline_title, self.level, y + 4)
        )
        super().draw()


class PageNumberSlot(Flowable):  # type: ignore[misc]
    """Where the contents print a section's page number (filled in at save)."""

    def __init__(
        self, key: str, book: PageBook, width: float, height: float = 12, link_width: float = 0
    ) -> None:
        super().__init__()
        self.key = key
        self.book = book
        self.width = width
        self.height = height
        self.link_width = link_width or width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        page = self.canv.getPageNumber()
        _x0, y0 = self.canv.absolutePosition(0, 0)
        x1, y1 = self.canv.absolutePosition(self.width, self.height)
        self.book.slots.setdefault(page, []).append(
            (self.key, x1, y0 + 2.5, (x1 - self.link_width, y0, x1, y1))
        )
