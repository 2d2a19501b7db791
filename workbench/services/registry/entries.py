"""Recording findings, decisions and hand-overs: each change one audited transaction.

A finding names its person by id (someone already on file, e.g. a suspect of a case) or
by resident ID number (found, or created with the name given). Everything is checked
before anything is written; a refused change names the field and writes nothing.
Removals return what was removed, so undo puts back the same ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.permissions import CASE_READ, REGISTRY_EDIT
from workbench.domain.profile import load_profile
from workbench.models import (
    CaseFile,
    CaseParty,
    DrugUseFinding,
    Person,
    RehabDecision,
    RehabHandover,
    Vehicle,
)
from workbench.services.casefile.validation import check_person, reject_unknown_fields
from workbench.services.core.changes import OpResult
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, FieldWarning, InputRejected
from workbench.services.core.lookup import case_by_code, get
from workbench.services.core.unit_of_work import UnitOfWork, column_values, snapshot, unit_of_work
from workbench.services.registry.checks import (
    DECISION_FIELDS,
    DEFAULT_ZONE,
    FINDING_FIELDS,
    HANDOVER_FIELDS,
    OtherIsolation,
    check_decision,
    check_finding,
    check_handover,
    local_day,
)

FINDING = "drug_use_finding"
DECISION = "rehab_decision"
HANDOVER = "rehab_handover"
PERSON_KEYS = frozenset({"id_number", "name", "aliases", "sex", "birth_date", "phones"})
PERSON_KEYS |= frozenset({"household_address", "current_address", "occupation", "notes"})


@dataclass(frozen=True)
class FindingRef:
    finding_id: int
    person_id: int
    new_person: bool


@dataclass(frozen=True)
class RemovedFinding:
    finding: dict[str, Any]
    person: dict[str, Any] | None


@dataclass(frozen=True)
class RemovedDecision:
    decision: dict[str, Any]
    handovers: tuple[dict[str, Any], ...]


class RegistryService:
    """Edits of the registry (reading is ``RegistryReader``)."""

    def __init__(self, ctx: Context, zone: str = DEFAULT_ZONE) -> None:
        self.ctx = ctx
        self.zone = zone
        self.rule = load_profile().rehab

    def _today(self) -> date:
        return local_day(self.ctx.clock(), self.zone)

    # -- findings --------------------------------------------------------------------

    def add_finding(
        self,
        *,
        person_id: int | None = None,
        person: Mapping[str, Any] | None = None,
        **values: Any,
    ) -> OpResult[FindingRef]:
        """A finding of a person on file (``person_id``) or named by ID number (``person``:
        ``id_number`` and, for someone new, ``name``)."""
        reject_unknown_fields(values, FINDING_FIELDS, "finding")
        if (person_id is None) == (person is None):
            raise InputRejected("finding", [FieldError("person", "give a person or an ID number")])
        self.ctx.require(REGISTRY_EDIT)
        warnings: list[str] = []
        with unit_of_work(self.ctx) as uow:
            if person_id is not None:
                target, created = get(uow.session, Person, person_id, "person"), False
            else:
                target, created = self._person_by_id_number(uow, dict(person or {}), warnings)
            fields = self._finding_fields(uow.session, values, target.birth_date, warnings)
            finding = DrugUseFinding(person_id=target.id, **fields)
            uow.session.add(finding)
            uow.created(FINDING, finding, None)
        ref = FindingRef(finding.id, target.id, created)
        return OpResult(ref, uow.changes, tuple(warnings))

    def _person_by_id_number(
        self, uow: UnitOfWork, person: dict[str, Any], warnings: list[str]
    ) -> tuple[Person, bool]:
        reject_unknown_fields(person, PERSON_KEYS, "person")
        if not str(person.get("id_number") or "").strip():
            raise InputRejected(
                "person", [FieldError("id_number", "is required", "field.required")]
            )
        checked = check_person(person, today=self._today())
        checked.raise_if_errors("person")
        number = checked.values["id_number"]
        found = uow.session.execute(
            select(Person).where(Person.id_number == number)
        ).scalar_one_or_none()
        if found is not None:
            given = checked.values.get("name")
            if given and given != found.name:
                warnings.append(
                    FieldWarning(
                        "id_number",
                        f"{number} is already {found.name}; kept that name rather than {given}",
                        "person.known_id",
                        id_number=number,
                        known=found.name,
                        given=given,
                    )
                )
            return found, False
        if not str(checked.values.get("name") or "").strip():
            raise InputRejected(
                "person",
                [
                    FieldError(
                        "name", f"is required for {number}, who is not on file", "field.required"
                    )
                ],
            )
        created = Person(**checked.values)
        uow.session.add(created)
        uow.created("person", created, None)
        return created, True

    def _finding_fields(
        self,
        session: Session,
        values: Mapping[str, Any],
        born: date | None,
        warnings: list[str],
        *,
        required: bool = True,
    ) -> dict[str, Any]:
        checked = check_finding(
            values, now=self.ctx.clock(), born=born, zone=self.zone, required=required
        )
        checked.raise_if_errors("finding")
        warnings += checked.warnings
        fields = dict(checked.values)
        if "case_code" in fields:
            code = fields.pop("case_code")
            fields["case_id"] = self._case_id(session, code)
        return fields

    def _case_id(self, session: Session, code: str | None) -> int | None:
        """A finding may name the case it was made in (the user must be able to read it)."""
        if not code:
            return None
        case = case_by_code(session, str(code))
        self.ctx.require(CASE_READ, case.code, session=session)
        return case.id

    def update_finding(self, finding_id: int, **values: Any) -> OpResult[None]:
        reject_unknown_fields(values, FINDING_FIELDS, "finding")
        self.ctx.require(REGISTRY_EDIT)
        warnings: list[str] = []
        with unit_of_work(self.ctx) as uow:
            finding = get(uow.session, DrugUseFinding, finding_id, "finding")
            person = get(uow.session, Person, finding.person_id, "person")
            fields = self._finding_fields(
                uow.session, values, person.birth_date, warnings, required=False
            )
            before = snapshot(finding)
            for name, value in fields.items():
                setattr(finding, name, value)
            self._decisions_still_after(uow.session, finding)
            uow.updated(FINDING, finding, before, None)
        return OpResult(None, uow.changes, tuple(warnings))

    def _decisions_still_after(self, session: Session, finding: DrugUseFinding) -> None:
        found_on = local_day(finding.found_at, self.zone)
        early = session.scalars(
            select(RehabDecision.decided_on).where(
                RehabDecision.finding_id == finding.id, RehabDecision.decided_on < found_on
            )
        ).first()
        if early is not None:
            raise InputRejected(
                "finding",
                [
                    FieldError(
                        "found_at",
                        f"{found_on} is after the decision of {early} that rests on it",
                        "registry.decision_before_finding",
                    )
                ],
            )

    def delete_finding(
        self, finding_id: int, *, delete_orphan_person: bool = False
    ) -> OpResult[RemovedFinding]:
        """Remove a finding no decision rests on; ``delete_orphan_person`` also removes a
        person left with no finding, case or vehicle (undo of a finding that created them)."""
        self.ctx.require(REGISTRY_EDIT)
        with unit_of_work(self.ctx) as uow:
            finding = get(uow.session, DrugUseFinding, finding_id, "finding")
            resting = uow.session.scalars(
                select(RehabDecision.id).where(RehabDecision.finding_id == finding_id)
            ).first()
            if resting is not None:
                raise InputRejected(
                    "finding",
                    [
                        FieldError(
                            "finding_id",
                            f"decision {resting} rests on this finding; remove it first",
                            "registry.finding_in_use",
                        )
                    ],
                )
            removed = RemovedFinding(column_values(finding), None)
            person_id = finding.person_id
            uow.deleted(FINDING, finding, None)
            if delete_orphan_person and not _person_in_use(uow.session, person_id):
                person = get(uow.session, Person, person_id, "person")
                removed = RemovedFinding(removed.finding, column_values(person))
                uow.deleted("person", person, None)
        return OpResult(removed, uow.changes)

    def restore_finding(self, removed: RemovedFinding) -> OpResult[FindingRef]:
        """Undo of a removal: the same finding (and person) ids come back."""
        self.ctx.require(REGISTRY_EDIT)
        with unit_of_work(self.ctx) as uow:
            if removed.person is not None:
                _restore(uow, "person", Person(**removed.person))
            _restore(uow, FINDING, DrugUseFinding(**removed.finding))
        ref = FindingRef(
            int(removed.finding["id"]),
            int(removed.finding["person_id"]),
            removed.person is not None,
        )
        return OpResult(ref, uow.changes)

    def finding_values(self, finding_id: int) -> dict[str, Any]:
        """A finding's editable fields (``case_code`` for its case), for forms and undo."""
        with self.ctx.store.session() as s:
            finding = get(s, DrugUseFinding, finding_id, "finding")
            out = {k: getattr(finding, k) for k in FINDING_FIELDS - {"case_code"}}
            case = None if finding.case_id is None else s.get(CaseFile, finding.case_id)
            out["case_code"] = None if case is None else case.code
            out["person_id"] = finding.person_id
            return out

    # -- decisions -------------------------------------------------------------------

    def add_decision(self, person_id: int, **values: Any) -> OpResult[int]:
        reject_unknown_fields(values, DECISION_FIELDS, "decision")
        self.ctx.require(REGISTRY_EDIT)
        with unit_of_work(self.ctx) as uow:
            get(uow.session, Person, person_id, "person")
            fields, warnings = self._decision_fields(uow.session, person_id, dict(values), None)
            decision = RehabDecision(person_id=person_id, **fields)
            uow.session.add(decision)
            uow.created(DECISION, decision, None)
        return OpResult(decision.id, uow.changes, tuple(warnings))

    def _decision_fields(
        self, session: Session, person_id: int, values: dict[str, Any], own_id: int | None
    ) -> tuple[dict[str, Any], list[str]]:
        """The whole record checked against its finding and the person's other terms."""
        found_on = None
        finding_id = values.get("finding_id")
        if finding_id is not None:
            finding = session.get(DrugUseFinding, finding_id)
            if finding is None or finding.person_id != person_id:
                raise InputRejected(
                    "decision",
                    [FieldError("finding_id", f"no finding {finding_id} of this person")],
                )
            found_on = local_day(finding.found_at, self.zone)
        others = [
            OtherIsolation(d.id, d.starts_on, d.ended_on or d.planned_end_on)
            for d in session.scalars(
                select(RehabDecision).where(
                    RehabDecision.person_id == person_id,
                    RehabDecision.kind == "compulsory_isolation",
                )
            )
            if d.id != own_id
        ]
        checked = check_decision(
            values, found_on=found_on, today=self._today(), rule=self.rule, isolations=others
        )
        checked.raise_if_errors("decision")
        return checked.values, list(checked.warnings)

    def update_decision(self, decision_id: int, **values: Any) -> OpResult[None]:
        reject_unknown_fields(values, DECISION_FIELDS, "decision")
        self.ctx.require(REGISTRY_EDIT)
        with unit_of_work(self.ctx) as uow:
            decision = get(uow.session, RehabDecision, decision_id, "decision")
            current = {k: getattr(decision, k) for k in DECISION_FIELDS}
            if "decided_on" in values and "starts_on" not in values:
                current["starts_on"] = None  # follows the decision day unless given
            fields, warnings = self._decision_fields(
                uow.session, decision.person_id, {**current, **values}, decision.id
            )
            before = snapshot(decision)
            for name, value in fields.items():
                setattr(decision, name, value)
            self._handovers_still_after(uow.session, decision)
            uow.updated(DECISION, decision, before, None)
        return OpResult(None, uow.changes, tuple(warnings))

    def _handovers_still_after(self, session: Session, decision: RehabDecision) -> None:
        early = session.scalars(
            select(RehabHandover.handed_on).where(
                RehabHandover.decision_id == decision.id,
                RehabHandover.handed_on < decision.decided_on,
            )
        ).first()
        if early is not None:
            raise InputRejected(
                "decision",
                [
                    FieldError(
                        "decided_on",
                        f"{decision.decided_on} is after the hand-over of {early}",
                        "registry.order",
                    )
                ],
            )

    def delete_decision(self, decision_id: int) -> OpResult[RemovedDecision]:
        self.ctx.require(REGISTRY_EDIT)
        with unit_of_work(self.ctx) as uow:
            decision = get(uow.session, RehabDecision, decision_id, "decision")
            handovers = list(
                uow.session.scalars(
                    select(RehabHandover).where(RehabHandover.decision_id == decision_id)
                )
            )
            removed = RemovedDecision(
                column_values(decision), tuple(column_values(h) for h in handovers)
            )
            for handover in handovers:
                uow.deleted(HANDOVER, handover, None)
            uow.deleted(DECISION, decision, None)
        return OpResult(removed, uow.changes)

    def restore_decision(self, removed: RemovedDecision) -> OpResult[int]:
        self.ctx.require(REGISTRY_EDIT)
        with unit_of_work(self.ctx) as uow:
            _restore(uow, DECISION, RehabDecision(**removed.decision))
            for handover in removed.handovers:
                _restore(uow, HANDOVER, RehabHandover(**handover))
        return OpResult(int(removed.decision["id"]), uow.changes)

    def decision_values(self, decision_id: int) -> dict[str, Any]:
        with self.ctx.store.session() as s:
            decision = get(s, RehabDecision, decision_id, "decision")
            out = {k: getattr(decision, k) for k in DECISION_FIELDS}
            out["person_id"] = decision.person_id
            return out

    # -- hand-overs ------------------------------------------------------------------

    def add_handover(self, decision_id: int, **values: Any) -> OpResult[int]:
        reject_unknown_fields(values, HANDOVER_FIELDS, "handover")
        self.ctx.require(REGISTRY_EDIT)
        with unit_of_work(self.ctx) as uow:
            decision = get(uow.session, RehabDecision, decision_id, "decision")
            checked = self.check_handover_for(uow.session, decision, values)
            checked.raise_if_errors("handover")
            handover = RehabHandover(decision_id=decision_id, **checked.values)
            uow.session.add(handover)
            uow.created(HANDOVER, handover, None)
        return OpResult(handover.id, uow.changes, tuple(checked.warnings))

    def check_handover_for(
        self, session: Session, decision: RehabDecision, values: Mapping[str, Any]
    ) -> Any:
        today = self._today()
        done = frozenset(
            session.scalars(
                select(RehabHandover.kind).where(RehabHandover.decision_id == decision.id)
            )
        )
        ended = decision.ended_on or (
            decision.planned_end_on if decision.planned_end_on < today else None
        )
        checked = check_handover(
            values,
            decision_kind=decision.kind,
            decided_on=decision.decided_on,
            ended=ended,
            done=done,
            today=today,
        )
        isolation_running = decision.kind == "compulsory_isolation" and ended is None
        if values.get("kind") == "release_filing" and isolation_running:
            checked.error(
                "kind",
                f"the compulsory isolation runs until {decision.planned_end_on}; "
                "record its end first",
                "registry.not_released",
            )
        return checked

    def delete_handover(self, handover_id: int) -> OpResult[dict[str, Any]]:
        self.ctx.require(REGISTRY_EDIT)
        with unit_of_work(self.ctx) as uow:
            handover = get(uow.session, RehabHandover, handover_id, "hand-over")
            removed = column_values(handover)
            uow.deleted(HANDOVER, handover, None)
        return OpResult(removed, uow.changes)

    def restore_handover(self, removed: Mapping[str, Any]) -> OpResult[int]:
        self.ctx.require(REGISTRY_EDIT)
        with unit_of_work(self.ctx) as uow:
            _restore(uow, HANDOVER, RehabHandover(**removed))
        return OpResult(int(removed["id"]), uow.changes)


def _restore(uow: UnitOfWork, entity: str, obj: Any) -> None:
    uow.session.add(obj)
    uow.session.flush()
    uow.audit("restore", entity, obj.id, None, {"after": snapshot(obj)})


def _person_in_use(session: Session, person_id: int) -> bool:
    """Whether anything still refers to the person (a case, the registry, a vehicle)."""
    for query in (
        select(CaseParty.id).where(CaseParty.person_id == person_id),
        select(DrugUseFinding.id).where(DrugUseFinding.person_id == person_id),
        select(RehabDecision.id).where(RehabDecision.person_id == person_id),
        select(Vehicle.id).where(Vehicle.owner_id == person_id),
    ):
        if session.execute(query.limit(1)).first() is not None:
            return True
    return False
