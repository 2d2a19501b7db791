"""Vehicles: found by plate or VIN before one is created, then joined to the case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from workbench.domain.permissions import CASE_CREATE, CASE_EDIT, CASE_READ
from workbench.models import CaseFile, CaseVehicle, Vehicle
from workbench.services.casefile.validation import (
    check_case_vehicle,
    check_vehicle,
    reject_unknown_fields,
)
from workbench.services.core.changes import OpResult
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected
from workbench.services.core.lookup import case_by_code, case_code, get
from workbench.services.core.unit_of_work import column_values, snapshot, unit_of_work

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

    def details(self, vehicle_id: int) -> dict[str, Any]:
        """Every editable field of a vehicle (the form shows more than the table)."""
        with self.ctx.store.session() as s:
            vehicle = get(s, Vehicle, vehicle_id, "vehicle")
            codes = s.scalars(
                select(CaseFile.code)
                .join(CaseVehicle, CaseVehicle.case_id == CaseFile.id)
                .where(CaseVehicle.vehicle_id == vehicle_id)
            ).all()
            self.ctx.require_any(CASE_READ, codes, fallback=CASE_CREATE, session=s)
            return {k: getattr(vehicle, k) for k in sorted(VEHICLE_FIELDS)}

    def add_to_case(
        self, case_code_: str, vehicle: dict[str, Any], **in_case: Any
    ) -> OpResult[VehicleRef]:
        reject_unknown_fields(vehicle, VEHICLE_FIELDS, "vehicle")
        reject_unknown_fields(in_case, CASE_VEHICLE_FIELDS, "vehicle")
        checked = check_vehicle(vehicle)
        if not checked.values.get("plate") and not checked.values.get("vin"):
            checked.error("plate", "a plate or a VIN is required", "vehicle.plate_or_vin")
        checked.errors += check_case_vehicle(in_case).errors
        checked.raise_if_errors("vehicle")
        self.ctx.require(CASE_EDIT, case_code_)
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
                    [
                        FieldError(
                            "vin",
                            "plate and VIN belong to two different vehicles",
                            "vehicle.two_vehicles",
                        )
                    ],
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

    def update_vehicle(
        self, vehicle_id: int, *, case_code: str | None = None, **fields: Any
    ) -> OpResult[None]:
        """Vehicles are global; ``case_code`` names the case the edit was made from."""
        reject_unknown_fields(fields, VEHICLE_FIELDS, "vehicle")
        checked = check_vehicle(fields)
        checked.raise_if_errors("vehicle")
        with unit_of_work(self.ctx) as uow:
            vehicle = get(uow.session, Vehicle, vehicle_id, "vehicle")
            if case_code is not None:
                self.ctx.require(CASE_EDIT, case_code, session=uow.session)
            else:
                codes = uow.session.scalars(
                    select(CaseFile.code)
                    .join(CaseVehicle, CaseVehicle.case_id == CaseFile.id)
                    .where(CaseVehicle.vehicle_id == vehicle_id)
                ).all()
                self.ctx.require_any(CASE_EDIT, codes, fallback=CASE_CREATE, session=uow.session)
            before = snapshot(vehicle)
            for name, value in checked.values.items():
                setattr(vehicle, name, value)
            uow.updated("vehicle", vehicle, before, case_code)
        return OpResult(None, uow.changes, tuple(checked.warnings))

    def update_in_case(self, case_vehicle_id: int, **fields: Any) -> OpResult[None]:
        """What the vehicle is in one case: seized or not, when, notes."""
        reject_unknown_fields(fields, CASE_VEHICLE_FIELDS, "case vehicle")
        checked = check_case_vehicle(fields)
        checked.raise_if_errors("case vehicle")
        with unit_of_work(self.ctx) as uow:
            link = get(uow.session, CaseVehicle, case_vehicle_id, "case vehicle")
            before = snapshot(link)
            for name, value in checked.values.items():
                setattr(link, name, value)
            uow.updated("case_vehicle", link, before, case_code(uow.session, link.case_id))
        return OpResult(None, uow.changes)

    def remove_from_case(
        self, case_vehicle_id: int, *, delete_orphan_vehicle: bool = False
    ) -> OpResult[VehicleSnapshot]:
        with unit_of_work(self.ctx) as uow:
            link = get(uow.session, CaseVehicle, case_vehicle_id, "case vehicle")
            code = case_code(uow.session, link.case_id)
            self.ctx.require(CASE_EDIT, code, session=uow.session)
            removed = VehicleSnapshot(code, column_values(link), None)
            vehicle_id = link.vehicle_id
            uow.deleted("case_vehicle", link, code)
            if delete_orphan_vehicle:
                still = uow.session.execute(
                    select(CaseVehicle.id).where(CaseVehicle.vehicle_id == vehicle_id)
                ).first()
                if still is None:
                    vehicle = get(uow.session, Vehicle, vehicle_id, "vehicle")
                    removed = VehicleSnapshot(code, removed.case_vehicle, column_values(vehicle))
                    uow.deleted("vehicle", vehicle, code)
        return OpResult(removed, uow.changes)

    def restore_to_case(self, removed: VehicleSnapshot) -> OpResult[VehicleRef]:
        """Undo of a removal: the same vehicle and case-vehicle ids come back."""
        self.ctx.require(CASE_EDIT, removed.case_code)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, removed.case_code)
            rows: list[tuple[str, Any]] = []
            if removed.vehicle is not None:
                rows.append(("vehicle", Vehicle(**removed.vehicle)))
            rows.append(
                ("case_vehicle", CaseVehicle(**{**removed.case_vehicle, "case_id": case.id}))
            )
            for entity, obj in rows:
                uow.session.add(obj)
                uow.session.flush()
                uow.audit("restore", entity, obj.id, case.code, {"after": snapshot(obj)})
        ref = VehicleRef(
            int(removed.case_vehicle["vehicle_id"]), int(removed.case_vehicle["id"]), False
        )
        return OpResult(ref, uow.changes)


@dataclass(frozen=True)
class VehicleSnapshot:
    case_code: str
    case_vehicle: dict[str, Any]
    vehicle: dict[str, Any] | None
