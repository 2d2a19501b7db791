"""Many small case files in one transaction: cases, their persons, measures, exhibits,
money and places, checked like single edits and written table by table.

For a brigade's back-filed cases of other units, the demo's generated history and the
benchmarks, where one service call per record would take minutes. Persons are matched by
resident ID number (one global person per number). Each table gets one audit entry
(``core.bulk``). Case membership: the users named in ``members`` (by default the one
writing); writing cases for others only, an admin's right to manage memberships of any
case is needed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.permissions import CASE_CREATE, CASE_MEMBERS
from workbench.models import (
    Asset,
    CaseAccess,
    CaseFile,
    CaseParty,
    Location,
    Measure,
    Person,
    Seizure,
    User,
)
from workbench.services.casefile.cases import CASE_FIELDS
from workbench.services.casefile.validation import (
    Checked,
    check_asset,
    check_case,
    check_location,
    check_measure,
    check_party,
    check_person,
    check_seizure,
)
from workbench.services.core.bulk import insert_rows
from workbench.services.core.changes import OpResult
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected
from workbench.services.core.unit_of_work import UnitOfWork, unit_of_work

_MAX_ERRORS = 100


@dataclass(frozen=True)
class CaseBundle:
    """One case: ``case`` fields (code, title …); ``persons``: person fields with a
    ``party`` dict (role, is_suspect, status, prosecuted_on); ``measures``: measure fields
    with ``person``, an index into ``persons``; exhibits, money and places as their
    records' fields."""

    case: Mapping[str, Any]
    persons: Sequence[Mapping[str, Any]] = ()
    measures: Sequence[Mapping[str, Any]] = ()
    seizures: Sequence[Mapping[str, Any]] = ()
    assets: Sequence[Mapping[str, Any]] = ()
    locations: Sequence[Mapping[str, Any]] = ()


@dataclass(frozen=True)
class CaseBulkCounts:
    cases: int
    persons: int
    parties: int
    measures: int
    seizures: int
    assets: int
    locations: int


@dataclass
class _Checked:
    cases: list[dict[str, Any]] = field(default_factory=list)
    persons: dict[str, dict[str, Any]] = field(default_factory=dict)  # by ID number
    parties: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)
    measures: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)
    records: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)

    def take(self, where: str, checked: Checked) -> dict[str, Any]:
        self.errors += [
            FieldError(f"{where}: {e.field}", e.message, e.code) for e in checked.errors
        ]
        return checked.values


_RECORDS: dict[str, tuple[Any, Any]] = {
    "seizures": (Seizure, lambda v: check_seizure(v, complete=v)),
    "assets": (Asset, check_asset),
    "locations": (Location, check_location),
}


def _required(model: Any) -> list[str]:
    """NOT NULL columns without a default: named in an error rather than left to the
    database's integrity error."""
    return [
        c.key
        for c in model.__table__.columns
        if not c.nullable
        and not c.primary_key
        and c.default is None
        and c.server_default is None
        and c.key != "case_id"
    ]


class CaseBulk:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def add(
        self,
        bundles: Sequence[CaseBundle],
        *,
        members: Sequence[str] | None = None,
        source: str = "",
    ) -> OpResult[CaseBulkCounts]:
        self.ctx.require(CASE_CREATE)
        wanted = [self.ctx.user] if members is None else list(members)
        if self.ctx.user not in wanted:
            self.ctx.require(CASE_MEMBERS)
        checked = self._check(bundles)
        with unit_of_work(self.ctx) as uow:
            self._check_against_database(uow.session, checked)
            if checked.errors:
                raise InputRejected("case batch", checked.errors[:_MAX_ERRORS])
            counts = self._write(uow, checked, wanted, source)
        return OpResult(counts, uow.changes)

    def _check(self, bundles: Sequence[CaseBundle]) -> _Checked:
        out = _Checked()
        today = self.ctx.clock().date()
        for i, bundle in enumerate(bundles):
            where = f"case {i + 1}"
            unknown = sorted(set(bundle.case) - CASE_FIELDS)
            out.errors += [FieldError(f"{where}: {name}", "is not a field") for name in unknown]
            values = out.take(where, check_case(bundle.case))
            for name in ("code", "title"):
                if not values.get(name):
                    out.errors.append(
                        FieldError(f"{where}: {name}", "is required", "field.required")
                    )
            out.cases.append(values)
            numbers = self._persons(out, i, bundle, today)
            for j, m in enumerate(bundle.measures):
                index = m.get("person")
                if not isinstance(index, int) or not 0 <= index < len(numbers):
                    out.errors.append(
                        FieldError(f"{where} measure {j + 1}: person", "no such person")
                    )
                    continue
                measure = {k: v for k, v in m.items() if k != "person"}
                out.measures.append(
                    (
                        i,
                        numbers[index],
                        out.take(f"{where} measure {j + 1}", check_measure(measure)),
                    )
                )
            for name, (model, check) in _RECORDS.items():
                for j, row in enumerate(getattr(bundle, name)):
                    label = f"{where} {name[:-1]} {j + 1}"
                    values = out.take(label, check(row))
                    for column in _required(model):
                        if values.get(column) is None:
                            out.errors.append(FieldError(f"{label}: {column}", "is required"))
                    out.records.setdefault(name, []).append((i, values))
            if len(out.errors) >= _MAX_ERRORS:
                break
        codes = [c.get("code") for c in out.cases]
        for code in {c for c in codes if codes.count(c) > 1}:
            out.errors.append(FieldError("code", f"{code} appears twice in the batch"))
        return out

    def _persons(self, out: _Checked, i: int, bundle: CaseBundle, today: Any) -> list[str]:
        numbers = []
        for j, p in enumerate(bundle.persons):
            where = f"case {i + 1} person {j + 1}"
            person = {k: v for k, v in p.items() if k != "party"}
            values = out.take(where, check_person(person, today=today))
            number = str(values.get("id_number") or "")
            if not number:
                out.errors.append(
                    FieldError(f"{where}: id_number", "is required", "field.required")
                )
            party = out.take(where, check_party(dict(p.get("party", {}))))
            out.persons.setdefault(number, values)
            out.parties.append((i, number, party))
            numbers.append(number)
        return numbers

    def _check_against_database(self, session: Session, checked: _Checked) -> None:
        codes = [str(c.get("code")) for c in checked.cases]
        for start in range(0, len(codes), 500):
            for code in session.scalars(
                select(CaseFile.code).where(CaseFile.code.in_(codes[start : start + 500]))
            ):
                checked.errors.append(FieldError("code", f"a case with code {code!r} exists"))

    def _write(
        self, uow: UnitOfWork, checked: _Checked, members: Sequence[str], source: str
    ) -> CaseBulkCounts:
        s = uow.session
        now = self.ctx.clock()
        case_ids = insert_rows(
            uow, CaseFile, [{**c, "created_at": now} for c in checked.cases], "case", source=source
        )
        person_ids = self._person_ids(uow, checked, source)
        parties = [
            {**party, "case_id": case_ids[i], "person_id": person_ids[number]}
            for i, number, party in checked.parties
        ]
        insert_rows(uow, CaseParty, parties, "party", source=source)
        measures = [
            {**m, "case_id": case_ids[i], "person_id": person_ids[number]}
            for i, number, m in checked.measures
        ]
        insert_rows(uow, Measure, measures, "measure", source=source)
        counts = {}
        for name, (model, _check) in _RECORDS.items():
            rows = [{**v, "case_id": case_ids[i]} for i, v in checked.records.get(name, [])]
            counts[name] = len(insert_rows(uow, model, rows, name[:-1], source=source))
        user_ids = list(s.scalars(select(User.id).where(User.name.in_(members))))
        access = [
            {"case_id": case_id, "user_id": user_id, "granted_at": now}
            for case_id in case_ids
            for user_id in user_ids
        ]
        insert_rows(uow, CaseAccess, access, "case_access", source=source)
        return CaseBulkCounts(
            len(case_ids),
            len(person_ids),
            len(parties),
            len(measures),
            counts["seizures"],
            counts["assets"],
            counts["locations"],
        )

    def _person_ids(self, uow: UnitOfWork, checked: _Checked, source: str) -> dict[str, int]:
        numbers = sorted(checked.persons)
        known: dict[str, int] = {}
        for start in range(0, len(numbers), 500):
            for number, person_id in uow.session.execute(
                select(Person.id_number, Person.id).where(
                    Person.id_number.in_(numbers[start : start + 500])
                )
            ):
                known[str(number)] = int(person_id)
        new = [n for n in numbers if n not in known]
        ids = insert_rows(uow, Person, [checked.persons[n] for n in new], "person", source=source)
        known.update(zip(new, ids, strict=True))
        return known
