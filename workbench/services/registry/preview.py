"""What a registry form shows while the user types: the services' own checks on the
values as entered (against the person's finding and other terms), nothing written."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from workbench.domain.profile import load_profile
from workbench.models import DrugUseFinding, Person, RehabDecision
from workbench.services.casefile.preview import Preview
from workbench.services.casefile.validation import Checked, check_person
from workbench.services.core.context import Context
from workbench.services.registry.checks import (
    DEFAULT_ZONE,
    OtherIsolation,
    check_decision,
    check_finding,
    local_day,
)
from workbench.services.registry.entries import RegistryService


class RegistryPreview:
    """Checks for one form: ``person_id`` (whose record), ``decision_id`` (the decision
    being edited, or the one a hand-over belongs to)."""

    def __init__(
        self,
        ctx: Context,
        *,
        person_id: int | None = None,
        decision_id: int | None = None,
        editing: bool = False,
        zone: str = DEFAULT_ZONE,
    ) -> None:
        self.ctx = ctx
        self.person_id = person_id
        self.decision_id = decision_id
        self.editing = editing
        self.zone = zone
        self.rule = load_profile().rehab

    def check(self, entity: str, values: Mapping[str, Any]) -> Preview:
        if entity == "person":  # a finding of someone not yet on file
            checked = check_person(values, today=local_day(self.ctx.clock(), self.zone))
            if not str(values.get("id_number") or "").strip():
                checked.error("id_number", "is required", "field.required")
        elif entity == "finding":
            checked = self._finding(values)
        elif entity == "decision":
            checked = self._decision(values)
        elif entity == "handover":
            checked = self._handover(values)
        else:
            raise ValueError(f"no checks for {entity!r}")
        derived = {k: v for k, v in checked.values.items() if k not in values or values[k] != v}
        return Preview(list(checked.errors), list(checked.warnings), derived)

    def _finding(self, values: Mapping[str, Any]) -> Checked:
        born = None
        if self.person_id is not None:
            with self.ctx.store.session() as s:
                person = s.get(Person, self.person_id)
                born = None if person is None else person.birth_date
        return check_finding(values, now=self.ctx.clock(), born=born, zone=self.zone)

    def _decision(self, values: Mapping[str, Any]) -> Checked:
        with self.ctx.store.session() as s:
            found_on = None
            finding = s.get(DrugUseFinding, values.get("finding_id") or 0)
            if finding is not None:
                found_on = local_day(finding.found_at, self.zone)
            own = self.decision_id if self.editing else None
            others = [
                OtherIsolation(d.id, d.starts_on, d.ended_on or d.planned_end_on)
                for d in s.scalars(
                    select(RehabDecision).where(
                        RehabDecision.person_id == (self.person_id or 0),
                        RehabDecision.kind == "compulsory_isolation",
                    )
                )
                if d.id != own
            ]
        return check_decision(
            values,
            found_on=found_on,
            today=local_day(self.ctx.clock(), self.zone),
            rule=self.rule,
            isolations=others,
        )

    def _handover(self, values: Mapping[str, Any]) -> Checked:
        service = RegistryService(self.ctx, self.zone)
        with self.ctx.store.session() as s:
            decision = s.get(RehabDecision, self.decision_id or 0)
            if decision is None:
                checked = Checked(dict(values))
                checked.error("decision_id", "no such decision")
                return checked
            result: Checked = service.check_handover_for(s, decision, values)
            return result
