"""Failures a service reports; each names what is wrong and where."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field


@dataclass(frozen=True)
class FieldError:
    """``message`` is the English particulars; ``code`` and ``params`` (values in model
    units: mg, fen, basis points, ISO dates) let a window say it in the user's language."""

    field: str
    message: str
    code: str = ""
    params: Mapping[str, object] = dataclass_field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class FieldWarning(str):
    """A warning that reads as plain English ("field: message") wherever text is enough,
    and carries a stable code and its values so a window can say it in the user's
    language, with weights in grams."""

    field: str
    code: str
    params: dict[str, object]

    def __new__(cls, field: str, message: str, code: str, **params: object) -> FieldWarning:
        warning = super().__new__(cls, f"{field}: {message}")
        warning.field, warning.code, warning.params = field, code, dict(params)
        return warning


class ServiceError(Exception):
    exit_code = 1

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` ("zh_CN" or "en") where the error has one; else the
        English (a subclass with coded reasons overrides this)."""
        return str(self)


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
