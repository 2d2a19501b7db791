"""The cover and the contents (page numbers filled in at save, see ``pages``)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from workbench.domain import vocab
from workbench.reports import formatting as fmt
from workbench.reports.model import PackageData
from workbench.reports.pages import PageNumberSlot
from workbench.reports.persons import suspect_title
from workbench.reports.render import Cell, Render, markup
from workbench.reports.sections import Section

# -- cover and contents ------------------------------------------------------------


def build_cover(data: PackageData, r: Render) -> list[Flowable]:
    h = data.header
    out: list[Flowable] = [
        r.para(r.t("classification"), r.st.marking),
        Spacer(1, 110),
        r.para(h.unit, r.st.subtitle),
        Spacer(1, 14),
        r.para(r.t("package_title"), r.st.title),
        r.para(r.t("package_subtitle"), r.st.subtitle),
        Spacer(1, 30),
        r.para(h.title, r.st.subtitle),
        Spacer(1, 50),
    ]
    pairs = [
        (r.t("unit"), h.unit),
        (r.t("case_code"), h.code),
        (r.t("case_name"), h.title),
        (r.t("nickname"), h.nickname),
        (r.t("level"), r.label(vocab.CASE_LEVELS, h.level)),
        (r.t("category"), r.label(vocab.CASE_CATEGORIES, h.category)),
        (r.t("status"), r.label(vocab.CASE_STATUSES, h.status)),
        (r.t("opened_on"), fmt.day(h.opened_on)),
        (r.t("lead"), h.lead),
        (r.t("marking"), r.t("classification")),
        (r.t("doc_date"), fmt.day(data.document_date)),
        (r.t("prepared_by"), _preparer(data, r)),
    ]
    out.append(KeepTogether([r.fields(pairs)]))
    out.append(Spacer(1, 10))
    profile = r.profile(data.profile_words, data.profile_label)
    out.append(r.para(f"{r.t('profile')}{r.colon}{profile}", r.st.small))
    if data.redacted:
        out.append(r.para(r.t("redacted_note"), r.st.small))
    out.append(r.para(r.t("date_note"), r.st.small))
    return out


def _preparer(data: PackageData, r: Render) -> str:
    """Real name and police number: "韦国栋(警号 410001)"."""
    if not data.prepared_by_police_no:
        return data.prepared_by
    number = f"{r.t('police_no')} {data.prepared_by_police_no}"
    return (
        f"{data.prepared_by}({number})"
        if r.lang.startswith("zh")
        else (f"{data.prepared_by} ({number})")
    )


def contents_entries(
    data: PackageData, r: Render, sections: Sequence[Section]
) -> list[tuple[str, str, int]]:
    """(key, title, level) for every heading the contents list, in document order."""
    entries: list[tuple[str, str, int]] = []
    for s in sections:
        entries.append((s.key, r.t(s.title), 0))
        if s.key == "suspects":
            for n, p in enumerate(data.suspects, start=1):
                entries.append((f"suspect:{p.person_id}", suspect_title(n, p, r), 1))
    return entries


def build_contents(data: PackageData, r: Render, sections: Sequence[Section]) -> list[Flowable]:
    out: list[Flowable] = [r.para(r.t("contents"), r.st.title), Spacer(1, 12)]
    number_w = 40.0
    rows: list[list[Cell]] = []
    for key, title, level in contents_entries(data, r, sections):
        style = r.st.toc if level == 0 else r.st.toc_sub
        rows.append(
            [
                Paragraph(markup(title), style),
                PageNumberSlot(key, r.book, number_w, link_width=r.width),
            ]
        )
    table = Table(rows, colWidths=[r.width - number_w, number_w], hAlign="LEFT", repeatRows=0)
    table.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), r.st.font, 9),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, (0.8, 0.8, 0.8)),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    out.append(table)
    return out
