"""Many findings, decisions and hand-overs in one transaction, one audit entry per table.

For the demo's generated history, a brigade's back-filed records and the benchmarks:
every row passes the same checks as a single edit (a bad row rejects the batch, naming
its index and field), persons are matched by resident ID number or created, and the
rows go in with executemany. Each table gets one audit entry (``core.bulk``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.permissions import CASE_READ, REGISTRY_EDIT
from workbench.domain.profile import load_profile
from workbench.models import DrugUseFinding, Person, RehabDecision, RehabHandover
from workbench.services.casefile.validation import check_person
from workbench.services.core.bulk import insert_rows
from workbench.services.core.changes import OpResult
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected
from workbench.services.core.lookup import case_by_code
from workbench.services.core.unit_of_work import UnitOfWork, unit_of_work
from workbench.services.registry.checks import (
    DEFAULT_ZONE,
    OtherIsolation,
    check_decision,
    check_finding,
    check_handover,
    local_day,
)

_MAX_ERRORS = 100


@dataclass(frozen=True)
class BulkBatch:
    """``persons``: person fields with ``id_number`` (new persons; known ones may be
    left out). ``findings``: finding fields with the person's ``id_number``.
    ``decisions``: decision fields with ``finding``, the index of their finding in
    ``findings``. ``handovers``: hand-over fields with ``decision``, an index into
    ``decisions``."""

    persons: Sequence[Mapping[str, Any]] = ()
    findings: Sequence[Mapping[str, Any]] = ()
    decisions: Sequence[Mapping[str, Any]] = ()
    handovers: Sequence[Mapping[str, Any]] = ()


@dataclass(frozen=True)
class BulkCounts:
    persons: int
    findings: int
    decisions: int
    handovers: int


class _Errors(list[FieldError]):
    def add(self, where: str, errors: Sequence[FieldError]) -> None:
        self.extend(FieldError(f"{where}: {e.field}", e.message, e.code) for e in errors)

    def full(self) -> bool:
        return len(self) >= _MAX_ERRORS


class RegistryBulk:
    def __init__(self, ctx: Context, zone: str = DEFAULT_ZONE) -> None:
        self.ctx = ctx
        self.zone = zone
        self.rule = load_profile().rehab

    def add(self, batch: BulkBatch, *, source: str = "") -> OpResult[BulkCounts]:
        self.ctx.require(REGISTRY_EDIT)
        now = self.ctx.clock()
        today = local_day(now, self.zone)
        errors = _Errors()
        persons = self._persons(batch.persons, today, errors)
        with unit_of_work(self.ctx) as uow:
            ids, new_persons = self._person_ids(uow.session, persons, batch.findings, errors)
            births = _births(uow.session, ids.values())
            cases: dict[str, int | None] = {}
            findings = []
            for i, row in enumerate(batch.findings):
                number = str(row.get("id_number"))
                values = {k: v for k, v in row.items() if k != "id_number"}
                values.setdefault("source", source)
                person_id = ids.get(number)
                checked = check_finding(
                    values, now=now, born=births.get(person_id or 0), zone=self.zone
                )
                errors.add(f"finding {i + 1}", checked.errors)
                values = {**checked.values, "person_id": person_id, "_number": number}
                if "case_code" in values:
                    values["case_id"] = self._case_id(uow.session, values.pop("case_code"), cases)
                findings.append(values)
            found_on = [
                local_day(f["found_at"], self.zone) if f.get("found_at") else None for f in findings
            ]
            decisions = self._decisions(batch.decisions, findings, found_on, today, errors)
            handovers = self._handovers(batch.handovers, decisions, today, errors)
            if errors:
                raise InputRejected("registry batch", errors[:_MAX_ERRORS])
            counts = self._write(uow, new_persons, findings, decisions, handovers, source)
        return OpResult(counts, uow.changes)

    def _case_id(self, session: Session, code: str | None, known: dict[str, int | None]) -> Any:
        """A finding may name its case (which the user must be able to read)."""
        if not code:
            return None
        if code not in known:
            case = case_by_code(session, code)
            self.ctx.require(CASE_READ, case.code, session=session)
            known[code] = case.id
        return known[code]

    def _persons(
        self, rows: Sequence[Mapping[str, Any]], today: date, errors: _Errors
    ) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for i, row in enumerate(rows):
            checked = check_person(row, today=today)
            if not checked.values.get("id_number"):
                checked.error("id_number", "is required", "field.required")
            if not str(checked.values.get("name") or "").strip():
                checked.error("name", "is required", "field.required")
            errors.add(f"person {i + 1}", checked.errors)
            if not checked.errors:
                out[checked.values["id_number"]] = checked.values
        return out

    def _person_ids(
        self,
        session: Session,
        persons: Mapping[str, dict[str, Any]],
        findings: Sequence[Mapping[str, Any]],
        errors: _Errors,
    ) -> tuple[dict[str, int | None], list[dict[str, Any]]]:
        """ID number → person id for every number the findings name; persons not on
        file come from ``persons`` (created at write time, id None until then)."""
        wanted = sorted({str(f.get("id_number")) for f in findings} | set(persons))
        known: dict[str, int | None] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for number, person_id in session.execute(
                select(Person.id_number, Person.id).where(Person.id_number.in_(chunk))
            ):
                known[str(number)] = person_id
        new = [values for number, values in persons.items() if number not in known]
        for i, f in enumerate(findings):
            number = str(f.get("id_number"))
            if number not in known and number not in persons:
                errors.add(
                    f"finding {i + 1}",
                    [FieldError("id_number", f"{number} is neither on file nor among the persons")],
                )
        return known, new

    def _decisions(
        self,
        rows: Sequence[Mapping[str, Any]],
        findings: Sequence[Mapping[str, Any]],
        found_on: Sequence[date | None],
        today: date,
        errors: _Errors,
    ) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        isolations: dict[str, list[OtherIsolation]] = defaultdict(list)
        for i, row in enumerate(rows):
            index = row.get("finding")
            if not isinstance(index, int) or not 0 <= index < len(findings):
                errors.add(f"decision {i + 1}", [FieldError("finding", "no such finding")])
                continue
            values = {k: v for k, v in row.items() if k != "finding"}
            values["finding_id"] = -1  # resolved at write time
            person = str(findings[index]["_number"])
            checked = check_decision(
                values,
                found_on=found_on[index],
                today=today,
                rule=self.rule,
                isolations=isolations[person],
            )
            errors.add(f"decision {i + 1}", checked.errors)
            if checked.errors:
                if errors.full():
                    break
                continue
            decision = {**checked.values, "finding": index}
            if decision["kind"] == "compulsory_isolation":
                end = decision.get("ended_on") or decision["planned_end_on"]
                isolations[person].append(OtherIsolation(i + 1, decision["starts_on"], end))
            out.append(decision)
        return out

    def _handovers(
        self,
        rows: Sequence[Mapping[str, Any]],
        decisions: Sequence[Mapping[str, Any]],
        today: date,
        errors: _Errors,
    ) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        done: dict[int, set[str]] = defaultdict(set)
        for i, row in enumerate(rows):
            index = row.get("decision")
            if not isinstance(index, int) or not 0 <= index < len(decisions):
                errors.add(f"hand-over {i + 1}", [FieldError("decision", "no such decision")])
                continue
            d = decisions[index]
            ended = d.get("ended_on") or (
                d["planned_end_on"] if d["planned_end_on"] < today else None
            )
            values = {k: v for k, v in row.items() if k != "decision"}
            checked = check_handover(
                values,
                decision_kind=d["kind"],
                decided_on=d["decided_on"],
                ended=ended,
                done=frozenset(done[index]),
                today=today,
            )
            errors.add(f"hand-over {i + 1}", checked.errors)
            done[index].add(str(values.get("kind")))
            out.append({**checked.values, "decision": index})
        return out

    def _write(
        self,
        uow: UnitOfWork,
        new_persons: Sequence[Mapping[str, Any]],
        findings: Sequence[dict[str, Any]],
        decisions: Sequence[dict[str, Any]],
        handovers: Sequence[dict[str, Any]],
        source: str,
    ) -> BulkCounts:
        person_ids = insert_rows(
            uow, Person, [dict(p) for p in new_persons], "person", source=source
        )
        by_number = {p["id_number"]: pid for p, pid in zip(new_persons, person_ids, strict=True)}
        for f in findings:
            number = f.pop("_number")
            if f["person_id"] is None:
                f["person_id"] = by_number[number]
        finding_ids = insert_rows(uow, DrugUseFinding, findings, "drug_use_finding", source=source)
        person_of = [f["person_id"] for f in findings]
        decision_rows = [
            {
                **{k: v for k, v in d.items() if k != "finding"},
                "finding_id": finding_ids[d["finding"]],
                "person_id": person_of[d["finding"]],
            }
            for d in decisions
        ]
        decision_ids = insert_rows(
            uow, RehabDecision, decision_rows, "rehab_decision", source=source
        )
        handover_rows = [
            {
                **{k: v for k, v in h.items() if k != "decision"},
                "decision_id": decision_ids[h["decision"]],
            }
            for h in handovers
        ]
        insert_rows(uow, RehabHandover, handover_rows, "rehab_handover", source=source)
        return BulkCounts(len(person_ids), len(finding_ids), len(decision_ids), len(handover_rows))


def _births(session: Session, ids: Any) -> dict[int, date | None]:
    wanted = [i for i in ids if i is not None]
    out: dict[int, date | None] = {}
    for start in range(0, len(wanted), 500):
        for person_id, born in session.execute(
            select(Person.id, Person.birth_date).where(Person.id.in_(wanted[start : start + 500]))
        ):
            out[int(person_id)] = born
    return out
