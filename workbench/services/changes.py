"""What an operation changed, so views refresh from one place (as Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from workbench.services.operations import Operation

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    entities: frozenset[str] = frozenset()  # vocab.ENTITY_KINDS keys touched
    cases: frozenset[str] = frozenset()  # case codes touched

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.entities | other.entities, self.cases | other.cases)

    def touches(self, entity: str) -> bool:
        return entity in self.entities


@dataclass(frozen=True)
class OpResult[T]:
    """The value an operation produced, what it changed, and warnings to show.

    ``inverse`` (set by the OperationRunner) is the operation that undoes this one.
    """

    value: T
    changes: Changes
    warnings: tuple[str, ...] = field(default=())
    inverse: Operation | None = None
