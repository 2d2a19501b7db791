"""Registry edits as Operations, and the runner that turns each into its inverse.

The same pattern as ``casefile.operations`` (a command and its inverse are plain data;
undo runs the inverse through the services, validated and audited), kept apart so the
registry window's own undo stack never mixes with a case file's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from workbench.services.core.changes import Operation, OpResult
from workbench.services.core.context import Context
from workbench.services.core.unit_of_work import marked_as
from workbench.services.registry.entries import RegistryService, RemovedDecision, RemovedFinding


def _op(name: str, description: str, **args: Any) -> Operation:
    return Operation(name, MappingProxyType(args), description)


def add_finding(
    *, person_id: int | None = None, person: Mapping[str, Any] | None = None, **values: Any
) -> Operation:
    who = (person or {}).get("name") or (person or {}).get("id_number") or ""
    return _op(
        "registry.finding.add",
        f"Add finding {who}".strip(),
        person_id=person_id,
        person=dict(person) if person is not None else None,
        values=values,
    )


def update_finding(finding_id: int, **values: Any) -> Operation:
    return _op("registry.finding.update", "Edit finding", finding_id=finding_id, values=values)


def delete_finding(finding_id: int, *, delete_orphan_person: bool = False) -> Operation:
    return _op(
        "registry.finding.delete",
        "Delete finding",
        finding_id=finding_id,
        delete_orphan_person=delete_orphan_person,
    )


def add_decision(person_id: int, **values: Any) -> Operation:
    return _op("registry.decision.add", "Add decision", person_id=person_id, values=values)


def update_decision(decision_id: int, **values: Any) -> Operation:
    return _op("registry.decision.update", "Edit decision", decision_id=decision_id, values=values)


def delete_decision(decision_id: int) -> Operation:
    return _op("registry.decision.delete", "Delete decision", decision_id=decision_id)


def add_handover(decision_id: int, **values: Any) -> Operation:
    return _op("registry.handover.add", "Add hand-over", decision_id=decision_id, values=values)


def delete_handover(handover_id: int) -> Operation:
    return _op("registry.handover.delete", "Delete hand-over", handover_id=handover_id)


class RegistryOperationRunner:
    """``run(op)`` for the registry's operations; the result carries the inverse."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.service = RegistryService(ctx)
        self._handlers: dict[str, Callable[[Mapping[str, Any]], OpResult[Any]]] = {
            "registry.finding.add": self._finding_add,
            "registry.finding.update": self._finding_update,
            "registry.finding.delete": self._finding_delete,
            "registry.finding.restore": self._finding_restore,
            "registry.decision.add": self._decision_add,
            "registry.decision.update": self._decision_update,
            "registry.decision.delete": self._decision_delete,
            "registry.decision.restore": self._decision_restore,
            "registry.handover.add": self._handover_add,
            "registry.handover.delete": self._handover_delete,
            "registry.handover.restore": self._handover_restore,
        }

    def run(self, op: Operation, *, via: str | None = None) -> OpResult[Any]:
        """``via`` ("undo" or "redo") marks the audit entries as the case runner's do."""
        try:
            handler = self._handlers[op.name]
        except KeyError:
            raise ValueError(f"unknown operation {op.name!r}") from None
        if via is None:
            return handler(op.args)
        with marked_as(self.ctx, via):
            return handler(op.args)

    def _finding_add(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = self.service.add_finding(
            person_id=a.get("person_id"), person=a.get("person"), **a["values"]
        )
        ref = result.value
        return replace(
            result, inverse=delete_finding(ref.finding_id, delete_orphan_person=ref.new_person)
        )

    def _finding_update(self, a: Mapping[str, Any]) -> OpResult[Any]:
        values = dict(a["values"])
        current = self.service.finding_values(a["finding_id"])
        before = {k: current[k] for k in values if k in current}
        result = self.service.update_finding(a["finding_id"], **values)
        return replace(result, inverse=update_finding(a["finding_id"], **before))

    def _finding_delete(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = self.service.delete_finding(
            a["finding_id"], delete_orphan_person=a.get("delete_orphan_person", False)
        )
        inverse = _op("registry.finding.restore", "Restore finding", removed=result.value)
        return replace(result, inverse=inverse)

    def _finding_restore(self, a: Mapping[str, Any]) -> OpResult[Any]:
        removed: RemovedFinding = a["removed"]
        result = self.service.restore_finding(removed)
        return replace(
            result,
            inverse=delete_finding(
                result.value.finding_id, delete_orphan_person=removed.person is not None
            ),
        )

    def _decision_add(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = self.service.add_decision(a["person_id"], **a["values"])
        return replace(result, inverse=delete_decision(result.value))

    def _decision_update(self, a: Mapping[str, Any]) -> OpResult[Any]:
        values = dict(a["values"])
        current = self.service.decision_values(a["decision_id"])
        names = set(values) | {"starts_on", "end_reason"}  # follow other fields when unset
        before = {k: current[k] for k in names if k in current}
        result = self.service.update_decision(a["decision_id"], **values)
        return replace(result, inverse=update_decision(a["decision_id"], **before))

    def _decision_delete(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = self.service.delete_decision(a["decision_id"])
        inverse = _op("registry.decision.restore", "Restore decision", removed=result.value)
        return replace(result, inverse=inverse)

    def _decision_restore(self, a: Mapping[str, Any]) -> OpResult[Any]:
        removed: RemovedDecision = a["removed"]
        result = self.service.restore_decision(removed)
        return replace(result, inverse=delete_decision(result.value))

    def _handover_add(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = self.service.add_handover(a["decision_id"], **a["values"])
        return replace(result, inverse=delete_handover(result.value))

    def _handover_delete(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = self.service.delete_handover(a["handover_id"])
        inverse = _op("registry.handover.restore", "Restore hand-over", removed=result.value)
        return replace(result, inverse=inverse)

    def _handover_restore(self, a: Mapping[str, Any]) -> OpResult[Any]:
        result = self.service.restore_handover(a["removed"])
        return replace(result, inverse=delete_handover(result.value))
