"""Failures a service reports; each names what is wrong and where."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str
    code: str = ""

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ServiceError(Exception):
    exit_code = 1


class InputRejected(ServiceError):
    """Validation failed; nothing was written."""

    exit_code = 5

    def __init__(self, entity: str, errors: Sequence[FieldError]) -> None:
        self.entity = entity
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.entity}: " + "; ".join(str(e) for e in self.errors)


class NotFound(ServiceError):
    exit_code = 5


class AuthenticationFailed(ServiceError):
    exit_code = 3


class PermissionDenied(ServiceError):
    exit_code = 6
