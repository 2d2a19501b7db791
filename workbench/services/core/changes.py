"""Changes as data: an Operation, what it changed, and its result (as Anki's OpChanges).

Views refresh from one place (``Changes``); undo holds ``Operation`` values. The runner
that dispatches an Operation to its service is ``casefile.operations``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Operation:
    name: str
    args: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    description: str = ""


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
