"""Every change as data — an Operation — and its inverse, so undo is just another change.

As in Orange, a command and its inverse are plain data; the window's QUndoCommand only
holds them. The runner dispatches an Operation to the service that owns it and returns
the service's result with ``inverse`` filled in. Undoing runs the inverse through the
same services, so an undo is validated and audited like any edit; removals are undone
by restoring the same ids, so later operations on the stack still point at the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from workbench.models import CaseParty, CaseVehicle, Person, Vehicle
from workbench.services.casefile.attachments import AttachmentService, AttachmentSnapshot
from workbench.services.casefile.cases import CASE_FIELDS, CaseService
from workbench.services.casefile.persons import PartySnapshot, PersonService
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.vehicles import VehicleService, VehicleSnapshot
from workbench.services.core.changes import Operation, OpResult
from workbench.services.core.context import Context
from workbench.services.core.lookup import case_by_code, get
from workbench.services.core.unit_of_work import marked_as


def _op(name: str, description: str, **args: Any) -> Operation:
    return Operation(name, MappingProxyType(args), description)


# -- constructors (what the window builds) -------------------------------------------


def add_attachment(case_code: str, path: str, description: str = "") -> Operation:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return _op(
        "attachment.add",
        f"Add attachment {name}",
        case_code=case_code,
        path=path,
        text=description,
    )


def remove_attachment(attachment_id: int) -> Operation:
    return _op("attachment.remove", "Remove attachment", attachment_id=attachment_id)


def create_case(code: str, title: str, **fields: Any) -> Operation:
    return _op("case.create", f"New case {code}", code=code, title=title, fields=fields)


def update_case(code: str, **fields: Any) -> Operation:
    return _op("case.update", f"Edit case {code}", code=code, fields=fields)


def add_person(case_code: str, person: dict[str, Any], **party: Any) -> Operation:
    name = person.get("name", "")
    return _op("person.add", f"Add person {name}", case_code=case_code, person=person, party=party)


def update_person(person_id: int, *, case_code: str | None = None, **fields: Any) -> Operation:
    """``case_code``: the case the edit is made from (persons are shared between cases)."""
    return _op(
        "person.update", "Edit person", person_id=person_id, fields=fields, case_code=case_code
    )


def update_party(party_id: int, **fields: Any) -> Operation:
    return _op("party.update", "Edit case role", party_id=party_id, fields=fields)


def remove_party(party_id: int, *, delete_orphan_person: bool = False) -> Operation:
    return _op(
        "party.remove",
        "Remove person from case",
        party_id=party_id,
        delete_orphan_person=delete_orphan_person,
    )


def add_record(case_code: str, entity: str, **values: Any) -> Operation:
    return _op("record.add", f"Add {entity}", case_code=case_code, entity=entity, values=values)


def update_record(entity: str, record_id: int, **values: Any) -> Operation:
    return _op("record.update", f"Edit {entity}", entity=entity, record_id=record_id, values=values)


def delete_record(entity: str, record_id: int) -> Operation:
    return _op("record.delete", f"Delete {entity}", entity=entity, record_id=record_id)


def add_vehicle(case_code: str, vehicle: dict[str, Any], **in_case: Any) -> Operation:
    label = vehicle.get("plate") or vehicle.get("vin") or ""
    return _op(
        "vehicle.add", f"Add vehicle {label}", case_code=case_code, vehicle=vehicle, in_case=in_case
    )


def update_case_vehicle(case_vehicle_id: int, **fields: Any) -> Operation:
    return _op(
        "case_vehicle.update",
        "Edit vehicle in case",
        case_vehicle_id=case_vehicle_id,
        fields=fields,
    )


def update_vehicle(vehicle_id: int, *, case_code: str | None = None, **fields: Any) -> Operation:
    return _op(
        "vehicle.update", "Edit vehicle", vehicle_id=vehicle_id, fields=fields, case_code=case_code
    )


def remove_vehicle(case_vehicle_id: int, *, delete_orphan_vehicle: bool = False) -> Operation:
    return _op(
        "vehicle.remove",
        "Remove vehicle from case",
        case_vehicle_id=case_vehicle_id,
        delete_orphan_vehicle=delete_orphan_vehicle,
    )


def add_measure(case_code: str, person_id: int, kind: str, **fields: Any) -> Operation:
    return add_record(case_code, "measure", person_id=person_id, kind=kind, **fields)


# -- the runner ----------------------------------------------------------------------


class OperationRunner:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._handlers: dict[str, Callable[[Mapping[str, Any]], OpResult[Any]]] = {
            "case.create": self._case_create,
            "case.delete_empty": self._case_delete_empty,
            "case.update": self._case_update,
            "person.add": self._person_add,
            "person.update": self._person_update,
            "party.update": self._party_update,
            "party.remove": self._party_remove,
            "party.restore": self._party_restore,
            "record.add": self._record_add,
            "record.update": self._record_update,
            "record.delete": self._record_delete,
            "record.restore": self._record_restore,
            "vehicle.add": self._vehicle_add,
            "vehicle.update": self._vehicle_update,
            "case_vehicle.update": self._case_vehicle_update,
            "vehicle.remove": self._vehicle_remove,
            "vehicle.restore": self._vehicle_restore,
            "attachment.add": self._attachment_add,
            "attachment.remove": self._attachment_remove,
            "attachment.restore": self._attachment_restore,
        }

    def extend(self, handlers: Mapping[str, Callable[[Mapping[str, Any]], OpResult[Any]]]) -> None:
        """Dispatch more operation names: those of services above ``casefile`` (the link
        chart's saved positions), which this module may not import. Whoever builds the
        runner hands them in (``services.bundle``); a name already taken is a bug."""
        taken = sorted(set(handlers) & set(self._handlers))
        if taken:
            raise ValueError(f"operations already handled: {', '.join(taken)}")
        self._handlers.update(handlers)

    def run(self, op: Operation, *, via: str | None = None) -> OpResult[Any]:
        """Run ``op``; ``via`` ("undo" or "redo") marks its audit entries as an undo or
        redo of an earlier edit, so the trail tells them from edits made by hand."""
        try:
            handler = self._handlers[op.name]
        except KeyError:
            raise ValueError(f"unknown operation {op.name!r}") from None
        if via is None:
            return handler(op.args)
        with marked_as(self.ctx, via):
            return handler(op.args)

    # The inverse of an update is an update back to the values read just before.
    def _before(self, model: type[Any], record_id: int, names: Any, entity: str) -> dict[str, Any]:
        with self.ctx.store.session() as s:
            obj = get(s, model, record_id, entity)
            return {n: getattr(obj, n) for n in names}

    def _case_create(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = CaseService(self.ctx).create(a["code"], a["title"], **a["fields"])
        inverse = _op("case.delete_empty", f"Delete new case {a['code']}", code=a["code"])
        return replace(result, inverse=inverse)

    def _case_delete_empty(self, a: Mapping[str, Any]) -> OpResult[Any]:
        """Undo of "New case": refused once anything was recorded in the case."""
        services = CaseService(self.ctx)
        case = services.get(a["code"])
        fields = {n: getattr(case, n) for n in CASE_FIELDS if n not in ("code", "title")}
        result = services.delete(a["code"], only_if_empty=True)
        return replace(result, inverse=create_case(case.code, case.title, **fields))

    def _case_update(self, a: Mapping[str, Any]) -> OpResult[Any]:
        fields = dict(a["fields"])
        with self.ctx.store.session() as s:
            case = case_by_code(s, a["code"])
            before = {n: getattr(case, n) for n in fields if n in CASE_FIELDS}
        result = CaseService(self.ctx).update(a["code"], **fields)
        return replace(
            result,
            inverse=_op("case.update", f"Edit case {a['code']}", code=a["code"], fields=before),
        )

    def _person_add(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = PersonService(self.ctx).add_to_case(
            a["case_code"], dict(a["person"]), **a["party"]
        )
        ref = result.value
        inverse = remove_party(ref.party_id, delete_orphan_person=not ref.existing_person)
        return replace(result, inverse=replace(inverse, description=_desc(a, "person.add")))

    def _person_update(self, a: Mapping[str, Any]) -> OpResult[Any]:
        fields = dict(a["fields"])
        # birth date and sex follow the ID number, so they are restored with it
        before = self._before(Person, a["person_id"], {*fields, "birth_date", "sex"}, "person")
        code = a.get("case_code")
        result = PersonService(self.ctx).update_person(a["person_id"], case_code=code, **fields)
        return replace(result, inverse=update_person(a["person_id"], case_code=code, **before))

    def _party_update(self, a: Mapping[str, Any]) -> OpResult[Any]:
        fields = dict(a["fields"])
        before = self._before(CaseParty, a["party_id"], fields, "party")
        result = PersonService(self.ctx).update_party(a["party_id"], **fields)
        return replace(result, inverse=update_party(a["party_id"], **before))

    def _party_remove(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = PersonService(self.ctx).remove_from_case(
            a["party_id"], delete_orphan_person=a.get("delete_orphan_person", False)
        )
        inverse = _op("party.restore", "Restore person to case", removed=result.value)
        return replace(result, inverse=inverse)

    def _party_restore(self, a: Mapping[str, Any]) -> OpResult[Any]:
        removed: PartySnapshot = a["removed"]
        result = PersonService(self.ctx).restore_to_case(removed)
        return replace(
            result,
            inverse=remove_party(
                result.value.party_id, delete_orphan_person=removed.person is not None
            ),
        )

    def _record_add(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = RecordService(self.ctx).add(a["case_code"], a["entity"], **a["values"])
        return replace(result, inverse=delete_record(a["entity"], result.value))

    def _record_update(self, a: Mapping[str, Any]) -> OpResult[Any]:
        values = dict(a["values"])
        details = RecordService(self.ctx).details(a["entity"], a["record_id"])
        before = {k: details[k] for k in values if k in details}
        result = RecordService(self.ctx).update(a["entity"], a["record_id"], **values)
        return replace(result, inverse=update_record(a["entity"], a["record_id"], **before))

    def _record_delete(self, a: Mapping[str, Any]) -> OpResult[Any]:
        records = RecordService(self.ctx)
        details = records.details(a["entity"], a["record_id"])
        result = records.delete(a["entity"], a["record_id"])
        inverse = _op(
            "record.restore", f"Restore {a['entity']}", entity=a["entity"], details=details
        )
        return replace(result, inverse=inverse)

    def _record_restore(self, a: Mapping[str, Any]) -> OpResult[Any]:
        details = dict(a["details"])
        result = RecordService(self.ctx).restore(
            details.pop("case_code"),
            a["entity"],
            details,
            participants=details.pop("participants", ()),
            attributions=details.pop("attributed_to", ()),
        )
        return replace(result, inverse=delete_record(a["entity"], result.value))

    def _attachment_add(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = AttachmentService(self.ctx).add(a["case_code"], Path(a["path"]), a.get("text", ""))
        return replace(result, inverse=remove_attachment(result.value))

    def _attachment_remove(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = AttachmentService(self.ctx).remove(a["attachment_id"])
        name = result.value.row.get("filename", "")
        inverse = _op("attachment.restore", f"Restore attachment {name}", removed=result.value)
        return replace(result, inverse=inverse)

    def _attachment_restore(self, a: Mapping[str, Any]) -> OpResult[Any]:
        removed: AttachmentSnapshot = a["removed"]
        result = AttachmentService(self.ctx).restore(removed)
        return replace(result, inverse=remove_attachment(result.value))

    def _vehicle_add(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = VehicleService(self.ctx).add_to_case(
            a["case_code"], dict(a["vehicle"]), **a["in_case"]
        )
        ref = result.value
        return replace(
            result,
            inverse=remove_vehicle(
                ref.case_vehicle_id, delete_orphan_vehicle=not ref.existing_vehicle
            ),
        )

    def _vehicle_update(self, a: Mapping[str, Any]) -> OpResult[Any]:
        fields = dict(a["fields"])
        before = self._before(Vehicle, a["vehicle_id"], fields, "vehicle")
        code = a.get("case_code")
        result = VehicleService(self.ctx).update_vehicle(a["vehicle_id"], case_code=code, **fields)
        return replace(result, inverse=update_vehicle(a["vehicle_id"], case_code=code, **before))

    def _case_vehicle_update(self, a: Mapping[str, Any]) -> OpResult[Any]:
        fields = dict(a["fields"])
        before = self._before(CaseVehicle, a["case_vehicle_id"], fields, "case vehicle")
        result = VehicleService(self.ctx).update_in_case(a["case_vehicle_id"], **fields)
        return replace(result, inverse=update_case_vehicle(a["case_vehicle_id"], **before))

    def _vehicle_remove(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = VehicleService(self.ctx).remove_from_case(
            a["case_vehicle_id"], delete_orphan_vehicle=a.get("delete_orphan_vehicle", False)
        )
        return replace(
            result, inverse=_op("vehicle.restore", "Restore vehicle to case", removed=result.value)
        )

    def _vehicle_restore(self, a: Mapping[str, Any]) -> OpResult[Any]:
        removed: VehicleSnapshot = a["removed"]
        result = VehicleService(self.ctx).restore_to_case(removed)
        return replace(
            result,
            inverse=remove_vehicle(
                result.value.case_vehicle_id, delete_orphan_vehicle=removed.vehicle is not None
            ),
        )


def _desc(a: Mapping[str, Any], name: str) -> str:
    if name == "person.add":
        return f"Remove person {a['person'].get('name', '')}"
    return name


__all__ = [
    "Operation",
    "OperationRunner",
    "add_attachment",
    "add_measure",
    "add_person",
    "add_record",
    "add_vehicle",
    "create_case",
    "delete_record",
    "remove_attachment",
    "remove_party",
    "remove_vehicle",
    "update_case",
    "update_case_vehicle",
    "update_party",
    "update_person",
    "update_record",
    "update_vehicle",
]
