"""Vehicles: found by plate or VIN before one is created, then joined to the case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from workbench.models import CaseVehicle, Vehicle
from workbench.services.changes import OpResult
from workbench.services.context import Context
from workbench.services.errors import FieldError, InputRejected
from workbench.services.lookup import case_by_code, case_code, get
from workbench.services.unit_of_work import snapshot, unit_of_work
from workbench.services.validation import (
    check_case_vehicle,
    check_vehicle,
    reject_unknown_fields,
)

VEHICLE_FIELDS = frozenset({"plate", "vin", "make", "model", "colour", "owner_id", "notes"})
CASE_VEHICLE_FIELDS = frozenset({"seized", "seized_on", "notes"})


@dataclass(frozen=True)
class VehicleRef:
    vehicle_id: int
    case_vehicle_id: int
    existing_vehicle: bool


class VehicleService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def add_to_case(
        self, case_code_: str, vehicle: dict[str, Any], **in_case: Any
    ) -> OpResult[VehicleRef]:
        reject_unknown_fields(vehicle, VEHICLE_FIELDS, "vehicle")
        reject_unknown_fields(in_case, CASE_VEHICLE_FIELDS, "vehicle")
        checked = check_vehicle(vehicle)
        if not checked.values.get("plate") and not checked.values.get("vin"):
            checked.error("plate", "a plate or a VIN is required")
        checked.errors += check_case_vehicle(in_case).errors
        checked.raise_if_errors("vehicle")
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, case_code_)
            keys = [
                getattr(Vehicle, k) == checked.values[k]
                for k in ("plate", "vin")
                if checked.values.get(k)
            ]
            existing = uow.session.scalars(select(Vehicle).where(or_(*keys))).all()
            if len(existing) > 1:
                raise InputRejected(
                    "vehicle",
                    [FieldError("vin", "plate and VIN belong to two different vehicles")],
                )
            if existing:
                target = existing[0]
            else:
                target = Vehicle(**checked.values)
                uow.session.add(target)
                uow.created("vehicle", target, case.code)
            link = CaseVehicle(case_id=case.id, vehicle_id=target.id, **in_case)
            uow.session.add(link)
            uow.created("case_vehicle", link, case.code)
        ref = VehicleRef(target.id, link.id, bool(existing))
        return OpResult(ref, uow.changes, tuple(checked.warnings))

    def update_vehicle(self, vehicle_id: int, **fields: Any) -> OpResult[None]:
        reject_unknown_fields(fields, VEHICLE_FIELDS, "vehicle")
        checked = check_vehicle(fields)
        checked.raise_if_errors("vehicle")
        with unit_of_work(self.ctx) as uow:
            vehicle = get(uow.session, Vehicle, vehicle_id, "vehicle")
            before = snapshot(vehicle)
            for name, value in checked.values.items():
                setattr(vehicle, name, value)
            uow.updated("vehicle", vehicle, before, None)
        return OpResult(None, uow.changes, tuple(checked.warnings))

    def remove_from_case(self, case_vehicle_id: int) -> OpResult[None]:
        with unit_of_work(self.ctx) as uow:
            link = get(uow.session, CaseVehicle, case_vehicle_id, "case vehicle")
            uow.deleted("case_vehicle", link, case_code(uow.session, link.case_id))
        return OpResult(None, uow.changes)
