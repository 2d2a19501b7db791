"""One search box over every case: names, aliases, ID numbers, phones, plates, VINs,
exhibit numbers (逢嫌必检: the first question about anyone is where else they appear)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, String, cast, or_, select, true
from sqlalchemy.orm import Session

from workbench.domain.masking import mask_id
from workbench.models import CaseFile, CaseParty, CaseVehicle, Person, Seizure, Vehicle
from workbench.services.core.context import Context


@dataclass(frozen=True)
class SearchHit:
    """One record found. For persons, what tells two 郭某 apart: the ID number partly
    masked, the birth date, and their role in that case (a PARTY_ROLES key)."""

    entity: str  # "person", "vehicle", "seizure"
    record_id: int
    case_code: str
    title: str
    field: str
    value: str
    id_masked: str = ""
    birth_date: date | None = None
    role: str = ""


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matched_field(person: Person, needle: str) -> tuple[str, str]:
    low = needle.lower()
    if person.id_number and low in person.id_number.lower():
        return "id_number", person.id_number
    for phone in person.phones or []:
        if needle in phone:
            return "phone", phone
    if needle in person.name:
        return "name", person.name
    for alias in person.aliases or []:
        if needle in alias:
            return "alias", alias
    return "name", person.name


class SearchService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def search(self, text: str, limit: int = 100) -> list[SearchHit]:
        needle = _normalise(text)
        if not needle:
            return []
        compact = needle.replace(" ", "").replace("-", "").replace("·", "")
        with self.ctx.store.session() as s:
            readable = self.ctx.readable_case_ids(s)  # None: every case (auditors)
            scope = CaseFile.id.in_(readable) if readable is not None else true()
            hits = [
                *_people(s, scope, needle, compact, limit),
                *_vehicles(s, scope, compact, limit),
                *_exhibits(s, scope, needle, limit),
            ]
        return hits[:limit]


def _people(
    s: Session, scope: ColumnElement[bool], needle: str, compact: str, limit: int
) -> list[SearchHit]:
    """By name, alias, ID number or phone; each hit says who it is (namesakes)."""
    pattern, compact_pattern = _like(needle), _like(compact.upper())
    rows = s.execute(
        select(Person, CaseFile.code, CaseParty.role)
        .join(CaseParty, CaseParty.person_id == Person.id)
        .join(CaseFile, CaseFile.id == CaseParty.case_id)
        .where(
            or_(
                Person.name.like(pattern, escape="\\"),
                cast(Person.aliases, String).like(pattern, escape="\\"),
                Person.id_number.like(compact_pattern, escape="\\"),
                cast(Person.phones, String).like(_like(compact), escape="\\"),
            ),
            scope,
        )
        .order_by(Person.name, CaseFile.code)
        .limit(limit)
    ).all()
    hits = []
    for person, code, role in rows:
        field, value = _matched_field(person, compact if field_is_number(compact) else needle)
        if field == "id_number":  # the box already holds what was typed
            value = mask_id(value) if len(compact) < len(value) else value
        hits.append(
            SearchHit(
                "person",
                person.id,
                code,
                person.name,
                field,
                value,
                id_masked=mask_id(person.id_number),
                birth_date=person.birth_date,
                role=role or "",
            )
        )
    return hits


def _vehicles(s: Session, scope: ColumnElement[bool], compact: str, limit: int) -> list[SearchHit]:
    compact_pattern = _like(compact.upper())
    rows = s.execute(
        select(Vehicle, CaseFile.code)
        .join(CaseVehicle, CaseVehicle.vehicle_id == Vehicle.id)
        .join(CaseFile, CaseFile.id == CaseVehicle.case_id)
        .where(
            or_(
                Vehicle.plate.like(compact_pattern, escape="\\"),
                Vehicle.vin.like(compact_pattern, escape="\\"),
            ),
            scope,
        )
        .order_by(Vehicle.plate, CaseFile.code)
        .limit(limit)
    ).all()
    hits = []
    for vehicle, code in rows:
        on_plate = vehicle.plate and compact.upper() in vehicle.plate
        hits.append(
            SearchHit(
                "vehicle",
                vehicle.id,
                code,
                vehicle.plate or vehicle.vin or "",
                "plate" if on_plate else "vin",
                (vehicle.plate if on_plate else vehicle.vin) or "",
            )
        )
    return hits


def _exhibits(s: Session, scope: ColumnElement[bool], needle: str, limit: int) -> list[SearchHit]:
    rows = s.execute(
        select(Seizure, CaseFile.code)
        .join(CaseFile, CaseFile.id == Seizure.case_id)
        .where(Seizure.exhibit_no.like(_like(needle), escape="\\"), scope)
        .order_by(CaseFile.code, Seizure.exhibit_no)
        .limit(limit)
    ).all()
    return [
        SearchHit("seizure", seizure.id, code, seizure.exhibit_no, "exhibit_no", seizure.exhibit_no)
        for seizure, code in rows
    ]


def field_is_number(text: str) -> bool:
    return sum(c.isdigit() for c in text) >= max(3, len(text) // 2)
