"""What every section draws with: the language, styles, page book and table helpers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Table,
)

from workbench.domain import vocab
from workbench.domain.quantities import format_grams
from workbench.domain.tiers import TIER_LABELS
from workbench.reports.pages import Heading, PageBook
from workbench.reports.strings import t
from workbench.reports.styles import (
    CELL_PADDING,
    TOTAL_FILL,
    Styles,
    field_style,
    grid_style,
)

type Cell = str | Flowable
MAX_EM = 1.2  # widest glyph advance, in em, of the fonts in fonts.CANDIDATES


@dataclass
class Render:
    """What every section needs: language, styles, the page book and frame widths."""

    lang: str
    st: Styles
    book: PageBook
    width: float  # portrait frame
    wide: float  # landscape frame

    def t(self, key: str, **fields: object) -> str:
        return t(key, self.lang, **fields)

    @property
    def colon(self) -> str:
        return "：" if self.lang.startswith("zh") else ": "

    @property
    def comma(self) -> str:
        """Between items of a list: the enumeration comma in Chinese."""
        return "、" if self.lang.startswith("zh") else ", "

    def label(self, labels: vocab.Labels, key: str | None) -> str:
        return "" if not key else vocab.label(labels, key, self.lang)

    def para(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(markup(text), wrapping(text, style or self.st.body))

    def cell(self, text: str) -> str:
        """Cell text; :meth:`grid` wraps it only if it does not fit (see :meth:`fit`)."""
        return text or ""

    def fit(self, value: Cell, width: float, style: ParagraphStyle | None = None) -> Cell:
        """A plain string where every line fits the column, else a wrapping Paragraph.

        Plain cells cost the table a fraction of a Paragraph's parse, wrap and draw; most
        cells (numbers, dates, names) fit, so a 5,000-row list lays out several times
        faster, and long text still wraps instead of running over its neighbours."""
        if not isinstance(value, str):
            return value
        style = style or self.st.cell
        room = width - 2 * CELL_PADDING
        size = style.fontSize
        # No glyph of the CJK fonts we use is wider than 1.2 em: short text needs no measuring.
        if all(
            len(line) * size * MAX_EM <= room or stringWidth(line, self.st.font, size) <= room
            for line in value.split("\n")
        ):
            return value
        return Paragraph(markup(value), wrapping(value, style))

    def heading(self, key: str, text: str, level: int = 0) -> Heading:
        style = self.st.h1 if level == 0 else self.st.h2
        return Heading(markup(text), style, key=key, book=self.book, level=level, outline=text)

    def profile(self, words: tuple[str, str], label: str) -> str:
        """The rule profile named in words in this language (its label if none given)."""
        text = words[0] if self.lang.startswith("zh") else words[1]
        return text or label

    def excluded(self, pairs: Sequence[tuple[str, int]]) -> str:
        """ "(不含:大麻油 999 克)" after a heroin equivalent, or "" when nothing is left out."""
        if not pairs:
            return ""
        items = self.comma.join(
            self.t("grams_of", what=self.label(vocab.DRUGS, drug), grams=format_grams(mg))
            for drug, mg in pairs
        )
        return self.t("excluded", items=items)

    def tier_text(self, tier: str | None) -> str:
        if tier is None:
            return self.t("no_tier")
        zh, en = TIER_LABELS.get(tier, (tier, tier))
        return zh if self.lang.startswith("zh") else en

    def grid(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        *,
        right: tuple[int, ...] = (),
        totals: int = 0,
    ) -> Table:
        """A table split across pages with its header repeated; the last ``totals`` rows
        are shaded as totals."""
        data: list[Sequence[Cell]] = [
            [self.fit(v, w) for v, w in zip(row, widths, strict=True)] for row in [header, *rows]
        ]
        style = grid_style(self.st.font, right_cols=right)
        if totals:
            style.add("BACKGROUND", (0, len(data) - totals), (-1, -1), TOTAL_FILL)
        return Table(data, colWidths=list(widths), repeatRows=1, style=style, hAlign="LEFT")

    def fields(
        self, pairs: Sequence[tuple[str, str]], width: float | None = None, *, per_row: int = 2
    ) -> Table:
        """Label/value pairs, ``per_row`` (1 or 2) to a row (particulars, cover, hashes)."""
        w = width or self.width
        label_w = 78.0
        value_w = (w - per_row * label_w) / per_row
        rows: list[list[Cell]] = []
        for i in range(0, len(pairs), per_row):
            row: list[Cell] = []
            for label, value in pairs[i : i + per_row]:
                row += [
                    self.fit(label, label_w, self.st.field),
                    self.fit(value, value_w, self.st.field),
                ]
            row += [""] * (2 * per_row - len(row))
            rows.append(row)
        return Table(
            rows,
            colWidths=[label_w, value_w] * per_row,
            style=field_style(self.st.font, label_cols=tuple(range(0, 2 * per_row, 2))),
            hAlign="LEFT",
        )


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
_LATIN: dict[str, ParagraphStyle] = {}


def wrapping(text: str, style: ParagraphStyle) -> ParagraphStyle:
    """CJK wrapping (a break between any two characters) where the text has Chinese;
    otherwise breaks at spaces only, so English words are never split mid-word."""
    if _CJK.search(text) or style.wordWrap != "CJK":
        return style
    latin = _LATIN.get(style.name)
    if latin is None:
        latin = _LATIN[style.name] = ParagraphStyle(f"{style.name}_latin", parent=style)
        latin.wordWrap = None
    return latin


def markup(text: str) -> str:
    return escape(text or "").replace("\n", "<br/>")
