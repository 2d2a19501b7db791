"""Validation without writing: what a form shows while the user types."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.services.casefile.validation import (
    Checked,
    check_asset,
    check_case,
    check_custody,
    check_event,
    check_link,
    check_location,
    check_measure,
    check_member,
    check_party,
    check_person,
    check_seizure,
    check_vehicle,
)
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError


@dataclass(frozen=True)
class Preview:
    errors: list[FieldError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    derived: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_for(self, name: str) -> str | None:
        return next((e.message for e in self.errors if e.field == name), None)


class ValidationPreview:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def check(self, entity: str, values: Mapping[str, Any]) -> Preview:
        """The same checks the services run on save, on the values as entered."""
        checkers: dict[str, Callable[[Mapping[str, Any]], Checked]] = {
            "case": check_case,
            "member": check_member,
            "person": lambda v: check_person(v, today=self.ctx.clock().date()),
            "party": check_party,
            "measure": lambda v: check_measure(v, complete=v),
            "vehicle": check_vehicle,
            "seizure": lambda v: check_seizure(v, complete=v, propose=True),
            "asset": check_asset,
            "location": check_location,
            "event": check_event,
            "link": check_link,
            "custody": check_custody,
        }
        if entity not in checkers:
            raise ValueError(f"no checks for {entity!r}")
        checked = checkers[entity](values)
        derived = {k: v for k, v in checked.values.items() if k not in values or values[k] != v}
        return Preview(list(checked.errors), list(checked.warnings), derived)
