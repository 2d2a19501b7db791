"""One section per suspect (principal first) and the table of other persons."""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
    PageBreak,
    Spacer,
    Table,
)

from workbench.domain import vocab
from workbench.reports import formatting as fmt
from workbench.reports.model import MeasureLine, PackageData, PartySection
from workbench.reports.render import Cell, Render
from workbench.reports.strings import STRINGS

# -- persons -----------------------------------------------------------------------


def _sex(r: Render, sex: str | None) -> str:
    return r.t(f"sex_{sex}") if sex in ("M", "F") else ""


def _particulars(p: PartySection, r: Render) -> list[tuple[str, str]]:
    x = p.particulars
    return [
        (r.t("name"), x.name),
        (r.t("aliases"), r.comma.join(x.aliases)),
        (r.t("sex"), _sex(r, x.sex)),
        (r.t("birth_date"), fmt.day(x.birth_date)),
        (r.t("id_number"), x.id_number),
        (r.t("ethnicity"), x.ethnicity),
        (r.t("education"), x.education),
        (r.t("occupation"), x.occupation),
        (r.t("birthplace"), x.birthplace),
        (r.t("phones"), r.comma.join(x.phones)),
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
            r.cell(_ended(m, r)),
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


def _ended(m: MeasureLine, r: Render) -> str:
    """Its end date, and how it was concluded ("2019-04-12 移送审查起诉") when it was."""
    if not m.conclusion:
        return fmt.day(m.ends_on)
    how = r.label(vocab.CONCLUSIONS, m.conclusion)
    return r.t("measure_concluded", date=fmt.day(m.concluded_on or m.ends_on), how=how)


def _basis(r: Render, kind: str, english: str, profile: str) -> str:
    """The domain explains deadlines in English; the Chinese package says it in Chinese."""
    if r.lang.startswith("zh") and f"basis_{kind}" in STRINGS:
        return r.t(f"basis_{kind}", profile=profile)
    return english


def suspect_title(n: int, p: PartySection, r: Render) -> str:
    role = r.label(vocab.PARTY_ROLES, p.role)
    if r.lang.startswith("zh"):
        return f"({chinese_number(n)}){p.particulars.name}({role})"
    return f"2.{n} {p.particulars.name} ({role})"


def _suspect(n: int, p: PartySection, data: PackageData, r: Render) -> list[Flowable]:
    out: list[Flowable] = [
        r.heading(f"suspect:{p.person_id}", suspect_title(n, p, r), level=1),
        r.fields(_particulars(p, r)),
    ]
    out.append(r.para(r.t("measures"), r.st.h2))
    out.append(_measures_table(p, r) if p.measures else r.para(r.t("no_records")))
    h = data.header
    if h.concluded_on is not None and p.measures:
        how = r.label(vocab.CONCLUSIONS, h.conclusion)
        out.append(r.para(r.t("case_concluded", date=fmt.day(h.concluded_on), how=how)))
    if p.deadlines:
        out.append(r.para(r.t("deadlines"), r.st.h2))
        out.append(_deadlines_table(p, data, r))
    out.append(r.para(r.t("attributed"), r.st.h2))
    out.extend(_attributed(p, r) if p.seizures else [r.para(r.t("no_records"))])
    out.append(Spacer(1, 4))
    out.append(
        r.para(
            r.t(
                "tier_line",
                profile=r.profile(data.profile_words, data.profile_label),
                heq=fmt.decimal_text(p.heroin_equivalent_g),
                tier=r.tier_text(p.tier),
                excluded=r.excluded(p.excluded_mg),
            )
        )
    )
    flags = r.comma.join(r.t(key) for key in p.aggravating) or r.t("none")
    out.append(r.para(f"{r.t('aggravating')}{r.colon}{flags}"))
    return out


def _deadlines_table(p: PartySection, data: PackageData, r: Render) -> Flowable:
    w = r.width
    rows = [
        [
            r.cell(r.t(f"deadline_{d.kind}")),
            fmt.day(d.due),
            r.t("passed") if d.overdue else r.t("running"),
            r.cell(_basis(r, d.kind, d.basis, data.profile_label)),
        ]
        for d in p.deadlines
    ]
    return r.grid(
        [r.t("deadline_kind"), r.t("due"), r.t("deadline_state"), r.t("deadline_basis")],
        rows,
        [0.22 * w, 0.12 * w, 0.1 * w, 0.56 * w],
    )


def _attributed(p: PartySection, r: Render) -> list[Flowable]:
    """The exhibits attributed to the suspect, then their totals per drug with the tier."""
    w = r.width
    rows = [
        [
            s.exhibit_no,
            r.cell(r.label(vocab.SUBSTANCES, s.drug)),
            fmt.grams(s.net_mg),
            r.cell(r.label(vocab.ATTRIBUTION_BASES, s.basis)),
        ]
        for s in p.seizures
    ]
    drug_rows: list[list[Cell]] = [
        [
            r.cell(r.label(vocab.SUBSTANCES, d.drug)),
            fmt.grams(d.net_mg),
            r.cell(r.tier_text(d.tier) if d.tier else "—"),
        ]
        for d in p.drugs
    ]
    return [
        r.grid(
            [r.t("exhibit_no"), r.t("drug"), r.t("net_g"), r.t("basis")],
            rows,
            [0.3 * w, 0.3 * w, 0.2 * w, 0.2 * w],
            right=(2,),
        ),
        Spacer(1, 4),
        r.grid(
            [r.t("per_drug"), r.t("net_g"), r.t("tier")],
            drug_rows,
            [0.4 * w, 0.2 * w, 0.4 * w],
            right=(1,),
        ),
    ]


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
                r.cell(r.comma.join(x.phones)),
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


def chinese_number(n: int) -> str:
    """1..9999 in Chinese numerals as documents number items: 十一, 一百零五, 一千二百."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 10_000:
        return str(n)
    if 10 <= n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero and out:
                out += "零"
            out += digits[d] + unit
            zero = False
        else:
            zero = True
    return out
