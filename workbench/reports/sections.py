"""The sections of the package, each a function from the data to flowables.

``SECTIONS`` is the order of the document after the cover and contents; a section
the user unticks is left out of the contents too. The chronology is the event table
followed by ``EVENT_PARTS``' further parts: the timeline chart
(``reports/timeline_chart.py``) joins by adding its builder there, after the table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from workbench.domain import vocab
from workbench.domain.tiers import TIER_LABELS
from workbench.reports import formatting as fmt
from workbench.reports.model import PackageData, PartySection
from workbench.reports.pages import Heading, PageBook, PageNumberSlot
from workbench.reports.strings import STRINGS, t
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

    def label(self, labels: vocab.Labels, key: str | None) -> str:
        return "" if not key else vocab.label(labels, key, self.lang)

    def para(self, text: str, style: object | None = None) -> Paragraph:
        return Paragraph(_markup(text), style or self.st.body)

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
        return Paragraph(_markup(value), style)

    def heading(self, key: str, text: str, level: int = 0) -> Heading:
        style = self.st.h1 if level == 0 else self.st.h2
        return Heading(_markup(text), style, key=key, book=self.book, level=level, outline=text)

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

    def fields(self, pairs: Sequence[tuple[str, str]], width: float | None = None) -> Table:
        """Label/value pairs two to a row (particulars, cover)."""
        w = width or self.width
        label_w = 78.0
        value_w = (w - 2 * label_w) / 2
        rows: list[list[Cell]] = []
        for i in range(0, len(pairs), 2):
            row: list[Cell] = []
            for label, value in pairs[i : i + 2]:
                row += [
                    self.fit(label, label_w, self.st.field),
                    self.fit(value, value_w, self.st.field),
                ]
            if len(row) < 4:
                row += ["", ""]
            rows.append(row)
        return Table(
            rows,
            colWidths=[label_w, value_w, label_w, value_w],
            style=field_style(self.st.font),
            hAlign="LEFT",
        )


def _markup(text: str) -> str:
    return escape(text or "").replace("\n", "<br/>")


Builder = Callable[[PackageData, Render], list[Flowable]]


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # strings key
    build: Builder
    landscape: bool = False


# -- summary -----------------------------------------------------------------------

FACT_KINDS = frozenset(
    {"tip", "case_opened", "target_designation", "raid", "arrest", "seizure", "search", "measure"}
)
CAUGHT_KINDS = frozenset({"raid", "arrest"})
MAX_FACTS = 300


def build_summary(data: PackageData, r: Render) -> list[Flowable]:
    h = data.header
    out: list[Flowable] = [r.heading("summary", r.t("sec_summary"))]
    out.append(r.para(h.title, r.st.h2))
    if h.summary:
        out.append(r.para(h.summary))
    out += [r.para(r.t("source"), r.st.h2), r.para(h.source or r.t("no_records"))]
    caught = [e for e in data.events if e.kind in CAUGHT_KINDS]
    out.append(r.para(r.t("how_caught"), r.st.h2))
    if caught:
        for e in caught:
            when = fmt.local(e.occurred_at, data.zone, e.precision)
            said = e.description if e.description and e.description != e.title else ""
            text = f"{when}  {e.title}" + (f":{said}" if said else "")
            out.append(r.para(text))
    else:
        out.append(r.para(r.t("no_records")))
    facts = [e for e in data.events if e.kind in FACT_KINDS]
    out.append(r.para(r.t("facts"), r.st.h2))
    for n, e in enumerate(facts[:MAX_FACTS], start=1):
        when = fmt.local(e.occurred_at, data.zone, e.precision)
        out.append(r.para(f"{n}. {when}  {e.title}"))
    if not facts:
        out.append(r.para(r.t("no_records")))
    out.append(r.para(r.t("figures"), r.st.h2))
    figures = [
        r.t("n_suspects", n=len(data.suspects)),
        r.t("n_seizures", n=len(data.seizures)),
        r.t("n_vehicles", n=len(data.vehicles)),
    ]
    for drug, mg in sorted(data.drug_totals_mg.items()):
        figures.append(f"{r.label(vocab.DRUGS, drug)} {fmt.grams(mg)} g")
    figures.append(f"{r.t('cash_total')} {fmt.money(data.cash_total_fen)}")
    out.append(r.para(";".join(figures) if r.lang.startswith("zh") else "; ".join(figures)))
    out.append(
        r.para(
            r.t(
                "case_tier",
                profile=data.profile_label,
                heq=fmt.decimal_text(data.heroin_equivalent_g),
                tier=r.tier_text(data.tier),
            )
        )
    )
    if h.members:
        out.append(r.para(r.t("task_force"), r.st.h2))
        rows = [
            [r.cell(m.name), r.cell(r.label(vocab.TASK_ROLES, m.task_role)), r.cell(m.position)]
            for m in h.members
        ]
        w = r.width
        out.append(
            r.grid([r.t("name"), r.t("role"), r.t("occupation")], rows, [0.2 * w, 0.2 * w, 0.6 * w])
        )
    return out


# -- persons -----------------------------------------------------------------------


def _sex(r: Render, sex: str | None) -> str:
    return r.t(f"sex_{sex}") if sex in ("M", "F") else ""


def _particulars(p: PartySection, r: Render) -> list[tuple[str, str]]:
    x = p.particulars
    return [
        (r.t("name"), x.name),
        (r.t("aliases"), "、".join(x.aliases)),
        (r.t("sex"), _sex(r, x.sex)),
        (r.t("birth_date"), fmt.day(x.birth_date)),
        (r.t("id_number"), x.id_number),
        (r.t("ethnicity"), x.ethnicity),
        (r.t("education"), x.education),
        (r.t("occupation"), x.occupation),
        (r.t("birthplace"), x.birthplace),
        (r.t("phones"), "、".join(x.phones)),
        (r.t("household_address"), x.household_address),
        (r.t("current_address"), x.current_address),
        (r.t("role"), r.label(vocab.PARTY_ROLES, p.role)),
        (r.t("party_status"), r.label(vocab.PARTY_STATUSES, p.status)),
        (r.t("prior_record"), x.prior_record or r.t("none")),
    ]


def _measures_table(p: PartySection, r: Render) -> Table:
    w = r.width
    rows = [
        [
            r.cell(r.label(vocab.MEASURES, m.kind)),
            fmt.day(m.decided_on),
            fmt.day(m.starts_on),
            fmt.day(m.ends_on),
            r.cell(m.document_no),
            r.cell(m.place),
        ]
        for m in p.measures
    ]
    return r.grid(
        [
            r.t("measure_kind"),
            r.t("decided_on"),
            r.t("starts_on"),
            r.t("ends_on"),
            r.t("document_no"),
            r.t("place"),
        ],
        rows,
        [0.16 * w, 0.12 * w, 0.12 * w, 0.12 * w, 0.26 * w, 0.22 * w],
    )


def _basis(r: Render, kind: str, english: str, profile: str) -> str:
    """The domain explains deadlines in English; the Chinese package says it in Chinese."""
    if r.lang.startswith("zh") and f"basis_{kind}" in STRINGS:
        return r.t(f"basis_{kind}", profile=profile)
    return english


def suspect_title(n: int, p: PartySection, r: Render) -> str:
    role = r.label(vocab.PARTY_ROLES, p.role)
    if r.lang.startswith("zh"):
        return f"({_chinese_number(n)}){p.particulars.name}({role})"
    return f"2.{n} {p.particulars.name} ({role})"


def _suspect(n: int, p: PartySection, data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [
        r.heading(f"suspect:{p.person_id}", suspect_title(n, p, r), level=1),
        r.fields(_particulars(p, r)),
    ]
    out.append(r.para(r.t("measures"), r.st.h2))
    out.append(_measures_table(p, r) if p.measures else r.para(r.t("no_records")))
    if p.deadlines:
        out.append(r.para(r.t("deadlines"), r.st.h2))
        rows = [
            [
                r.cell(r.t(f"deadline_{d.kind}")),
                fmt.day(d.due),
                r.t("passed") if d.overdue else r.t("running"),
                r.cell(_basis(r, d.kind, d.basis, data.profile_label)),
            ]
            for d in p.deadlines
        ]
        out.append(
            r.grid(
                [r.t("deadline_kind"), r.t("due"), r.t("deadline_state"), r.t("deadline_basis")],
                rows,
                [0.22 * w, 0.12 * w, 0.1 * w, 0.56 * w],
            )
        )
    out.append(r.para(r.t("attributed"), r.st.h2))
    if p.seizures:
        rows = [
            [
                s.exhibit_no,
                r.cell(r.label(vocab.SUBSTANCES, s.drug)),
                fmt.grams(s.net_mg),
                r.cell(r.label(vocab.ATTRIBUTION_BASES, s.basis)),
            ]
            for s in p.seizures
        ]
        out.append(
            r.grid(
                [r.t("exhibit_no"), r.t("drug"), r.t("net_g"), r.t("basis")],
                rows,
                [0.3 * w, 0.3 * w, 0.2 * w, 0.2 * w],
                right=(2,),
            )
        )
        drug_rows: list[list[Cell]] = [
            [
                r.cell(r.label(vocab.SUBSTANCES, d.drug)),
                fmt.grams(d.net_mg),
                r.cell(r.tier_text(d.tier) if d.tier else "—"),
            ]
            for d in p.drugs
        ]
        out.append(Spacer(1, 4))
        out.append(
            r.grid(
                [r.t("per_drug"), r.t("net_g"), r.t("tier")],
                drug_rows,
                [0.4 * w, 0.2 * w, 0.4 * w],
                right=(1,),
            )
        )
    else:
        out.append(r.para(r.t("no_records")))
    out.append(Spacer(1, 4))
    out.append(
        r.para(
            r.t(
                "tier_line",
                profile=data.profile_label,
                heq=fmt.decimal_text(p.heroin_equivalent_g),
                tier=r.tier_text(p.tier),
            )
        )
    )
    flags = "、".join(r.t(key) for key in p.aggravating) or r.t("none")
    out.append(r.para(f"{r.t('aggravating')}:{flags}"))
    return out


def build_suspects(data: PackageData, r: Render) -> list[Flowable]:
    out: list[Flowable] = [r.heading("suspects", r.t("sec_suspects"))]
    if not data.suspects:
        out.append(r.para(r.t("no_records")))
    for n, p in enumerate(data.suspects, start=1):
        if n > 1:
            out.append(PageBreak())
        out += _suspect(n, p, data, r)
    return out


def build_others(data: PackageData, r: Render) -> list[Flowable]:
    w = r.wide
    out: list[Flowable] = [r.heading("others", r.t("sec_others"))]
    if data.redacted:
        out.append(r.para(r.t("redacted_note"), r.st.small))
    rows = []
    for p in data.others:
        x = p.particulars
        measures = ";".join(
            f"{r.label(vocab.MEASURES, m.kind)} {fmt.day(m.starts_on)}" for m in p.measures
        )
        rows.append(
            [
                r.cell(x.name),
                r.cell(r.label(vocab.PARTY_ROLES, p.role)),
                r.cell(r.label(vocab.PARTY_STATUSES, p.status)),
                _sex(r, x.sex),
                fmt.day(x.birth_date),
                x.id_number,
                r.cell("、".join(x.phones)),
                r.cell(x.current_address),
                r.cell(measures),
            ]
        )
    if rows:
        out.append(
            r.grid(
                [
                    r.t("name"),
                    r.t("role"),
                    r.t("party_status"),
                    r.t("sex"),
                    r.t("birth_date"),
                    r.t("id_number"),
                    r.t("phones"),
                    r.t("current_address"),
                    r.t("measures"),
                ],
                rows,
                [f * w for f in (0.08, 0.09, 0.1, 0.04, 0.08, 0.13, 0.1, 0.2, 0.18)],
            )
        )
    else:
        out.append(r.para(r.t("no_records")))
    return out


# -- seizures, assets, vehicles, locations ----------------------------------------


def build_seizures(data: PackageData, r: Render) -> list[Flowable]:
    w = r.wide
    out: list[Flowable] = [r.heading("seizures", r.t("sec_seizures"))]
    rows: list[list[Cell]] = [
        [
            s.exhibit_no,
            r.cell(r.label(vocab.SUBSTANCES, s.drug)),
            r.cell(r.label(vocab.SEIZURE_FORMS, s.form)),
            str(s.package_count),
            fmt.grams(s.gross_mg),
            fmt.grams(s.tare_mg),
            fmt.grams(s.net_mg),
            fmt.purity(s.purity_bp),
            fmt.grams(s.scale_resolution_mg),
            fmt.local(s.seized_at, data.zone),
            r.cell(s.location),
            r.cell(s.from_person),
            r.cell(s.lab_report_no),
        ]
        for s in data.seizures
    ]
    fractions = (0.105, 0.08, 0.045, 0.035, 0.07, 0.055, 0.07, 0.055, 0.05, 0.085, 0.13, 0.06, 0.16)
    if rows:
        out.append(
            r.grid(
                [
                    r.t("exhibit_no"),
                    r.t("drug"),
                    r.t("form"),
                    r.t("packages"),
                    r.t("gross_g"),
                    r.t("tare_g"),
                    r.t("net_g"),
                    r.t("purity"),
                    r.t("scale"),
                    r.t("seized_at"),
                    r.t("seized_where"),
                    r.t("from_whom"),
                    r.t("test_report"),
                ],
                rows,
                [f * w for f in fractions],
                right=(3, 4, 5, 6, 7, 8),
            )
        )
    else:
        out.append(r.para(r.t("no_records")))
    totals: list[list[Cell]] = [
        [r.cell(r.label(vocab.DRUGS, drug)), fmt.grams(mg)]
        for drug, mg in sorted(data.drug_totals_mg.items())
    ]
    out.append(CondPageBreak(120))
    out.append(r.para(r.t("totals_per_drug"), r.st.h2))
    out.append(
        r.grid([r.t("drug"), r.t("net_g")], totals or [[r.t("none"), ""]], [200, 120], right=(1,))
    )
    if data.precursor_totals_mg:
        out.append(r.para(r.t("precursors"), r.st.h2))
        rows_p: list[list[Cell]] = [
            [r.cell(r.label(vocab.PRECURSORS, k)), fmt.grams(mg)]
            for k, mg in sorted(data.precursor_totals_mg.items())
        ]
        out.append(r.grid([r.t("drug"), r.t("net_g")], rows_p, [200, 120], right=(1,)))
    out.append(Spacer(1, 6))
    out.append(
        r.para(
            r.t(
                "case_tier",
                profile=data.profile_label,
                heq=fmt.decimal_text(data.heroin_equivalent_g),
                tier=r.tier_text(data.tier),
            )
        )
    )
    return out


def build_assets(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [r.heading("assets", r.t("sec_assets"))]
    rows: list[list[Cell]] = [
        [
            r.cell(r.label(vocab.ASSET_KINDS, a.kind)),
            r.cell(r.label(vocab.ASSET_ACTIONS, a.action)),
            fmt.money(a.amount_fen),
            fmt.day(a.seized_on),
            r.cell(a.from_person),
            r.cell(" ".join(x for x in (a.account, a.bank) if x)),
            r.cell(a.document_no),
            r.cell(a.description),
        ]
        for a in data.assets
    ]
    if rows:
        out.append(
            r.grid(
                [
                    r.t("asset_kind"),
                    r.t("asset_action"),
                    r.t("amount"),
                    r.t("seized_on"),
                    r.t("from_whom"),
                    r.t("account"),
                    r.t("document_no"),
                    r.t("description"),
                ],
                rows,
                [f * w for f in (0.08, 0.07, 0.14, 0.11, 0.08, 0.16, 0.16, 0.2)],
                right=(2,),
            )
        )
    else:
        out.append(r.para(r.t("no_records")))
    totals: list[list[Cell]] = [
        [r.cell(r.label(vocab.ASSET_KINDS, kind)), fmt.money(fen)]
        for kind, fen in sorted(data.asset_totals_fen.items())
    ]
    totals.append([r.cell(r.t("cash_total")), fmt.money(data.cash_total_fen)])
    out.append(CondPageBreak(100))
    out.append(r.para(r.t("totals_per_kind"), r.st.h2))
    out.append(r.grid([r.t("asset_kind"), r.t("amount")], totals, [200, 140], right=(1,), totals=1))
    return out


def build_vehicles(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [r.heading("vehicles", r.t("sec_vehicles"))]
    rows: list[list[Cell]] = [
        [
            v.plate,
            v.vin,
            r.cell(f"{v.make} {v.model}".strip()),
            r.cell(v.colour),
            r.cell(v.owner),
            r.t("yes") if v.seized else r.t("no"),
            fmt.day(v.seized_on),
        ]
        for v in data.vehicles
    ]
    out.append(
        r.grid(
            [
                r.t("plate"),
                r.t("vin"),
                r.t("make_model"),
                r.t("colour"),
                r.t("owner"),
                r.t("seized"),
                r.t("seized_on"),
            ],
            rows,
            [f * w for f in (0.12, 0.22, 0.2, 0.08, 0.14, 0.08, 0.16)],
        )
        if rows
        else r.para(r.t("no_records"))
    )
    return out


def build_locations(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [r.heading("locations", r.t("sec_locations"))]
    rows: list[list[Cell]] = [
        [
            r.cell(loc.name),
            r.cell(r.label(vocab.LOCATION_KINDS, loc.kind)),
            r.cell(loc.address),
            ""
            if loc.lat is None or loc.lon is None
            else f"{fmt.decimal_text(loc.lat)}, {fmt.decimal_text(loc.lon)}",
        ]
        for loc in data.locations
    ]
    out.append(
        r.grid(
            [r.t("location_name"), r.t("location_kind"), r.t("address"), r.t("coordinates")],
            rows,
            [f * w for f in (0.28, 0.12, 0.4, 0.2)],
        )
        if rows
        else r.para(r.t("no_records"))
    )
    return out


# -- chronology --------------------------------------------------------------------


def event_table(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    rows: list[list[Cell]] = []
    for e in data.events:
        when = fmt.local(e.occurred_at, data.zone, e.precision)
        if e.ends_at is not None:
            when += " – " + fmt.local(e.ends_at, data.zone, e.precision)
        said = e.description if e.description and e.description != e.title else ""
        text = e.title + (f"\n{said}" if said else "")
        rows.append([r.cell(when), r.cell(r.label(vocab.EVENT_KINDS, e.kind)), r.cell(text)])
    if not rows:
        return [r.para(r.t("no_records"))]
    return [
        r.grid([r.t("when"), r.t("event_kind"), r.t("event")], rows, [0.16 * w, 0.12 * w, 0.72 * w])
    ]


Part = Callable[[PackageData, Render], list[Flowable]]

# The chronology's parts in order. The timeline chart (reports/timeline_chart.py) is
# added here, after the event table, as one more Part.
EVENT_PARTS: tuple[Part, ...] = (event_table,)


def build_events(data: PackageData, r: Render) -> list[Flowable]:
    out: list[Flowable] = [r.heading("events", r.t("sec_events"))]
    for part in EVENT_PARTS:
        out += part(data, r)
    return out


# -- evidence, custody, audit, open items -----------------------------------------


def build_evidence(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [r.heading("evidence", r.t("sec_evidence"))]
    rows: list[list[Cell]] = [
        [
            str(n),
            r.cell(a.filename + (f"\n{a.description}" if a.description else "")),
            f"{a.size:,}",
            r.cell(a.sha256),
            fmt.local(a.added_at, data.zone),
        ]
        for n, a in enumerate(data.attachments, start=1)
    ]
    out.append(
        r.grid(
            ["#", r.t("file"), r.t("size"), r.t("sha256"), r.t("added_at")],
            rows,
            [f * w for f in (0.05, 0.3, 0.1, 0.4, 0.15)],
            right=(2,),
        )
        if rows
        else r.para(r.t("no_records"))
    )
    return out


def build_custody(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [r.heading("custody", r.t("sec_custody"))]
    rows: list[list[Cell]] = [
        [
            c.exhibit_no,
            fmt.local(c.at, data.zone),
            r.cell(c.from_holder),
            r.cell(c.to_holder),
            r.cell(c.place),
            r.cell(c.purpose),
        ]
        for c in data.custody
    ]
    out.append(
        r.grid(
            [
                r.t("exhibit_no"),
                r.t("custody_at"),
                r.t("from_holder"),
                r.t("to_holder"),
                r.t("place"),
                r.t("purpose"),
            ],
            rows,
            [f * w for f in (0.2, 0.15, 0.13, 0.13, 0.17, 0.22)],
        )
        if rows
        else r.para(r.t("no_records"))
    )
    return out


def build_audit(data: PackageData, r: Render) -> list[Flowable]:
    a = data.audit
    out: list[Flowable] = [r.heading("audit", r.t("sec_audit"))]
    pairs = [
        (r.t("audit_entries"), str(a.head_seq)),
        (r.t("audit_verified"), r.t("audit_ok") if a.verified else r.t("audit_failed")),
        (r.t("audit_head"), f"#{a.head_seq}  {a.head_at}"),
        (r.t("profile"), data.profile_label),
    ]
    out.append(r.fields(pairs))
    out.append(Spacer(1, 4))
    out.append(r.fields([(r.t("audit_head_hash"), a.head_hash)]))
    out.append(Spacer(1, 6))
    out.append(r.para(r.t("audit_note", n=a.head_seq), r.st.small))
    return out


def build_open_items(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [r.heading("open_items", r.t("sec_open_items"))]
    out.append(r.para(r.t("open_items_note")))
    rows: list[list[Cell]] = [
        [str(n), r.cell(f"{r.t('entity_' + i.entity)} {i.subject}"), r.cell(i.message(r.lang))]
        for n, i in enumerate(data.open_items, start=1)
    ]
    out.append(
        r.grid(["#", r.t("item_record"), r.t("item_problem")], rows, [0.06 * w, 0.3 * w, 0.64 * w])
    )
    return out


SECTIONS: tuple[Section, ...] = (
    Section("summary", "sec_summary", build_summary),
    Section("suspects", "sec_suspects", build_suspects),
    Section("others", "sec_others", build_others, landscape=True),
    Section("seizures", "sec_seizures", build_seizures, landscape=True),
    Section("assets", "sec_assets", build_assets),
    Section("vehicles", "sec_vehicles", build_vehicles),
    Section("locations", "sec_locations", build_locations),
    Section("events", "sec_events", build_events),
    Section("evidence", "sec_evidence", build_evidence),
    Section("custody", "sec_custody", build_custody),
    Section("audit", "sec_audit", build_audit),
)
SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)
OPEN_ITEMS = Section("open_items", "sec_open_items", build_open_items)


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
        (r.t("prepared_by"), data.prepared_by),
    ]
    out.append(KeepTogether([r.fields(pairs)]))
    out.append(Spacer(1, 10))
    out.append(r.para(f"{r.t('profile')}:{data.profile_label}", r.st.small))
    if data.redacted:
        out.append(r.para(r.t("redacted_note"), r.st.small))
    out.append(r.para(r.t("date_note"), r.st.small))
    return out


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
                Paragraph(_markup(title), style),
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


def _chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def section_flowables(data: PackageData, r: Render, sections: Sequence[Section]) -> list[Flowable]:
    """The body after the contents: each section on a new page of its orientation."""
    out: list[Flowable] = []
    for s in sections:
        out.append(NextPageTemplate("landscape" if s.landscape else "portrait"))
        out.append(PageBreak())
        out += s.build(data, r)
    return out
