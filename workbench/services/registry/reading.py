"""Reading the registry: a person's whole record with status and due dates, and the list
the window searches. Everything is computed from the rows when asked."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from workbench.domain.permissions import REGISTRY_READ
from workbench.domain.profile import load_profile
from workbench.domain.registry_status import DecisionFact, RegistryStatus, status_on
from workbench.models import (
    CaseFile,
    CaseParty,
    DrugUseFinding,
    Person,
    RehabDecision,
    RehabHandover,
)
from workbench.services.core.context import Context
from workbench.services.core.errors import NotFound
from workbench.services.core.lookup import get
from workbench.services.registry.checks import DEFAULT_ZONE, local_day

_PERSON_COLUMNS = (
    "id",
    "name",
    "sex",
    "birth_date",
    "id_number",
    "household_address",
    "current_address",
    "phones",
    "prior_record",
)


@dataclass(frozen=True)
class PersonRecord:
    """Everything the registry holds on one person, newest first."""

    person: dict[str, Any]
    findings: list[dict[str, Any]]
    decisions: list[dict[str, Any]]  # each with "handovers": list[dict]
    status: RegistryStatus
    cases: list[str]  # codes of cases the user may read in which the person appears
    hidden_cases: int  # … and of how many others they appear in
    today: date


@dataclass(frozen=True)
class RegistryRow:
    person_id: int
    name: str
    id_number: str | None
    sex: str | None
    birth_date: date | None
    findings: int
    positive: int
    first_found: datetime | None
    last_found: datetime | None
    last_unit: str
    status: str
    overdue: int = 0  # due dates passed and not done


@dataclass(frozen=True)
class RegistryQuery:
    text: str = ""  # name, ID number, finding unit or place
    status: str | None = None  # vocab.REGISTRY_STATUSES key
    overdue_only: bool = False
    limit: int = 500
    as_of: date | None = None


class RegistryReader:
    def __init__(self, ctx: Context, zone: str = DEFAULT_ZONE) -> None:
        self.ctx = ctx
        self.zone = zone
        self.rule = load_profile().rehab

    def today(self) -> date:
        return local_day(self.ctx.clock(), self.zone)

    def person_id_for(self, id_number: str) -> int:
        """The person with this resident ID number (NotFound if nobody has it)."""
        from workbench.services.casefile.validation import check_person

        checked = check_person({"id_number": id_number})
        checked.raise_if_errors("person")
        self.ctx.require(REGISTRY_READ)
        with self.ctx.store.session() as s:
            found = s.scalars(
                select(Person.id).where(Person.id_number == checked.values["id_number"])
            ).first()
        if found is None:
            raise NotFound(f"nobody with ID number {checked.values['id_number']} is on file")
        return int(found)

    def record(self, person_id: int, as_of: date | None = None) -> PersonRecord:
        """Everything on the person; status, terms and due dates as they stood on
        ``as_of`` (today by default): later decisions, ends and hand-overs not yet known."""
        self.ctx.require(REGISTRY_READ)
        today = as_of or self.today()
        with self.ctx.store.session() as s:
            person = get(s, Person, person_id, "person")
            findings = _findings(s, [person_id])
            decisions = _decisions(s, [person_id])
            handovers = _handovers(s, [d.id for d in decisions])
            cases, hidden = self._cases_of(s, person_id)
            known = [f for f in findings if local_day(f.found_at, self.zone) <= today]
            positives = sum(f.result == "positive" for f in known)
            facts = [
                _fact(d, handovers.get(d.id, []), today) for d in decisions if d.decided_on <= today
            ]
            status = status_on(positives, len(known), facts, today, self.rule)
            case_codes = _case_codes(s, {f.case_id for f in findings if f.case_id})
            readable = self.ctx.readable_case_ids(s)
            return PersonRecord(
                person={k: getattr(person, k) for k in _PERSON_COLUMNS},
                findings=[_finding_row(f, case_codes, readable) for f in findings],
                decisions=[_decision_row(d, handovers.get(d.id, [])) for d in decisions],
                status=status,
                cases=cases,
                hidden_cases=hidden,
                today=today,
            )

    def _cases_of(self, s: Session, person_id: int) -> tuple[list[str], int]:
        rows = s.execute(
            select(CaseFile.id, CaseFile.code)
            .join(CaseParty, CaseParty.case_id == CaseFile.id)
            .where(CaseParty.person_id == person_id)
            .order_by(CaseFile.code)
        ).all()
        readable = self.ctx.readable_case_ids(s)
        shown = [code for case_id, code in rows if readable is None or case_id in readable]
        return shown, len(rows) - len(shown)

    def search(self, query: RegistryQuery = RegistryQuery()) -> list[RegistryRow]:
        """Persons with at least one finding, most recently found first; statuses as of
        ``query.as_of`` (today by default)."""
        self.ctx.require(REGISTRY_READ)
        today = query.as_of or self.today()
        with self.ctx.store.session() as s:
            rows = s.execute(_search_query(query)).all()
            ids = [r.person_id for r in rows]
            decisions = _decisions(s, ids)
            handovers = _handovers(s, [d.id for d in decisions])
            by_person: dict[int, list[DecisionFact]] = defaultdict(list)
            for d in decisions:
                if d.decided_on <= today:
                    by_person[d.person_id].append(_fact(d, handovers.get(d.id, []), today))
            out = []
            for r in rows:
                status = status_on(r.positive, r.findings, by_person[r.person_id], today, self.rule)
                overdue = sum(d.overdue for d in status.dues)
                if query.status and status.status != query.status:
                    continue
                if query.overdue_only and not overdue:
                    continue
                out.append(
                    RegistryRow(
                        r.person_id,
                        r.name,
                        r.id_number,
                        r.sex,
                        r.birth_date,
                        r.findings,
                        r.positive,
                        r.first_found,
                        r.last_found,
                        r.last_unit or "",
                        status.status,
                        overdue,
                    )
                )
                if len(out) >= query.limit:
                    break
            return out

    def in_registry(self, person_ids: Iterable[int]) -> set[int]:
        """Which of these persons have a finding (the case tables mark them)."""
        wanted = list(set(person_ids))
        if not wanted or not self.ctx.can(REGISTRY_READ):
            return set()
        with self.ctx.store.session() as s:
            found: set[int] = set()
            for start in range(0, len(wanted), 500):
                found |= set(
                    s.scalars(
                        select(DrugUseFinding.person_id)
                        .where(DrugUseFinding.person_id.in_(wanted[start : start + 500]))
                        .distinct()
                    )
                )
            return found


def _search_query(query: RegistryQuery) -> Select[Any]:
    f, g = DrugUseFinding, aliased(DrugUseFinding)
    last_unit = (
        select(g.unit)
        .where(g.person_id == Person.id)
        .order_by(g.found_at.desc(), g.id.desc())
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )
    stmt = (
        select(
            Person.id.label("person_id"),
            Person.name,
            Person.id_number,
            Person.sex,
            Person.birth_date,
            func.count(f.id).label("findings"),
            func.sum(case((f.result == "positive", 1), else_=0)).label("positive"),
            func.min(f.found_at).label("first_found"),
            func.max(f.found_at).label("last_found"),
            last_unit.label("last_unit"),
        )
        .join(f, f.person_id == Person.id)
        .group_by(Person.id)
        .order_by(func.max(f.found_at).desc(), Person.id)
    )
    text = query.text.strip()
    if text:
        like = f"%{text}%"
        stmt = stmt.where(
            or_(
                Person.name.like(like),
                Person.id_number.like(like),
                Person.id.in_(
                    select(f.person_id).where(or_(f.unit.like(like), f.place.like(like)))
                ),
            )
        )
    if not query.status and not query.overdue_only:
        stmt = stmt.limit(query.limit)
    return stmt


def _findings(s: Session, person_ids: Sequence[int]) -> list[DrugUseFinding]:
    return list(
        s.scalars(
            select(DrugUseFinding)
            .where(DrugUseFinding.person_id.in_(person_ids))
            .order_by(DrugUseFinding.found_at.desc(), DrugUseFinding.id.desc())
        )
    )


def _decisions(s: Session, person_ids: Sequence[int]) -> list[RehabDecision]:
    out: list[RehabDecision] = []
    for start in range(0, len(person_ids), 500):
        out += s.scalars(
            select(RehabDecision)
            .where(RehabDecision.person_id.in_(person_ids[start : start + 500]))
            .order_by(RehabDecision.decided_on.desc(), RehabDecision.id.desc())
        )
    return out


def _handovers(s: Session, decision_ids: Sequence[int]) -> dict[int, list[RehabHandover]]:
    out: dict[int, list[RehabHandover]] = defaultdict(list)
    for start in range(0, len(decision_ids), 500):
        for h in s.scalars(
            select(RehabHandover)
            .where(RehabHandover.decision_id.in_(decision_ids[start : start + 500]))
            .order_by(RehabHandover.handed_on, RehabHandover.id)
        ):
            out[h.decision_id].append(h)
    return out


def _case_codes(s: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(s.execute(select(CaseFile.id, CaseFile.code).where(CaseFile.id.in_(ids))).all())


def _fact(d: RehabDecision, handovers: Sequence[RehabHandover], as_of: date) -> DecisionFact:
    """The decision as known on ``as_of``: an end or hand-over after it not yet happened."""
    return DecisionFact(
        d.id,
        d.kind,
        d.decided_on,
        d.starts_on,
        d.planned_end_on,
        d.ended_on if d.ended_on is not None and d.ended_on <= as_of else None,
        frozenset(h.kind for h in handovers if h.handed_on <= as_of),
    )


def _finding_row(
    f: DrugUseFinding, case_codes: dict[int, str], readable: set[int] | None
) -> dict[str, Any]:
    row = {
        "id": f.id,
        "found_at": f.found_at,
        "place": f.place,
        "unit": f.unit,
        "how_found": f.how_found,
        "test_method": f.test_method,
        "substance": f.substance,
        "result": f.result,
        "report_no": f.report_no,
        "source": f.source,
        "notes": f.notes,
        "case_code": None,
    }
    if f.case_id is not None and (readable is None or f.case_id in readable):
        row["case_code"] = case_codes.get(f.case_id)
    return row


def _decision_row(d: RehabDecision, handovers: Sequence[RehabHandover]) -> dict[str, Any]:
    row = {
        k: getattr(d, k)
        for k in (
            "id",
            "finding_id",
            "kind",
            "decided_on",
            "starts_on",
            "term_days",
            "term_months",
            "extension_months",
            "planned_end_on",
            "ended_on",
            "end_reason",
            "place",
            "office",
            "unit",
            "document_no",
            "notes",
        )
    }
    row["handovers"] = [
        {
            "id": h.id,
            "kind": h.kind,
            "handed_on": h.handed_on,
            "received_by": h.received_by,
            "office": h.office,
            "notes": h.notes,
        }
        for h in handovers
    ]
    return row
