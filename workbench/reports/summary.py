"""The case summary: source, how the suspects were caught, the facts in order."""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
    Paragraph,
)

from workbench.domain import vocab
from workbench.reports import formatting as fmt
from workbench.reports.model import PackageData
from workbench.reports.render import Render

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
            text = f"{when}  {e.title}" + (f"{r.colon}{said}" if said else "")
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
        figures.append(r.t("grams_of", what=r.label(vocab.DRUGS, drug), grams=fmt.grams(mg)))
    figures.append(r.t("cash_line", amount=fmt.money_words(data.cash_total_fen, r.lang)))
    out.append(r.para(";".join(figures) if r.lang.startswith("zh") else "; ".join(figures)))
    out.append(tier_paragraph(data, r))
    if h.concluded_on is not None:
        how = r.label(vocab.CONCLUSIONS, h.conclusion)
        out.append(r.para(r.t("case_concluded", date=fmt.day(h.concluded_on), how=how)))
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


def tier_paragraph(data: PackageData, r: Render) -> Paragraph:
    """The case's heroin equivalent and quantity tier under the named profile."""
    return r.para(
        r.t(
            "case_tier",
            profile=r.profile(data.profile_words, data.profile_label),
            heq=fmt.decimal_text(data.heroin_equivalent_g),
            tier=r.tier_text(data.tier),
            excluded=r.excluded(data.excluded_mg),
        )
    )
