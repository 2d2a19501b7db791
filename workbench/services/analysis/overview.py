"""The figures a case is judged by, for the Overview tab (and later the package cover)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from workbench.domain.completeness import OpenItem
from workbench.domain.deadlines import MeasureFact, days_left, overdue, running_deadlines
from workbench.domain.permissions import CASE_READ
from workbench.domain.profile import load_profile
from workbench.domain.quantities import mg_to_grams
from workbench.domain.tiers import assess
from workbench.models import Attachment, CaseMember, CaseParty, Measure, Person
from workbench.services.analysis.rule_findings import RuleFindingService
from workbench.services.casefile.cases import CASE_FIELDS, CaseService
from workbench.services.core.context import Context
from workbench.services.core.lookup import case_by_code


@dataclass(frozen=True)
class DeadlineRow:
    person_id: int
    person_name: str
    kind: str
    due: date
    days_left: int
    overdue: bool
    basis: str


@dataclass(frozen=True)
class CaseOverview:
    case: dict[str, Any]
    counts: dict[str, int]
    drug_totals_mg: dict[str, int]
    precursor_totals_mg: dict[str, int]
    heroin_equivalent_g: Decimal
    tier: str | None
    profile_label: str
    cash_total_fen: int
    members: list[dict[str, str]]
    deadlines: list[DeadlineRow]
    # Drugs left out of the heroin equivalent (no factor: cannabis products, "other").
    excluded_mg: dict[str, int] = field(default_factory=dict)
    concluded_measures: int = 0  # measures marked concluded (their deadlines stopped)
    # Rules a reviewer must be warned about ([check] figures applied, lengths), by record.
    findings: list[OpenItem] = field(default_factory=list)


class OverviewService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def overview(self, case_code: str, today: date) -> CaseOverview:
        self.ctx.require(CASE_READ, case_code)
        summary = CaseService(self.ctx).summary(case_code)
        profile = load_profile()
        weights = {d: mg_to_grams(mg) for d, mg in summary.drug_totals_mg.items()}
        assessment = assess(weights, profile) if weights else None
        with self.ctx.store.session() as s:
            case = case_by_code(s, case_code)
            fields = {name: getattr(case, name) for name in sorted(CASE_FIELDS)}
            counts = dict(summary.counts)
            counts["attachments"] = int(
                s.execute(
                    select(func.count())
                    .select_from(Attachment)
                    .where(Attachment.case_id == case.id)
                ).scalar_one()
            )
            members = [
                {"name": m.name, "position": m.position, "task_role": m.task_role}
                for m in s.scalars(
                    select(CaseMember).where(CaseMember.case_id == case.id).order_by(CaseMember.id)
                )
            ]
            suspects = s.execute(
                select(Person.id, Person.name, CaseParty.roving_or_gang)
                .join(CaseParty, CaseParty.person_id == Person.id)
                .where(CaseParty.case_id == case.id)
                .order_by(Person.id)
            ).all()
            measures: dict[int, list[MeasureFact]] = {}
            for m in s.scalars(
                select(Measure).where(Measure.case_id == case.id).order_by(Measure.starts_on)
            ):
                if m.starts_on is None:
                    continue
                measures.setdefault(m.person_id, []).append(
                    MeasureFact(m.kind, m.starts_on, m.ends_on, m.extension_steps, m.concluded_on)
                )
            case_concluded = case.concluded_on
        rows = []
        for person_id, name, gang in suspects:
            for d in running_deadlines(
                measures.get(person_id, []),
                profile,
                roving_or_gang=gang,
                case_concluded_on=case_concluded,
                as_of=today,
            ):
                rows.append(
                    DeadlineRow(
                        person_id,
                        name,
                        d.kind,
                        d.due,
                        days_left(d, today),
                        overdue(d, today),
                        d.basis,
                    )
                )
        rows.sort(key=lambda r: (r.due, r.person_name))
        return CaseOverview(
            case=fields,
            counts=counts,
            drug_totals_mg=summary.drug_totals_mg,
            precursor_totals_mg=summary.precursor_totals_mg,
            heroin_equivalent_g=assessment.heroin_equivalent_g if assessment else Decimal(0),
            tier=str(assessment.tier) if assessment and assessment.tier else None,
            profile_label=profile.label,
            cash_total_fen=summary.cash_total_fen,
            members=members,
            deadlines=rows,
            excluded_mg={d: summary.drug_totals_mg[d] for d in assessment.unconverted}
            if assessment
            else {},
            concluded_measures=sum(
                1 for facts in measures.values() for m in facts if m.concluded_on is not None
            ),
            findings=RuleFindingService(self.ctx).findings(case_code),
        )
