"""Lay the package out and write the PDF: one pass, reportlab's invariant mode.

``build_package`` is a plain function with a progress callback and a cancel flag, so
the command line, the window's worker thread and the benchmark run the same code.
The output depends only on the data: invariant mode fixes the document ID and the
creation date comes from the data (the audit head), never the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from workbench.reports.fonts import FontChoice, cjk_font
from workbench.reports.front import build_contents, build_cover
from workbench.reports.model import PackageData
from workbench.reports.pages import PackageCanvas, PageBook
from workbench.reports.render import Render
from workbench.reports.sections import (
    OPEN_ITEMS,
    SECTION_KEYS,
    SECTIONS,
    Section,
    section_flowables,
)
from workbench.reports.strings import t
from workbench.reports.styles import make_styles

MARGIN = 40.0
BOTTOM = 44.0  # room for the footer
ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class BuildCancelled(Exception):
    """The user cancelled; nothing was written to the output."""


@dataclass(frozen=True)
class BuildOptions:
    lang: str = "zh_CN"
    sections: Collection[str] | None = None  # None: every section
    open_items: bool = True  # print the "Open items" page when there are any


@dataclass(frozen=True)
class BuildResult:
    pages: int
    section_pages: dict[str, int]
    font: FontChoice


def chosen_sections(options: BuildOptions, data: PackageData) -> list[Section]:
    wanted = set(SECTION_KEYS if options.sections is None else options.sections)
    unknown = wanted - set(SECTION_KEYS) - {"open_items"}
    if unknown:
        raise ValueError(f"unknown sections: {', '.join(sorted(unknown))}")
    out = [s for s in SECTIONS if s.key in wanted]
    if options.open_items and data.open_items:
        out.append(OPEN_ITEMS)
    return out


def pdf_date(iso_utc: str) -> str:
    """ "2019-03-01T02:03:04.000005Z" -> "D:20190301020304+00'00'" (PDF date text)."""
    digits = "".join(ch for ch in iso_utc[:19] if ch.isdigit())
    if len(digits) != 14:
        digits = "20000101000000"
    return f"D:{digits}+00'00'"


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(
        self,
        out: BinaryIO,
        *,
        total: int,
        progress: ProgressFn | None,
        cancelled: CancelFn | None,
        **kw: Any,
    ) -> None:
        super().__init__(out, **kw)
        self._wb_total = total
        self._wb_done = 0
        self._wb_progress = progress
        self._wb_cancelled = cancelled

    def handle_pageBegin(self) -> None:
        if self._wb_cancelled is not None and self._wb_cancelled():
            raise BuildCancelled("cancelled")
        super().handle_pageBegin()

    def afterFlowable(self, flowable: Flowable) -> None:
        self._wb_done += 1
        if self._wb_progress is not None and self._wb_done % 25 == 0:
            self._wb_progress(min(self._wb_done, self._wb_total), self._wb_total)


def build_package(
    data: PackageData,
    out: BinaryIO,
    options: BuildOptions | None = None,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> BuildResult:
    """Write the package for ``data`` to ``out``; BuildCancelled if ``cancelled()``."""
    options = options or BuildOptions()
    lang = options.lang
    font = cjk_font()
    styles = make_styles(font.name)
    book = PageBook(
        font=font.name,
        footer_left=f"{data.header.code}",
        footer_right=t("classification", lang),
        page_label=t("page_x_of_y", lang),
        creation_date=pdf_date(data.audit.head_at),
    )
    portrait_size = A4
    landscape_size = landscape(A4)
    render = Render(
        lang=lang,
        st=styles,
        book=book,
        width=portrait_size[0] - 2 * MARGIN,
        wide=landscape_size[0] - 2 * MARGIN,
    )
    sections = chosen_sections(options, data)
    story: list[Flowable] = []
    story += build_cover(data, render)
    story.append(PageBreak())
    story += build_contents(data, render, sections)
    story += section_flowables(data, render, sections)

    def frame(size: tuple[float, float]) -> Frame:
        return Frame(
            MARGIN,
            BOTTOM,
            size[0] - 2 * MARGIN,
            size[1] - MARGIN - BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    doc = _Doc(
        out,
        total=len(story),
        progress=progress,
        cancelled=cancelled,
        pagesize=portrait_size,
        invariant=1,
        title=f"{data.header.code} {data.header.title}",
        author=data.header.unit,
        subject=t("package_title", lang),
        creator="Task Force Workbench",
        lang="zh-CN" if lang.startswith("zh") else "en",
        initialFontName=font.name,  # no unembedded Helvetica in the page resources
    )
    doc.addPageTemplates(
        [
            PageTemplate("portrait", [frame(portrait_size)], pagesize=portrait_size),
            PageTemplate("landscape", [frame(landscape_size)], pagesize=landscape_size),
        ]
    )

    def canvasmaker(*args: Any, **kwargs: Any) -> PackageCanvas:
        return PackageCanvas(*args, book=book, **kwargs)

    total = len(story)  # build() consumes the list
    doc.build(story, canvasmaker=canvasmaker)
    if progress is not None:
        progress(total, total)
    return BuildResult(book.pages, dict(book.section_pages), font)
