"""Persons and their part in cases, and the compulsory measures on them.

A person is found by resident ID number before one is created, so the same person in
two cases is one row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select

from workbench.domain.permissions import CASE_CREATE, CASE_EDIT, CASE_READ
from workbench.models import CaseFile, CaseParty, DrugUseFinding, Measure, Person
from workbench.services.casefile.validation import (
    check_measure,
    check_party,
    check_person,
    reject_unknown_fields,
)
from workbench.services.core.changes import OpResult
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, FieldWarning, InputRejected
from workbench.services.core.lookup import case_by_code, case_code, get
from workbench.services.core.unit_of_work import UnitOfWork, column_values, snapshot, unit_of_work

PERSON_FIELDS = frozenset(
    {
        "name",
        "aliases",
        "sex",
        "birth_date",
        "id_number",
        "ethnicity",
        "education",
        "occupation",
        "birthplace",
        "household_address",
        "current_address",
        "phones",
        "prior_record",
        "notes",
    }
)
PARTY_FIELDS = frozenset(
    {"role", "is_suspect", "status", "roving_or_gang", "prosecuted_on", "notes"}
)
MEASURE_FIELDS = frozenset(
    {
        "kind",
        "decided_on",
        "starts_on",
        "ends_on",
        "extension_steps",
        "document_no",
        "place",
        "notes",
        "concluded_on",
        "conclusion",
    }
)


@dataclass(frozen=True)
class PartySnapshot:
    """A removed case party (and maybe its person) as plain values, to restore later."""

    case_code: str
    party: dict[str, Any]
    measures: tuple[dict[str, Any], ...]
    person: dict[str, Any] | None


@dataclass(frozen=True)
class PartyRef:
    person_id: int
    party_id: int
    existing_person: bool


class PersonService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def details(self, person_id: int) -> dict[str, Any]:
        """Every editable field of a person (a form shows more than the table's columns)."""
        with self.ctx.store.session() as s:
            person = get(s, Person, person_id, "person")
            codes = s.scalars(
                select(CaseFile.code)
                .join(CaseParty, CaseParty.case_id == CaseFile.id)
                .where(CaseParty.person_id == person_id)
            ).all()
            self.ctx.require_any(CASE_READ, codes, fallback=CASE_CREATE, session=s)
            return {k: getattr(person, k) for k in sorted(PERSON_FIELDS)}

    def add_to_case(
        self, case_code: str, person: dict[str, Any], **party: Any
    ) -> OpResult[PartyRef]:
        reject_unknown_fields(person, PERSON_FIELDS, "person")
        reject_unknown_fields(party, PARTY_FIELDS, "party")
        checked = check_person(person, today=self.ctx.clock().date())
        if "name" not in person:
            checked.error("name", "is required", "field.required")
        party_checked = check_party(party)
        checked.errors += party_checked.errors
        checked.raise_if_errors("person")
        warnings = list(checked.warnings)
        self.ctx.require(CASE_EDIT, case_code)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, case_code)
            existing = None
            if checked.values.get("id_number"):
                existing = uow.session.execute(
                    select(Person).where(Person.id_number == checked.values["id_number"])
                ).scalar_one_or_none()
            if existing is None:
                target = Person(**checked.values)
                uow.session.add(target)
                uow.created("person", target, case.code)
            else:
                target = existing
                if existing.name != checked.values["name"]:
                    warnings.append(
                        FieldWarning(
                            "id_number",
                            f"{existing.id_number} is already {existing.name}; "
                            f"kept that name rather than {checked.values['name']}",
                            "person.known_id",
                            id_number=existing.id_number,
                            known=existing.name,
                            given=checked.values["name"],
                        )
                    )
                already = uow.session.execute(
                    select(CaseParty.id).where(
                        CaseParty.case_id == case.id, CaseParty.person_id == existing.id
                    )
                ).first()
                if already:
                    raise InputRejected(
                        "person",
                        [
                            FieldError(
                                "id_number",
                                f"{existing.name} is already in {case.code}",
                                "person.already_in_case",
                                {"name": existing.name, "case": case.code},
                            )
                        ],
                    )
            link = CaseParty(case_id=case.id, person_id=target.id, **party_checked.values)
            uow.session.add(link)
            uow.created("party", link, case.code)
        return OpResult(
            PartyRef(target.id, link.id, existing is not None), uow.changes, tuple(warnings)
        )

    def update_person(
        self, person_id: int, *, case_code: str | None = None, **fields: Any
    ) -> OpResult[None]:
        """Persons are global; ``case_code`` names the case the edit was made from, so the
        case's audit log shows it (the change itself applies in every case)."""
        reject_unknown_fields(fields, PERSON_FIELDS, "person")
        with unit_of_work(self.ctx) as uow:
            person = get(uow.session, Person, person_id, "person")
            self._require_person_edit(uow, person_id, case_code)
            # A new ID number brings its own birth date and sex unless they are given too;
            # otherwise the stored ones are checked against the (stored) ID number.
            current: dict[str, Any] = {}
            if "id_number" not in fields:
                current = {"birth_date": person.birth_date, "sex": person.sex}
                if person.id_number:
                    current["id_number"] = person.id_number
            checked = check_person({**current, **fields}, today=self.ctx.clock().date())
            checked.raise_if_errors("person")
            before = snapshot(person)
            for name in {*fields, "birth_date", "sex"}:
                setattr(person, name, checked.values.get(name, getattr(person, name)))
            uow.updated("person", person, before, case_code)
        return OpResult(None, uow.changes, tuple(checked.warnings))

    def _require_person_edit(self, uow: UnitOfWork, person_id: int, case_code_: str | None) -> None:
        """A person is global: editable from a case the user may edit, or, when named
        without a case, by a user who may edit one of the person's cases."""
        if case_code_ is not None:
            self.ctx.require(CASE_EDIT, case_code_, session=uow.session)
            return
        codes = uow.session.scalars(
            select(CaseFile.code)
            .join(CaseParty, CaseParty.case_id == CaseFile.id)
            .where(CaseParty.person_id == person_id)
        ).all()
        self.ctx.require_any(CASE_EDIT, codes, fallback=CASE_CREATE, session=uow.session)

    def update_party(self, party_id: int, **fields: Any) -> OpResult[None]:
        reject_unknown_fields(fields, PARTY_FIELDS, "party")
        checked = check_party(fields)
        checked.raise_if_errors("party")
        with unit_of_work(self.ctx) as uow:
            party = get(uow.session, CaseParty, party_id, "party")
            code = case_code(uow.session, party.case_id)
            self.ctx.require(CASE_EDIT, code, session=uow.session)
            before = snapshot(party)
            for name, value in checked.values.items():
                setattr(party, name, value)
            uow.updated("party", party, before, code)
        return OpResult(None, uow.changes)

    def remove_from_case(
        self, party_id: int, *, delete_orphan_person: bool = False
    ) -> OpResult[PartySnapshot]:
        """Take a person out of a case, with their measures in it; the person and their
        other cases stay. ``delete_orphan_person`` also deletes a person left in no case
        and not referred to elsewhere (undo of a person created with the case entry).
        Returns what was removed, so it can be restored with the same ids."""
        with unit_of_work(self.ctx) as uow:
            party = get(uow.session, CaseParty, party_id, "party")
            code = case_code(uow.session, party.case_id)
            self.ctx.require(CASE_EDIT, code, session=uow.session)
            measures = list(
                uow.session.scalars(
                    select(Measure).where(
                        Measure.case_id == party.case_id, Measure.person_id == party.person_id
                    )
                )
            )
            removed = PartySnapshot(
                case_code=code,
                party=column_values(party),
                measures=tuple(column_values(m) for m in measures),
                person=None,
            )
            for measure in measures:
                uow.deleted("measure", measure, code)
            person_id = party.person_id
            uow.deleted("party", party, code)
            if delete_orphan_person:
                person = get(uow.session, Person, person_id, "person")
                still = (
                    uow.session.execute(
                        select(CaseParty.id).where(CaseParty.person_id == person_id)
                    ).first()
                    or uow.session.execute(  # the drug-user registry keeps them too
                        select(DrugUseFinding.id).where(DrugUseFinding.person_id == person_id)
                    ).first()
                )
                if still is None:
                    removed = replace(removed, person=column_values(person))
                    uow.deleted("person", person, code)
        return OpResult(removed, uow.changes)

    def restore_to_case(self, removed: PartySnapshot) -> OpResult[PartyRef]:
        """Undo of a removal: the same person, party and measure ids come back."""
        self.ctx.require(CASE_EDIT, removed.case_code)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, removed.case_code)
            rows: list[tuple[str, Any]] = []
            if removed.person is not None:
                rows.append(("person", Person(**removed.person)))
            rows.append(("party", CaseParty(**{**removed.party, "case_id": case.id})))
            rows += [("measure", Measure(**{**m, "case_id": case.id})) for m in removed.measures]
            for entity, obj in rows:
                uow.session.add(obj)
                uow.session.flush()
                uow.audit("restore", entity, obj.id, case.code, {"after": snapshot(obj)})
        ref = PartyRef(int(removed.party["person_id"]), int(removed.party["id"]), False)
        return OpResult(ref, uow.changes)

    def add_measure(
        self, case_code: str, person_id: int, kind: str, **fields: Any
    ) -> OpResult[int]:
        reject_unknown_fields(fields, MEASURE_FIELDS - {"kind"}, "measure")
        checked = check_measure({"kind": kind, **fields}, complete={"kind": kind, **fields})
        checked.raise_if_errors("measure")
        self.ctx.require(CASE_EDIT, case_code)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, case_code)
            in_case = uow.session.execute(
                select(CaseParty.id).where(
                    CaseParty.case_id == case.id, CaseParty.person_id == person_id
                )
            ).first()
            if not in_case:
                raise InputRejected(
                    "measure",
                    [
                        FieldError(
                            "person_id",
                            f"person {person_id} is not in {case.code}",
                            "reference.other_case",
                            {"entity": "person", "id": person_id},
                        )
                    ],
                )
            measure = Measure(case_id=case.id, person_id=person_id, **checked.values)
            uow.session.add(measure)
            uow.created("measure", measure, case.code)
        return OpResult(measure.id, uow.changes, tuple(checked.warnings))
