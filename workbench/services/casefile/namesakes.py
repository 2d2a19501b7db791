"""Telling persons apart: who is already on file under an ID number, and what shows it.

Two suspects named 郭某 are told apart by their ID numbers, birth dates and roles; a new
person whose ID number is already on file *is* that person (``PersonService.add_to_case``
links the existing record). Before saving, the form asks :meth:`NamesakeService.by_id_number`
and says so — with the ID partly masked, the birth date and the roles in the cases the
user may read (the others only counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from workbench.domain.errors import DomainError
from workbench.domain.identifiers import parse_resident_id
from workbench.domain.masking import mask_id
from workbench.models import CaseFile, CaseParty, Person
from workbench.services.core.context import Context


@dataclass(frozen=True)
class KnownPerson:
    person_id: int
    name: str
    id_masked: str
    birth_date: date | None
    cases: tuple[tuple[str, str], ...]  # (case code, PARTY_ROLES key) the user may read
    other_cases: int  # cases the user may not read, counted only


class NamesakeService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def by_id_number(self, id_number: str) -> KnownPerson | None:
        """The person on file with this (valid) resident ID number, or None."""
        try:
            number = parse_resident_id(id_number).number
        except DomainError:
            return None
        with self.ctx.store.session() as s:
            person = s.execute(
                select(Person).where(Person.id_number == number)
            ).scalar_one_or_none()
            if person is None:
                return None
            links = s.execute(
                select(CaseFile.id, CaseFile.code, CaseParty.role)
                .join(CaseParty, CaseParty.case_id == CaseFile.id)
                .where(CaseParty.person_id == person.id)
                .order_by(CaseFile.code)
            ).all()
            readable = self.ctx.readable_case_ids(s)
            shown = [
                (str(c), str(r or "")) for i, c, r in links if readable is None or i in readable
            ]
            return KnownPerson(
                person.id,
                person.name,
                mask_id(person.id_number),
                person.birth_date,
                tuple(shown),
                len(links) - len(shown),
            )
